/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The public batch API: each queue call checks its object and builds the
 * message with the builder the single call uses, then hands it (and, for
 * link adds, the delete that takes it back) to the engine
 * (batch_engine.c). For SA and policy adds the engine derives that delete
 * from the add message itself, only when stop-and-undo needs it
 * (batch_undo.c).
 */
#include <stdlib.h>
#include <string.h>

#include <linux/xfrm.h>

#include "batch_engine.h"
#include "link_priv.h"
#include "policy_int.h"
#include "sa_priv.h"

XFRMIF_EXPORT int xfrmif_batch_new(xfrmif_batch **ret, xfrmif_ctx *ctx)
{
	xfrmif_batch *b;

	if (!ret)
		return -EINVAL;
	*ret = NULL;
	if (!ctx)
		return -EINVAL;
	b = calloc(1, sizeof(*b));
	if (!b)
		return xfrmif__err(ctx, -ENOMEM, "batch: out of memory");
	xfrmif__batch_init(&b->e, xfrmif_ctx_ref(ctx));
	*ret = b;
	return 0;
}

XFRMIF_EXPORT void xfrmif_batch_free(xfrmif_batch *b)
{
	if (!b)
		return;
	xfrmif__batch_release(&b->e);
	xfrmif_ctx_unref(b->e.ctx);
	free(b);
}

/* Hands a built message (and its undo, may be NULL) to the engine;
 * `derive`: an SA or policy add whose undo the engine derives when
 * needed. A failed build (r < 0, ctx errmsg set by the builder) queues
 * nothing. */
static int queue_x(xfrmif_batch *b, int r, enum xfrmif__proto proto,
		   struct nl_msg *msg, struct nl_msg *undo, bool derive,
		   uint32_t flags, const char *what)
{
	struct xfrmif__req req = {
		.proto = proto, .msg = msg, .flags = flags, .what = what,
	};

	if (r < 0 || !msg) {
		xfrmif__msg_free(msg);
		xfrmif__msg_free(undo);
		if (r >= 0)
			r = xfrmif__err(b->e.ctx, -ENOMEM, "%s: out of memory",
					what);
		return r;
	}
	if (derive)
		return xfrmif__batch_queue_add(&b->e, &req);
	return xfrmif__batch_queue(&b->e, &req, undo);
}

static int queue(xfrmif_batch *b, int r, enum xfrmif__proto proto,
		 struct nl_msg *msg, struct nl_msg *undo, uint32_t flags,
		 const char *what)
{
	return queue_x(b, r, proto, msg, undo, false, flags, what);
}

/* The checks every queue call starts with. */
static int usable(xfrmif_batch *b, const void *obj, const char *what)
{
	if (!b)
		return -EINVAL;
	if (b->committed)
		return xfrmif__err(b->e.ctx, -EALREADY, "%s: the batch was "
				   "committed already; start a new one", what);
	if (!obj)
		return xfrmif__err(b->e.ctx, -EINVAL, "%s: the object must not "
				   "be NULL", what);
	return 0;
}

/* ---- links ---- */

XFRMIF_EXPORT int xfrmif_batch_link_add(xfrmif_batch *b,
					const xfrmif_link *link)
{
	const char *what = "batch link add";
	struct nl_msg *msg = NULL, *undo = NULL;
	xfrmif_ctx *ctx;
	xfrmif_link l;
	int r;

	r = usable(b, link, what);
	if (r < 0)
		return r;
	ctx = b->e.ctx;
	r = xfrmif__link_validate(ctx, link, true, what);
	if (r < 0)
		return r;
	l = *link;
	/* As xfrmif_link_add(): creation is by name. */
	l.set &= ~(uint32_t)LINK_F_IFINDEX;
	r = xfrmif__link_resolve_dev(ctx, ctx, &l, what);
	if (r < 0)
		return r;
	r = xfrmif__link_build_new(&l, NLM_F_CREATE | NLM_F_EXCL, -1, &msg);
	if (r == 0)
		r = xfrmif__link_build_del(l.name, 0, &undo);
	return queue(b, r, XFRMIF__RTNL, msg, undo, 0, what);
}

XFRMIF_EXPORT int xfrmif_batch_link_del(xfrmif_batch *b,
					const xfrmif_link *link)
{
	const char *what = "batch link del";
	struct nl_msg *msg = NULL;
	int r;

	r = usable(b, link, what);
	if (r < 0)
		return r;
	r = xfrmif__link_validate(b->e.ctx, link, false, what);
	if (r < 0)
		return r;
	r = xfrmif__link_build_del(link->name, (link->set & LINK_F_IFINDEX) ?
					link->ifindex : 0, &msg);
	return queue(b, r, XFRMIF__RTNL, msg, NULL, 0, what);
}

XFRMIF_EXPORT int xfrmif_batch_link_del_group(xfrmif_batch *b, uint32_t group)
{
	const char *what = "batch link del group";
	struct nl_msg *msg = NULL;
	int r;

	r = usable(b, b, what);
	if (r < 0)
		return r;
	if (!group)
		return xfrmif__err(b->e.ctx, -EINVAL, "%s: group: 0 is the "
				   "default group of every interface", what);
	r = xfrmif__link_build_del_group(group, &msg);
	return queue(b, r, XFRMIF__RTNL, msg, NULL, 0, what);
}

/* ---- SAs ---- */

static int sa_add(xfrmif_batch *b, const xfrmif_sa *sa, int type)
{
	const char *what = type == XFRM_MSG_UPDSA ? "batch sa update" :
						    "batch sa add";
	struct nl_msg *msg = NULL;
	int r;

	r = usable(b, sa, what);
	if (r < 0)
		return r;
	r = xfrmif__sa_build_add(b->e.ctx, sa, type, &msg);
	if (r < 0)
		return r;
	r = xfrmif__sa_check_dir(b->e.ctx, sa, what);
	/* The delete that undoes an add is derived from the add when needed:
	 * the checks it needs (id, SPI) are the add's own.
	 * The request holds keys: the engine wipes its copy after sending
	 * and the receive buffer after each answer. */
	return queue_x(b, r, XFRMIF__XFRM, msg, NULL, type == XFRM_MSG_NEWSA,
		       XFRMIF__REQ_SECRET, what);
}

XFRMIF_EXPORT int xfrmif_batch_sa_add(xfrmif_batch *b, const xfrmif_sa *sa)
{
	return sa_add(b, sa, XFRM_MSG_NEWSA);
}

XFRMIF_EXPORT int xfrmif_batch_sa_update(xfrmif_batch *b, const xfrmif_sa *sa)
{
	return sa_add(b, sa, XFRM_MSG_UPDSA);
}

XFRMIF_EXPORT int xfrmif_batch_sa_del(xfrmif_batch *b, const xfrmif_sa *key)
{
	const char *what = "batch sa del";
	struct nl_msg *msg = NULL;
	int r;

	r = usable(b, key, what);
	if (r < 0)
		return r;
	r = xfrmif__sa_build_id(b->e.ctx, key, XFRM_MSG_DELSA, &msg);
	if (r < 0)
		return r;
	/* The kernel finds SAs without their if_id: check it as
	 * xfrmif_sa_del() does. */
	if (key->set & SA_F_IF_ID) {
		xfrmif_sa *found = NULL;

		r = xfrmif_sa_get(&found, b->e.ctx, key);
		xfrmif_sa_free(found);
	}
	return queue(b, r, XFRMIF__XFRM, msg, NULL, 0, what);
}

/* ---- policies ---- */

static int policy_add(xfrmif_batch *b, const xfrmif_policy *p, bool update)
{
	const char *what = update ? "batch policy update" : "batch policy add";
	struct xfrmif__req req = { .proto = XFRMIF__XFRM, .what = what };
	int r;

	r = usable(b, p, what);
	if (r < 0)
		return r;
	/* Built into the batch's one scratch message, which the engine
	 * copies: no message allocated per item. */
	if (!b->e.scratch) {
		b->e.scratch = xfrmif__msg_new(XFRM_MSG_NEWPOLICY, 0,
					       XFRMIF__POLICY_ADD_MAX);
		if (!b->e.scratch)
			return xfrmif__err(b->e.ctx, -ENOMEM, "%s: out of "
					   "memory", what);
	}
	r = xfrmif__policy_build_add_into(b->e.ctx, p, update, b->e.scratch);
	if (r < 0)
		return r;
	req.msg = b->e.scratch;
	/* An add's undo (delete by selector) is derived from the add when
	 * stop-and-undo needs it. */
	return xfrmif__batch_queue_copy(&b->e, &req, !update);
}

XFRMIF_EXPORT int xfrmif_batch_policy_add(xfrmif_batch *b,
					  const xfrmif_policy *p)
{
	return policy_add(b, p, false);
}

XFRMIF_EXPORT int xfrmif_batch_policy_update(xfrmif_batch *b,
					     const xfrmif_policy *p)
{
	return policy_add(b, p, true);
}

static int policy_del(xfrmif_batch *b, const xfrmif_policy *key,
		      bool by_index)
{
	const char *what = "batch policy del";
	struct nl_msg *msg = NULL;
	int r;

	r = usable(b, key, what);
	if (r < 0)
		return r;
	r = xfrmif__policy_build_key(b->e.ctx, key, XFRM_MSG_DELPOLICY,
				     by_index, &msg);
	return queue(b, r, XFRMIF__XFRM, msg, NULL, 0, what);
}

XFRMIF_EXPORT int xfrmif_batch_policy_del(xfrmif_batch *b,
					  const xfrmif_policy *key)
{
	return policy_del(b, key, false);
}

XFRMIF_EXPORT int xfrmif_batch_policy_del_by_index(xfrmif_batch *b,
						   const xfrmif_policy *key)
{
	return policy_del(b, key, true);
}

/* ---- commit and results ---- */

XFRMIF_EXPORT int xfrmif_batch_commit(xfrmif_batch *b, uint32_t flags)
{
	if (!b)
		return -EINVAL;
	if (flags & ~(uint32_t)XFRMIF_BATCH_STOP_AND_UNDO)
		return xfrmif__err(b->e.ctx, -EINVAL, "batch commit: flags: "
				   "unknown bits 0x%x",
				   flags & ~(uint32_t)XFRMIF_BATCH_STOP_AND_UNDO);
	if (b->committed)
		return xfrmif__err(b->e.ctx, -EALREADY, "batch commit: the "
				   "batch was committed already");
	b->committed = true;
	return xfrmif__batch_commit(&b->e, (flags & XFRMIF_BATCH_STOP_AND_UNDO) ?
					       XFRMIF__BATCH_STOP_AND_UNDO : 0);
}

XFRMIF_EXPORT int xfrmif_batch_result(const xfrmif_batch *b, int idx,
				      const char **errmsg)
{
	const struct xfrmif__batch_item *it;

	if (errmsg)
		*errmsg = "";
	if (!b || idx < 0 || (size_t)idx >= b->e.n)
		return -EINVAL;
	if (!b->committed)
		return -EINPROGRESS;
	it = &b->e.items[idx];
	if (errmsg && it->errmsg)
		*errmsg = it->errmsg;
	return it->result;
}

XFRMIF_EXPORT int xfrmif_batch_count(const xfrmif_batch *b)
{
	return b ? (int)b->e.n : -EINVAL;
}
