/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Link groups: tag interfaces with IFLA_GROUP so that a whole group can be
 * deleted in one RTM_DELLINK. Deleting interfaces one at a time costs the
 * kernel a full unregister (with its RCU grace periods) per interface; a
 * group delete unregisters them all together.
 */
#include "link_priv.h"

XFRMIF_EXPORT int xfrmif_link_set_group(xfrmif_link *link, uint32_t group)
{
	if (!link)
		return -EINVAL;
	link->group = group;
	link->set |= LINK_F_GROUP;
	return 0;
}

XFRMIF_EXPORT int xfrmif_link_get_group(const xfrmif_link *link,
					uint32_t *group)
{
	return XFRMIF__GET(link, set, LINK_F_GROUP, link->group, group);
}

XFRMIF_EXPORT int xfrmif_link_del_group(xfrmif_ctx *ctx, uint32_t group)
{
	struct nl_msg *msg;
	int r;

	if (!ctx)
		return -EINVAL;
	/* Group 0 holds every interface nobody tagged (lo among them). */
	if (!group)
		return xfrmif__err(ctx, -EINVAL, "link del group: group: 0 is "
				   "the default group of every interface");
	r = xfrmif__link_build_del_group(group, &msg);
	r = xfrmif__link_send(ctx, msg, r, "link del group", NULL, NULL, 0);
	if (r == -ENODEV)
		return xfrmif__err(ctx, r, "link del group: no interface in "
				   "group %u", group);
	if (r == -EOPNOTSUPP)
		return xfrmif__err(ctx, r, "link del group: group %u holds an "
				   "interface that cannot be deleted (nothing "
				   "was deleted)", group);
	return r;
}
