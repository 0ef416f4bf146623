/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one policy parser: get replies, dump parts and events all come
 * through here. Every attribute is length-checked before it is read.
 */
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "policy_int.h"

/* Marks what a policy read from the kernel has, so that the getters
 * answer for it as they would for one the caller built. */
static void derive_isset(xfrmif_policy *p)
{
	const struct xfrm_selector *sel = &p->info.sel;

	p->isset |= POL_SRC | POL_DST | POL_DIR;
	if (sel->proto)
		p->isset |= POL_PROTO;
	if (xfrmif__proto_has_type(sel->proto)) {
		if (sel->sport_mask || sel->dport_mask)
			p->isset |= POL_ICMP;
	} else {
		if (sel->sport_mask)
			p->isset |= POL_SPORT;
		if (sel->dport_mask)
			p->isset |= POL_DPORT;
	}
	if (p->info.index)
		p->isset |= POL_INDEX;
}

static int parse_tmpls(const struct nlattr *a, xfrmif_policy *p)
{
	size_t len = (size_t)nla_len(a), n = len / sizeof(struct xfrm_user_tmpl);
	const struct xfrm_user_tmpl *ut = nla_data(a);

	if (len % sizeof(*ut) || n > XFRMIF_POLICY_MAX_TMPLS)
		return -EBADMSG;
	for (size_t i = 0; i < n; i++) {
		xfrmif_tmpl *t = &p->tmpl[i];

		xfrmif__tmpl_init(t);
		memcpy(&t->t, &ut[i], sizeof(t->t));
		if (!xfrmif__addr_is_any(t->t.family, &t->t.saddr))
			t->isset |= TMPL_SRC;
		if (!xfrmif__addr_is_any(t->t.family, &t->t.id.daddr))
			t->isset |= TMPL_DST;
	}
	p->ntmpl = (unsigned int)n;
	return 0;
}

/* Reads the attributes that follow the fixed part at @hdrlen. */
static int parse_attrs(const struct nlmsghdr *nlh, size_t hdrlen,
		       xfrmif_policy *p, bool *have_info)
{
	const struct nlattr *a;
	int rem, r;

	nlmsg_for_each_attr(a, (struct nlmsghdr *)nlh, (int)hdrlen, rem) {
		size_t len = (size_t)nla_len(a);

		switch (nla_type(a)) {
		case XFRMA_TMPL:
			r = parse_tmpls(a, p);
			if (r < 0)
				return r;
			break;
		case XFRMA_MARK:
			if (len < sizeof(p->mark))
				return -EBADMSG;
			memcpy(&p->mark, nla_data(a), sizeof(p->mark));
			p->isset |= POL_MARK;
			break;
		case XFRMA_IF_ID:
			if (len < sizeof(uint32_t))
				return -EBADMSG;
			p->if_id = nla_get_u32((struct nlattr *)a);
			if (p->if_id)
				p->isset |= POL_IF_ID;
			break;
		case XFRMA_POLICY_TYPE:
			if (len < sizeof(struct xfrm_userpolicy_type))
				return -EBADMSG;
			p->type = ((const struct xfrm_userpolicy_type *)
					   nla_data(a))->type;
			break;
		case XFRMA_POLICY: /* DELPOLICY events carry the policy here */
			if (len < sizeof(p->info))
				return -EBADMSG;
			memcpy(&p->info, nla_data(a), sizeof(p->info));
			*have_info = true;
			break;
		default:
			break;
		}
	}
	/* A trailing fragment too short to be an attribute. */
	if (rem >= NLA_HDRLEN)
		return -EBADMSG;
	return 0;
}

int xfrmif__policy_parse(const struct nlmsghdr *nlh, xfrmif_policy *out)
{
	bool have_info = false;
	size_t hdrlen;
	int r;

	xfrmif__policy_init(out);
	switch (nlh->nlmsg_type) {
	case XFRM_MSG_NEWPOLICY:
	case XFRM_MSG_UPDPOLICY:
		hdrlen = sizeof(struct xfrm_userpolicy_info);
		if (nlh->nlmsg_len < NLMSG_LENGTH(hdrlen))
			return -EBADMSG;
		memcpy(&out->info, NLMSG_DATA(nlh), hdrlen);
		have_info = true;
		break;
	case XFRM_MSG_POLEXPIRE: /* the policy, then the hard flag */
		hdrlen = sizeof(struct xfrm_user_polexpire);
		if (nlh->nlmsg_len < NLMSG_LENGTH(hdrlen))
			return -EBADMSG;
		memcpy(&out->info, NLMSG_DATA(nlh), sizeof(out->info));
		have_info = true;
		break;
	case XFRM_MSG_ACQUIRE: { /* the policy sits inside the acquire */
		struct xfrm_user_acquire acq;

		hdrlen = sizeof(acq);
		if (nlh->nlmsg_len < NLMSG_LENGTH(hdrlen))
			return -EBADMSG;
		memcpy(&acq, NLMSG_DATA(nlh), hdrlen);
		out->info = acq.policy;
		have_info = true;
		break;
	}
	case XFRM_MSG_MIGRATE: /* keyed like a delete: selector and dir */
	case XFRM_MSG_DELPOLICY: {
		struct xfrm_userpolicy_id id;

		hdrlen = sizeof(id);
		if (nlh->nlmsg_len < NLMSG_LENGTH(hdrlen))
			return -EBADMSG;
		memcpy(&id, NLMSG_DATA(nlh), hdrlen);
		out->info.sel = id.sel;
		out->info.index = id.index;
		out->info.dir = id.dir;
		break;
	}
	default:
		return -ENOMSG;
	}
	r = parse_attrs(nlh, hdrlen, out, &have_info);
	if (r < 0) {
		xfrmif__policy_init(out);
		return r;
	}
	derive_isset(out);
	return 0;
}
