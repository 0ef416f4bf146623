/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The messages an IKE daemon negotiates from: ACQUIRE (an SA is needed),
 * MAPPING (the peer's NAT binding moved), MIGRATE (endpoints change),
 * REPORT and NEWAE (SA counters). libnl decodes none of them. Every
 * attribute is length-checked before it is read.
 */
#include <arpa/inet.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "event_priv.h"
#include "policy_int.h"
#include "sa_priv.h"

#define EV_ATTR_MAX XFRMA_MAX

/* Splits the attributes after a fixed part of `hdr` bytes. */
static int attrs(const struct nlmsghdr *nlh, size_t hdr, struct nlattr **tb)
{
	if (nlh->nlmsg_len < NLMSG_LENGTH(hdr))
		return -EBADMSG;
	if (nlmsg_parse((struct nlmsghdr *)nlh, (int)hdr, tb, EV_ATTR_MAX,
			NULL) < 0)
		return -EBADMSG;
	return 0;
}

/* The payload of tb[type] if it holds at least `min` bytes; NULL when
 * absent; *bad when present but short. */
static const void *payload(struct nlattr **tb, int type, size_t min, bool *bad)
{
	if (!tb[type])
		return NULL;
	if ((size_t)nla_len(tb[type]) < min) {
		*bad = true;
		return NULL;
	}
	return nla_data(tb[type]);
}

/* Puts a selector into an SA with the is-set bits get/list would give. */
static void sa_set_sel(xfrmif_sa *sa, const struct xfrm_selector *sel)
{
	sa->sel = *sel;
	if (sel->prefixlen_s || !xfrmif__addr_is_any(sel->family, &sel->saddr))
		sa->set |= SA_F_SEL_SRC;
	if (sel->prefixlen_d || !xfrmif__addr_is_any(sel->family, &sel->daddr))
		sa->set |= SA_F_SEL_DST;
	if (sel->proto)
		sa->set |= SA_F_SEL_PROTO;
	if (sel->sport_mask)
		sa->set |= SA_F_SEL_SPORT;
	if (sel->dport_mask)
		sa->set |= SA_F_SEL_DPORT;
}

/* The SA identity most events share: dst, SPI, family, protocol. */
static void sa_set_id(xfrmif_sa *sa, const struct xfrm_usersa_id *id)
{
	sa->dst = id->daddr;
	sa->src_family = sa->dst_family = id->family;
	sa->spi = ntohl(id->spi);
	sa->proto = id->proto;
	sa->set |= SA_F_DST | SA_F_SPI | SA_F_PROTO;
}

/*
 * ACQUIRE: the kernel holds a larval SA for the flow and asks for a real
 * one. The event's SA is what to negotiate: the endpoints and protocol of
 * the acquire, mode and reqid of the policy template it stands for, the
 * flow's selector, and the policy's mark and if_id (the SA must carry them
 * to be found). The policy comes whole, templates included.
 */
int xfrmif__event_parse_acquire(xfrmif_event *ev, const struct nlmsghdr *nlh)
{
	struct xfrm_user_acquire acq;
	xfrmif_policy *p = ev->policy;
	xfrmif_sa *sa = ev->sa;
	int family;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(acq)))
		return -EBADMSG;
	memcpy(&acq, NLMSG_DATA(nlh), sizeof(acq));
	if (xfrmif__policy_parse(nlh, p) < 0)
		return -EBADMSG;
	ev->has |= EV_POLICY;

	xfrmif__sa_reset(sa);
	family = acq.sel.family;
	for (unsigned int i = 0; i < p->ntmpl; i++) {
		const struct xfrm_user_tmpl *t = &p->tmpl[i].t;

		if (t->id.proto != acq.id.proto)
			continue;
		if (t->family)
			family = t->family;
		sa->mode = t->mode;
		sa->reqid = t->reqid;
		break;
	}
	if (!xfrmif__addr_len(family))
		return -EBADMSG;
	sa->src = acq.saddr;
	sa->dst = acq.id.daddr;
	sa->src_family = sa->dst_family = family;
	sa->proto = acq.id.proto;
	sa->set |= SA_F_SRC | SA_F_DST | SA_F_PROTO;
	sa_set_sel(sa, &acq.sel);
	if (p->isset & POL_MARK) {
		sa->mark = p->mark;
		sa->set |= SA_F_MARK;
	}
	if (p->isset & POL_IF_ID) {
		sa->if_id = p->if_id;
		sa->set |= SA_F_IF_ID;
	}
	ev->has |= EV_SA;
	ev->seq = acq.seq;
	ev->aalgos = acq.aalgos;
	ev->ealgos = acq.ealgos;
	ev->calgos = acq.calgos;
	ev->type = XFRMIF_EVENT_ACQUIRE;
	return 0;
}

int xfrmif__event_parse_mapping(xfrmif_event *ev, const struct nlmsghdr *nlh)
{
	struct xfrm_user_mapping m;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(m)))
		return -EBADMSG;
	memcpy(&m, NLMSG_DATA(nlh), sizeof(m));
	if (!xfrmif__addr_len(m.id.family))
		return -EBADMSG;
	xfrmif__sa_reset(ev->sa);
	sa_set_id(ev->sa, &m.id);
	ev->sa->reqid = m.reqid;
	ev->has |= EV_SA;
	ev->map_family = m.id.family;
	ev->map_old = m.old_saddr;
	ev->map_new = m.new_saddr;
	ev->map_old_port = ntohs(m.old_sport);
	ev->map_new_port = ntohs(m.new_sport);
	ev->type = XFRMIF_EVENT_MAPPING;
	return 0;
}

int xfrmif__event_parse_migrate(xfrmif_event *ev, const struct nlmsghdr *nlh)
{
	struct nlattr *tb[EV_ATTR_MAX + 1];
	const struct xfrm_user_migrate *um;
	size_t len;

	if (attrs(nlh, sizeof(struct xfrm_userpolicy_id), tb) < 0 ||
	    xfrmif__policy_parse(nlh, ev->policy) < 0)
		return -EBADMSG;
	ev->has |= EV_POLICY;
	if (!tb[XFRMA_MIGRATE])
		return -EBADMSG;
	len = (size_t)nla_len(tb[XFRMA_MIGRATE]);
	if (!len || len % sizeof(*um) ||
	    len / sizeof(*um) > XFRMIF__EVENT_MAX_MIGRATE)
		return -EBADMSG;
	um = nla_data(tb[XFRMA_MIGRATE]);
	ev->nmigrate = (unsigned int)(len / sizeof(*um));
	memcpy(ev->migrate, um, len);
	for (unsigned int i = 0; i < ev->nmigrate; i++)
		if (!xfrmif__addr_len(ev->migrate[i].old_family) ||
		    !xfrmif__addr_len(ev->migrate[i].new_family))
			return -EBADMSG;
	ev->type = XFRMIF_EVENT_MIGRATE;
	return 0;
}

int xfrmif__event_parse_report(xfrmif_event *ev, const struct nlmsghdr *nlh)
{
	struct nlattr *tb[EV_ATTR_MAX + 1];
	struct xfrm_user_report rep;
	const xfrm_address_t *co;
	bool bad = false;

	if (attrs(nlh, sizeof(rep), tb) < 0)
		return -EBADMSG;
	memcpy(&rep, NLMSG_DATA(nlh), sizeof(rep));
	xfrmif__sa_reset(ev->sa);
	ev->sa->proto = rep.proto;
	ev->sa->set |= SA_F_PROTO;
	sa_set_sel(ev->sa, &rep.sel);
	ev->has |= EV_SA;
	co = payload(tb, XFRMA_COADDR, sizeof(*co), &bad);
	if (bad)
		return -EBADMSG;
	if (co && xfrmif__addr_len(rep.sel.family)) {
		ev->coaddr = *co;
		ev->coaddr_family = rep.sel.family;
		ev->has |= EV_COADDR;
	}
	ev->type = XFRMIF_EVENT_REPORT;
	return 0;
}

/* NEWAE: an SA's identity with its replay state and current lifetime. */
int xfrmif__event_parse_ae(xfrmif_event *ev, const struct nlmsghdr *nlh)
{
	struct nlattr *tb[EV_ATTR_MAX + 1];
	const struct xfrm_replay_state_esn *esn;
	const struct xfrm_replay_state *rs;
	const struct xfrm_lifetime_cur *cur;
	const struct xfrm_mark *mark;
	const uint32_t *if_id;
	struct xfrm_aevent_id ae;
	xfrmif_sa *sa = ev->sa;
	bool bad = false;

	if (attrs(nlh, sizeof(ae), tb) < 0)
		return -EBADMSG;
	memcpy(&ae, NLMSG_DATA(nlh), sizeof(ae));
	if (!xfrmif__addr_len(ae.sa_id.family))
		return -EBADMSG;
	xfrmif__sa_reset(sa);
	sa_set_id(sa, &ae.sa_id);
	sa->src = ae.saddr;
	sa->reqid = ae.reqid;
	sa->set |= SA_F_SRC | SA_F_KERNEL;
	esn = payload(tb, XFRMA_REPLAY_ESN_VAL, sizeof(*esn), &bad);
	rs = payload(tb, XFRMA_REPLAY_VAL, sizeof(*rs), &bad);
	cur = payload(tb, XFRMA_LTIME_VAL, sizeof(*cur), &bad);
	mark = payload(tb, XFRMA_MARK, sizeof(*mark), &bad);
	if_id = payload(tb, XFRMA_IF_ID, sizeof(*if_id), &bad);
	if (bad)
		return -EBADMSG;
	if (esn) {
		sa->replay_window = esn->replay_window;
		sa->oseq = (uint64_t)esn->oseq_hi << 32 | esn->oseq;
		sa->seq = (uint64_t)esn->seq_hi << 32 | esn->seq;
		sa->set |= SA_F_REPLAY_SEQ;
	} else if (rs) {
		sa->oseq = rs->oseq;
		sa->seq = rs->seq;
		sa->set |= SA_F_REPLAY_SEQ;
	}
	if (cur)
		memcpy(&sa->cur, cur, sizeof(sa->cur));
	if (mark) {
		memcpy(&sa->mark, mark, sizeof(sa->mark));
		sa->set |= SA_F_MARK;
	}
	if (if_id) {
		memcpy(&sa->if_id, if_id, sizeof(sa->if_id));
		if (sa->if_id)
			sa->set |= SA_F_IF_ID;
	}
	ev->has |= EV_SA;
	ev->ae_flags = ae.flags;
	ev->type = XFRMIF_EVENT_AE;
	return 0;
}
