/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The xfrmif_link object, shared by link*.c (and later tunnel.c). */
#ifndef LIBXFRMIF_LINK_PRIV_H
#define LIBXFRMIF_LINK_PRIV_H

#include <net/if.h>
#include <netinet/in.h>

#include "addr.h"
#include "internal.h"

/* xfrmif_link.set: which fields hold a value. */
enum {
	LINK_F_NAME = 1u << 0,
	LINK_F_KIND = 1u << 1,
	LINK_F_IFINDEX = 1u << 2,
	LINK_F_UP = 1u << 3,
	LINK_F_FLAGS = 1u << 4, /* read from the kernel */
	LINK_F_MTU = 1u << 5,
	LINK_F_DEV_NAME = 1u << 6,
	LINK_F_DEV_INDEX = 1u << 7,
	LINK_F_IF_ID = 1u << 8,
	LINK_F_EXTERNAL = 1u << 9,
	LINK_F_LOCAL = 1u << 10,
	LINK_F_REMOTE = 1u << 11,
	LINK_F_IKEY = 1u << 12,
	LINK_F_OKEY = 1u << 13,
	LINK_F_FWMARK = 1u << 14,
	LINK_F_NETNSID = 1u << 15,
	LINK_F_DP4 = 1u << 16,
	LINK_F_DP6 = 1u << 17,
	LINK_F_GROUP = 1u << 18,
};

/* The fields that travel in IFLA_INFO_DATA. */
#define LINK_F_KIND_DATA                                                       \
	(LINK_F_DEV_NAME | LINK_F_DEV_INDEX | LINK_F_IF_ID | LINK_F_EXTERNAL | \
	 LINK_F_LOCAL | LINK_F_REMOTE | LINK_F_IKEY | LINK_F_OKEY |            \
	 LINK_F_FWMARK)

struct xfrmif_link {
	uint32_t set; /* LINK_F_* */
	uint32_t kind;
	char kind_name[24]; /* IFLA_INFO_KIND as the kernel said it */
	char name[IFNAMSIZ];
	uint32_t ifindex;
	uint32_t flags; /* ifi_flags */
	bool up;
	uint32_t mtu;
	char dev_name[IFNAMSIZ];
	uint32_t dev_index;
	uint32_t if_id;
	bool external;
	int local_family, remote_family;
	struct in6_addr local, remote; /* 4 or 16 bytes used */
	uint32_t ikey, okey; /* host byte order */
	uint32_t fwmark;
	int32_t netnsid;
	bool dp4, dp6; /* disable_policy */
	uint32_t group; /* IFLA_GROUP: the link group (0 is the default) */
	struct xfrmif__argerr argerr;
};

/* Address family the kind's tunnel addresses must have (0 for xfrm). */
int xfrmif__link_kind_family(uint32_t kind);

/* Sends one built message (from a builder that returned `built`) and
 * waits; a failed build becomes -ENOMEM with `what` in the errmsg. */
int xfrmif__link_send(xfrmif_ctx *ctx, struct nl_msg *msg, int built,
		      const char *what, xfrmif__reply_fn fn, void *arg,
		      uint32_t flags);

/* Turns the underlying device's name into its index, and checks an index,
 * in the namespace of `where` (errors reported on ctx). Works on the
 * caller's copy `l`. */
int xfrmif__link_resolve_dev(xfrmif_ctx *ctx, xfrmif_ctx *where,
			     xfrmif_link *l, const char *what);

#endif
