/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The doctor's rules. Each looks at the joins an inspection already made
 * (and its indexes), so a namespace with many objects costs about n log n.
 * docs/doctor.md explains every code with an example.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doctor_priv.h"

#define L XFRMIF_INSPECT_LINK
#define P XFRMIF_INSPECT_POLICY
#define S XFRMIF_INSPECT_SA

/* ---- interfaces ---- */

static int check_vti(struct xfrmif__drun *run, uint32_t li)
{
	const xfrmif_inspect *in = run->in;
	const xfrmif_link *l = in->links[li];
	const struct xfrmif__ivec *iv;
	struct xfrmif__vti_fit f;
	int fam = xfrmif__link_kind_family(l->kind), r = 0;
	bool dp = fam == AF_INET ? l->dp4 : l->dp6;
	bool dp_known = l->set & (fam == AF_INET ? LINK_F_DP4 : LINK_F_DP6);
	char fix[192];

	if (dp_known && !dp) {
		snprintf(fix, sizeof(fix), "Set it: sysctl -w net.%s.conf.%s."
			 "disable_policy=1 (or xfrmif_link_disable_policy()).",
			 fam == AF_INET ? "ipv4" : "ipv6", l->name);
		r = xfrmif__dadd(run, D_VTI_DP, 0, 1, (uint32_t[]){ L, li }, fix,
			"%s has disable_policy off: packets it decrypts are "
			"checked again against the inbound policies without "
			"the VTI's mark, match none of its policies and are "
			"dropped.", xfrmif__ddesc(run, L, li));
		if (r)
			return r;
	}
	iv = &in->link_pols[li];
	for (uint32_t k = 0; !r && k < iv->n; k++) {
		uint32_t pi = iv->v[k];
		const xfrmif_policy *p = in->pols[pi];
		bool out = p->info.dir == XFRM_POLICY_OUT;

		xfrmif__vti_fit_policy(l, p, &f);
		if (f.mark_ok)
			continue;
		snprintf(fix, sizeof(fix), "Give the policy a mark that the "
			 "VTI's %s 0x%x matches (e.g. mark 0x%x mask 0xffffffff), "
			 "or change the VTI's %s.", out ? "okey" : "ikey",
			 out ? l->okey : l->ikey, out ? l->okey : l->ikey,
			 out ? "okey" : "ikey");
		r = xfrmif__dadd(run, D_VTI_KEY, 0, 2, (uint32_t[]){ L, li, P, pi },
			fix, "%s handles its %s traffic with mark 0x%x (its %s), "
			"but %s does not match that mark, so the kernel does "
			"not use it for the tunnel.", xfrmif__ddesc(run, L, li),
			out ? "outbound" : "inbound", out ? l->okey : l->ikey,
			out ? "okey" : "ikey", xfrmif__ddesc(run, P, pi));
	}
	iv = &in->link_sas[li];
	for (uint32_t k = 0; !r && k < iv->n; k++) {
		uint32_t si = iv->v[k];

		xfrmif__vti_fit_sa(l, in->sas[si], &f);
		if (!f.addr)
			r = xfrmif__dadd(run, D_VTI_ADDR, 0, 2,
				(uint32_t[]){ L, li, S, si },
				"Make the VTI's local and remote the SA's source "
				"and destination (outbound; swapped for inbound), "
				"or install the SA between the tunnel's addresses.",
				"%s carries the mark of %s, but the SA's addresses "
				"are not the tunnel's local/remote pair, so the "
				"tunnel's packets never use it.",
				xfrmif__ddesc(run, S, si), xfrmif__ddesc(run, L, li));
		else if (!f.mark_ok) {
			snprintf(fix, sizeof(fix), "Give the SA the mark of the "
				 "VTI's %s (mark 0x%x mask 0xffffffff).",
				 f.out ? "okey" : "ikey", f.out ? l->okey : l->ikey);
			r = xfrmif__dadd(run, D_VTI_KEY, 0, 2,
				(uint32_t[]){ L, li, S, si }, fix,
				"%s runs between the addresses of %s but its mark "
				"does not match the VTI's %s 0x%x, so the kernel "
				"does not find it for the tunnel's %s packets.",
				xfrmif__ddesc(run, S, si), xfrmif__ddesc(run, L, li),
				f.out ? "okey" : "ikey", f.out ? l->okey : l->ikey,
				f.out ? "outbound" : "inbound");
		}
	}
	return r;
}

int xfrmif__dcheck_links(struct xfrmif__drun *run)
{
	const xfrmif_inspect *in = run->in;
	const struct xfrmif__index *ix = &in->ifid_links;
	int r = 0;

	for (uint32_t li = 0; !r && li < in->nlinks; li++) {
		const xfrmif_link *l = in->links[li];

		if (l->kind == XFRMIF_LINK_KIND_XFRM && l->external)
			continue;
		if (!in->link_pols[li].n)
			r = xfrmif__dadd(run, D_IFACE_NO_POL, 0, 1,
				(uint32_t[]){ L, li },
				l->kind == XFRMIF_LINK_KIND_XFRM ?
				"Add an outbound and an inbound policy with the "
				"interface's if_id (ip xfrm policy add ... if_id ID)." :
				"Add an outbound policy with mark okey and an inbound "
				"one with mark ikey (ip xfrm policy add ... mark KEY).",
				"%s has no policies: nothing sends traffic routed "
				"into it through an SA, and it is dropped.",
				xfrmif__ddesc(run, L, li));
		if (!r && !in->link_sas[li].n)
			r = xfrmif__dadd(run, D_IFACE_NO_SA, 0, 1,
				(uint32_t[]){ L, li },
				l->kind == XFRMIF_LINK_KIND_XFRM ?
				"Install the SAs with the interface's if_id (or check "
				"that the key manager does)." :
				"Install the SAs between the tunnel's addresses with "
				"the marks of its keys (or check that the key manager "
				"does).",
				"%s has no SAs: its traffic cannot be encrypted or "
				"decrypted and is dropped (or waits for a key "
				"exchange).", xfrmif__ddesc(run, L, li));
		if (!r && xfrmif__link_is_vti(l))
			r = check_vti(run, li);
	}
	/* Equal if_ids sit next to each other in the sorted index. */
	for (uint32_t i = 1; !r && i < ix->n; i++)
		if (ix->e[i].key == ix->e[i - 1].key)
			r = xfrmif__dadd(run, D_IFID_DUP, 0, 2,
				(uint32_t[]){ L, ix->e[i - 1].idx, L, ix->e[i].idx },
				"Give every xfrm interface its own if_id (and its "
				"SAs and policies that if_id).",
				"%s and %s have the same if_id: which of them a "
				"policy or SA belongs to depends on the namespace "
				"each was created in, and traffic may leave or "
				"arrive through the other one.",
				xfrmif__ddesc(run, L, ix->e[i - 1].idx),
				xfrmif__ddesc(run, L, ix->e[i].idx));
	return r;
}

/* ---- policies ---- */

static uint64_t sel_key(uint32_t if_id, const struct xfrm_selector *s,
			bool swap)
{
	size_t len = xfrmif__addr_len(s->family);
	uint64_t h = xfrmif__hash(XFRMIF__HASH_INIT, &if_id, sizeof(if_id));

	h = xfrmif__hash(h, &s->family, sizeof(s->family));
	h = xfrmif__hash(h, swap ? &s->daddr : &s->saddr, len);
	h = xfrmif__hash(h, swap ? &s->prefixlen_d : &s->prefixlen_s, 1);
	h = xfrmif__hash(h, swap ? &s->saddr : &s->daddr, len);
	return xfrmif__hash(h, swap ? &s->prefixlen_s : &s->prefixlen_d, 1);
}

/* Whether q's selector is p's, turned around. */
static bool reverse_of(const xfrmif_policy *p, const xfrmif_policy *q)
{
	const struct xfrm_selector *a = &p->info.sel, *b = &q->info.sel;
	size_t len = xfrmif__addr_len(a->family);

	return p->if_id == q->if_id && a->family == b->family &&
	       a->prefixlen_s == b->prefixlen_d && a->prefixlen_d == b->prefixlen_s &&
	       a->proto == b->proto && !memcmp(&a->saddr, &b->daddr, len) &&
	       !memcmp(&a->daddr, &b->saddr, len);
}

static bool is_ipsec_out(const xfrmif_policy *p)
{
	return p->info.dir == XFRM_POLICY_OUT &&
	       p->info.action == XFRM_POLICY_ALLOW && p->ntmpl > 0;
}

static int check_counterparts(struct xfrmif__drun *run)
{
	const xfrmif_inspect *in = run->in;
	struct xfrmif__index ix = { 0 };
	int r = 0;

	ix.e = calloc(in->npols ? in->npols : 1, sizeof(*ix.e));
	if (!ix.e)
		return -ENOMEM;
	for (uint32_t i = 0; i < in->npols; i++) {
		const xfrmif_policy *q = in->pols[i];

		if (q->info.dir == XFRM_POLICY_IN || q->info.dir == XFRM_POLICY_FWD) {
			ix.e[ix.n].key = sel_key(q->if_id, &q->info.sel, false);
			ix.e[ix.n++].idx = i;
		}
	}
	xfrmif__index_sort(&ix);
	for (uint32_t pi = 0; !r && pi < in->npols; pi++) {
		const xfrmif_policy *p = in->pols[pi];
		uint32_t first, n;
		bool found = false;

		if (!is_ipsec_out(p))
			continue;
		n = xfrmif__index_find(&ix, sel_key(p->if_id, &p->info.sel, true),
				       &first);
		for (uint32_t k = 0; k < n && !found; k++)
			found = reverse_of(p, in->pols[ix.e[first + k].idx]);
		if (!found)
			r = xfrmif__dadd(run, D_POL_NO_IN, 0, 1, (uint32_t[]){ P, pi },
				"Add the policy for the way back: dir in (traffic "
				"to this host) and/or dir fwd (traffic routed "
				"through it), with source and destination swapped "
				"and the same if_id.",
				"%s has no inbound or forward policy for the "
				"answers (source and destination swapped): the "
				"replies arriving decrypted through the tunnel are "
				"dropped by the inbound policy check.",
				xfrmif__ddesc(run, P, pi));
	}
	free(ix.e);
	return r;
}

/* One template without an SA: say why, from the SAs that come closest. */
static int check_tmpl(struct xfrmif__drun *run, uint32_t pi, unsigned t)
{
	const xfrmif_inspect *in = run->in;
	const xfrmif_policy *p = in->pols[pi];
	const xfrmif_tmpl *tm = &p->tmpl[t];
	const struct xfrmif__index *ix;
	uint32_t first, n, near_ifid = UINT32_MAX, near_mark = UINT32_MAX;
	bool all, out = p->info.dir == XFRM_POLICY_OUT;

	n = xfrmif__tmpl_candidates(in, p, tm, &ix, &first, &all);
	for (uint32_t k = 0; k < n; k++) {
		uint32_t si = all ? k : ix->e[first + k].idx;
		uint32_t miss = xfrmif__tmpl_sa_miss(p, tm, in->sas[si]);

		if (miss & ~(uint32_t)(XFRMIF__MISS_IFID | XFRMIF__MISS_MARK))
			continue;
		if ((miss & XFRMIF__MISS_IFID) && near_ifid == UINT32_MAX)
			near_ifid = si;
		else if (!(miss & XFRMIF__MISS_IFID) && near_mark == UINT32_MAX)
			near_mark = si;
	}
	if (near_ifid != UINT32_MAX)
		return xfrmif__dadd(run, D_TMPL_IFID, 0, 2,
			(uint32_t[]){ P, pi, S, near_ifid },
			"Give the SA and the policy the same if_id (the one of "
			"the xfrm interface they belong to).",
			"Template %u of %s matches %s in everything but the if_id "
			"(policy 0x%x, SA 0x%x): the kernel never uses that SA "
			"for the policy and the traffic is dropped.", t + 1,
			xfrmif__ddesc(run, P, pi), xfrmif__ddesc(run, S, near_ifid),
			p->if_id, in->sas[near_ifid]->if_id);
	if (near_mark != UINT32_MAX)
		return xfrmif__dadd(run, D_TMPL_MARK, 0, 2,
			(uint32_t[]){ P, pi, S, near_mark },
			"Give the SA a mark that the policy's mark satisfies "
			"(usually the same value and mask).",
			"Template %u of %s matches %s in everything but the mark: "
			"no packet mark satisfies both, so the kernel never uses "
			"that SA for the policy and the traffic is dropped.",
			t + 1, xfrmif__ddesc(run, P, pi),
			xfrmif__ddesc(run, S, near_mark));
	if (tm->t.reqid &&
	    !xfrmif__index_find(&in->reqid_sas, tm->t.reqid, &first))
		return xfrmif__dadd(run, D_TMPL_REQID, out ? 0 : XFRMIF_SEVERITY_WARNING,
			1, (uint32_t[]){ P, pi },
			"Install the SA with this reqid, or give the template the "
			"reqid of the SA that should carry the traffic.",
			"Template %u of %s asks for reqid %u, and no SA has that "
			"reqid: %s", t + 1, xfrmif__ddesc(run, P, pi), tm->t.reqid,
			out ? "outgoing packets are dropped (or wait for a key "
			      "exchange) until one exists." :
			      "arriving packets cannot pass the policy check.");
	return xfrmif__dadd(run, D_TMPL_NO_SA, out ? XFRMIF_SEVERITY_ERROR : 0,
		1, (uint32_t[]){ P, pi },
		"Install an SA with the template's protocol, mode, addresses, "
		"reqid and the policy's if_id/mark, or correct the template.",
		"No SA fits template %u of %s (protocol, mode, addresses, "
		"reqid, if_id and mark together): %s", t + 1,
		xfrmif__ddesc(run, P, pi),
		out ? "outgoing packets are dropped (or wait for a key exchange)." :
		      "arriving packets cannot pass the policy check.");
}

int xfrmif__dcheck_policies(struct xfrmif__drun *run)
{
	const xfrmif_inspect *in = run->in;
	uint32_t first;
	int r = 0;

	for (uint32_t pi = 0; !r && pi < in->npols; pi++) {
		const xfrmif_policy *p = in->pols[pi];

		if (p->if_id && !in->has_external &&
		    !xfrmif__index_find(&in->ifid_links, p->if_id, &first))
			r = xfrmif__dadd(run, D_POL_IFID, 0, 1, (uint32_t[]){ P, pi },
				"Create the xfrm interface (ip link add NAME type "
				"xfrm if_id ID), or give the policy the if_id of an "
				"existing one.",
				"%s names if_id 0x%x, but no xfrm interface has it: "
				"no traffic ever matches the policy.",
				xfrmif__ddesc(run, P, pi), p->if_id);
		if (p->info.action != XFRM_POLICY_ALLOW)
			continue;
		for (unsigned t = 0; !r && t < p->ntmpl; t++) {
			if (p->tmpl[t].t.optional ||
			    in->tmpl_sas[(size_t)pi * XFRMIF_POLICY_MAX_TMPLS + t].n)
				continue;
			r = check_tmpl(run, pi, t);
		}
	}
	return r ? r : check_counterparts(run);
}

/* ---- SAs ---- */

/* Whether an SA receives: its direction says so, an inbound or forward
 * policy uses it, or it runs from a VTI's remote to its local end. */
static bool sa_inbound(const xfrmif_inspect *in, uint32_t si)
{
	const xfrmif_sa *sa = in->sas[si];
	struct xfrmif__vti_fit f;

	if (sa->set & SA_F_DIR)
		return sa->dir == XFRMIF_SA_DIR_IN;
	for (uint32_t k = 0; k < in->sa_pols[si].n; k++)
		if (in->pols[in->sa_pols[si].v[k]]->info.dir != XFRM_POLICY_OUT)
			return true;
	for (uint32_t k = 0; k < in->sa_links[si].n; k++) {
		const xfrmif_link *l = in->links[in->sa_links[si].v[k]];

		if (!xfrmif__link_is_vti(l))
			continue;
		xfrmif__vti_fit_sa(l, sa, &f);
		if (f.in && !f.out)
			return true;
	}
	return false;
}

/* Whether `cur` has reached `pct` percent of `limit`. */
static bool reached(uint64_t cur, uint64_t limit, uint32_t pct)
{
	return (unsigned __int128)cur * 100 >= (unsigned __int128)limit * pct;
}

/* Which limit of `sa` has reached `pct` percent: its name, or NULL. Byte
 * and packet limits at infinity or 0 and time limits at 0 never do. */
static const char *limit_reached(const struct xfrmif__drun *run,
				 const xfrmif_sa *sa, bool hard, uint32_t pct)
{
	const uint64_t *lim = sa->limits;
	int b = hard ? XFRMIF_SA_LIMIT_HARD_BYTES : XFRMIF_SA_LIMIT_SOFT_BYTES;
	int pk = hard ? XFRMIF_SA_LIMIT_HARD_PACKETS : XFRMIF_SA_LIMIT_SOFT_PACKETS;
	int ad = hard ? XFRMIF_SA_LIMIT_HARD_ADD_SECONDS :
			XFRMIF_SA_LIMIT_SOFT_ADD_SECONDS;
	int us = hard ? XFRMIF_SA_LIMIT_HARD_USE_SECONDS :
			XFRMIF_SA_LIMIT_SOFT_USE_SECONDS;
	uint64_t now = run->now > 0 ? (uint64_t)run->now : 0;

	if (lim[b] && lim[b] != UINT64_MAX && sa->cur.bytes &&
	    reached(sa->cur.bytes, lim[b], pct))
		return "byte";
	if (lim[pk] && lim[pk] != UINT64_MAX && sa->cur.packets &&
	    reached(sa->cur.packets, lim[pk], pct))
		return "packet";
	if (lim[ad] && sa->cur.add_time && now > sa->cur.add_time &&
	    reached(now - sa->cur.add_time, lim[ad], pct))
		return "add-time";
	if (lim[us] && sa->cur.use_time && now > sa->cur.use_time &&
	    reached(now - sa->cur.use_time, lim[us], pct))
		return "use-time";
	return NULL;
}

static int check_sa(struct xfrmif__drun *run, uint32_t si)
{
	const xfrmif_inspect *in = run->in;
	const xfrmif_sa *sa = in->sas[si];
	const uint32_t obj[] = { S, si };
	const char *which;
	uint32_t first;
	int r = 0;

	if (sa->if_id && !in->has_external &&
	    !xfrmif__index_find(&in->ifid_links, sa->if_id, &first))
		r = xfrmif__dadd(run, D_SA_IFID, 0, 1, obj,
			"Create the xfrm interface with this if_id, or give the "
			"SA the if_id of an existing one.",
			"%s names if_id 0x%x, but no xfrm interface has it: "
			"packets it decrypts have no interface to arrive on and "
			"no policy of an interface sends through it.",
			xfrmif__ddesc(run, S, si), sa->if_id);
	if (!r && !in->sa_pols[si].n)
		r = xfrmif__dadd(run, D_SA_NO_POL, 0, 1, obj,
			"Add the policy that should use it (matching protocol, "
			"mode, addresses, reqid, if_id and mark), or delete the "
			"SA if it is left over.",
			"No policy template resolves to %s: outbound, nothing "
			"sends through it; inbound, what it decrypts fails the "
			"policy check.", xfrmif__ddesc(run, S, si));
	if (!r && (which = limit_reached(run, sa, true, run->near_percent)))
		r = xfrmif__dadd(run, D_SA_NEAR_HARD, 0, 1, obj,
			"Rekey now: install the replacement SA (and make sure "
			"the key manager rekeys on the soft limit).",
			"%s has used %u%% or more of its hard %s limit: when it "
			"reaches it the kernel deletes the SA and the traffic "
			"stops.", xfrmif__ddesc(run, S, si), run->near_percent,
			which);
	if (!r && (which = limit_reached(run, sa, false, 100)))
		r = xfrmif__dadd(run, D_SA_SOFT, 0, 1, obj,
			"Check that the key manager is running and rekeys on "
			"the kernel's expire message; replace the SA.",
			"%s has passed its soft %s limit: it is expiring and "
			"should have been replaced by a new SA.",
			xfrmif__ddesc(run, S, si), which);
	if (!r && sa->replay_window == 0 && sa->proto != IPPROTO_COMP &&
	    sa_inbound(in, si))
		r = xfrmif__dadd(run, D_SA_REPLAY, 0, 1, obj,
			"Re-install the SA with a replay window (e.g. "
			"replay-window 32, or larger with ESN).",
			"%s receives with replay window 0: replayed packets "
			"are accepted.", xfrmif__ddesc(run, S, si));
	return r;
}

int xfrmif__dcheck_sas(struct xfrmif__drun *run)
{
	int r = 0;

	for (uint32_t si = 0; !r && si < run->in->nsas; si++)
		r = check_sa(run, si);
	return r;
}

/* ---- the kernel ---- */

static void need(uint32_t *mask, uint32_t *first_kind, uint32_t *first_idx,
		 uint32_t bit, uint32_t kind, uint32_t idx)
{
	for (unsigned b = 0; b < 32; b++)
		if ((bit & (1u << b)) && !(*mask & (1u << b))) {
			first_kind[b] = kind;
			first_idx[b] = idx;
		}
	*mask |= bit;
}

static uint32_t esp_bit(int family)
{
	return family == AF_INET ? XFRMIF_FEATURE_ESP4 :
	       family == AF_INET6 ? XFRMIF_FEATURE_ESP6 : 0;
}

int xfrmif__dcheck_kernel(struct xfrmif__drun *run)
{
	const xfrmif_inspect *in = run->in;
	uint32_t needs = 0, present = 0, features, fk[32], fi[32];
	int r;

	if (run->flags & XFRMIF_DOCTOR_NO_PROBE)
		return 0;
	/* What exists proves its module is there. */
	for (uint32_t i = 0; i < in->nlinks; i++)
		present |= in->links[i]->kind == XFRMIF_LINK_KIND_XFRM ?
				   XFRMIF_FEATURE_XFRM_INTERFACE :
			   in->links[i]->kind == XFRMIF_LINK_KIND_VTI ?
				   XFRMIF_FEATURE_VTI : XFRMIF_FEATURE_VTI6;
	for (uint32_t i = 0; i < in->nsas; i++) {
		const xfrmif_sa *sa = in->sas[i];

		if (sa->proto == IPPROTO_ESP)
			present |= esp_bit(sa->src_family);
		if (sa->if_id)
			need(&needs, fk, fi, XFRMIF_FEATURE_XFRM_INTERFACE, S, i);
	}
	for (uint32_t i = 0; i < in->npols; i++) {
		const xfrmif_policy *p = in->pols[i];

		if (p->if_id)
			need(&needs, fk, fi, XFRMIF_FEATURE_XFRM_INTERFACE, P, i);
		for (unsigned t = 0; t < p->ntmpl; t++)
			if (p->tmpl[t].t.id.proto == IPPROTO_ESP)
				need(&needs, fk, fi,
				     esp_bit(xfrmif__tmpl_family(p, &p->tmpl[t])),
				     P, i);
	}
	needs &= ~present;
	if (!needs)
		return 0;
	if (run->flags & XFRMIF_DOCTOR_FEATURES) {
		features = run->features;
	} else {
		r = xfrmif_probe(run->ctx, &features);
		if (r < 0)
			return r;
	}
	for (unsigned b = 0; b < 32; b++) {
		uint32_t bit = 1u << b;

		if (!(needs & bit) || (features & bit))
			continue;
		r = xfrmif__dadd(run, D_KERNEL, 0, 1, (uint32_t[]){ fk[b], fi[b] },
			"Load the module or use a kernel built with the option "
			"(modprobe, or the distribution's full kernel).",
			"The configuration needs %s (%s), which this kernel "
			"lacks; first user: %s.", xfrmif_feature_name(bit),
			xfrmif_feature_kernel_option(bit),
			xfrmif__ddesc(run, fk[b], fi[b]));
		if (r)
			return r;
	}
	return 0;
}
