/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Reading tunnels back: the interface, then the policies and SAs that carry
 * its if_id (xfrm) or its marks and addresses (vti). */
#include <stdlib.h>
#include <string.h>

#include "link_priv.h"
#include "policy_int.h"
#include "sa_priv.h"
#include "tunnel_priv.h"

struct pols {
	xfrmif_tunnel *t;
	int err;
};

static int on_pol(const xfrmif_policy *p, void *arg)
{
	struct pols *s = arg;
	xfrmif_policy **nv;

	nv = realloc(s->t->pol, (s->t->npol + 1) * sizeof(*nv));
	if (!nv)
		return -ENOMEM;
	s->t->pol = nv;
	if (xfrmif_policy_dup(&nv[s->t->npol], p) < 0)
		return -ENOMEM;
	s->t->npol++;
	return 0;
}

/* A selector that is not the wildcard becomes a traffic selector. */
static void add_ts(xfrmif_tunnel *t, const xfrmif_policy *p)
{
	const struct xfrm_selector *s = &p->info.sel;
	struct xfrmif__pfx_list *l = &t->ts[XFRMIF_TUNNEL_LOCAL];
	struct xfrmif__pfx_list *r = &t->ts[XFRMIF_TUNNEL_REMOTE];
	bool seen_l = false, seen_r = false;

	if (!s->prefixlen_s && !s->prefixlen_d)
		return;
	for (unsigned int i = 0; i < l->n; i++)
		seen_l |= l->v[i].family == s->family && l->v[i].len == s->prefixlen_s &&
			  !memcmp(&l->v[i].addr, &s->saddr, sizeof(s->saddr));
	for (unsigned int i = 0; i < r->n; i++)
		seen_r |= r->v[i].family == s->family && r->v[i].len == s->prefixlen_d &&
			  !memcmp(&r->v[i].addr, &s->daddr, sizeof(s->daddr));
	if (!seen_l && l->n < XFRMIF_TUNNEL_MAX_ITEMS)
		l->v[l->n++] = (struct xfrmif__pfx){ s->family, s->saddr,
						     s->prefixlen_s };
	if (!seen_r && r->n < XFRMIF_TUNNEL_MAX_ITEMS)
		r->v[r->n++] = (struct xfrmif__pfx){ s->family, s->daddr,
						     s->prefixlen_d };
}

/* The outer addresses, mode and reqid of an xfrm tunnel come from its
 * outbound policy's template (the interface has no addresses). */
static void from_policies(xfrmif_tunnel *t)
{
	for (unsigned int i = 0; i < t->npol; i++) {
		const xfrmif_policy *p = t->pol[i];
		const struct xfrm_user_tmpl *u;

		if (p->info.dir != XFRM_POLICY_OUT)
			continue;
		add_ts(t, p);
		if (!p->ntmpl || (t->set & TUN_F_LOCAL))
			continue;
		u = &p->tmpl[0].t;
		if (!xfrmif__addr_len(u->family))
			continue;
		t->family = u->family;
		t->local = u->saddr;
		t->remote = u->id.daddr;
		t->set |= TUN_F_LOCAL | TUN_F_REMOTE;
		t->mode = u->mode;
		if (u->reqid) {
			t->reqid = u->reqid;
			t->set |= TUN_F_REQID;
		}
	}
}

static int read_sas(xfrmif_ctx *ctx, xfrmif_tunnel *t)
{
	xfrmif_sa **v;
	unsigned int n;
	int r;

	if (!(t->set & TUN_F_LOCAL))
		return 0;
	r = xfrmif__tunnel_find_sas(ctx, t, -1, false, &v, &n);
	if (r < 0)
		return r;
	/* Mid-rekey there may be two of a direction: the newest (listed
	 * first) is the one in use. */
	for (unsigned int i = n; i-- > 0;) {
		int d = xfrmif__tunnel_sa_dir(t, v[i]);

		xfrmif_sa_free(t->sa[d]);
		t->sa[d] = v[i];
		v[i] = NULL;
	}
	xfrmif__tunnel_sas_free(v, n);
	return 0;
}

/* Fills a new tunnel from the interface `l` (read in lctx). */
static int read_tunnel(xfrmif_tunnel **ret, xfrmif_ctx *ctx,
		       const xfrmif_link *l, const char *link_netns)
{
	static const int dirs[] = { XFRMIF_POLICY_DIR_OUT, XFRMIF_POLICY_DIR_IN,
				    XFRMIF_POLICY_DIR_FWD };
	xfrmif_tunnel *t;
	int r;

	if (l->kind != XFRMIF_LINK_KIND_XFRM && l->kind != XFRMIF_LINK_KIND_VTI &&
	    l->kind != XFRMIF_LINK_KIND_VTI6)
		return xfrmif__err(ctx, -EMEDIUMTYPE, "tunnel get: '%s' is not an "
				   "xfrm, vti or vti6 interface", l->name);
	r = xfrmif_tunnel_new(&t);
	r = r ?: xfrmif_link_dup(&t->link, l);
	if (r < 0) {
		xfrmif_tunnel_free(t);
		return xfrmif__err(ctx, r, "tunnel get: out of memory");
	}
	strcpy(t->name, l->name);
	t->kind = l->kind;
	t->set |= TUN_F_NAME | TUN_F_KIND | TUN_F_KERNEL;
	if (link_netns) {
		strcpy(t->link_netns, link_netns);
		t->set |= TUN_F_LINK_NETNS;
	}
	if (l->kind == XFRMIF_LINK_KIND_XFRM) {
		t->if_id = l->if_id;
		t->set |= TUN_F_IF_ID;
	} else {
		t->ikey = l->ikey;
		t->okey = l->okey;
		t->family = l->local_family;
		xfrmif__addr_from(&t->local, l->local_family, &l->local);
		xfrmif__addr_from(&t->remote, l->remote_family, &l->remote);
		t->set |= TUN_F_IKEY | TUN_F_OKEY;
		if (l->set & LINK_F_LOCAL && l->set & LINK_F_REMOTE)
			t->set |= TUN_F_LOCAL | TUN_F_REMOTE;
	}
	for (int i = 0; i < 3 && r >= 0; i++) {
		struct xfrmif_policy_filter f;
		struct pols s = { .t = t };

		xfrmif__tunnel_pol_filter(t, dirs[i], &f);
		r = xfrmif_policy_list(ctx, &f, on_pol, &s);
	}
	if (r >= 0) {
		from_policies(t);
		r = read_sas(ctx, t);
	}
	if (r < 0) {
		xfrmif_tunnel_free(t);
		return r;
	}
	*ret = t;
	return 0;
}

XFRMIF_EXPORT int xfrmif_tunnel_get(xfrmif_tunnel **ret, xfrmif_ctx *ctx,
				    const xfrmif_tunnel *key)
{
	xfrmif_ctx *lctx = NULL;
	xfrmif_link l;
	int r;

	if (!ctx)
		return -EINVAL;
	if (!ret || !key || !(key->set & TUN_F_NAME))
		return xfrmif__err(ctx, -EINVAL, "tunnel get: name: not set");
	r = xfrmif__tunnel_link_ctx(ctx, key, &lctx);
	if (r < 0)
		return r;
	r = xfrmif__link_lookup(lctx, key->name, 0, &l);
	if (r < 0 && lctx != ctx)
		xfrmif__err(ctx, r, "%s", lctx->errmsg);
	xfrmif_ctx_unref(lctx);
	if (r < 0)
		return r;
	return read_tunnel(ret, ctx, &l, xfrmif_tunnel_get_link_netns(key));
}

struct names {
	char (*v)[IFNAMSIZ];
	unsigned int n;
};

static int on_link(const xfrmif_link *l, void *arg)
{
	struct names *s = arg;
	char (*nv)[IFNAMSIZ] = realloc(s->v, (s->n + 1) * sizeof(*nv));

	if (!nv)
		return -ENOMEM;
	s->v = nv;
	memcpy(s->v[s->n++], l->name, IFNAMSIZ);
	return 0;
}

XFRMIF_EXPORT int xfrmif_tunnel_list(xfrmif_ctx *ctx,
				     const struct xfrmif_tunnel_filter *filter,
				     xfrmif_tunnel_list_fn fn, void *arg)
{
	struct xfrmif_tunnel_filter f = { 0 };
	struct names s = { 0 };
	int r, count = 0;

	if (!ctx)
		return -EINVAL;
	if (!fn)
		return xfrmif__err(ctx, -EINVAL, "tunnel list: fn: must not be "
				   "NULL");
	r = xfrmif__opts_check(ctx, filter, sizeof(f), "tunnel list: filter");
	if (r < 0)
		return r;
	if (filter)
		memcpy(&f, filter, filter->sz < sizeof(f) ? filter->sz : sizeof(f));
	/* Names first: the per-tunnel reads cannot run inside the dump. */
	for (uint32_t k = XFRMIF_LINK_KIND_XFRM; k <= XFRMIF_LINK_KIND_VTI6 && r >= 0;
	     k++) {
		struct xfrmif_link_filter lf = { .sz = sizeof(lf), .kind = k };

		if (!f.kind || f.kind == k)
			r = xfrmif_link_list(ctx, &lf, on_link, &s);
	}
	for (unsigned int i = 0; i < s.n && r >= 0; i++) {
		xfrmif_tunnel *t;
		xfrmif_link l;

		r = xfrmif__link_lookup(ctx, s.v[i], 0, &l);
		if (r == -ENODEV) { /* gone meanwhile */
			r = 0;
			continue;
		}
		r = r ?: read_tunnel(&t, ctx, &l, NULL);
		if (r < 0)
			break;
		r = fn(t, arg);
		xfrmif_tunnel_free(t);
		count++;
		if (r > 0)
			break;
	}
	free(s.v);
	return r < 0 ? r : count;
}
