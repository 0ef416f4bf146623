/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The xfrmif_tunnel value object: allocation, setters and getters. */
#include <stdlib.h>
#include <string.h>

#include "link_priv.h"
#include "policy_int.h"
#include "sa_priv.h"
#include "tunnel_priv.h"

XFRMIF_EXPORT int xfrmif_tunnel_new(xfrmif_tunnel **ret)
{
	if (!ret)
		return -EINVAL;
	*ret = calloc(1, sizeof(**ret));
	if (!*ret)
		return -ENOMEM;
	(*ret)->mode = XFRMIF_SA_MODE_TUNNEL;
	return 0;
}

/* Drops what was read from the kernel (link, policies). */
static void drop_kernel(xfrmif_tunnel *t)
{
	xfrmif_link_free(t->link);
	t->link = NULL;
	for (unsigned int i = 0; i < t->npol; i++)
		xfrmif_policy_free(t->pol[i]);
	free(t->pol);
	t->pol = NULL;
	t->npol = 0;
	t->set &= ~(uint32_t)TUN_F_KERNEL;
}

XFRMIF_EXPORT void xfrmif_tunnel_free(xfrmif_tunnel *t)
{
	if (!t)
		return;
	xfrmif_sa_free(t->sa[0]);
	xfrmif_sa_free(t->sa[1]);
	drop_kernel(t);
	free(t);
}

XFRMIF_EXPORT int xfrmif_tunnel_dup(xfrmif_tunnel **ret,
				    const xfrmif_tunnel *src)
{
	xfrmif_tunnel *t;
	int r = 0;

	if (!ret || !src)
		return -EINVAL;
	t = malloc(sizeof(*t));
	if (!t)
		return -ENOMEM;
	memcpy(t, src, sizeof(*t));
	t->sa[0] = t->sa[1] = NULL;
	t->link = NULL;
	t->pol = NULL;
	t->npol = 0;
	for (int d = 0; d < 2 && !r; d++)
		if (src->sa[d])
			r = xfrmif_sa_dup(&t->sa[d], src->sa[d]);
	if (!r && src->link)
		r = xfrmif_link_dup(&t->link, src->link);
	if (!r && src->npol) {
		t->pol = calloc(src->npol, sizeof(*t->pol));
		r = t->pol ? 0 : -ENOMEM;
		for (unsigned int i = 0; !r && i < src->npol; i++) {
			r = xfrmif_policy_dup(&t->pol[i], src->pol[i]);
			t->npol += !r;
		}
	}
	if (r < 0) {
		xfrmif_tunnel_free(t);
		return r;
	}
	*ret = t;
	return 0;
}

XFRMIF_EXPORT int xfrmif_tunnel_set_name(xfrmif_tunnel *t, const char *name)
{
	xfrmif_link l = { 0 };

	if (!t)
		return -EINVAL;
	/* The link's own check, so both say the same about a bad name. */
	if (xfrmif_link_set_name(&l, name) < 0)
		return xfrmif__argerr_set(&t->argerr, "%s", l.argerr.msg);
	strcpy(t->name, l.name);
	return XFRMIF__ACCEPT(t, set, TUN_F_NAME, "name");
}

XFRMIF_EXPORT const char *xfrmif_tunnel_get_name(const xfrmif_tunnel *t)
{
	return t && (t->set & TUN_F_NAME) ? t->name : NULL;
}

XFRMIF_EXPORT int xfrmif_tunnel_set_kind(xfrmif_tunnel *t, uint32_t kind)
{
	if (!t)
		return -EINVAL;
	if (kind != XFRMIF_LINK_KIND_XFRM && kind != XFRMIF_LINK_KIND_VTI &&
	    kind != XFRMIF_LINK_KIND_VTI6)
		return xfrmif__argerr_set(&t->argerr, "kind: %u is not xfrm, "
					  "vti or vti6", kind);
	t->kind = kind;
	return XFRMIF__ACCEPT(t, set, TUN_F_KIND, "kind");
}

XFRMIF_EXPORT int xfrmif_tunnel_get_kind(const xfrmif_tunnel *t, uint32_t *kind)
{
	return XFRMIF__GET(t, set, TUN_F_KIND, t->kind, kind);
}

/* Setters of a non-zero uint32_t field. */
static int set_nz(xfrmif_tunnel *t, uint32_t bit, uint32_t *field,
		  uint32_t v, const char *name)
{
	if (!t)
		return -EINVAL;
	if (!v)
		return xfrmif__argerr_set(&t->argerr, "%s: must not be 0", name);
	*field = v;
	return XFRMIF__ACCEPT(t, set, bit, name);
}

XFRMIF_EXPORT int xfrmif_tunnel_set_if_id(xfrmif_tunnel *t, uint32_t if_id)
{
	return set_nz(t, TUN_F_IF_ID, t ? &t->if_id : NULL, if_id, "if_id");
}

XFRMIF_EXPORT int xfrmif_tunnel_get_if_id(const xfrmif_tunnel *t,
					  uint32_t *if_id)
{
	return XFRMIF__GET(t, set, TUN_F_IF_ID, t->if_id, if_id);
}

XFRMIF_EXPORT int xfrmif_tunnel_set_ikey(xfrmif_tunnel *t, uint32_t key)
{
	return set_nz(t, TUN_F_IKEY, t ? &t->ikey : NULL, key, "ikey");
}

XFRMIF_EXPORT int xfrmif_tunnel_get_ikey(const xfrmif_tunnel *t, uint32_t *key)
{
	return XFRMIF__GET(t, set, TUN_F_IKEY, t->ikey, key);
}

XFRMIF_EXPORT int xfrmif_tunnel_set_okey(xfrmif_tunnel *t, uint32_t key)
{
	return set_nz(t, TUN_F_OKEY, t ? &t->okey : NULL, key, "okey");
}

XFRMIF_EXPORT int xfrmif_tunnel_get_okey(const xfrmif_tunnel *t, uint32_t *key)
{
	return XFRMIF__GET(t, set, TUN_F_OKEY, t->okey, key);
}

XFRMIF_EXPORT int xfrmif_tunnel_set_key(xfrmif_tunnel *t, uint32_t key)
{
	int r = xfrmif_tunnel_set_ikey(t, key);

	return r ?: xfrmif_tunnel_set_okey(t, key);
}

XFRMIF_EXPORT int xfrmif_tunnel_set_reqid(xfrmif_tunnel *t, uint32_t reqid)
{
	return set_nz(t, TUN_F_REQID, t ? &t->reqid : NULL, reqid, "reqid");
}

uint32_t xfrmif__tunnel_reqid(const xfrmif_tunnel *t)
{
	if (t->set & TUN_F_REQID)
		return t->reqid;
	return t->kind == XFRMIF_LINK_KIND_XFRM ? t->if_id : t->okey;
}

XFRMIF_EXPORT int xfrmif_tunnel_get_reqid(const xfrmif_tunnel *t,
					  uint32_t *reqid)
{
	if (!t || !reqid)
		return -EINVAL;
	*reqid = xfrmif__tunnel_reqid(t);
	return *reqid ? 0 : -ENODATA;
}

XFRMIF_EXPORT int xfrmif_tunnel_set_mode(xfrmif_tunnel *t, uint8_t mode)
{
	if (!t)
		return -EINVAL;
	if (mode != XFRMIF_SA_MODE_TUNNEL && mode != XFRMIF_SA_MODE_TRANSPORT)
		return xfrmif__argerr_set(&t->argerr, "mode: %u is neither "
					  "tunnel nor transport", mode);
	t->mode = mode;
	return XFRMIF__ACCEPT(t, set, 0, "mode");
}

XFRMIF_EXPORT int xfrmif_tunnel_get_mode(const xfrmif_tunnel *t, uint8_t *mode)
{
	return XFRMIF__GET(t, set, 0, t->mode, mode);
}

/* Local and remote share one family: the first one set decides. */
static int set_end(xfrmif_tunnel *t, uint32_t bit, xfrm_address_t *field,
		   int family, const void *addr, const char *name)
{
	uint32_t other = bit == TUN_F_LOCAL ? TUN_F_REMOTE : TUN_F_LOCAL;

	if (!t)
		return -EINVAL;
	if (!xfrmif__addr_len(family) || !addr)
		return xfrmif__argerr_set(&t->argerr, "%s: needs an AF_INET or "
					  "AF_INET6 address", name);
	if ((t->set & other) && t->family != family)
		return xfrmif__argerr_set(&t->argerr, "%s: %s, but the other "
					  "end is %s", name,
					  xfrmif__family_name(family),
					  xfrmif__family_name(t->family));
	xfrmif__addr_from(field, family, addr);
	t->family = family;
	return XFRMIF__ACCEPT(t, set, bit, name);
}

static int get_end(const xfrmif_tunnel *t, uint32_t bit,
		   const xfrm_address_t *field, int *family, void *addr)
{
	if (!t || !family || !addr)
		return -EINVAL;
	if (!(t->set & bit))
		return -ENODATA;
	*family = t->family;
	xfrmif__addr_to(addr, t->family, field);
	return 0;
}

XFRMIF_EXPORT int xfrmif_tunnel_set_local(xfrmif_tunnel *t, int family,
					  const void *addr)
{
	return set_end(t, TUN_F_LOCAL, t ? &t->local : NULL, family, addr,
		       "local");
}

XFRMIF_EXPORT int xfrmif_tunnel_get_local(const xfrmif_tunnel *t, int *family,
					  void *addr)
{
	return get_end(t, TUN_F_LOCAL, t ? &t->local : NULL, family, addr);
}

XFRMIF_EXPORT int xfrmif_tunnel_set_remote(xfrmif_tunnel *t, int family,
					   const void *addr)
{
	return set_end(t, TUN_F_REMOTE, t ? &t->remote : NULL, family, addr,
		       "remote");
}

XFRMIF_EXPORT int xfrmif_tunnel_get_remote(const xfrmif_tunnel *t, int *family,
					   void *addr)
{
	return get_end(t, TUN_F_REMOTE, t ? &t->remote : NULL, family, addr);
}

XFRMIF_EXPORT int xfrmif_tunnel_set_dev(xfrmif_tunnel *t, const char *dev)
{
	xfrmif_link l = { 0 };

	if (!t)
		return -EINVAL;
	if (xfrmif_link_set_dev(&l, dev) < 0)
		return xfrmif__argerr_set(&t->argerr, "%s", l.argerr.msg);
	strcpy(t->dev, l.dev_name);
	return XFRMIF__ACCEPT(t, set, TUN_F_DEV, "dev");
}

XFRMIF_EXPORT const char *xfrmif_tunnel_get_dev(const xfrmif_tunnel *t)
{
	return t && (t->set & TUN_F_DEV) ? t->dev : NULL;
}

XFRMIF_EXPORT int xfrmif_tunnel_set_link_netns(xfrmif_tunnel *t,
					       const char *netns)
{
	if (!t)
		return -EINVAL;
	if (!netns) {
		t->set &= ~(uint32_t)TUN_F_LINK_NETNS;
		return 0;
	}
	if (!*netns || strlen(netns) >= sizeof(t->link_netns) ||
	    (netns[0] != '/' && strchr(netns, '/')))
		return xfrmif__argerr_set(&t->argerr, "link_netns: '%.64s' is "
					  "neither a name under /run/netns nor "
					  "an absolute path", netns);
	strcpy(t->link_netns, netns);
	return XFRMIF__ACCEPT(t, set, TUN_F_LINK_NETNS, "link_netns");
}

XFRMIF_EXPORT const char *xfrmif_tunnel_get_link_netns(const xfrmif_tunnel *t)
{
	return t && (t->set & TUN_F_LINK_NETNS) ? t->link_netns : NULL;
}

XFRMIF_EXPORT int xfrmif_tunnel_set_sa(xfrmif_tunnel *t, int dir,
				       const xfrmif_sa *sa)
{
	xfrmif_sa *copy;
	int r;

	if (!t)
		return -EINVAL;
	if (dir != XFRMIF_TUNNEL_OUT && dir != XFRMIF_TUNNEL_IN)
		return xfrmif__argerr_set(&t->argerr, "sa: direction %d is "
					  "neither in nor out", dir);
	if (!sa)
		return xfrmif__argerr_set(&t->argerr, "sa: must not be NULL");
	r = xfrmif_sa_dup(&copy, sa);
	if (r < 0)
		return r;
	xfrmif_sa_free(t->sa[dir]);
	t->sa[dir] = copy;
	return 0;
}

XFRMIF_EXPORT int xfrmif_tunnel_get_sa(const xfrmif_tunnel *t, int dir,
				       const xfrmif_sa **ret)
{
	if (!t || !ret || (dir != XFRMIF_TUNNEL_OUT && dir != XFRMIF_TUNNEL_IN))
		return -EINVAL;
	*ret = t->sa[dir];
	return *ret ? 0 : -ENODATA;
}

/* ---- prefix lists ---- */

static int pfx_add(xfrmif_tunnel *t, struct xfrmif__pfx_list *l, int family,
		   const void *addr, uint8_t len, const char *name)
{
	size_t alen = xfrmif__addr_len(family);

	if (!t)
		return -EINVAL;
	if (!alen || !addr)
		return xfrmif__argerr_set(&t->argerr, "%s: needs an AF_INET or "
					  "AF_INET6 prefix", name);
	if (len > alen * 8)
		return xfrmif__argerr_set(&t->argerr, "%s: prefix length %u is "
					  "too long for %s", name, len,
					  xfrmif__family_name(family));
	if (l->n >= XFRMIF_TUNNEL_MAX_ITEMS)
		return -E2BIG;
	l->v[l->n].family = family;
	xfrmif__addr_from(&l->v[l->n].addr, family, addr);
	l->v[l->n].len = len;
	l->n++;
	return 0;
}

static int pfx_get(const struct xfrmif__pfx_list *l, unsigned int idx,
		   int *family, void *addr, uint8_t *len)
{
	if (!family || !addr || !len)
		return -EINVAL;
	if (idx >= l->n)
		return -ENOENT;
	*family = l->v[idx].family;
	xfrmif__addr_to(addr, *family, &l->v[idx].addr);
	*len = l->v[idx].len;
	return 0;
}

static bool side_ok(int side)
{
	return side == XFRMIF_TUNNEL_LOCAL || side == XFRMIF_TUNNEL_REMOTE;
}

XFRMIF_EXPORT int xfrmif_tunnel_add_ts(xfrmif_tunnel *t, int side, int family,
				       const void *addr, uint8_t prefixlen)
{
	if (t && !side_ok(side))
		return xfrmif__argerr_set(&t->argerr, "ts: side %d is neither "
					  "local nor remote", side);
	return pfx_add(t, t ? &t->ts[side] : NULL, family, addr, prefixlen,
		       side == XFRMIF_TUNNEL_LOCAL ? "local_ts" : "remote_ts");
}

XFRMIF_EXPORT int xfrmif_tunnel_get_ts_count(const xfrmif_tunnel *t, int side)
{
	return t && side_ok(side) ? (int)t->ts[side].n : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_tunnel_get_ts(const xfrmif_tunnel *t, int side,
				       unsigned int idx, int *family,
				       void *addr, uint8_t *prefixlen)
{
	if (!t || !side_ok(side))
		return -EINVAL;
	return pfx_get(&t->ts[side], idx, family, addr, prefixlen);
}

XFRMIF_EXPORT int xfrmif_tunnel_add_address(xfrmif_tunnel *t, int family,
					    const void *addr, uint8_t prefixlen)
{
	return pfx_add(t, t ? &t->addrs : NULL, family, addr, prefixlen,
		       "address");
}

XFRMIF_EXPORT int xfrmif_tunnel_get_address_count(const xfrmif_tunnel *t)
{
	return t ? (int)t->addrs.n : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_tunnel_get_address(const xfrmif_tunnel *t,
					    unsigned int idx, int *family,
					    void *addr, uint8_t *prefixlen)
{
	return t ? pfx_get(&t->addrs, idx, family, addr, prefixlen) : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_tunnel_add_route(xfrmif_tunnel *t, int family,
					  const void *addr, uint8_t prefixlen)
{
	return pfx_add(t, t ? &t->routes : NULL, family, addr, prefixlen,
		       "route");
}

XFRMIF_EXPORT int xfrmif_tunnel_get_route_count(const xfrmif_tunnel *t)
{
	return t ? (int)t->routes.n : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_tunnel_get_route(const xfrmif_tunnel *t,
					  unsigned int idx, int *family,
					  void *addr, uint8_t *prefixlen)
{
	return t ? pfx_get(&t->routes, idx, family, addr, prefixlen) : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_tunnel_get_link(const xfrmif_tunnel *t,
					 const xfrmif_link **ret)
{
	if (!t || !ret)
		return -EINVAL;
	*ret = t->link;
	return t->link ? 0 : -ENODATA;
}

XFRMIF_EXPORT int xfrmif_tunnel_get_policy_count(const xfrmif_tunnel *t)
{
	return t ? (int)t->npol : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_tunnel_get_policy(const xfrmif_tunnel *t,
					   unsigned int idx,
					   const xfrmif_policy **ret)
{
	if (!t || !ret)
		return -EINVAL;
	if (idx >= t->npol)
		return -ENOENT;
	*ret = t->pol[idx];
	return 0;
}
