/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The inspection snapshot: reading it, its accessors and descriptions. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_priv.h"

int xfrmif__ivec_push(struct xfrmif__ivec *iv, uint32_t x)
{
	if (iv->n == iv->cap) {
		uint32_t cap = iv->cap ? iv->cap * 2 : 4;
		uint32_t *v = realloc(iv->v, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		iv->v = v;
		iv->cap = cap;
	}
	iv->v[iv->n++] = x;
	return 0;
}

/* Grows one of the snapshot's object arrays by one slot. */
static int grow(void ***arr, uint32_t n, uint32_t *cap)
{
	if (n == *cap) {
		uint32_t c = *cap ? *cap * 2 : 16;
		void **a = realloc(*arr, c * sizeof(*a));

		if (!a)
			return -ENOMEM;
		*arr = a;
		*cap = c;
	}
	return 0;
}

/* The fallback devices the vti modules create in every namespace (they
 * take packets no configured tunnel claims, and are no one's tunnel). */
static bool is_fallback(const xfrmif_link *l)
{
	return xfrmif__link_is_vti(l) &&
	       (!strcmp(l->name, "ip_vti0") || !strcmp(l->name, "ip6_vti0")) &&
	       !l->ikey && !l->okey &&
	       (!(l->set & LINK_F_LOCAL) ||
		xfrmif__addr_is_any(l->local_family, (const xfrm_address_t *)&l->local)) &&
	       (!(l->set & LINK_F_REMOTE) ||
		xfrmif__addr_is_any(l->remote_family, (const xfrm_address_t *)&l->remote));
}

static int keep_link(const xfrmif_link *l, void *arg)
{
	xfrmif_inspect *in = arg;
	int r;

	/* Only the route-based kinds take part in the joins. */
	if ((l->kind != XFRMIF_LINK_KIND_XFRM && !xfrmif__link_is_vti(l)) ||
	    is_fallback(l))
		return 0;
	r = grow((void ***)&in->links, in->nlinks, &in->caplinks);
	if (!r)
		r = xfrmif_link_dup(&in->links[in->nlinks], l);
	if (!r)
		in->nlinks++;
	return r;
}

static int keep_policy(const xfrmif_policy *p, void *arg)
{
	xfrmif_inspect *in = arg;
	int r = grow((void ***)&in->pols, in->npols, &in->cappols);

	if (!r)
		r = xfrmif_policy_dup(&in->pols[in->npols], p);
	if (!r)
		in->npols++;
	return r;
}

static int keep_sa(const xfrmif_sa *sa, void *arg)
{
	xfrmif_inspect *in = arg;
	int r = grow((void ***)&in->sas, in->nsas, &in->capsas);

	if (!r)
		r = xfrmif_sa_dup(&in->sas[in->nsas], sa);
	if (!r)
		in->nsas++;
	return r;
}

XFRMIF_EXPORT int xfrmif_inspect_new(xfrmif_inspect **ret, xfrmif_ctx *ctx,
				     const struct xfrmif_inspect_opts *opts)
{
	struct xfrmif_inspect_opts o = { 0 };
	xfrmif_inspect *in;
	xfrmif_ctx *xctx;
	int r;

	if (!ret || !ctx)
		return -EINVAL;
	*ret = NULL;
	r = xfrmif__opts_check(ctx, opts, sizeof(o), "xfrmif_inspect_opts");
	if (r < 0)
		return r;
	if (opts)
		memcpy(&o, opts, opts->sz < sizeof(o) ? opts->sz : sizeof(o));
	xctx = o.xfrm_ctx ? o.xfrm_ctx : ctx;
	in = calloc(1, sizeof(*in));
	if (!in)
		return -ENOMEM;
	r = xfrmif_link_list(ctx, NULL, keep_link, in);
	if (r >= 0)
		r = xfrmif_policy_list(xctx, NULL, keep_policy, in);
	if (r >= 0)
		r = xfrmif_sa_list(xctx, NULL, keep_sa, in);
	if (r >= 0)
		r = xfrmif__inspect_join(in);
	if (r == -ENOMEM)
		r = xfrmif__err(ctx, r, "inspect: out of memory");
	if (r < 0) {
		xfrmif_inspect_free(in);
		return r;
	}
	*ret = in;
	return 0;
}

static void free_ivecs(struct xfrmif__ivec *iv, size_t n)
{
	for (size_t i = 0; iv && i < n; i++)
		free(iv[i].v);
	free(iv);
}

XFRMIF_EXPORT void xfrmif_inspect_free(xfrmif_inspect *in)
{
	if (!in)
		return;
	free_ivecs(in->link_pols, in->nlinks);
	free_ivecs(in->link_sas, in->nlinks);
	free_ivecs(in->pol_links, in->npols);
	free_ivecs(in->tmpl_sas, (size_t)in->npols * XFRMIF_POLICY_MAX_TMPLS);
	free_ivecs(in->sa_links, in->nsas);
	free_ivecs(in->sa_pols, in->nsas);
	free(in->ifid_links.e);
	free(in->reqid_sas.e);
	free(in->dst_sas.e);
	for (uint32_t i = 0; i < in->nlinks; i++)
		xfrmif_link_free(in->links[i]);
	for (uint32_t i = 0; i < in->npols; i++)
		xfrmif_policy_free(in->pols[i]);
	for (uint32_t i = 0; i < in->nsas; i++)
		xfrmif_sa_free(in->sas[i]);
	free(in->links);
	free(in->pols);
	free(in->sas);
	free(in);
}

static int count_of(const xfrmif_inspect *in, uint32_t kind)
{
	switch (kind) {
	case XFRMIF_INSPECT_LINK:
		return (int)in->nlinks;
	case XFRMIF_INSPECT_POLICY:
		return (int)in->npols;
	case XFRMIF_INSPECT_SA:
		return (int)in->nsas;
	}
	return -EINVAL;
}

XFRMIF_EXPORT int xfrmif_inspect_count(const xfrmif_inspect *in, uint32_t kind)
{
	return in ? count_of(in, kind) : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_inspect_get_link(const xfrmif_inspect *in,
					  uint32_t idx, const xfrmif_link **ret)
{
	if (!in || !ret)
		return -EINVAL;
	if (idx >= in->nlinks)
		return -ENOENT;
	*ret = in->links[idx];
	return 0;
}

XFRMIF_EXPORT int xfrmif_inspect_get_policy(const xfrmif_inspect *in,
					    uint32_t idx,
					    const xfrmif_policy **ret)
{
	if (!in || !ret)
		return -EINVAL;
	if (idx >= in->npols)
		return -ENOENT;
	*ret = in->pols[idx];
	return 0;
}

XFRMIF_EXPORT int xfrmif_inspect_get_sa(const xfrmif_inspect *in, uint32_t idx,
					const xfrmif_sa **ret)
{
	if (!in || !ret)
		return -EINVAL;
	if (idx >= in->nsas)
		return -ENOENT;
	*ret = in->sas[idx];
	return 0;
}

/* Answers one association: vector `iv` of object `idx` of `kind`, when
 * `iv` is the relation that kind has. */
static int relation(const xfrmif_inspect *in, uint32_t kind, uint32_t idx,
		    const struct xfrmif__ivec *iv, const uint32_t **ret)
{
	int n;

	if (!in || !ret || !iv)
		return -EINVAL;
	n = count_of(in, kind);
	if (n < 0)
		return n;
	if (idx >= (uint32_t)n)
		return -ENOENT;
	*ret = iv[idx].v;
	return (int)iv[idx].n;
}

XFRMIF_EXPORT int xfrmif_inspect_links_of(const xfrmif_inspect *in,
					  uint32_t kind, uint32_t idx,
					  const uint32_t **ret)
{
	if (!in)
		return -EINVAL;
	return relation(in, kind, idx,
			kind == XFRMIF_INSPECT_POLICY ? in->pol_links :
			kind == XFRMIF_INSPECT_SA ? in->sa_links : NULL, ret);
}

XFRMIF_EXPORT int xfrmif_inspect_policies_of(const xfrmif_inspect *in,
					     uint32_t kind, uint32_t idx,
					     const uint32_t **ret)
{
	if (!in)
		return -EINVAL;
	return relation(in, kind, idx,
			kind == XFRMIF_INSPECT_LINK ? in->link_pols :
			kind == XFRMIF_INSPECT_SA ? in->sa_pols : NULL, ret);
}

XFRMIF_EXPORT int xfrmif_inspect_sas_of(const xfrmif_inspect *in,
					uint32_t kind, uint32_t idx,
					const uint32_t **ret)
{
	if (!in)
		return -EINVAL;
	return relation(in, kind, idx,
			kind == XFRMIF_INSPECT_LINK ? in->link_sas : NULL, ret);
}

XFRMIF_EXPORT int xfrmif_inspect_tmpl_sas(const xfrmif_inspect *in,
					  uint32_t policy, uint32_t tmpl,
					  const uint32_t **ret)
{
	const struct xfrmif__ivec *iv;

	if (!in || !ret)
		return -EINVAL;
	if (policy >= in->npols || tmpl >= in->pols[policy]->ntmpl)
		return -ENOENT;
	iv = &in->tmpl_sas[(size_t)policy * XFRMIF_POLICY_MAX_TMPLS + tmpl];
	*ret = iv->v;
	return (int)iv->n;
}

/* ---- descriptions ---- */

/* A bounded appender for descriptions. */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(o->len < o->size ? o->buf + o->len : NULL,
		      o->len < o->size ? o->size - o->len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
}

static void put_addr(struct out *o, int family, const xfrm_address_t *a)
{
	char s[INET6_ADDRSTRLEN];

	put(o, "%s", xfrmif__addr_str(family, a, s, sizeof(s)));
}

static void put_mark(struct out *o, const struct xfrm_mark *m)
{
	put(o, " mark 0x%x/0x%x", m->v, m->m);
}

static void describe_link(struct out *o, const xfrmif_link *l)
{
	if (l->kind == XFRMIF_LINK_KIND_XFRM) {
		put(o, "xfrm interface %s", l->name);
		if (l->external)
			put(o, " (external)");
		else
			put(o, " (if_id 0x%x)", l->if_id);
		return;
	}
	put(o, "%s interface %s (", l->kind_name, l->name);
	if (l->set & LINK_F_LOCAL)
		put_addr(o, l->local_family, (const xfrm_address_t *)&l->local);
	else
		put(o, "any");
	put(o, " -> ");
	if (l->set & LINK_F_REMOTE)
		put_addr(o, l->remote_family, (const xfrm_address_t *)&l->remote);
	else
		put(o, "any");
	put(o, " ikey 0x%x okey 0x%x)", l->ikey, l->okey);
}

static const char *dir_name(const xfrmif_policy *p)
{
	static const char *const n[] = { "in", "out", "fwd" };

	return p->info.dir < 3 ? n[p->info.dir] : "?";
}

static void describe_policy(struct out *o, const xfrmif_policy *p)
{
	const struct xfrm_selector *s = &p->info.sel;

	put(o, "policy %s ", dir_name(p));
	put_addr(o, s->family, &s->saddr);
	put(o, "/%u -> ", s->prefixlen_s);
	put_addr(o, s->family, &s->daddr);
	put(o, "/%u", s->prefixlen_d);
	if (s->proto)
		put(o, " proto %u", s->proto);
	if (p->if_id)
		put(o, " if_id 0x%x", p->if_id);
	if (p->isset & POL_MARK)
		put_mark(o, &p->mark);
	if (p->info.action == XFRM_POLICY_BLOCK)
		put(o, " block");
	put(o, " index %u", p->info.index);
}

static void describe_sa(struct out *o, const xfrmif_sa *sa)
{
	const char *proto = sa->proto == IPPROTO_ESP ? "esp" :
			    sa->proto == IPPROTO_AH ? "ah" :
			    sa->proto == IPPROTO_COMP ? "comp" : "proto?";

	put(o, "SA %s spi 0x%08x ", proto, sa->spi);
	put_addr(o, sa->src_family, &sa->src);
	put(o, " -> ");
	put_addr(o, sa->dst_family, &sa->dst);
	if (sa->reqid)
		put(o, " reqid %u", sa->reqid);
	if (sa->set & SA_F_IF_ID)
		put(o, " if_id 0x%x", sa->if_id);
	if (sa->set & SA_F_MARK)
		put_mark(o, &sa->mark);
}

XFRMIF_EXPORT int xfrmif_inspect_describe(const xfrmif_inspect *in,
					  uint32_t kind, uint32_t idx,
					  char *buf, size_t size)
{
	struct out o = { .buf = buf, .size = buf ? size : 0 };
	int n;

	if (!in || (!buf && size))
		return -EINVAL;
	n = count_of(in, kind);
	if (n < 0)
		return n;
	if (idx >= (uint32_t)n)
		return -ENOENT;
	if (o.size)
		buf[0] = '\0';
	if (kind == XFRMIF_INSPECT_LINK)
		describe_link(&o, in->links[idx]);
	else if (kind == XFRMIF_INSPECT_POLICY)
		describe_policy(&o, in->pols[idx]);
	else
		describe_sa(&o, in->sas[idx]);
	return o.len > INT32_MAX ? INT32_MAX : (int)o.len;
}
