/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The joins of an inspection: which interface owns which policy and SA, and
 * which SAs each policy template resolves to, with the kernel's rules.
 * Lookups go through sorted indexes (if_id, reqid, SA destination) so that
 * a namespace with many objects costs n log n, not n * m.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "inspect_priv.h"

/* ---- indexes ---- */

static int ikey_cmp(const void *a, const void *b)
{
	const struct xfrmif__ikey *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

void xfrmif__index_sort(struct xfrmif__index *ix)
{
	if (ix->n > 1)
		qsort(ix->e, ix->n, sizeof(*ix->e), ikey_cmp);
}

uint32_t xfrmif__index_find(const struct xfrmif__index *ix, uint64_t key,
			    uint32_t *first)
{
	uint32_t lo = 0, hi = ix->n, end;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (ix->e[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	*first = lo;
	for (end = lo; end < ix->n && ix->e[end].key == key; end++)
		;
	return end - lo;
}

uint64_t xfrmif__hash(uint64_t h, const void *p, size_t len)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < len; i++) {
		h ^= c[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t addr_key(int family, const xfrm_address_t *a)
{
	uint64_t h = xfrmif__hash(XFRMIF__HASH_INIT, &family, sizeof(family));

	return xfrmif__hash(h, a, xfrmif__addr_len(family));
}

static int index_alloc(struct xfrmif__index *ix, uint32_t n)
{
	ix->n = 0;
	ix->e = calloc(n ? n : 1, sizeof(*ix->e));
	return ix->e ? 0 : -ENOMEM;
}

static void index_add(struct xfrmif__index *ix, uint64_t key, uint32_t idx)
{
	ix->e[ix->n].key = key;
	ix->e[ix->n].idx = idx;
	ix->n++;
}

/* ---- matching rules ---- */

bool xfrmif__link_is_vti(const xfrmif_link *l)
{
	return l->kind == XFRMIF_LINK_KIND_VTI || l->kind == XFRMIF_LINK_KIND_VTI6;
}

static bool addr_eq(int family, const xfrm_address_t *a, const xfrm_address_t *b)
{
	return !memcmp(a, b, xfrmif__addr_len(family));
}

int xfrmif__tmpl_family(const xfrmif_policy *p, const xfrmif_tmpl *t)
{
	return t->t.family ? t->t.family : p->info.sel.family;
}

/* The mark the kernel looks SAs up with for a policy's traffic is the
 * policy's own (value & mask) on output; on input it is the packet's mark,
 * which both must accept. Either way, an SA fits when some mark satisfies
 * both, and on output exactly the policy's value. */
static bool marks_fit(const xfrmif_policy *p, const xfrmif_sa *sa)
{
	struct xfrm_mark pm = { 0, 0 }, sm = { 0, 0 };

	if (p->isset & POL_MARK)
		pm = p->mark;
	if (sa->set & SA_F_MARK)
		sm = sa->mark;
	if (p->info.dir == XFRM_POLICY_OUT)
		return ((pm.v & pm.m) & sm.m) == sm.v;
	return (pm.v & ~pm.m) == 0 && (sm.v & ~sm.m) == 0 &&
	       ((pm.v ^ sm.v) & pm.m & sm.m) == 0;
}

uint32_t xfrmif__tmpl_sa_miss(const xfrmif_policy *p, const xfrmif_tmpl *t,
			      const xfrmif_sa *sa)
{
	int fam = xfrmif__tmpl_family(p, t);
	uint32_t miss = 0;

	if (fam != sa->src_family)
		miss |= XFRMIF__MISS_FAMILY;
	if (t->t.id.proto != sa->proto)
		miss |= XFRMIF__MISS_PROTO;
	if (t->t.mode != sa->mode)
		miss |= XFRMIF__MISS_MODE;
	if (!(miss & XFRMIF__MISS_FAMILY) &&
	    ((!xfrmif__addr_is_any(fam, &t->t.id.daddr) &&
	      !addr_eq(fam, &t->t.id.daddr, &sa->dst)) ||
	     (!xfrmif__addr_is_any(fam, &t->t.saddr) &&
	      !addr_eq(fam, &t->t.saddr, &sa->src))))
		miss |= XFRMIF__MISS_ADDR;
	if (t->t.reqid && t->t.reqid != sa->reqid)
		miss |= XFRMIF__MISS_REQID;
	if (t->t.id.spi && ntohl(t->t.id.spi) != sa->spi)
		miss |= XFRMIF__MISS_SPI;
	if (p->if_id != sa->if_id)
		miss |= XFRMIF__MISS_IFID;
	if (!marks_fit(p, sa))
		miss |= XFRMIF__MISS_MARK;
	return miss;
}

uint32_t xfrmif__tmpl_candidates(const xfrmif_inspect *in,
				 const xfrmif_policy *p, const xfrmif_tmpl *t,
				 const struct xfrmif__index **ix,
				 uint32_t *first, bool *all)
{
	int fam = xfrmif__tmpl_family(p, t);

	*all = false;
	if (t->t.reqid) {
		*ix = &in->reqid_sas;
		return xfrmif__index_find(*ix, t->t.reqid, first);
	}
	if (xfrmif__addr_len(fam) && !xfrmif__addr_is_any(fam, &t->t.id.daddr)) {
		*ix = &in->dst_sas;
		return xfrmif__index_find(*ix, addr_key(fam, &t->t.id.daddr),
					  first);
	}
	/* A template without reqid or destination (transport mode between
	 * hosts, typically): any SA may fit. */
	*ix = NULL;
	*first = 0;
	*all = true;
	return in->nsas;
}

/* Whether (src, dst) of `family` run from a to b, where an unset or any
 * tunnel end matches every address. */
static bool ends_fit(const xfrmif_link *l, int family, const xfrm_address_t *src,
		     const xfrm_address_t *dst, bool out)
{
	const xfrm_address_t *lo = (const xfrm_address_t *)&l->local;
	const xfrm_address_t *re = (const xfrm_address_t *)&l->remote;
	bool lo_any = !(l->set & LINK_F_LOCAL) || xfrmif__addr_is_any(family, lo);
	bool re_any = !(l->set & LINK_F_REMOTE) || xfrmif__addr_is_any(family, re);

	if (family != xfrmif__link_kind_family(l->kind))
		return false;
	if (out)
		return (lo_any || addr_eq(family, src, lo)) &&
		       (re_any || addr_eq(family, dst, re));
	return (re_any || addr_eq(family, src, re)) &&
	       (lo_any || addr_eq(family, dst, lo));
}

static bool key_fits(uint32_t key, const struct xfrm_mark *m)
{
	return (key & m->m) == m->v;
}

static void score(struct xfrmif__vti_fit *f)
{
	f->score = f->addr && f->mark_ok ? 4 :
		   (f->mark_any ? 2 : 0) + (f->addr ? 1 : 0);
}

void xfrmif__vti_fit_policy(const xfrmif_link *l, const xfrmif_policy *p,
			    struct xfrmif__vti_fit *f)
{
	struct xfrm_mark m = { 0, 0 };
	bool out = p->info.dir == XFRM_POLICY_OUT;

	memset(f, 0, sizeof(*f));
	/* VTI traffic is looked up without an if_id. */
	if (p->if_id)
		return;
	if (p->isset & POL_MARK)
		m = p->mark;
	for (unsigned i = 0; i < p->ntmpl && !f->addr; i++) {
		const xfrmif_tmpl *t = &p->tmpl[i];

		if ((t->isset & (TMPL_SRC | TMPL_DST)) != (TMPL_SRC | TMPL_DST))
			continue;
		f->addr = ends_fit(l, xfrmif__tmpl_family(p, t), &t->t.saddr,
				   &t->t.id.daddr, out);
	}
	f->out = f->addr && out;
	f->in = f->addr && !out;
	f->mark_ok = key_fits(out ? l->okey : l->ikey, &m);
	f->mark_any = m.m && (key_fits(l->okey, &m) || key_fits(l->ikey, &m));
	/* A marked policy that fits the key of its direction is the VTI's
	 * even without templates naming its addresses. */
	if (m.m && f->mark_ok && !f->addr)
		f->score = 3;
	else
		score(f);
}

void xfrmif__vti_fit_sa(const xfrmif_link *l, const xfrmif_sa *sa,
			struct xfrmif__vti_fit *f)
{
	struct xfrm_mark m = { 0, 0 };

	memset(f, 0, sizeof(*f));
	if (sa->if_id)
		return;
	if (sa->set & SA_F_MARK)
		m = sa->mark;
	f->out = ends_fit(l, sa->src_family, &sa->src, &sa->dst, true);
	f->in = ends_fit(l, sa->src_family, &sa->src, &sa->dst, false);
	f->addr = f->out || f->in;
	/* With both ends any, the direction is unknown: either key will do. */
	f->mark_ok = (f->out && key_fits(l->okey, &m)) ||
		     (f->in && key_fits(l->ikey, &m));
	f->mark_any = m.m && (key_fits(l->okey, &m) || key_fits(l->ikey, &m));
	score(f);
}

/* ---- the joins ---- */

static int alloc_vecs(struct xfrmif__ivec **iv, size_t n)
{
	*iv = calloc(n ? n : 1, sizeof(**iv));
	return *iv ? 0 : -ENOMEM;
}

static int build_indexes(xfrmif_inspect *in)
{
	int r = index_alloc(&in->ifid_links, in->nlinks);

	if (!r)
		r = index_alloc(&in->reqid_sas, in->nsas);
	if (!r)
		r = index_alloc(&in->dst_sas, in->nsas);
	if (r)
		return r;
	for (uint32_t i = 0; i < in->nlinks; i++) {
		const xfrmif_link *l = in->links[i];

		if (l->kind != XFRMIF_LINK_KIND_XFRM)
			continue;
		if (l->external)
			in->has_external = true;
		else
			index_add(&in->ifid_links, l->if_id, i);
	}
	for (uint32_t i = 0; i < in->nsas; i++) {
		const xfrmif_sa *sa = in->sas[i];

		if (sa->reqid)
			index_add(&in->reqid_sas, sa->reqid, i);
		index_add(&in->dst_sas, addr_key(sa->dst_family, &sa->dst), i);
	}
	xfrmif__index_sort(&in->ifid_links);
	xfrmif__index_sort(&in->reqid_sas);
	xfrmif__index_sort(&in->dst_sas);
	return 0;
}

/* Pushes `idx` onto both ends of a link <-> object relation. */
static int relate(struct xfrmif__ivec *a, uint32_t ai, struct xfrmif__ivec *b,
		  uint32_t bi)
{
	int r = xfrmif__ivec_push(&a[ai], bi);

	return r ? r : xfrmif__ivec_push(&b[bi], ai);
}

/* Joins object `idx` (its if_id, or its fit with each VTI) to interfaces. */
static int join_links(xfrmif_inspect *in, uint32_t if_id, uint32_t idx,
		      const xfrmif_policy *p, const xfrmif_sa *sa,
		      struct xfrmif__ivec *obj_links, struct xfrmif__ivec *link_objs)
{
	struct xfrmif__vti_fit f;
	int best = 0, r;
	uint32_t first, n;

	if (if_id) {
		n = xfrmif__index_find(&in->ifid_links, if_id, &first);
		for (uint32_t k = 0; k < n; k++) {
			r = relate(obj_links, idx, link_objs,
				   in->ifid_links.e[first + k].idx);
			if (r)
				return r;
		}
		return 0;
	}
	/* The VTIs that fit best (there are few VTIs; a linear pass). */
	for (int pass = 0; pass < 2; pass++)
		for (uint32_t i = 0; i < in->nlinks; i++) {
			if (!xfrmif__link_is_vti(in->links[i]))
				continue;
			if (p)
				xfrmif__vti_fit_policy(in->links[i], p, &f);
			else
				xfrmif__vti_fit_sa(in->links[i], sa, &f);
			if (pass == 0 && f.score > best)
				best = f.score;
			if (pass == 1 && best && f.score == best) {
				r = relate(obj_links, idx, link_objs, i);
				if (r)
					return r;
			}
		}
	return 0;
}

/* Link lists are filled in object order, so each is already sorted; the
 * object's own lists come from the if_id index (sorted) or a pass over the
 * links in order. */
static int join_tmpls(xfrmif_inspect *in, uint32_t pi)
{
	const xfrmif_policy *p = in->pols[pi];
	const struct xfrmif__index *ix;
	uint32_t first, n;
	bool all;
	int r;

	for (unsigned t = 0; t < p->ntmpl; t++) {
		struct xfrmif__ivec *iv =
			&in->tmpl_sas[(size_t)pi * XFRMIF_POLICY_MAX_TMPLS + t];

		n = xfrmif__tmpl_candidates(in, p, &p->tmpl[t], &ix, &first, &all);
		for (uint32_t k = 0; k < n; k++) {
			uint32_t si = all ? k : ix->e[first + k].idx;

			if (xfrmif__tmpl_sa_miss(p, &p->tmpl[t], in->sas[si]))
				continue;
			r = xfrmif__ivec_push(iv, si);
			if (!r && (!in->sa_pols[si].n ||
				   in->sa_pols[si].v[in->sa_pols[si].n - 1] != pi))
				r = xfrmif__ivec_push(&in->sa_pols[si], pi);
			if (r)
				return r;
		}
	}
	return 0;
}

int xfrmif__inspect_join(xfrmif_inspect *in)
{
	int r = build_indexes(in);

	if (!r)
		r = alloc_vecs(&in->link_pols, in->nlinks);
	if (!r)
		r = alloc_vecs(&in->link_sas, in->nlinks);
	if (!r)
		r = alloc_vecs(&in->pol_links, in->npols);
	if (!r)
		r = alloc_vecs(&in->tmpl_sas,
			       (size_t)in->npols * XFRMIF_POLICY_MAX_TMPLS);
	if (!r)
		r = alloc_vecs(&in->sa_links, in->nsas);
	if (!r)
		r = alloc_vecs(&in->sa_pols, in->nsas);
	for (uint32_t i = 0; !r && i < in->npols; i++)
		r = join_links(in, in->pols[i]->if_id, i, in->pols[i], NULL,
			       in->pol_links, in->link_pols);
	for (uint32_t i = 0; !r && i < in->nsas; i++)
		r = join_links(in, in->sas[i]->if_id, i, NULL, in->sas[i],
			       in->sa_links, in->link_sas);
	for (uint32_t i = 0; !r && i < in->npols; i++)
		r = join_tmpls(in, i);
	return r;
}
