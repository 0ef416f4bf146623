/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrmif: whole route-based tunnels in one call.
 *
 * A tunnel is an interface plus the two SAs and the in/out/fwd policies
 * that route-based IPsec needs, tied together the way the kernel wants:
 *
 * - xfrm interfaces (XFRMIF_LINK_KIND_XFRM): the same if_id goes on the
 *   interface, on both SAs and on every policy.
 * - VTIs (XFRMIF_LINK_KIND_VTI for IPv4 outer addresses, _VTI6 for IPv6):
 *   the interface's okey is the mark of the outbound SA and the outbound
 *   policy, its ikey the mark of the inbound and forward policies (the
 *   inbound SA carries no mark); the interface's local/remote addresses are
 *   the SAs' addresses, and disable_policy is set on the interface.
 *
 * Policies carry one template (ESP, the tunnel's mode, its outer addresses
 * and its reqid). Without traffic selectors the tunnel installs one wildcard
 * policy set per inner family (0.0.0.0/0 and ::/0), so both IPv4 and IPv6
 * can travel inside; routes decide what enters the interface.
 *
 * An xfrmif_tunnel is a value object: fill it with setters and hand it to
 * xfrmif_tunnel_up(); xfrmif_tunnel_get() and _list() hand back the same
 * type, read from the kernel.
 *
 * Threading: a context and the objects used with it belong to one thread at
 * a time; give each thread its own context.
 */
#ifndef LIBXFRMIF_TUNNEL_H
#define LIBXFRMIF_TUNNEL_H

#include <libxfrmif/common.h>
#include <libxfrmif/link.h>
#include <libxfrmif/policy.h>
#include <libxfrmif/sa.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xfrmif_tunnel xfrmif_tunnel;

/* Which SA: outbound (local to remote) or inbound (remote to local). */
enum xfrmif_tunnel_dir {
	XFRMIF_TUNNEL_OUT = 0,
	XFRMIF_TUNNEL_IN = 1,
};

/* Which traffic selector list: ours (local) or the peer's (remote). */
enum xfrmif_tunnel_side {
	XFRMIF_TUNNEL_LOCAL = 0,
	XFRMIF_TUNNEL_REMOTE = 1,
};

/* At most this many entries per list (selectors per side, addresses,
 * routes). */
#define XFRMIF_TUNNEL_MAX_ITEMS 16

/*
 * xfrmif_tunnel_new - an empty description: no field set, mode tunnel.
 * Returns 0, -EINVAL (NULL @ret) or -ENOMEM.
 * Since: 1.0
 */
int xfrmif_tunnel_new(xfrmif_tunnel **ret);

/*
 * xfrmif_tunnel_free - wipe (the SAs' keys) and free. NULL-safe.
 * Since: 1.0
 */
void xfrmif_tunnel_free(xfrmif_tunnel *t);

/*
 * xfrmif_tunnel_dup - a copy of @src, keys included. Returns 0, -EINVAL or
 * -ENOMEM.
 * Since: 1.0
 */
int xfrmif_tunnel_dup(xfrmif_tunnel **ret, const xfrmif_tunnel *src);

/* For __attribute__((cleanup(xfrmif_tunnel_freep))). Since: 1.0 */
static inline void xfrmif_tunnel_freep(xfrmif_tunnel **t)
{
	if (t)
		xfrmif_tunnel_free(*t);
}

/* ---- fields ----
 * Setters return 0 or -EINVAL; a rejected value is remembered and named in
 * the errmsg of the call that later uses the tunnel. Getters return 0,
 * -EINVAL (NULL argument) or -ENODATA when the field is not set. */

/* xfrmif_tunnel_set_name - the interface name (rules as for
 * xfrmif_link_set_name). The getter returns NULL when unset. Since: 1.0 */
int xfrmif_tunnel_set_name(xfrmif_tunnel *t, const char *name);
const char *xfrmif_tunnel_get_name(const xfrmif_tunnel *t);

/* xfrmif_tunnel_set_kind - XFRMIF_LINK_KIND_XFRM, _VTI or _VTI6.
 * Since: 1.0 */
int xfrmif_tunnel_set_kind(xfrmif_tunnel *t, uint32_t kind);
int xfrmif_tunnel_get_kind(const xfrmif_tunnel *t, uint32_t *kind);

/* xfrmif_tunnel_set_if_id - (xfrm) the if_id of the interface, the SAs and
 * the policies; 0 is refused. Since: 1.0 */
int xfrmif_tunnel_set_if_id(xfrmif_tunnel *t, uint32_t if_id);
int xfrmif_tunnel_get_if_id(const xfrmif_tunnel *t, uint32_t *if_id);

/*
 * xfrmif_tunnel_set_ikey, _set_okey, _set_key - (vti, vti6) the input and
 * output keys, which become the marks (mask 0xffffffff); _set_key sets both.
 * 0 is refused: a mark of 0 would also match unmarked traffic.
 * Since: 1.0
 */
int xfrmif_tunnel_set_ikey(xfrmif_tunnel *t, uint32_t key);
int xfrmif_tunnel_get_ikey(const xfrmif_tunnel *t, uint32_t *key);
int xfrmif_tunnel_set_okey(xfrmif_tunnel *t, uint32_t key);
int xfrmif_tunnel_get_okey(const xfrmif_tunnel *t, uint32_t *key);
int xfrmif_tunnel_set_key(xfrmif_tunnel *t, uint32_t key);

/*
 * xfrmif_tunnel_set_local, _set_remote - the outer addresses (@family
 * AF_INET or AF_INET6, @addr a struct in_addr or in6_addr); both of one
 * family (AF_INET for vti, AF_INET6 for vti6). The getters copy 16 bytes.
 * Since: 1.0
 */
int xfrmif_tunnel_set_local(xfrmif_tunnel *t, int family, const void *addr);
int xfrmif_tunnel_get_local(const xfrmif_tunnel *t, int *family, void *addr);
int xfrmif_tunnel_set_remote(xfrmif_tunnel *t, int family, const void *addr);
int xfrmif_tunnel_get_remote(const xfrmif_tunnel *t, int *family, void *addr);

/* xfrmif_tunnel_set_dev - the underlying device by name (optional; an
 * xfrm interface then sends through it). NULL when unset. Since: 1.0 */
int xfrmif_tunnel_set_dev(xfrmif_tunnel *t, const char *dev);
const char *xfrmif_tunnel_get_dev(const xfrmif_tunnel *t);

/*
 * xfrmif_tunnel_set_reqid - the reqid of both SAs and of the policies'
 * templates; 0 is refused. Default: the if_id (xfrm) or the okey (vti).
 * The getter reports the default when unset.
 * Since: 1.0
 */
int xfrmif_tunnel_set_reqid(xfrmif_tunnel *t, uint32_t reqid);
int xfrmif_tunnel_get_reqid(const xfrmif_tunnel *t, uint32_t *reqid);

/* xfrmif_tunnel_set_mode - XFRMIF_SA_MODE_TUNNEL (default) or _TRANSPORT,
 * for both SAs and the templates. Since: 1.0 */
int xfrmif_tunnel_set_mode(xfrmif_tunnel *t, uint8_t mode);
int xfrmif_tunnel_get_mode(const xfrmif_tunnel *t, uint8_t *mode);

/*
 * xfrmif_tunnel_set_sa - the parameters of one SA (@dir enum
 * xfrmif_tunnel_dir), copied: SPI, algorithms and keys, replay window, ESN,
 * NAT-T encapsulation, lifetimes, ... The tunnel fills in (overriding what
 * @sa has) the addresses, the protocol (ESP unless @sa names one), the
 * mode, the reqid and the if_id or mark. Setting a new one wipes the old.
 * xfrmif_tunnel_get_sa lends the tunnel's copy (valid while @t is
 * unchanged); for a tunnel read from the kernel it holds the SA with its
 * counters (keys hidden).
 * Since: 1.0
 */
int xfrmif_tunnel_set_sa(xfrmif_tunnel *t, int dir, const xfrmif_sa *sa);
int xfrmif_tunnel_get_sa(const xfrmif_tunnel *t, int dir,
			 const xfrmif_sa **ret);

/*
 * xfrmif_tunnel_add_ts - append an inner traffic selector (prefix) to the
 * local or remote list (@side enum xfrmif_tunnel_side). Policies are made
 * for each local/remote pair of one family. No selectors: the wildcard
 * policies of both families. Returns 0, -EINVAL or -E2BIG.
 * xfrmif_tunnel_get_ts_count returns the count (or -EINVAL);
 * xfrmif_tunnel_get_ts reads entry @idx (-ENOENT past the end).
 * Since: 1.0
 */
int xfrmif_tunnel_add_ts(xfrmif_tunnel *t, int side, int family,
			 const void *addr, uint8_t prefixlen);
int xfrmif_tunnel_get_ts_count(const xfrmif_tunnel *t, int side);
int xfrmif_tunnel_get_ts(const xfrmif_tunnel *t, int side, unsigned int idx,
			 int *family, void *addr, uint8_t *prefixlen);

/*
 * xfrmif_tunnel_add_address, xfrmif_tunnel_add_route - an address for the
 * interface, or a route (destination prefix) through it; added by up()
 * after the interface is up (IPv6 addresses without duplicate address
 * detection: the interface is point-to-point). Not read back by get().
 * Returns 0, -EINVAL or -E2BIG. The count and entry getters work as for
 * selectors.
 * Since: 1.0
 */
int xfrmif_tunnel_add_address(xfrmif_tunnel *t, int family, const void *addr,
			      uint8_t prefixlen);
int xfrmif_tunnel_get_address_count(const xfrmif_tunnel *t);
int xfrmif_tunnel_get_address(const xfrmif_tunnel *t, unsigned int idx,
			      int *family, void *addr, uint8_t *prefixlen);
int xfrmif_tunnel_add_route(xfrmif_tunnel *t, int family, const void *addr,
			    uint8_t prefixlen);
int xfrmif_tunnel_get_route_count(const xfrmif_tunnel *t);
int xfrmif_tunnel_get_route(const xfrmif_tunnel *t, unsigned int idx,
			    int *family, void *addr, uint8_t *prefixlen);

/*
 * xfrmif_tunnel_set_link_netns - (xfrm) keep the interface in another
 * namespace than the context's, which holds the SAs and policies: a name
 * under /run/netns, or an absolute path to a namespace file. The interface
 * is created in the context's namespace (where it then does its xfrm
 * lookups) and moved; its addresses and routes go to the other namespace.
 * NULL clears it. The getter returns NULL when unset.
 * Since: 1.0
 */
int xfrmif_tunnel_set_link_netns(xfrmif_tunnel *t, const char *netns);
const char *xfrmif_tunnel_get_link_netns(const xfrmif_tunnel *t);

/*
 * xfrmif_tunnel_get_link - for a tunnel read from the kernel, its interface
 * (lent; ifindex, flags, ...). -ENODATA for a description not read back.
 * Since: 1.0
 */
int xfrmif_tunnel_get_link(const xfrmif_tunnel *t, const xfrmif_link **ret);

/*
 * xfrmif_tunnel_get_policy_count, xfrmif_tunnel_get_policy - for a tunnel
 * read from the kernel, the policies found by its if_id or marks (lent).
 * Since: 1.0
 */
int xfrmif_tunnel_get_policy_count(const xfrmif_tunnel *t);
int xfrmif_tunnel_get_policy(const xfrmif_tunnel *t, unsigned int idx,
			     const xfrmif_policy **ret);

/* ---- operations ---- */

/*
 * xfrmif_tunnel_up - create the whole tunnel: the interface (moved to the
 * link namespace, if one is set), disable_policy (vti), both SAs, the
 * in/out/fwd policies, the interface up, its addresses and routes.
 *
 * All or nothing: the description is checked before anything is sent, and
 * when a step fails every object already created is removed again, newest
 * first; the call returns the failed step's error, with its message in the
 * ctx errmsg.
 * Returns 0, or -EINVAL (bad or missing field, named in the errmsg: name,
 * kind, if_id or keys, local/remote, SPIs, vti address families, ...),
 * -EOPNOTSUPP (link namespace for a vti; kernel without the kind), -EEXIST,
 * -ENODEV, -ENOENT (no such link namespace), or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_tunnel_up(xfrmif_ctx *ctx, const xfrmif_tunnel *t);

/*
 * xfrmif_tunnel_down - remove a tunnel: its policies and SAs, found by its
 * if_id (xfrm) or marks and addresses (vti), and its interface. A
 * description holding only the name (and link namespace) is completed from
 * the interface. Pieces already missing are skipped.
 * Returns 0, -EINVAL, -ENODEV (no such interface and the description lacks
 * the keys to find the rest), or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_tunnel_down(xfrmif_ctx *ctx, const xfrmif_tunnel *t);

/* xfrmif_tunnel_rekey flags: the phases of a make-before-break rekey with
 * a peer. 0 runs all three in order. */
enum {
	/* Install the new inbound SA; the old one keeps working. */
	XFRMIF_TUNNEL_REKEY_IN = 1u << 0,
	/* Install the new outbound SA (traffic moves to it) and remove the
	 * tunnel's other outbound SAs. Do this once the peer has the new
	 * inbound SA. */
	XFRMIF_TUNNEL_REKEY_OUT = 1u << 1,
	/* Remove the tunnel's inbound SAs other than the new one. Do this once
	 * the peer sends on its new outbound SA. */
	XFRMIF_TUNNEL_REKEY_RETIRE = 1u << 2,
};

/*
 * xfrmif_tunnel_rekey - replace the tunnel's SAs with @out and @in (new
 * SPIs; parameters as for xfrmif_tunnel_set_sa) without a gap: new SAs are
 * added before the old ones are removed. The policies stay: their templates
 * name the tunnel's reqid, which the new SAs keep. @t needs the kind, keys
 * (if_id or ikey/okey) and addresses (a description, or what
 * xfrmif_tunnel_get() returned). On success @t holds the new SAs. A phase
 * may pass NULL for the SA it does not use (IN uses @in, OUT @out, RETIRE
 * the SPI of @in). If the OUT phase fails in a call that also ran IN, the
 * new inbound SA is removed again.
 * Returns 0, -EINVAL, or the kernel's errno (-EEXIST: an SA with that SPI).
 * Since: 1.0
 */
int xfrmif_tunnel_rekey(xfrmif_ctx *ctx, xfrmif_tunnel *t,
			const xfrmif_sa *out, const xfrmif_sa *in,
			uint32_t flags);

/*
 * xfrmif_tunnel_get - read the tunnel whose interface @key names (name, and
 * link namespace if any) back from the kernel: the interface, its SAs (with
 * counters, keys hidden) and policies found by its if_id or marks; the
 * outer addresses, reqid and mode come from them. Selectors other than the
 * two wildcards are reported as traffic selectors.
 * Returns 0, -EINVAL, -ENODEV (no such interface), -EMEDIUMTYPE (the
 * interface is not an xfrm/vti/vti6 one), -ENOMEM or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_tunnel_get(xfrmif_tunnel **ret, xfrmif_ctx *ctx,
		      const xfrmif_tunnel *key);

struct xfrmif_tunnel_filter {
	size_t sz;     /* sizeof(struct xfrmif_tunnel_filter) */
	uint32_t kind; /* 0: all three kinds, else enum xfrmif_link_kind */
};

/* Called once per tunnel; @t is lent for the call only (see
 * xfrmif_tunnel_dup). Return 0 to go on, >0 to stop, <0 to abort. */
typedef int (*xfrmif_tunnel_list_fn)(const xfrmif_tunnel *t, void *arg);

/*
 * xfrmif_tunnel_list - call @fn for the tunnel of every xfrm, vti and vti6
 * interface in the context's namespace (read as by xfrmif_tunnel_get).
 * Returns the number of tunnels passed to @fn, the callback's negative
 * value, -EINVAL, or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_tunnel_list(xfrmif_ctx *ctx,
		       const struct xfrmif_tunnel_filter *filter,
		       xfrmif_tunnel_list_fn fn, void *arg);

#ifdef __cplusplus
}
#endif

#endif
