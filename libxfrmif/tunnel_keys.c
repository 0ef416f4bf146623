/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What ties a tunnel's pieces together: the checks of a description, the
 * SAs and policies it implies, and how its pieces are recognised in the
 * kernel (if_id for xfrm interfaces, marks and addresses for VTIs).
 */
#include <string.h>

#include <linux/rtnetlink.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "link_priv.h"
#include "policy_int.h"
#include "sa_priv.h"
#include "tunnel_priv.h"

#define MARK_ALL 0xffffffffu

int xfrmif__tunnel_validate(xfrmif_ctx *ctx, const xfrmif_tunnel *t,
			    bool full, const char *what)
{
	int kfam;
	int r;

	if (!t)
		return xfrmif__err(ctx, -EINVAL, "%s: tunnel: must not be NULL",
				   what);
	r = xfrmif__argerr_check(ctx, &t->argerr, what);
	if (r < 0)
		return r;
	if (!(t->set & TUN_F_KIND))
		return xfrmif__err(ctx, -EINVAL, "%s: kind: not set (xfrm, vti "
				   "or vti6)", what);
	if (t->kind == XFRMIF_LINK_KIND_XFRM && !(t->set & TUN_F_IF_ID))
		return xfrmif__err(ctx, -EINVAL, "%s: if_id: an xfrm tunnel "
				   "needs one", what);
	if (t->kind != XFRMIF_LINK_KIND_XFRM &&
	    (t->set & (TUN_F_IKEY | TUN_F_OKEY)) != (TUN_F_IKEY | TUN_F_OKEY))
		return xfrmif__err(ctx, -EINVAL, "%s: ikey/okey: a vti tunnel "
				   "needs both (they become the marks)", what);
	if (!(t->set & TUN_F_LOCAL) || !(t->set & TUN_F_REMOTE))
		return xfrmif__err(ctx, -EINVAL, "%s: %s: not set", what,
				   t->set & TUN_F_LOCAL ? "remote" : "local");
	kfam = xfrmif__link_kind_family(t->kind);
	if (kfam && kfam != t->family)
		return xfrmif__err(ctx, -EINVAL, "%s: local/remote: %s needs %s "
				   "outer addresses (use %s)", what,
				   xfrmif_link_kind_name(t->kind),
				   xfrmif__family_name(kfam),
				   kfam == AF_INET ? "vti6" : "vti");
	if ((t->set & TUN_F_LINK_NETNS) && t->kind != XFRMIF_LINK_KIND_XFRM)
		return xfrmif__err(ctx, -EOPNOTSUPP, "%s: link_netns: only xfrm "
				   "interfaces can live apart from their SAs",
				   what);
	if (!full)
		return 0;
	if (!(t->set & TUN_F_NAME))
		return xfrmif__err(ctx, -EINVAL, "%s: name: not set", what);
	for (int d = 0; d < 2; d++)
		if (!t->sa[d])
			return xfrmif__err(ctx, -EINVAL, "%s: %s SA: not set",
					   what, d ? "in" : "out");
	if (!t->ts[0].n != !t->ts[1].n)
		return xfrmif__err(ctx, -EINVAL, "%s: %s_ts: selectors need "
				   "both sides", what,
				   t->ts[0].n ? "remote" : "local");
	return 0;
}

int xfrmif__tunnel_link_ctx(xfrmif_ctx *ctx, const xfrmif_tunnel *t,
			    xfrmif_ctx **out)
{
	char err[XFRMIF__ERRMSG_MAX] = "";
	const char *ns = t->link_netns;
	struct xfrmif_ctx_opts o = {
		.sz = sizeof(o), .errbuf = err, .errbuf_size = sizeof(err),
	};
	int r;

	if (!(t->set & TUN_F_LINK_NETNS)) {
		*out = xfrmif_ctx_ref(ctx);
		return 0;
	}
	if (ns[0] == '/')
		o.netns_path = ns;
	else
		o.netns_name = ns;
	r = xfrmif_ctx_new(out, &o);
	if (r < 0)
		return xfrmif__err(ctx, r, "tunnel: link_netns: %s", err);
	return 0;
}

static bool addr_eq(int family, const xfrm_address_t *a,
		    const xfrm_address_t *b)
{
	return !memcmp(a, b, xfrmif__addr_len(family));
}

int xfrmif__tunnel_make_sa(const xfrmif_tunnel *t, int dir,
			   const xfrmif_sa *params, xfrmif_sa **out)
{
	const xfrm_address_t *src = dir == XFRMIF_TUNNEL_OUT ? &t->local :
							       &t->remote;
	const xfrm_address_t *dst = dir == XFRMIF_TUNNEL_OUT ? &t->remote :
							       &t->local;
	xfrmif_sa *sa;
	int r;

	r = xfrmif_sa_dup(&sa, params ? params : t->sa[dir]);
	if (r < 0)
		return r;
	sa->src_family = sa->dst_family = t->family;
	sa->src = *src;
	sa->dst = *dst;
	sa->set |= SA_F_SRC | SA_F_DST;
	if (!(sa->set & SA_F_PROTO)) {
		sa->proto = IPPROTO_ESP;
		sa->set |= SA_F_PROTO;
	}
	sa->mode = t->mode;
	sa->reqid = xfrmif__tunnel_reqid(t);
	sa->set &= ~(uint32_t)(SA_F_IF_ID | SA_F_MARK);
	if (t->kind == XFRMIF_LINK_KIND_XFRM) {
		sa->if_id = t->if_id;
		sa->set |= SA_F_IF_ID;
	} else if (dir == XFRMIF_TUNNEL_OUT) {
		/* vti_xmit sets skb->mark = okey before the lookup; inbound,
		 * the SA is found by SPI with the packet's own mark, so the
		 * inbound SA carries none. */
		sa->mark.v = t->okey;
		sa->mark.m = MARK_ALL;
		sa->set |= SA_F_MARK;
	}
	/* Without a selector of its own, a tunnel-mode SA carries either
	 * inner family (the kernel would otherwise pin the outer one). */
	if (t->mode == XFRMIF_SA_MODE_TUNNEL &&
	    !(sa->set & (SA_F_SEL_SRC | SA_F_SEL_DST)))
		sa->flags |= XFRMIF_SA_FLAG_AF_UNSPEC;
	*out = sa;
	return 0;
}

int xfrmif__tunnel_sa_dir(const xfrmif_tunnel *t, const xfrmif_sa *sa)
{
	int dir;

	if ((sa->set & (SA_F_SRC | SA_F_DST)) != (SA_F_SRC | SA_F_DST) ||
	    sa->dst_family != t->family)
		return -1;
	if (addr_eq(t->family, &sa->src, &t->local) &&
	    addr_eq(t->family, &sa->dst, &t->remote))
		dir = XFRMIF_TUNNEL_OUT;
	else if (addr_eq(t->family, &sa->src, &t->remote) &&
		 addr_eq(t->family, &sa->dst, &t->local))
		dir = XFRMIF_TUNNEL_IN;
	else
		return -1;
	if (t->kind == XFRMIF_LINK_KIND_XFRM)
		return (sa->set & SA_F_IF_ID) && sa->if_id == t->if_id ? dir : -1;
	if (sa->set & SA_F_IF_ID)
		return -1;
	if (dir == XFRMIF_TUNNEL_OUT)
		return (sa->set & SA_F_MARK) && sa->mark.v == t->okey &&
		       sa->mark.m == MARK_ALL ? dir : -1;
	return !(sa->set & SA_F_MARK) || !sa->mark.m ||
	       (sa->mark.v == t->ikey && sa->mark.m == MARK_ALL) ? dir : -1;
}

void xfrmif__tunnel_pol_filter(const xfrmif_tunnel *t, int dir,
			       struct xfrmif_policy_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->sz = sizeof(*f);
	f->flags = XFRMIF_POLICY_FILTER_DIR;
	f->dir = (uint8_t)dir;
	if (t->kind == XFRMIF_LINK_KIND_XFRM) {
		f->flags |= XFRMIF_POLICY_FILTER_IF_ID;
		f->if_id = t->if_id;
	} else {
		f->flags |= XFRMIF_POLICY_FILTER_MARK;
		f->mark = dir == XFRMIF_POLICY_DIR_OUT ? t->okey : t->ikey;
		f->mark_mask = MARK_ALL;
	}
}

int xfrmif__route_build(int type, uint32_t ifindex, int family,
			const void *addr, uint8_t prefixlen,
			struct nl_msg **out)
{
	bool add = type == RTM_NEWROUTE;
	struct rtmsg rtm = {
		.rtm_family = (uint8_t)family,
		.rtm_dst_len = prefixlen,
		.rtm_table = RT_TABLE_MAIN,
		.rtm_protocol = add ? RTPROT_BOOT : 0,
		/* A route through a point-to-point interface has no gateway:
		 * scope link. Deleting matches any scope. */
		.rtm_scope = !add ? RT_SCOPE_NOWHERE :
			     family == AF_INET ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE,
		.rtm_type = add ? RTN_UNICAST : 0,
	};
	struct nl_msg *msg;
	int r;

	*out = NULL;
	msg = xfrmif__msg_new(type, add ? NLM_F_CREATE | NLM_F_EXCL : 0, 0);
	if (!msg)
		return -ENOMEM;
	r = nlmsg_append(msg, &rtm, sizeof(rtm), NLMSG_ALIGNTO);
	r = r ?: nla_put(msg, RTA_DST, (int)xfrmif__addr_len(family), addr);
	r = r ?: nla_put_u32(msg, RTA_OIF, ifindex);
	if (r < 0) {
		xfrmif__msg_free(msg);
		return -ENOMEM;
	}
	*out = msg;
	return 0;
}
