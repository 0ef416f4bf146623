/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Policy messages: checking a policy whole and building NEWPOLICY,
 * UPDPOLICY, DELPOLICY, GETPOLICY and FLUSHPOLICY. Kept apart from sending
 * so that a batch can queue the very same messages.
 */
#include <netinet/in.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "policy_int.h"

static const char *mode_name(int mode)
{
	switch (mode) {
	case XFRM_MODE_TRANSPORT: return "transport";
	case XFRM_MODE_TUNNEL: return "tunnel";
	case XFRM_MODE_BEET: return "beet";
	default: return "unknown";
	}
}

/*
 * The kernel's rule for template families (validate_tmpl() in
 * net/xfrm/xfrm_user.c, checked against Linux 6.1 and 6.18 and iproute2):
 * a template whose family is AF_UNSPEC (here: one without addresses) takes
 * the selector's family; that is the af-unspec escape. Walking the
 * templates in order, starting from the selector's family, a template may
 * change the family only in tunnel or beet mode (the outer header is new);
 * a transport-mode template must keep the family of the template before it
 * (or the selector's), else the kernel answers "Mode in template doesn't
 * support a family change". We check the same rule first so that the caller
 * gets the template's number in the message and nothing is sent.
 */
static int validate_tmpls(xfrmif_ctx *ctx, const xfrmif_policy *p,
			  const char *what)
{
	int sel_family = p->info.sel.family, prev = sel_family;

	for (unsigned int i = 0; i < p->ntmpl; i++) {
		const struct xfrm_user_tmpl *t = &p->tmpl[i].t;
		int family = t->family ? t->family : sel_family;

		if (family != prev && t->mode != XFRM_MODE_TUNNEL &&
		    t->mode != XFRM_MODE_BEET)
			return xfrmif__err(ctx, -EINVAL,
					   "%s: tmpl %u: %s addresses after "
					   "%s, but only tunnel or beet mode "
					   "may change the family (mode is "
					   "%s)", what, i,
					   xfrmif__family_name(family),
					   xfrmif__family_name(prev),
					   mode_name(t->mode));
		prev = family;
	}
	return 0;
}

int xfrmif__policy_validate(xfrmif_ctx *ctx, const xfrmif_policy *p,
			    const char *what)
{
	int r;

	if (!p)
		return xfrmif__err(ctx, -EINVAL, "%s: policy must not be NULL",
				   what);
	r = xfrmif__argerr_check(ctx, &p->argerr, what);
	if (r < 0)
		return r;
	if (!p->info.sel.family)
		return xfrmif__err(ctx, -EINVAL, "%s: the selector has no "
				   "family: set src/dst or the family", what);
	r = xfrmif__sel_validate(ctx, &p->info.sel,
				 p->isset & (POL_SPORT | POL_DPORT),
				 p->isset & POL_ICMP, what);
	if (r < 0)
		return r;
	if (!(p->isset & POL_DIR))
		return xfrmif__err(ctx, -EINVAL, "%s: dir: not set (in, out or "
				   "fwd)", what);
	/* The kernel keeps the direction in an index's low three bits. */
	if ((p->isset & POL_INDEX) && (p->info.index & 7) != p->info.dir)
		return xfrmif__err(ctx, -EINVAL, "%s: index: 0x%x carries "
				   "direction %u in its low 3 bits, but dir is "
				   "%u", what, p->info.index,
				   p->info.index & 7, p->info.dir);
	return validate_tmpls(ctx, p, what);
}

/* Mark, if_id and policy type: the part of the key that lives in
 * attributes. Each is sent only when set; main is the kernel's default. */
static int put_key_attrs(struct nl_msg *msg, const xfrmif_policy *p)
{
	struct xfrm_userpolicy_type upt = { .type = p->type };
	int r = 0;

	if (p->isset & POL_MARK)
		r = nla_put(msg, XFRMA_MARK, sizeof(p->mark), &p->mark);
	if (!r && (p->isset & POL_IF_ID))
		r = nla_put_u32(msg, XFRMA_IF_ID, p->if_id);
	if (!r && p->type != XFRM_POLICY_TYPE_MAIN)
		r = nla_put(msg, XFRMA_POLICY_TYPE, sizeof(upt), &upt);
	return r;
}

static int finish(xfrmif_ctx *ctx, struct nl_msg *msg, int r, const char *what,
		  struct nl_msg **out)
{
	if (r < 0) {
		xfrmif__msg_free(msg);
		return xfrmif__err(ctx, -ENOMEM, "%s: out of memory", what);
	}
	*out = msg;
	return 0;
}

/* The body of an add/update (a checked policy) into an empty message;
 * returns libnl's error. */
static int fill_add(struct nl_msg *msg, const xfrmif_policy *p)
{
	struct xfrm_user_tmpl tmpls[XFRMIF_POLICY_MAX_TMPLS];
	struct xfrm_userpolicy_info info;
	int r;

	info = p->info;
	/* Read-only fields of a policy read back from the kernel. */
	memset(&info.curlft, 0, sizeof(info.curlft));
	if (!(p->isset & POL_INDEX))
		info.index = 0;
	r = nlmsg_append(msg, &info, sizeof(info), NLMSG_ALIGNTO);
	if (!r && p->ntmpl) {
		for (unsigned int i = 0; i < p->ntmpl; i++)
			tmpls[i] = p->tmpl[i].t;
		r = nla_put(msg, XFRMA_TMPL,
			    (int)(p->ntmpl * sizeof(tmpls[0])), tmpls);
	}
	if (!r)
		r = put_key_attrs(msg, p);
	return r;
}

int xfrmif__policy_build_add(xfrmif_ctx *ctx, const xfrmif_policy *p,
			     bool update, struct nl_msg **out)
{
	const char *what = update ? "policy update" : "policy add";
	struct nl_msg *msg;
	int r;

	*out = NULL;
	r = xfrmif__policy_validate(ctx, p, what);
	if (r < 0)
		return r;
	msg = xfrmif__msg_new(update ? XFRM_MSG_UPDPOLICY : XFRM_MSG_NEWPOLICY,
			      update ? 0 : NLM_F_CREATE | NLM_F_EXCL,
			      sizeof(struct xfrm_userpolicy_info) + NLA_HDRLEN +
				      p->ntmpl * sizeof(struct xfrm_user_tmpl) +
				      64);
	if (!msg)
		return xfrmif__err(ctx, -ENOMEM, "%s: out of memory", what);
	return finish(ctx, msg, fill_add(msg, p), what, out);
}

int xfrmif__policy_build_add_into(xfrmif_ctx *ctx, const xfrmif_policy *p,
				  bool update, struct nl_msg *msg)
{
	const char *what = update ? "policy update" : "policy add";
	int r;

	r = xfrmif__policy_validate(ctx, p, what);
	if (r < 0)
		return r;
	xfrmif__msg_reset(msg, update ? XFRM_MSG_UPDPOLICY : XFRM_MSG_NEWPOLICY,
			  update ? 0 : NLM_F_CREATE | NLM_F_EXCL);
	if (fill_add(msg, p) < 0)
		return xfrmif__err(ctx, -ENOMEM, "%s: out of memory", what);
	return 0;
}

int xfrmif__policy_build_key(xfrmif_ctx *ctx, const xfrmif_policy *key,
			     int type, bool by_index, struct nl_msg **out)
{
	const char *what = type == XFRM_MSG_DELPOLICY ? "policy del"
						       : "policy get";
	struct xfrm_userpolicy_id id;
	struct nl_msg *msg;
	int r;

	*out = NULL;
	if (!key)
		return xfrmif__err(ctx, -EINVAL, "%s: key must not be NULL",
				   what);
	r = xfrmif__argerr_check(ctx, &key->argerr, what);
	if (r < 0)
		return r;
	memset(&id, 0, sizeof(id));
	if (by_index) {
		if (!(key->isset & POL_INDEX))
			return xfrmif__err(ctx, -EINVAL, "%s: index: not set",
					   what);
		id.index = key->info.index;
		/* An index carries its direction (low three bits). */
		id.dir = key->isset & POL_DIR ? key->info.dir
					      : (uint8_t)(id.index & 7);
	} else {
		if (!key->info.sel.family)
			return xfrmif__err(ctx, -EINVAL, "%s: the selector has "
					   "no family: set src/dst or the "
					   "family", what);
		if (!(key->isset & POL_DIR))
			return xfrmif__err(ctx, -EINVAL, "%s: dir: not set (in, "
					   "out or fwd)", what);
		r = xfrmif__sel_validate(ctx, &key->info.sel,
					 key->isset & (POL_SPORT | POL_DPORT),
					 key->isset & POL_ICMP, what);
		if (r < 0)
			return r;
		id.sel = key->info.sel;
		id.dir = key->info.dir;
	}
	msg = xfrmif__msg_new(type, 0, sizeof(id) + 64);
	if (!msg)
		return xfrmif__err(ctx, -ENOMEM, "%s: out of memory", what);
	r = nlmsg_append(msg, &id, sizeof(id), NLMSG_ALIGNTO);
	if (!r)
		r = put_key_attrs(msg, key);
	return finish(ctx, msg, r, what, out);
}

int xfrmif__policy_build_flush(xfrmif_ctx *ctx, uint8_t ptype,
			       struct nl_msg **out)
{
	struct xfrm_userpolicy_type upt = { .type = ptype };
	struct nl_msg *msg;
	int r = 0;

	*out = NULL;
	msg = xfrmif__msg_new(XFRM_MSG_FLUSHPOLICY, 0, 64);
	if (!msg)
		return xfrmif__err(ctx, -ENOMEM, "policy flush: out of memory");
	/* The message has no fixed part: the attribute follows the header. */
	if (ptype != XFRM_POLICY_TYPE_MAIN)
		r = nla_put(msg, XFRMA_POLICY_TYPE, sizeof(upt), &upt);
	return finish(ctx, msg, r, "policy flush", out);
}
