/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one parser of RTM_NEWLINK (and RTM_DELLINK event) messages: get,
 * list and events all read links through it. Attribute lengths are checked before any read.
 */
#include <net/if.h>
#include <arpa/inet.h>
#include <string.h>

#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/rtnetlink.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "link_priv.h"

/* Reads a u32 attribute; false when it is too short. */
static bool u32_of(const struct nlattr *a, uint32_t *v)
{
	if (nla_len(a) < (int)sizeof(*v))
		return false;
	memcpy(v, nla_data(a), sizeof(*v));
	return true;
}

/* Splits a nested attribute into tb[0..max]; unknown types are skipped. */
static int nested(struct nlattr **tb, int max, const struct nlattr *a)
{
	return nla_parse_nested(tb, max, (struct nlattr *)a, NULL) < 0 ?
		       -EBADMSG : 0;
}

static int parse_addr(const struct nlattr *a, int *family,
		      struct in6_addr *out)
{
	int len = nla_len(a);

	if (len != 4 && len != 16)
		return -EBADMSG;
	*family = len == 4 ? AF_INET : AF_INET6;
	memset(out, 0, sizeof(*out));
	memcpy(out, nla_data(a), (size_t)len);
	return 0;
}

static int parse_xfrm(const struct nlattr *data, xfrmif_link *l)
{
	struct nlattr *tb[IFLA_XFRM_MAX + 1];
	uint32_t v;

	if (nested(tb, IFLA_XFRM_MAX, data) < 0)
		return -EBADMSG;
	if (tb[IFLA_XFRM_LINK]) {
		if (!u32_of(tb[IFLA_XFRM_LINK], &v))
			return -EBADMSG;
		if (v) {
			l->dev_index = v;
			l->set |= LINK_F_DEV_INDEX;
		}
	}
	if (tb[IFLA_XFRM_IF_ID]) {
		if (!u32_of(tb[IFLA_XFRM_IF_ID], &v))
			return -EBADMSG;
		/* External interfaces report 0: no id of their own. */
		if (v) {
			l->if_id = v;
			l->set |= LINK_F_IF_ID;
		}
	}
	l->external = tb[IFLA_XFRM_COLLECT_METADATA] != NULL;
	l->set |= LINK_F_EXTERNAL;
	return 0;
}

static int parse_vti(const struct nlattr *data, xfrmif_link *l)
{
	struct nlattr *tb[IFLA_VTI_MAX + 1];
	uint32_t v;

	if (nested(tb, IFLA_VTI_MAX, data) < 0)
		return -EBADMSG;
	if (tb[IFLA_VTI_LINK]) {
		if (!u32_of(tb[IFLA_VTI_LINK], &v))
			return -EBADMSG;
		if (v) {
			l->dev_index = v;
			l->set |= LINK_F_DEV_INDEX;
		}
	}
	if (tb[IFLA_VTI_IKEY]) {
		if (!u32_of(tb[IFLA_VTI_IKEY], &v))
			return -EBADMSG;
		l->ikey = ntohl(v);
		l->set |= LINK_F_IKEY;
	}
	if (tb[IFLA_VTI_OKEY]) {
		if (!u32_of(tb[IFLA_VTI_OKEY], &v))
			return -EBADMSG;
		l->okey = ntohl(v);
		l->set |= LINK_F_OKEY;
	}
	if (tb[IFLA_VTI_LOCAL]) {
		if (parse_addr(tb[IFLA_VTI_LOCAL], &l->local_family, &l->local))
			return -EBADMSG;
		l->set |= LINK_F_LOCAL;
	}
	if (tb[IFLA_VTI_REMOTE]) {
		if (parse_addr(tb[IFLA_VTI_REMOTE], &l->remote_family,
			       &l->remote))
			return -EBADMSG;
		l->set |= LINK_F_REMOTE;
	}
	if (tb[IFLA_VTI_FWMARK]) {
		if (!u32_of(tb[IFLA_VTI_FWMARK], &l->fwmark))
			return -EBADMSG;
		l->set |= LINK_F_FWMARK;
	}
	return 0;
}

static int parse_linkinfo(const struct nlattr *a, xfrmif_link *l)
{
	struct nlattr *li[IFLA_INFO_MAX + 1];
	const char *kind;
	int len;

	if (nested(li, IFLA_INFO_MAX, a) < 0)
		return -EBADMSG;
	if (!li[IFLA_INFO_KIND])
		return 0;
	kind = nla_data(li[IFLA_INFO_KIND]);
	len = nla_len(li[IFLA_INFO_KIND]);
	if (len < 1 || !memchr(kind, '\0', (size_t)len) ||
	    strlen(kind) >= sizeof(l->kind_name))
		return -EBADMSG;
	memcpy(l->kind_name, kind, strlen(kind) + 1);
	l->kind = xfrmif_link_kind_from_name(kind);
	if (!l->kind)
		l->kind = XFRMIF_LINK_KIND_OTHER;
	l->set |= LINK_F_KIND;
	if (!li[IFLA_INFO_DATA])
		return 0;
	if (l->kind == XFRMIF_LINK_KIND_XFRM)
		return parse_xfrm(li[IFLA_INFO_DATA], l);
	if (l->kind == XFRMIF_LINK_KIND_VTI || l->kind == XFRMIF_LINK_KIND_VTI6)
		return parse_vti(li[IFLA_INFO_DATA], l);
	return 0;
}

/* One entry of a devconf array: u32 (IPv4, entry i at index i-1) or s32
 * (IPv6, entry i at index i). Absent when the array is too short. */
static bool conf_entry(const struct nlattr *a, size_t index, uint32_t *v)
{
	if ((size_t)nla_len(a) < (index + 1) * sizeof(*v))
		return false;
	memcpy(v, (const char *)nla_data(a) + index * sizeof(*v), sizeof(*v));
	return true;
}

static int parse_af_spec(const struct nlattr *a, xfrmif_link *l)
{
	struct nlattr *af[AF_INET6 + 1], *tb4[IFLA_INET_MAX + 1],
		*tb6[IFLA_INET6_MAX + 1];
	uint32_t v;

	if (nested(af, AF_INET6, a) < 0)
		return -EBADMSG;
	if (af[AF_INET] && nested(tb4, IFLA_INET_MAX, af[AF_INET]) == 0 &&
	    tb4[IFLA_INET_CONF] &&
	    conf_entry(tb4[IFLA_INET_CONF], IPV4_DEVCONF_NOPOLICY - 1, &v)) {
		l->dp4 = v != 0;
		l->set |= LINK_F_DP4;
	}
	if (af[AF_INET6] && nested(tb6, IFLA_INET6_MAX, af[AF_INET6]) == 0 &&
	    tb6[IFLA_INET6_CONF] &&
	    conf_entry(tb6[IFLA_INET6_CONF], DEVCONF_DISABLE_POLICY, &v)) {
		l->dp6 = v != 0;
		l->set |= LINK_F_DP6;
	}
	return 0;
}

int xfrmif__link_parse(const struct nlmsghdr *nlh, xfrmif_link *l)
{
	struct nlattr *tb[IFLA_MAX + 1];
	const struct ifinfomsg *ifi;
	const char *name;
	uint32_t v;
	int len, r;

	memset(l, 0, sizeof(*l));
	if ((nlh->nlmsg_type != RTM_NEWLINK &&
	     nlh->nlmsg_type != RTM_DELLINK) ||
	    nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return -EBADMSG;
	ifi = NLMSG_DATA(nlh);
	if (nlmsg_parse((struct nlmsghdr *)nlh, sizeof(*ifi), tb, IFLA_MAX,
			NULL) < 0)
		return -EBADMSG;
	l->ifindex = (uint32_t)ifi->ifi_index;
	l->flags = ifi->ifi_flags;
	l->set |= LINK_F_IFINDEX | LINK_F_FLAGS;
	if (tb[IFLA_IFNAME]) {
		name = nla_data(tb[IFLA_IFNAME]);
		len = nla_len(tb[IFLA_IFNAME]);
		if (len < 1 || len > IFNAMSIZ || !memchr(name, '\0', (size_t)len))
			return -EBADMSG;
		memcpy(l->name, name, strlen(name) + 1);
		l->set |= LINK_F_NAME;
	}
	if (tb[IFLA_MTU]) {
		if (!u32_of(tb[IFLA_MTU], &l->mtu))
			return -EBADMSG;
		l->set |= LINK_F_MTU;
	}
	if (tb[IFLA_GROUP]) {
		if (!u32_of(tb[IFLA_GROUP], &l->group))
			return -EBADMSG;
		l->set |= LINK_F_GROUP;
	}
	if (tb[IFLA_LINK_NETNSID]) {
		if (!u32_of(tb[IFLA_LINK_NETNSID], &v))
			return -EBADMSG;
		l->netnsid = (int32_t)v;
		l->set |= LINK_F_NETNSID;
	}
	if (tb[IFLA_LINKINFO]) {
		r = parse_linkinfo(tb[IFLA_LINKINFO], l);
		if (r < 0)
			return r;
	}
	if (tb[IFLA_AF_SPEC]) {
		r = parse_af_spec(tb[IFLA_AF_SPEC], l);
		if (r < 0)
			return r;
	}
	return 0;
}
