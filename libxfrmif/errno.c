/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libnl reports its own failures as NLE_* codes, which lose the kernel's
 * errno. The kernel's answers never pass through here (request.c decodes
 * them itself); this table maps the few libnl calls we make.
 */
#include <netlink/errno.h>

#include "internal.h"

static const struct {
	int nle;
	int err;
} nle_map[] = {
	{ NLE_SUCCESS, 0 },
	{ NLE_INTR, EINTR },
	{ NLE_BAD_SOCK, EBADF },
	{ NLE_AGAIN, EAGAIN },
	{ NLE_NOMEM, ENOMEM },
	{ NLE_EXIST, EEXIST },
	{ NLE_INVAL, EINVAL },
	{ NLE_RANGE, ERANGE },
	{ NLE_MSGSIZE, EMSGSIZE },
	{ NLE_OPNOTSUPP, EOPNOTSUPP },
	{ NLE_AF_NOSUPPORT, EAFNOSUPPORT },
	{ NLE_OBJ_NOTFOUND, ENOENT },
	{ NLE_NOATTR, ENODATA },
	{ NLE_MISSING_ATTR, EINVAL },
	{ NLE_AF_MISMATCH, EINVAL },
	{ NLE_SEQ_MISMATCH, EBADMSG },
	{ NLE_MSG_OVERFLOW, EOVERFLOW },
	{ NLE_MSG_TRUNC, EMSGSIZE },
	{ NLE_NOADDR, EADDRNOTAVAIL },
	{ NLE_SRCRT_NOSUPPORT, EOPNOTSUPP },
	{ NLE_MSG_TOOSHORT, EBADMSG },
	{ NLE_MSGTYPE_NOSUPPORT, EOPNOTSUPP },
	{ NLE_OBJ_MISMATCH, EINVAL },
	{ NLE_NOCACHE, ENOENT },
	{ NLE_BUSY, EBUSY },
	{ NLE_PROTO_MISMATCH, EPROTONOSUPPORT },
	{ NLE_NOACCESS, EACCES },
	{ NLE_PERM, EPERM },
	{ NLE_PKTLOC_FILE, ENOENT },
	{ NLE_PARSE_ERR, EINVAL },
	{ NLE_NODEV, ENODEV },
	{ NLE_IMMUTABLE, EPERM },
	{ NLE_DUMP_INTR, EAGAIN },
	{ NLE_ATTRSIZE, ERANGE },
};

int xfrmif__nle_to_errno(int nle)
{
	if (nle < 0)
		nle = -nle;
	for (size_t i = 0; i < XFRMIF_ARRAY_SIZE(nle_map); i++)
		if (nle_map[i].nle == nle)
			return -nle_map[i].err;
	return -EIO;
}
