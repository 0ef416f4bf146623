/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The xfrmif_tunnel object, shared by tunnel*.c and white-box tests. */
#ifndef LIBXFRMIF_TUNNEL_PRIV_H
#define LIBXFRMIF_TUNNEL_PRIV_H

#include <linux/limits.h>
#include <net/if.h>

#include <libxfrmif/tunnel.h>

#include "addr.h"
#include "internal.h"

/* xfrmif_tunnel.set */
enum {
	TUN_F_NAME = 1u << 0,
	TUN_F_KIND = 1u << 1,
	TUN_F_IF_ID = 1u << 2,
	TUN_F_IKEY = 1u << 3,
	TUN_F_OKEY = 1u << 4,
	TUN_F_LOCAL = 1u << 5,
	TUN_F_REMOTE = 1u << 6,
	TUN_F_DEV = 1u << 7,
	TUN_F_REQID = 1u << 8,
	TUN_F_LINK_NETNS = 1u << 9,
	TUN_F_KERNEL = 1u << 10, /* read back: link and policies are valid */
};

/* One prefix: a selector, an address or a route. */
struct xfrmif__pfx {
	int family;
	xfrm_address_t addr;
	uint8_t len;
};

struct xfrmif__pfx_list {
	unsigned int n;
	struct xfrmif__pfx v[XFRMIF_TUNNEL_MAX_ITEMS];
};

struct xfrmif_tunnel {
	uint32_t set; /* TUN_F_* */
	char name[IFNAMSIZ];
	uint32_t kind;
	uint32_t if_id, ikey, okey, reqid;
	uint8_t mode;
	int family; /* of local and remote */
	xfrm_address_t local, remote;
	char dev[IFNAMSIZ];
	char link_netns[PATH_MAX];
	xfrmif_sa *sa[2]; /* [enum xfrmif_tunnel_dir], NULL when unset */
	struct xfrmif__pfx_list ts[2]; /* [enum xfrmif_tunnel_side] */
	struct xfrmif__pfx_list addrs, routes;
	/* Read back from the kernel (TUN_F_KERNEL). */
	xfrmif_link *link;
	unsigned int npol;
	xfrmif_policy **pol;
	struct xfrmif__argerr argerr;
	/* White-box tests: make step N (from 1) of up() fail with -EIO
	 * before it runs, to check the rollback; 0 = never. */
	unsigned int fail_at;
};

/* The reqid used: the one set, else the if_id (xfrm) or okey (vti). */
uint32_t xfrmif__tunnel_reqid(const xfrmif_tunnel *t);

/* Checks what up/rekey/down need; `full` for up (SAs, name, ...).
 * The errmsg names the field and starts with `what`. */
int xfrmif__tunnel_validate(xfrmif_ctx *ctx, const xfrmif_tunnel *t,
			    bool full, const char *what);

/* A context in the tunnel's link namespace (a new reference to ctx when it
 * has none). */
int xfrmif__tunnel_link_ctx(xfrmif_ctx *ctx, const xfrmif_tunnel *t,
			    xfrmif_ctx **out);

/* The SA of direction dir completed from the tunnel (addresses, proto,
 * mode, reqid, if_id or mark), from `params` (NULL: the tunnel's own). */
int xfrmif__tunnel_make_sa(const xfrmif_tunnel *t, int dir,
			   const xfrmif_sa *params, xfrmif_sa **out);

/* Whether a kernel SA belongs to the tunnel, and in which direction:
 * XFRMIF_TUNNEL_OUT/IN, or -1. */
int xfrmif__tunnel_sa_dir(const xfrmif_tunnel *t, const xfrmif_sa *sa);

/* The policy filter that finds the tunnel's policies of direction dir
 * (if_id for xfrm, the mark for vti). */
void xfrmif__tunnel_pol_filter(const xfrmif_tunnel *t, int dir,
			       struct xfrmif_policy_filter *f);

/* Collects copies of the tunnel's SAs of direction dir (-1: both) from the
 * kernel. any_addr: for xfrm tunnels the if_id alone decides (for down,
 * when the addresses may be unknown). Free with xfrmif__tunnel_sas_free. */
int xfrmif__tunnel_find_sas(xfrmif_ctx *ctx, const xfrmif_tunnel *t, int dir,
			    bool any_addr, xfrmif_sa ***out, unsigned int *n);
void xfrmif__tunnel_sas_free(xfrmif_sa **v, unsigned int n);

/* RTM_NEWROUTE (CREATE|EXCL) or RTM_DELROUTE of a prefix through ifindex
 * in the main table. */
int xfrmif__route_build(int type, uint32_t ifindex, int family,
			const void *addr, uint8_t prefixlen,
			struct nl_msg **out);

#endif
