/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* SA operations against the kernel: add, update, delete, get, list. */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "kcompat.h"
#include "sa_priv.h"

int xfrmif__sa_check_dir(xfrmif_ctx *ctx, const xfrmif_sa *sa, const char *what)
{
	bool has = false;
	int r;

	if (!(sa->set & SA_F_DIR))
		return 0;
	r = xfrmif__probe_sa_dir(ctx, &has);
	if (r < 0)
		return r;
	if (!has)
		return xfrmif__err(ctx, -EOPNOTSUPP, "%s: dir: this kernel has "
				   "no SA direction (XFRMA_SA_DIR needs Linux "
				   "6.10 or later)", what);
	ctx->errmsg[0] = '\0';
	return 0;
}

static int add_or_update(xfrmif_ctx *ctx, const xfrmif_sa *sa, int type)
{
	const char *what = type == XFRM_MSG_UPDSA ? "sa update" : "sa add";
	struct nl_msg *msg;
	int r;

	if (!ctx)
		return -EINVAL;
	r = xfrmif__sa_build_add(ctx, sa, type, &msg);
	if (r)
		return r;
	r = xfrmif__sa_check_dir(ctx, sa, what);
	if (r) {
		xfrmif__msg_free(msg);
		return r;
	}
	r = xfrmif__xfrm_req(ctx, msg, XFRMIF__REQ_SECRET, what, NULL, NULL);
	return r < 0 ? r : 0;
}

XFRMIF_EXPORT int xfrmif_sa_add(xfrmif_ctx *ctx, const xfrmif_sa *sa)
{
	return add_or_update(ctx, sa, XFRM_MSG_NEWSA);
}

XFRMIF_EXPORT int xfrmif_sa_update(xfrmif_ctx *ctx, const xfrmif_sa *sa)
{
	return add_or_update(ctx, sa, XFRM_MSG_UPDSA);
}

struct get_state {
	xfrmif_sa *out;
	int parsed;
};

static int on_get(xfrmif_ctx *ctx, const struct nlmsghdr *nlh, void *arg)
{
	struct get_state *g = arg;
	int r = xfrmif__sa_parse(nlh, g->out, true);

	if (r < 0)
		return xfrmif__err(ctx, r, "sa get: cannot parse the kernel's "
				   "answer");
	g->parsed = 1;
	return 0;
}

/* GET into `out` (allocated by the caller). The if_id check: the kernel
 * finds SAs by dst/SPI/proto/mark only. */
static int do_get(xfrmif_ctx *ctx, const xfrmif_sa *key, xfrmif_sa *out,
		  const char *what)
{
	struct get_state g = { .out = out };
	struct nl_msg *msg;
	int r;

	r = xfrmif__sa_build_id(ctx, key, XFRM_MSG_GETSA, &msg);
	if (r)
		return r;
	r = xfrmif__xfrm_req(ctx, msg, XFRMIF__REQ_SECRET, what, on_get, &g);
	if (r < 0)
		return r;
	if (!g.parsed)
		return xfrmif__err(ctx, -EBADMSG, "%s: the kernel sent no SA",
				   what);
	if ((key->set & SA_F_IF_ID) &&
	    (!(out->set & SA_F_IF_ID) || out->if_id != key->if_id))
		return xfrmif__err(ctx, -ESRCH, "%s: the SA found has another "
				   "if_id than %u", what, key->if_id);
	return 0;
}

XFRMIF_EXPORT int xfrmif_sa_get(xfrmif_sa **ret, xfrmif_ctx *ctx,
				const xfrmif_sa *key)
{
	xfrmif_sa *sa;
	int r;

	if (!ret || !ctx)
		return -EINVAL;
	*ret = NULL;
	r = xfrmif_sa_new(&sa);
	if (r < 0)
		return xfrmif__err(ctx, r, "sa get: out of memory");
	r = do_get(ctx, key, sa, "sa get");
	if (r < 0) {
		xfrmif_sa_free(sa);
		return r;
	}
	*ret = sa;
	return 0;
}

XFRMIF_EXPORT int xfrmif_sa_del(xfrmif_ctx *ctx, const xfrmif_sa *key)
{
	struct nl_msg *msg;
	int r;

	if (!ctx)
		return -EINVAL;
	r = xfrmif__sa_build_id(ctx, key, XFRM_MSG_DELSA, &msg);
	if (r)
		return r;
	if (key->set & SA_F_IF_ID) {
		xfrmif_sa *found = NULL;
		r = xfrmif_sa_get(&found, ctx, key);
		xfrmif_sa_free(found);
		if (r < 0) {
			xfrmif__msg_free(msg);
			return r;
		}
	}
	r = xfrmif__xfrm_req(ctx, msg, 0, "sa del", NULL, NULL);
	return r < 0 ? r : 0;
}

/* ---- listing ---- */

struct list_state {
	const struct xfrmif_sa_filter *f;
	xfrmif_sa *sa; /* the one object every item is parsed into */
	xfrmif_sa_list_fn fn;
	void *arg;
	int count;
};

static bool matches(const struct xfrmif_sa_filter *f, const xfrmif_sa *sa)
{
	if (!f)
		return true;
	if ((f->flags & XFRMIF_SA_FILTER_IF_ID) &&
	    (!(sa->set & SA_F_IF_ID) || sa->if_id != f->if_id))
		return false;
	if ((f->flags & XFRMIF_SA_FILTER_MARK) &&
	    ((sa->mark.v & f->mark_mask) != (f->mark & f->mark_mask)))
		return false;
	if ((f->flags & XFRMIF_SA_FILTER_REQID) && sa->reqid != f->reqid)
		return false;
	if ((f->flags & XFRMIF_SA_FILTER_PROTO) && sa->proto != f->proto)
		return false;
	if ((f->flags & XFRMIF_SA_FILTER_FAMILY) && sa->src_family != f->family)
		return false;
	return true;
}

static int on_item(xfrmif_ctx *ctx, const struct nlmsghdr *nlh, void *arg)
{
	struct list_state *l = arg;
	bool keys = l->f && (l->f->flags & XFRMIF_SA_FILTER_KEYS);
	int r = xfrmif__sa_parse(nlh, l->sa, keys);

	if (r < 0)
		return xfrmif__err(ctx, r, "sa list: cannot parse an SA of the "
				   "dump");
	if (!matches(l->f, l->sa))
		return 0;
	l->count++;
	r = l->fn(l->sa, l->arg);
	if (r < 0)
		return xfrmif__err(ctx, r, "sa list: the callback failed");
	return r;
}

#define FILTER_FLAGS 0x3fu

XFRMIF_EXPORT int xfrmif_sa_list(xfrmif_ctx *ctx,
				 const struct xfrmif_sa_filter *filter,
				 xfrmif_sa_list_fn fn, void *arg)
{
	struct list_state l = { .f = filter, .fn = fn, .arg = arg };
	struct nl_msg *msg;
	int r;

	if (!ctx)
		return -EINVAL;
	if (!fn)
		return xfrmif__err(ctx, -EINVAL, "sa list: fn must not be NULL");
	r = xfrmif__opts_check(ctx, filter, sizeof(*filter), "sa list filter");
	if (r)
		return r;
	if (filter && (filter->flags & ~FILTER_FLAGS))
		return xfrmif__err(ctx, -EINVAL, "sa list: filter flags 0x%x "
				   "unknown", filter->flags & ~FILTER_FLAGS);
	if (filter && (filter->flags & XFRMIF_SA_FILTER_FAMILY) &&
	    !xfrmif__addr_len(filter->family))
		return xfrmif__err(ctx, -EINVAL, "sa list: filter family %d is "
				   "neither AF_INET nor AF_INET6",
				   filter->family);
	r = xfrmif_sa_new(&l.sa);
	if (r < 0)
		return xfrmif__err(ctx, r, "sa list: out of memory");
	/* The dump request has no fixed header: the kernel reads its filter
	 * attributes right after the netlink header. */
	msg = xfrmif__msg_new(XFRM_MSG_GETSA, 0, 0);
	r = msg ? 0 : -1;
	if (!r && filter && (filter->flags & XFRMIF_SA_FILTER_PROTO))
		r = nla_put_u8(msg, XFRMA_PROTO, filter->proto);
	if (!r && filter && (filter->flags & XFRMIF_SA_FILTER_FAMILY)) {
		struct xfrm_address_filter af = { .family = (uint16_t)filter->family };
		r = nla_put(msg, XFRMA_ADDRESS_FILTER, sizeof(af), &af);
	}
	if (r) {
		xfrmif__msg_free(msg);
		xfrmif_sa_free(l.sa);
		return xfrmif__err(ctx, -ENOMEM, "sa list: out of memory");
	}
	r = xfrmif__xfrm_req(ctx, msg, XFRMIF__REQ_SECRET | XFRMIF__REQ_DUMP,
			     "sa list", on_item, &l);
	xfrmif_sa_free(l.sa);
	return r < 0 ? r : l.count;
}
