/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The policy and template objects, shared by policy*.c, tmpl.c and spd.c. */
#ifndef LIBXFRMIF_POLICY_INT_H
#define LIBXFRMIF_POLICY_INT_H

#include <linux/xfrm.h>

#include "addr.h"

/* xfrmif_tmpl.isset */
enum {
	TMPL_SRC = 1u << 0,
	TMPL_DST = 1u << 1,
};

struct xfrmif_tmpl {
	/* Kept in the kernel's layout: the builder copies it as it is. SPI
	 * in network order, as the kernel wants it. */
	struct xfrm_user_tmpl t;
	uint32_t isset;
	struct xfrmif__argerr argerr;
};

/* xfrmif_policy.isset */
enum {
	POL_SRC = 1u << 0,
	POL_DST = 1u << 1,
	POL_PROTO = 1u << 2,
	POL_SPORT = 1u << 3,
	POL_DPORT = 1u << 4,
	POL_ICMP = 1u << 5,
	POL_DIR = 1u << 6,
	POL_INDEX = 1u << 7,
	POL_IF_ID = 1u << 8,
	POL_MARK = 1u << 9,
};

struct xfrmif_policy {
	/* Selector, lifetimes, priority, index, dir, action, flags: in the
	 * kernel's layout so that the builder sends it unchanged. */
	struct xfrm_userpolicy_info info;
	struct xfrm_mark mark;
	uint32_t if_id;
	uint8_t type;
	uint32_t isset;
	unsigned int ntmpl;
	struct xfrmif_tmpl tmpl[XFRMIF_POLICY_MAX_TMPLS];
	struct xfrmif__argerr argerr;
};

/* Resets @p to what xfrmif_policy_new() returns. */
void xfrmif__policy_init(xfrmif_policy *p);
void xfrmif__tmpl_init(xfrmif_tmpl *t);

/* Checks a whole policy before it is sent (add/update): setter complaints,
 * selector, direction, index, templates. */
int xfrmif__policy_validate(xfrmif_ctx *ctx, const xfrmif_policy *p,
			    const char *what);

/* Room an add/update message needs at most (every template): a message of
 * xfrmif__msg_new(..., XFRMIF__POLICY_ADD_MAX) holds any policy. */
#define XFRMIF__POLICY_ADD_MAX                                                 \
	(sizeof(struct xfrm_userpolicy_info) + NLA_HDRLEN +                    \
	 XFRMIF_POLICY_MAX_TMPLS * sizeof(struct xfrm_user_tmpl) + 64)

/* As xfrmif__policy_build_add(), but into @msg (emptied first with
 * xfrmif__msg_reset(); at least XFRMIF__POLICY_ADD_MAX of room), which the
 * caller keeps: for the batch, which copies each message at once. */
int xfrmif__policy_build_add_into(xfrmif_ctx *ctx, const xfrmif_policy *p,
				  bool update, struct nl_msg *msg);

#endif
