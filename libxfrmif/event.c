/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The event object: what the monitor hands to its callback. Decodes the
 * SA, policy and link events through the same parsers as get and list, so
 * that an object from an event is the one type callers already know.
 */
#include <string.h>

#include <linux/rtnetlink.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "event_priv.h"
#include "policy_int.h"
#include "sa_priv.h"

int xfrmif__event_init(xfrmif_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	if (xfrmif_sa_new(&ev->sa) < 0 || xfrmif_policy_new(&ev->policy) < 0 ||
	    xfrmif_link_new(&ev->link) < 0) {
		xfrmif__event_fini(ev);
		return -ENOMEM;
	}
	return 0;
}

void xfrmif__event_fini(xfrmif_event *ev)
{
	xfrmif_sa_free(ev->sa); /* wipes keys */
	xfrmif_policy_free(ev->policy);
	xfrmif_link_free(ev->link);
	memset(ev, 0, sizeof(*ev));
}

void xfrmif__event_clear(xfrmif_event *ev)
{
	xfrmif_sa *sa = ev->sa;
	xfrmif_policy *p = ev->policy;
	xfrmif_link *l = ev->link;

	/* Objects are reset lazily by their parsers; keys never wait. */
	if (ev->has & EV_SA)
		xfrmif__sa_reset(sa);
	memset(ev, 0, sizeof(*ev));
	ev->sa = sa;
	ev->policy = p;
	ev->link = l;
}

/* SA add/update/delete and expire: the SA parser does it all. */
static int parse_sa(xfrmif_event *ev, const struct nlmsghdr *nlh, bool keys)
{
	int r = xfrmif__sa_parse(nlh, ev->sa, keys);

	if (r < 0)
		return r;
	ev->has |= EV_SA;
	if (nlh->nlmsg_type == XFRM_MSG_EXPIRE) {
		ev->type = XFRMIF_EVENT_EXPIRE;
		ev->hard = ((const struct xfrm_user_expire *)NLMSG_DATA(nlh))->hard
				   ? 1 : 0;
	} else {
		ev->type = nlh->nlmsg_type == XFRM_MSG_NEWSA ? XFRMIF_EVENT_SA_ADD
			   : nlh->nlmsg_type == XFRM_MSG_UPDSA
				   ? XFRMIF_EVENT_SA_UPDATE
				   : XFRMIF_EVENT_SA_DEL;
	}
	return 0;
}

static int parse_policy(xfrmif_event *ev, const struct nlmsghdr *nlh)
{
	int r = xfrmif__policy_parse(nlh, ev->policy);

	if (r < 0)
		return -EBADMSG;
	ev->has |= EV_POLICY;
	switch (nlh->nlmsg_type) {
	case XFRM_MSG_NEWPOLICY:
		ev->type = XFRMIF_EVENT_POLICY_ADD;
		break;
	case XFRM_MSG_UPDPOLICY:
		ev->type = XFRMIF_EVENT_POLICY_UPDATE;
		break;
	case XFRM_MSG_DELPOLICY:
		ev->type = XFRMIF_EVENT_POLICY_DEL;
		break;
	default: /* POLEXPIRE */
		ev->type = XFRMIF_EVENT_POLICY_EXPIRE;
		ev->hard = ((const struct xfrm_user_polexpire *)NLMSG_DATA(nlh))
					   ->hard ? 1 : 0;
		break;
	}
	return 0;
}

static int parse_flush(xfrmif_event *ev, const struct nlmsghdr *nlh)
{
	const struct nlattr *a;
	int rem;

	if (nlh->nlmsg_type == XFRM_MSG_FLUSHSA) {
		if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(struct xfrm_usersa_flush)))
			return -EBADMSG;
		ev->flush_proto =
			((const struct xfrm_usersa_flush *)NLMSG_DATA(nlh))->proto;
		ev->type = XFRMIF_EVENT_SA_FLUSH;
		return 0;
	}
	/* A policy flush has no fixed part, only the policy type. */
	xfrmif__policy_init(ev->policy);
	nlmsg_for_each_attr(a, (struct nlmsghdr *)nlh, 0, rem) {
		if (nla_type(a) != XFRMA_POLICY_TYPE)
			continue;
		if ((size_t)nla_len(a) < sizeof(struct xfrm_userpolicy_type))
			return -EBADMSG;
		ev->policy->type =
			((const struct xfrm_userpolicy_type *)nla_data(a))->type;
	}
	ev->has |= EV_POLICY;
	ev->type = XFRMIF_EVENT_POLICY_FLUSH;
	return 0;
}

int xfrmif__event_parse_xfrm(xfrmif_event *ev, const struct nlmsghdr *nlh,
			     bool keys)
{
	xfrmif__event_clear(ev);
	switch (nlh->nlmsg_type) {
	case XFRM_MSG_NEWSA:
	case XFRM_MSG_UPDSA:
	case XFRM_MSG_DELSA:
	case XFRM_MSG_EXPIRE:
		return parse_sa(ev, nlh, keys);
	case XFRM_MSG_NEWPOLICY:
	case XFRM_MSG_UPDPOLICY:
	case XFRM_MSG_DELPOLICY:
	case XFRM_MSG_POLEXPIRE:
		return parse_policy(ev, nlh);
	case XFRM_MSG_FLUSHSA:
	case XFRM_MSG_FLUSHPOLICY:
		return parse_flush(ev, nlh);
	case XFRM_MSG_ACQUIRE:
		return xfrmif__event_parse_acquire(ev, nlh);
	case XFRM_MSG_MAPPING:
		return xfrmif__event_parse_mapping(ev, nlh);
	case XFRM_MSG_MIGRATE:
		return xfrmif__event_parse_migrate(ev, nlh);
	case XFRM_MSG_REPORT:
		return xfrmif__event_parse_report(ev, nlh);
	case XFRM_MSG_NEWAE:
		return xfrmif__event_parse_ae(ev, nlh);
	default:
		return 1;
	}
}

int xfrmif__event_parse_link(xfrmif_event *ev, const struct nlmsghdr *nlh)
{
	uint32_t kind;
	int r;

	xfrmif__event_clear(ev);
	if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
		return 1;
	r = xfrmif__link_parse(nlh, ev->link);
	if (r < 0)
		return r;
	/* Only route-based IPsec interfaces are the monitor's business. */
	if (xfrmif_link_get_kind(ev->link, &kind) < 0 ||
	    (kind != XFRMIF_LINK_KIND_XFRM && kind != XFRMIF_LINK_KIND_VTI &&
	     kind != XFRMIF_LINK_KIND_VTI6))
		return 1;
	ev->has |= EV_LINK;
	ev->link_change = ((const struct ifinfomsg *)NLMSG_DATA(nlh))->ifi_change;
	ev->type = nlh->nlmsg_type == RTM_NEWLINK ? XFRMIF_EVENT_LINK_NEW
						  : XFRMIF_EVENT_LINK_DEL;
	return 0;
}

/* ---- public accessors ---- */

static const char *const type_names[] = {
	[XFRMIF_EVENT_LOST] = "lost",
	[XFRMIF_EVENT_ACQUIRE] = "acquire",
	[XFRMIF_EVENT_EXPIRE] = "expire",
	[XFRMIF_EVENT_POLICY_EXPIRE] = "policy-expire",
	[XFRMIF_EVENT_MAPPING] = "mapping",
	[XFRMIF_EVENT_MIGRATE] = "migrate",
	[XFRMIF_EVENT_REPORT] = "report",
	[XFRMIF_EVENT_SA_ADD] = "sa-add",
	[XFRMIF_EVENT_SA_UPDATE] = "sa-update",
	[XFRMIF_EVENT_SA_DEL] = "sa-del",
	[XFRMIF_EVENT_SA_FLUSH] = "sa-flush",
	[XFRMIF_EVENT_POLICY_ADD] = "policy-add",
	[XFRMIF_EVENT_POLICY_UPDATE] = "policy-update",
	[XFRMIF_EVENT_POLICY_DEL] = "policy-del",
	[XFRMIF_EVENT_POLICY_FLUSH] = "policy-flush",
	[XFRMIF_EVENT_AE] = "ae",
	[XFRMIF_EVENT_LINK_NEW] = "link-new",
	[XFRMIF_EVENT_LINK_DEL] = "link-del",
};

XFRMIF_EXPORT const char *xfrmif_event_type_name(int type)
{
	if (type < 0 || (size_t)type >= XFRMIF_ARRAY_SIZE(type_names))
		return NULL;
	return type_names[type];
}

XFRMIF_EXPORT int xfrmif_event_get_type(const xfrmif_event *ev)
{
	return ev ? ev->type : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_event_get_sa(const xfrmif_event *ev,
				      const xfrmif_sa **sa)
{
	return XFRMIF__GET(ev, has, EV_SA, ev->sa, sa);
}

XFRMIF_EXPORT int xfrmif_event_get_policy(const xfrmif_event *ev,
					  const xfrmif_policy **p)
{
	return XFRMIF__GET(ev, has, EV_POLICY, ev->policy, p);
}

XFRMIF_EXPORT int xfrmif_event_get_link(const xfrmif_event *ev,
					const xfrmif_link **link)
{
	return XFRMIF__GET(ev, has, EV_LINK, ev->link, link);
}

/* The common head of the typed getters: -EINVAL or -ENODATA. */
static int want(const xfrmif_event *ev, const void *out, int type)
{
	if (!ev || !out)
		return -EINVAL;
	return ev->type == type ? 0 : -ENODATA;
}

XFRMIF_EXPORT int xfrmif_event_get_hard(const xfrmif_event *ev, int *hard)
{
	if (!ev || !hard)
		return -EINVAL;
	if (ev->type != XFRMIF_EVENT_EXPIRE &&
	    ev->type != XFRMIF_EVENT_POLICY_EXPIRE)
		return -ENODATA;
	*hard = ev->hard;
	return 0;
}

XFRMIF_EXPORT int xfrmif_event_get_acquire(const xfrmif_event *ev,
					   uint32_t *seq, uint32_t *aalgos,
					   uint32_t *ealgos, uint32_t *calgos)
{
	int r = want(ev, ev, XFRMIF_EVENT_ACQUIRE);

	if (r < 0)
		return r;
	if (seq)
		*seq = ev->seq;
	if (aalgos)
		*aalgos = ev->aalgos;
	if (ealgos)
		*ealgos = ev->ealgos;
	if (calgos)
		*calgos = ev->calgos;
	return 0;
}

XFRMIF_EXPORT int xfrmif_event_get_mapping(const xfrmif_event *ev,
					   int *family, void *old_addr,
					   uint16_t *old_port, void *new_addr,
					   uint16_t *new_port)
{
	int r = want(ev, ev, XFRMIF_EVENT_MAPPING);

	if (r < 0)
		return r;
	if (family)
		*family = ev->map_family;
	if (old_addr)
		xfrmif__addr_to(old_addr, ev->map_family, &ev->map_old);
	if (new_addr)
		xfrmif__addr_to(new_addr, ev->map_family, &ev->map_new);
	if (old_port)
		*old_port = ev->map_old_port;
	if (new_port)
		*new_port = ev->map_new_port;
	return 0;
}

XFRMIF_EXPORT int xfrmif_event_get_migrate_count(const xfrmif_event *ev)
{
	int r = want(ev, ev, XFRMIF_EVENT_MIGRATE);

	return r < 0 ? r : (int)ev->nmigrate;
}

XFRMIF_EXPORT int xfrmif_event_get_migrate(const xfrmif_event *ev,
					   unsigned int idx,
					   struct xfrmif_migrate *out)
{
	struct xfrmif_migrate m = { 0 };
	const struct xfrm_user_migrate *k;
	int r = want(ev, out, XFRMIF_EVENT_MIGRATE);
	size_t sz;

	if (r < 0)
		return r;
	if (out->sz < sizeof(size_t))
		return -EINVAL;
	if (idx >= ev->nmigrate)
		return -ENOENT;
	k = &ev->migrate[idx];
	m.sz = sizeof(m);
	m.proto = k->proto;
	m.mode = k->mode;
	m.reqid = k->reqid;
	m.old_family = k->old_family;
	m.new_family = k->new_family;
	xfrmif__addr_to(m.old_src, k->old_family, &k->old_saddr);
	xfrmif__addr_to(m.old_dst, k->old_family, &k->old_daddr);
	xfrmif__addr_to(m.new_src, k->new_family, &k->new_saddr);
	xfrmif__addr_to(m.new_dst, k->new_family, &k->new_daddr);
	/* Write no further than the caller's struct reaches. */
	sz = out->sz < sizeof(m) ? out->sz : sizeof(m);
	memcpy((char *)out + sizeof(size_t), (char *)&m + sizeof(size_t),
	       sz - sizeof(size_t));
	return 0;
}

XFRMIF_EXPORT int xfrmif_event_get_coaddr(const xfrmif_event *ev, int *family,
					  void *addr)
{
	if (!ev || !family || !addr)
		return -EINVAL;
	if (!(ev->has & EV_COADDR))
		return -ENODATA;
	*family = ev->coaddr_family;
	xfrmif__addr_to(addr, ev->coaddr_family, &ev->coaddr);
	return 0;
}

XFRMIF_EXPORT int xfrmif_event_get_flush_proto(const xfrmif_event *ev,
					       uint8_t *proto)
{
	int r = want(ev, proto, XFRMIF_EVENT_SA_FLUSH);

	if (r == 0)
		*proto = ev->flush_proto;
	return r;
}

XFRMIF_EXPORT int xfrmif_event_get_ae_flags(const xfrmif_event *ev,
					    uint32_t *flags)
{
	int r = want(ev, flags, XFRMIF_EVENT_AE);

	if (r == 0)
		*flags = ev->ae_flags;
	return r;
}

XFRMIF_EXPORT int xfrmif_event_get_link_change(const xfrmif_event *ev,
					       uint32_t *change)
{
	int r = want(ev, change, XFRMIF_EVENT_LINK_NEW);

	if (r == 0)
		*change = ev->link_change;
	return r;
}

XFRMIF_EXPORT int xfrmif_event_get_lost(const xfrmif_event *ev,
					uint32_t *groups)
{
	int r = want(ev, groups, XFRMIF_EVENT_LOST);

	if (r == 0)
		*groups = ev->lost;
	return r;
}
