/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Shared by the libFuzzer targets: turns fuzz input into what the receive
 * path hands a parser — an aligned netlink message whose nlmsg_len never
 * claims more than the bytes received (recv_once checks NLMSG_OK first).
 */
#ifndef XFRMIF_FUZZ_COMMON_H
#define XFRMIF_FUZZ_COMMON_H

#include <linux/netlink.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Returns a malloc'd copy (caller frees) or NULL when too short. The
 * exact-size allocation lets AddressSanitizer catch a read past the end. */
static inline struct nlmsghdr *fuzz_msg(const uint8_t *data, size_t size,
					uint16_t type)
{
	struct nlmsghdr *nlh;

	if (size < NLMSG_HDRLEN)
		return NULL;
	nlh = malloc(size);
	if (!nlh)
		return NULL;
	memcpy(nlh, data, size);
	if (nlh->nlmsg_len > size || nlh->nlmsg_len < NLMSG_HDRLEN)
		nlh->nlmsg_len = (uint32_t)size;
	if (type)
		nlh->nlmsg_type = type;
	return nlh;
}

#endif
