/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Undo requests derived from the add they take back. Stop-and-undo needs,
 * for an applied SA or policy add, the delete that finds that very object;
 * everything the delete needs is in the add message the batch keeps anyway
 * (the SA's id, the policy's selector and direction, and the key
 * attributes). Building the delete only when an undo happens keeps a
 * second message build, allocation and copy off every queued item.
 */
#include <string.h>

#include <linux/xfrm.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "batch_engine.h"

/* Copies the attributes of the given types from @add (after its fixed
 * header of @hdrlen bytes) to @msg. */
static int copy_attrs(struct nl_msg *msg, const struct nlmsghdr *add,
		      int hdrlen, const int *types, size_t ntypes)
{
	const struct nlattr *a;
	int rem;

	nla_for_each_attr(a, nlmsg_attrdata(add, hdrlen),
			  nlmsg_attrlen(add, hdrlen), rem) {
		for (size_t t = 0; t < ntypes; t++) {
			if (nla_type(a) != types[t])
				continue;
			if (nla_put(msg, nla_type(a), nla_len(a), nla_data(a)))
				return -ENOMEM;
		}
	}
	return 0;
}

int xfrmif__batch_undo_build(const struct nlmsghdr *add, struct nl_msg **out)
{
	/* The attributes xfrmif__policy_build_key() and
	 * xfrmif__sa_build_id() put into their deletes. */
	static const int pol_keys[] = { XFRMA_MARK, XFRMA_IF_ID,
					XFRMA_POLICY_TYPE };
	static const int sa_keys[] = { XFRMA_MARK };
	struct nl_msg *msg;
	int r;

	*out = NULL;
	if (add->nlmsg_type == XFRM_MSG_NEWPOLICY &&
	    add->nlmsg_len >= NLMSG_LENGTH(sizeof(struct xfrm_userpolicy_info))) {
		const struct xfrm_userpolicy_info *info = NLMSG_DATA(add);
		struct xfrm_userpolicy_id id;

		memset(&id, 0, sizeof(id));
		id.sel = info->sel;
		id.dir = info->dir;
		msg = xfrmif__msg_new(XFRM_MSG_DELPOLICY, 0, sizeof(id) + 64);
		if (!msg)
			return -ENOMEM;
		r = nlmsg_append(msg, &id, sizeof(id), NLMSG_ALIGNTO);
		if (!r)
			r = copy_attrs(msg, add, sizeof(*info), pol_keys,
				       sizeof(pol_keys) / sizeof(pol_keys[0]));
	} else if (add->nlmsg_type == XFRM_MSG_NEWSA &&
		   add->nlmsg_len >= NLMSG_LENGTH(sizeof(struct xfrm_usersa_info))) {
		const struct xfrm_usersa_info *info = NLMSG_DATA(add);
		struct xfrm_usersa_id id;

		memset(&id, 0, sizeof(id));
		id.daddr = info->id.daddr;
		id.spi = info->id.spi;
		id.family = info->family;
		id.proto = info->id.proto;
		msg = xfrmif__msg_new(XFRM_MSG_DELSA, 0, sizeof(id) + 64);
		if (!msg)
			return -ENOMEM;
		r = nlmsg_append(msg, &id, sizeof(id), NLMSG_ALIGNTO);
		if (!r)
			r = copy_attrs(msg, add, sizeof(*info), sa_keys,
				       sizeof(sa_keys) / sizeof(sa_keys[0]));
	} else {
		return -EOPNOTSUPP;
	}
	if (r) {
		xfrmif__msg_free(msg);
		return -ENOMEM;
	}
	*out = msg;
	return 0;
}
