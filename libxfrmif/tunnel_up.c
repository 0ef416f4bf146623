/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrmif_tunnel_up: every piece of a tunnel, all or nothing. Each step that
 * changes the kernel is recorded; when one fails, the recorded ones are
 * undone newest first and the failed step's error and message returned.
 */
#include <stdlib.h>
#include <string.h>

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "link_priv.h"
#include "policy_int.h"
#include "sa_priv.h"
#include "tunnel_priv.h"

#define WHAT "tunnel up"

enum undo_kind { U_LINK, U_SA, U_POL, U_ADDR, U_ROUTE };

struct undo {
	enum undo_kind kind;
	const void *obj; /* xfrmif_sa, xfrmif_policy or struct xfrmif__pfx */
	bool moved;      /* U_LINK: the interface is in the link namespace */
	bool unsure;     /* U_LINK: the move's outcome is unknown: try both */
};

struct up {
	xfrmif_ctx *ctx, *lctx;
	const xfrmif_tunnel *t;
	uint32_t ifindex; /* of the interface, in lctx */
	xfrmif_sa *sa[2];
	xfrmif_policy **pol;
	unsigned int npol;
	struct undo *undo;
	unsigned int nundo;
	unsigned int step;
};

/* Counts a step; the white-box hook fails the chosen one. */
static int step(struct up *u)
{
	if (++u->step == u->t->fail_at)
		return xfrmif__err(u->ctx, -EIO, WHAT ": step %u: injected "
				   "failure", u->step);
	return 0;
}

static void record(struct up *u, enum undo_kind kind, const void *obj)
{
	u->undo[u->nundo++] = (struct undo){ .kind = kind, .obj = obj };
}

/* After a failed step: when its request may still have been applied (the
 * answer was lost), it is undone like a completed one; deleting what does
 * not exist is harmless. A step the kernel refused is not: it may have met
 * someone else's object (EEXIST). */
static void record_if_unsure(struct up *u, xfrmif_ctx *via,
			     enum undo_kind kind, const void *obj)
{
	if (via->outcome_unknown)
		record(u, kind, obj);
}

/* An error of a call made through the link namespace's context becomes
 * the caller's. */
static int lerr(struct up *u, int r)
{
	if (r < 0 && u->lctx != u->ctx)
		xfrmif__err(u->ctx, r, "%s", u->lctx->errmsg);
	return r;
}

/* One policy of the set for a selector pair. */
static int make_pol(const xfrmif_tunnel *t, int dir, const struct xfrmif__pfx *l,
		    const struct xfrmif__pfx *r, int family, xfrmif_policy **out)
{
	bool outbound = dir == XFRMIF_POLICY_DIR_OUT;
	const struct xfrmif__pfx *src = outbound ? l : r, *dst = outbound ? r : l;
	xfrmif_tmpl tmpl;
	xfrmif_policy *p;
	int e;

	e = xfrmif_policy_new(&p);
	if (e < 0)
		return e;
	if (src) {
		e = xfrmif_policy_set_src(p, src->family, &src->addr, src->len);
		e = e ?: xfrmif_policy_set_dst(p, dst->family, &dst->addr,
					       dst->len);
	} else {
		e = xfrmif_policy_set_family(p, family);
	}
	e = e ?: xfrmif_policy_set_dir(p, dir);
	if (t->kind == XFRMIF_LINK_KIND_XFRM)
		e = e ?: xfrmif_policy_set_if_id(p, t->if_id);
	else
		e = e ?: xfrmif_policy_set_mark(p, outbound ? t->okey : t->ikey,
						0xffffffffu);
	xfrmif__tmpl_init(&tmpl);
	e = e ?: xfrmif_tmpl_set_src(&tmpl, t->family,
				     outbound ? &t->local : &t->remote);
	e = e ?: xfrmif_tmpl_set_dst(&tmpl, t->family,
				     outbound ? &t->remote : &t->local);
	e = e ?: xfrmif_tmpl_set_proto(&tmpl, t->sa[0]->set & SA_F_PROTO ?
					      t->sa[0]->proto : IPPROTO_ESP);
	e = e ?: xfrmif_tmpl_set_mode(&tmpl, t->mode);
	e = e ?: xfrmif_tmpl_set_reqid(&tmpl, xfrmif__tunnel_reqid(t));
	e = e ?: xfrmif_policy_add_tmpl(p, &tmpl);
	if (e < 0) {
		xfrmif_policy_free(p);
		return e;
	}
	*out = p;
	return 0;
}

static const int dirs[] = { XFRMIF_POLICY_DIR_OUT, XFRMIF_POLICY_DIR_IN,
			    XFRMIF_POLICY_DIR_FWD };

static int add_set(struct up *u, const struct xfrmif__pfx *l,
		   const struct xfrmif__pfx *r, int family)
{
	for (int d = 0; d < 3; d++) {
		int e = make_pol(u->t, dirs[d], l, r, family,
				 &u->pol[u->npol]);
		if (e < 0)
			return e;
		u->npol++;
	}
	return 0;
}

/* The policies: one set per same-family selector pair, or the wildcard
 * sets (both inner families in tunnel mode, the outer one in transport
 * mode). */
static int make_policies(struct up *u)
{
	const xfrmif_tunnel *t = u->t;
	unsigned int max = t->ts[0].n * t->ts[1].n * 3 + 6;
	int e = 0;

	u->pol = calloc(max, sizeof(*u->pol));
	if (!u->pol)
		return -ENOMEM;
	if (!t->ts[0].n) {
		if (t->mode == XFRMIF_SA_MODE_TUNNEL || t->family == AF_INET)
			e = add_set(u, NULL, NULL, AF_INET);
		if (!e && (t->mode == XFRMIF_SA_MODE_TUNNEL ||
			   t->family == AF_INET6))
			e = add_set(u, NULL, NULL, AF_INET6);
		return e;
	}
	for (unsigned int i = 0; !e && i < t->ts[0].n; i++)
		for (unsigned int j = 0; !e && j < t->ts[1].n; j++)
			if (t->ts[0].v[i].family == t->ts[1].v[j].family)
				e = add_set(u, &t->ts[0].v[i], &t->ts[1].v[j], 0);
	if (!e && !u->npol)
		return xfrmif__err(u->ctx, -EINVAL, WHAT ": local_ts/remote_ts: "
				   "no pair of one family");
	return e;
}

/* Builds and checks everything before the first request. */
static int prepare(struct up *u)
{
	const xfrmif_tunnel *t = u->t;
	int e;

	for (int d = 0; d < 2; d++) {
		e = xfrmif__tunnel_make_sa(t, d, NULL, &u->sa[d]);
		if (e < 0)
			return xfrmif__err(u->ctx, e, WHAT ": out of memory");
		e = xfrmif__sa_validate(u->ctx, u->sa[d], d ? WHAT ": in SA" :
							      WHAT ": out SA");
		if (e < 0)
			return e;
	}
	e = make_policies(u);
	if (e < 0)
		return e == -EINVAL ? e : xfrmif__err(u->ctx, e, WHAT ": policies: %s",
					      strerror(-e));
	for (unsigned int i = 0; i < u->npol; i++) {
		e = xfrmif__policy_validate(u->ctx, u->pol[i], WHAT ": policy");
		if (e < 0)
			return e;
	}
	/* link, move, 2 x disable_policy, 2 SAs, up, then the lists. */
	u->undo = calloc(8 + u->npol + t->addrs.n + t->routes.n,
			 sizeof(*u->undo));
	return u->undo ? 0 : xfrmif__err(u->ctx, -ENOMEM, WHAT ": out of memory");
}

static int add_link(struct up *u)
{
	const xfrmif_tunnel *t = u->t;
	xfrmif_link l = { 0 };
	xfrmif_link cur;
	int e;

	e = xfrmif_link_set_name(&l, t->name);
	e = e ?: xfrmif_link_set_kind(&l, t->kind);
	if (t->set & TUN_F_DEV)
		e = e ?: xfrmif_link_set_dev(&l, t->dev);
	if (t->kind == XFRMIF_LINK_KIND_XFRM) {
		e = e ?: xfrmif_link_set_if_id(&l, t->if_id);
	} else {
		e = e ?: xfrmif_link_set_local(&l, t->family, &t->local);
		e = e ?: xfrmif_link_set_remote(&l, t->family, &t->remote);
		e = e ?: xfrmif_link_set_ikey(&l, t->ikey);
		e = e ?: xfrmif_link_set_okey(&l, t->okey);
	}
	e = e ?: step(u);
	e = e ?: xfrmif_link_add(u->ctx, &l, NULL);
	if (e < 0) {
		if (e != -EEXIST)
			record_if_unsure(u, u->ctx, U_LINK, NULL);
		return e;
	}
	record(u, U_LINK, NULL);
	if (t->set & TUN_F_LINK_NETNS) {
		struct xfrmif_link_netns_opts to = {
			.sz = sizeof(to), .netns_fd = xfrmif_ctx_netns_fd(u->lctx),
			.flags = XFRMIF_LINK_NETNS_FD,
		};
		e = step(u);
		e = e ?: xfrmif_link_move(u->ctx, &l, &to);
		if (e < 0) {
			u->undo[u->nundo - 1].unsure = u->ctx->outcome_unknown;
			return e;
		}
		u->undo[u->nundo - 1].moved = true;
	}
	e = lerr(u, xfrmif__link_lookup(u->lctx, t->name, 0, &cur));
	u->ifindex = cur.ifindex;
	return e;
}

/* VTIs check inbound policies themselves (with the ikey as mark); the
 * interface's own check must then let the decrypted packets pass. */
static int disable_policy(struct up *u)
{
	xfrmif_link l = { 0 };
	int e;

	if (u->t->kind == XFRMIF_LINK_KIND_XFRM)
		return 0;
	xfrmif_link_set_ifindex(&l, u->ifindex);
	e = step(u);
	e = e ?: lerr(u, xfrmif_link_disable_policy(u->lctx, &l, AF_INET, 1));
	e = e ?: step(u);
	if (e < 0)
		return e;
	e = lerr(u, xfrmif_link_disable_policy(u->lctx, &l, AF_INET6, 1));
	return e == -EAFNOSUPPORT ? 0 : e; /* IPv6 disabled: nothing to pass */
}

static int link_up(struct up *u)
{
	xfrmif_link l = { 0 };
	struct nl_msg *msg;
	int e;

	xfrmif_link_set_ifindex(&l, u->ifindex);
	xfrmif_link_set_up(&l, 1);
	e = step(u);
	if (e < 0)
		return e;
	e = xfrmif__link_build_new(&l, 0, -1, &msg);
	return lerr(u, xfrmif__link_send(u->lctx, msg, e, WHAT ": link up",
					 NULL, NULL, 0));
}

/* RTM_NEWADDR/DELADDR of one tunnel address, IPv6 without DAD. */
static int addr_req(struct up *u, int type, const struct xfrmif__pfx *a)
{
	struct nl_msg *msg;
	int e;

	e = xfrmif__link_build_addr(type, u->ifindex, a->family, &a->addr,
				    a->len, &msg);
	if (!e && type == RTM_NEWADDR && a->family == AF_INET6 &&
	    nla_put_u32(msg, IFA_FLAGS, IFA_F_NODAD) < 0)
		e = -ENOMEM;
	return lerr(u, xfrmif__link_send(u->lctx, msg, e, WHAT ": address",
					 NULL, NULL, 0));
}

static int route_req(struct up *u, int type, const struct xfrmif__pfx *a)
{
	struct nl_msg *msg;
	int e;

	e = xfrmif__route_build(type, u->ifindex, a->family, &a->addr, a->len,
				&msg);
	return lerr(u, xfrmif__link_send(u->lctx, msg, e, WHAT ": route",
					 NULL, NULL, 0));
}

static int run(struct up *u)
{
	const xfrmif_tunnel *t = u->t;
	int e;

	e = add_link(u);
	e = e ?: disable_policy(u);
	for (int d = 0; !e && d < 2; d++) {
		e = step(u);
		e = e ?: xfrmif_sa_add(u->ctx, u->sa[d]);
		if (!e)
			record(u, U_SA, u->sa[d]);
		else
			record_if_unsure(u, u->ctx, U_SA, u->sa[d]);
	}
	for (unsigned int i = 0; !e && i < u->npol; i++) {
		e = step(u);
		e = e ?: xfrmif_policy_add(u->ctx, u->pol[i]);
		if (!e)
			record(u, U_POL, u->pol[i]);
		else
			record_if_unsure(u, u->ctx, U_POL, u->pol[i]);
	}
	e = e ?: link_up(u);
	for (unsigned int i = 0; !e && i < t->addrs.n; i++) {
		e = step(u);
		e = e ?: addr_req(u, RTM_NEWADDR, &t->addrs.v[i]);
		if (!e)
			record(u, U_ADDR, &t->addrs.v[i]);
		else
			record_if_unsure(u, u->lctx, U_ADDR, &t->addrs.v[i]);
	}
	for (unsigned int i = 0; !e && i < t->routes.n; i++) {
		e = step(u);
		e = e ?: route_req(u, RTM_NEWROUTE, &t->routes.v[i]);
		if (!e)
			record(u, U_ROUTE, &t->routes.v[i]);
		else
			record_if_unsure(u, u->lctx, U_ROUTE, &t->routes.v[i]);
	}
	return e;
}

/* Undoes the recorded steps, newest first; their own failures are not
 * reported (the caller hears about the step that failed). */
static void rollback(struct up *u)
{
	while (u->nundo--) {
		const struct undo *d = &u->undo[u->nundo];

		switch (d->kind) {
		case U_LINK:
			if (d->unsure)
				xfrmif_link_del_by_name(u->lctx, u->t->name);
			xfrmif_link_del_by_name(d->moved ? u->lctx : u->ctx,
						u->t->name);
			break;
		case U_SA:
			xfrmif_sa_del(u->ctx, d->obj);
			break;
		case U_POL:
			xfrmif_policy_del(u->ctx, d->obj);
			break;
		case U_ADDR:
			addr_req(u, RTM_DELADDR, d->obj);
			break;
		case U_ROUTE:
			route_req(u, RTM_DELROUTE, d->obj);
			break;
		}
	}
}

XFRMIF_EXPORT int xfrmif_tunnel_up(xfrmif_ctx *ctx, const xfrmif_tunnel *t)
{
	struct up u = { .ctx = ctx, .t = t };
	int e;

	if (!ctx)
		return -EINVAL;
	e = xfrmif__tunnel_validate(ctx, t, true, WHAT);
	e = e ?: prepare(&u);
	e = e ?: xfrmif__tunnel_link_ctx(ctx, t, &u.lctx);
	e = e ?: run(&u);
	if (e < 0 && u.undo) {
		char saved[XFRMIF__ERRMSG_MAX];

		memcpy(saved, ctx->errmsg, sizeof(saved));
		rollback(&u);
		memcpy(ctx->errmsg, saved, sizeof(saved));
	}
	xfrmif_ctx_unref(u.lctx);
	for (int d = 0; d < 2; d++)
		xfrmif_sa_free(u.sa[d]);
	for (unsigned int i = 0; i < u.npol; i++)
		xfrmif_policy_free(u.pol[i]);
	free(u.pol);
	free(u.undo);
	return e;
}
