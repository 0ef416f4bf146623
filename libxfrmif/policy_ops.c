/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Policy operations: add, update, delete, get, list and flush. */
#include <stdlib.h>
#include <string.h>

#include <netlink/msg.h>

#include "policy_int.h"

static int add(xfrmif_ctx *ctx, const xfrmif_policy *p, bool update)
{
	const char *what = update ? "policy update" : "policy add";
	int r;

	if (!ctx)
		return -EINVAL;
	/* Built into the context's scratch message: one allocation per
	 * context, not per call (policies hold no keys). */
	if (!ctx->scratch) {
		ctx->scratch = xfrmif__msg_new(XFRM_MSG_NEWPOLICY, 0,
					       XFRMIF__POLICY_ADD_MAX);
		if (!ctx->scratch)
			return xfrmif__err(ctx, -ENOMEM, "%s: out of memory",
					   what);
	}
	r = xfrmif__policy_build_add_into(ctx, p, update, ctx->scratch);
	if (r < 0)
		return r;
	r = xfrmif__xfrm_req(ctx, ctx->scratch, XFRMIF__REQ_SCRATCH, what, NULL,
			     NULL);
	return r < 0 ? r : 0;
}

XFRMIF_EXPORT int xfrmif_policy_add(xfrmif_ctx *ctx, const xfrmif_policy *p)
{
	return add(ctx, p, false);
}

XFRMIF_EXPORT int xfrmif_policy_update(xfrmif_ctx *ctx, const xfrmif_policy *p)
{
	return add(ctx, p, true);
}

static int del(xfrmif_ctx *ctx, const xfrmif_policy *key, bool by_index)
{
	struct nl_msg *msg;
	int r;

	if (!ctx)
		return -EINVAL;
	r = xfrmif__policy_build_key(ctx, key, XFRM_MSG_DELPOLICY, by_index,
				     &msg);
	if (r < 0)
		return r;
	r = xfrmif__xfrm_req(ctx, msg, 0, "policy del", NULL, NULL);
	return r < 0 ? r : 0;
}

XFRMIF_EXPORT int xfrmif_policy_del(xfrmif_ctx *ctx, const xfrmif_policy *key)
{
	return del(ctx, key, false);
}

XFRMIF_EXPORT int xfrmif_policy_del_by_index(xfrmif_ctx *ctx,
					     const xfrmif_policy *key)
{
	return del(ctx, key, true);
}

static int on_get(xfrmif_ctx *ctx, const struct nlmsghdr *nlh, void *arg)
{
	xfrmif_policy *p = arg;
	int r = xfrmif__policy_parse(nlh, p);

	if (r < 0)
		return xfrmif__err(ctx, r, "policy get: cannot parse the "
				   "kernel's answer");
	return 0;
}

static int get(xfrmif_ctx *ctx, xfrmif_policy **ret, const xfrmif_policy *key,
	       bool by_index)
{
	xfrmif_policy *p = NULL;
	struct nl_msg *msg;
	int r;

	if (!ctx || !ret)
		return -EINVAL;
	*ret = NULL;
	r = xfrmif__policy_build_key(ctx, key, XFRM_MSG_GETPOLICY, by_index,
				     &msg);
	if (r < 0)
		return r;
	r = xfrmif_policy_new(&p);
	if (r < 0) {
		xfrmif__msg_free(msg);
		return xfrmif__err(ctx, r, "policy get: out of memory");
	}
	r = xfrmif__xfrm_req(ctx, msg, 0, "policy get", on_get, p);
	if (r == 0)
		r = xfrmif__err(ctx, -EPROTO, "policy get: the kernel sent no "
				"policy");
	if (r < 0) {
		xfrmif_policy_free(p);
		return r;
	}
	*ret = p;
	return 0;
}

XFRMIF_EXPORT int xfrmif_policy_get(xfrmif_policy **ret, xfrmif_ctx *ctx,
				    const xfrmif_policy *key)
{
	return get(ctx, ret, key, false);
}

XFRMIF_EXPORT int xfrmif_policy_get_by_index(xfrmif_policy **ret,
					     xfrmif_ctx *ctx,
					     const xfrmif_policy *key)
{
	return get(ctx, ret, key, true);
}

/* ---- listing ---- */

#define FILTER_FLAGS                                                           \
	(XFRMIF_POLICY_FILTER_IF_ID | XFRMIF_POLICY_FILTER_MARK |              \
	 XFRMIF_POLICY_FILTER_DIR | XFRMIF_POLICY_FILTER_ACTION |              \
	 XFRMIF_POLICY_FILTER_TYPE)

/* Copies a caller's filter of any known size into a full one. */
static int filter_load(xfrmif_ctx *ctx, const struct xfrmif_policy_filter *in,
		       struct xfrmif_policy_filter *f, const char *what)
{
	int r;

	memset(f, 0, sizeof(*f));
	if (!in)
		return 0;
	r = xfrmif__opts_check(ctx, in, sizeof(*f), what);
	if (r < 0)
		return r;
	memcpy(f, in, in->sz < sizeof(*f) ? in->sz : sizeof(*f));
	if (f->flags & ~(uint32_t)FILTER_FLAGS)
		return xfrmif__err(ctx, -EINVAL, "%s: filter.flags: unknown "
				   "bits 0x%x", what,
				   f->flags & ~(uint32_t)FILTER_FLAGS);
	if ((f->flags & XFRMIF_POLICY_FILTER_DIR) && f->dir > XFRM_POLICY_FWD)
		return xfrmif__err(ctx, -EINVAL, "%s: filter.dir: %u is not in, "
				   "out or fwd", what, f->dir);
	if ((f->flags & XFRMIF_POLICY_FILTER_ACTION) &&
	    f->action > XFRM_POLICY_BLOCK)
		return xfrmif__err(ctx, -EINVAL, "%s: filter.action: %u is not "
				   "allow or block", what, f->action);
	if ((f->flags & XFRMIF_POLICY_FILTER_TYPE) &&
	    f->type > XFRM_POLICY_TYPE_SUB)
		return xfrmif__err(ctx, -EINVAL, "%s: filter.type: %u is not "
				   "main or sub", what, f->type);
	return 0;
}

static bool filter_match(const struct xfrmif_policy_filter *f,
			 const xfrmif_policy *p)
{
	uint32_t if_id = p->isset & POL_IF_ID ? p->if_id : 0;
	uint32_t v = 0, m = 0;

	if (p->isset & POL_MARK) {
		v = p->mark.v;
		m = p->mark.m;
	}
	if ((f->flags & XFRMIF_POLICY_FILTER_IF_ID) && if_id != f->if_id)
		return false;
	if ((f->flags & XFRMIF_POLICY_FILTER_MARK) &&
	    (v != f->mark || m != f->mark_mask))
		return false;
	if ((f->flags & XFRMIF_POLICY_FILTER_DIR) && p->info.dir != f->dir)
		return false;
	if ((f->flags & XFRMIF_POLICY_FILTER_ACTION) &&
	    p->info.action != f->action)
		return false;
	if ((f->flags & XFRMIF_POLICY_FILTER_TYPE) && p->type != f->type)
		return false;
	return true;
}

/* What a dump hands each matching policy to: the public callback (through
 * call_public) or an internal one that needs the context. */
typedef int (*visit_fn)(xfrmif_ctx *ctx, const xfrmif_policy *p, void *arg);

struct list_state {
	const struct xfrmif_policy_filter *filter;
	visit_fn fn;
	void *arg;
	xfrmif_policy obj; /* reused for every policy: no allocation each */
	int count;
};

static int on_dump(xfrmif_ctx *ctx, const struct nlmsghdr *nlh, void *arg)
{
	struct list_state *s = arg;
	int r;

	if (nlh->nlmsg_type != XFRM_MSG_NEWPOLICY)
		return 0;
	r = xfrmif__policy_parse(nlh, &s->obj);
	if (r < 0)
		return xfrmif__err(ctx, r, "policy list: cannot parse a "
				   "policy from the kernel");
	if (!filter_match(s->filter, &s->obj))
		return 0;
	r = s->fn(ctx, &s->obj, s->arg);
	if (r == 0)
		s->count++;
	else if (r > 0)
		s->count++; /* passed to the callback, which then stopped */
	return r;
}

static int dump(xfrmif_ctx *ctx, const struct xfrmif_policy_filter *f,
		visit_fn fn, void *arg, const char *what)
{
	struct list_state *s;
	struct nl_msg *msg;
	int r;

	/* The object is large (templates inline): keep it off the stack. */
	s = calloc(1, sizeof(*s));
	if (!s)
		return xfrmif__err(ctx, -ENOMEM, "%s: out of memory", what);
	s->filter = f;
	s->fn = fn;
	s->arg = arg;
	msg = xfrmif__msg_new(XFRM_MSG_GETPOLICY, 0, 0);
	if (!msg) {
		free(s);
		return xfrmif__err(ctx, -ENOMEM, "%s: out of memory", what);
	}
	r = xfrmif__xfrm_req(ctx, msg, XFRMIF__REQ_DUMP, what, on_dump, s);
	if (r >= 0)
		r = s->count;
	free(s);
	return r;
}

struct public_cb {
	xfrmif_policy_list_fn fn;
	void *arg;
};

static int call_public(xfrmif_ctx *ctx, const xfrmif_policy *p, void *arg)
{
	struct public_cb *cb = arg;

	(void)ctx;
	return cb->fn(p, cb->arg);
}

XFRMIF_EXPORT int xfrmif_policy_list(xfrmif_ctx *ctx,
				     const struct xfrmif_policy_filter *filter,
				     xfrmif_policy_list_fn fn, void *arg)
{
	struct xfrmif_policy_filter f;
	int r;

	if (!ctx)
		return -EINVAL;
	if (!fn)
		return xfrmif__err(ctx, -EINVAL, "policy list: fn must not be "
				   "NULL");
	r = filter_load(ctx, filter, &f, "policy list");
	if (r < 0)
		return r;
	return dump(ctx, &f, call_public, &(struct public_cb){ fn, arg },
		    "policy list");
}

/* ---- flush ---- */

/* The exact keys of the policies a filtered flush removes. */
struct victims {
	xfrmif_policy *v;
	size_t n, cap;
};

static int collect(xfrmif_ctx *ctx, const xfrmif_policy *p, void *arg)
{
	struct victims *vs = arg;

	if (vs->n == vs->cap) {
		size_t cap = vs->cap ? vs->cap * 2 : 16;
		xfrmif_policy *v = realloc(vs->v, cap * sizeof(*v));
		if (!v)
			return xfrmif__err(ctx, -ENOMEM, "policy flush: out of "
					   "memory");
		vs->v = v;
		vs->cap = cap;
	}
	vs->v[vs->n++] = *p;
	return 0;
}

XFRMIF_EXPORT int xfrmif_policy_flush(xfrmif_ctx *ctx,
				      const struct xfrmif_policy_filter *filter)
{
	struct xfrmif_policy_filter f;
	struct victims vs = { 0 };
	struct nl_msg *msg;
	int r, count = 0;

	if (!ctx)
		return -EINVAL;
	r = filter_load(ctx, filter, &f, "policy flush");
	if (r < 0)
		return r;
	if (!(f.flags & ~(uint32_t)XFRMIF_POLICY_FILTER_TYPE)) {
		r = xfrmif__policy_build_flush(ctx, f.type, &msg);
		if (r < 0)
			return r;
		r = xfrmif__xfrm_req(ctx, msg, 0, "policy flush", NULL, NULL);
		return r < 0 ? r : 0;
	}
	/*
	 * The kernel flushes only by type. For anything finer, list first
	 * (deleting during the dump would disturb it), then delete each by
	 * its index with its own mark, if_id and type: exactly the policies
	 * that matched, and no other.
	 */
	r = dump(ctx, &f, collect, &vs, "policy flush");
	for (size_t i = 0; r >= 0 && i < vs.n; i++) {
		r = del(ctx, &vs.v[i], true);
		if (r == -ENOENT) /* removed meanwhile by someone else */
			r = 0;
		else if (r == 0)
			count++;
	}
	free(vs.v);
	return r < 0 ? r : count;
}
