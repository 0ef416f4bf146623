/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * rtnetlink messages for links and their addresses. Only building happens
 * here: numbering and sending are the request path's (or a batch's).
 */
#include <net/if.h>
#include <arpa/inet.h>
#include <string.h>

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/ip.h>
#include <linux/rtnetlink.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "link_priv.h"

/* Starts a message with its ifinfomsg; NULL on ENOMEM. */
static struct nl_msg *ifi_msg(int type, int nlflags, uint32_t ifindex,
			      uint32_t flags, uint32_t change)
{
	struct ifinfomsg ifi = {
		.ifi_family = AF_UNSPEC,
		.ifi_index = (int)ifindex,
		.ifi_flags = flags,
		.ifi_change = change,
	};
	struct nl_msg *msg = xfrmif__msg_new(type, nlflags, 0);

	if (msg && nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0) {
		xfrmif__msg_free(msg);
		return NULL;
	}
	return msg;
}

/* Returns 0 or -ENOMEM after freeing msg; *out gets msg on success. */
static int finish(struct nl_msg *msg, int r, struct nl_msg **out)
{
	*out = NULL;
	if (!msg)
		return -ENOMEM;
	if (r < 0) {
		xfrmif__msg_free(msg);
		return -ENOMEM;
	}
	*out = msg;
	return 0;
}

static int put_xfrm_data(struct nl_msg *msg, const xfrmif_link *l)
{
	int r = 0;

	if (l->set & LINK_F_DEV_INDEX)
		r = r ?: nla_put_u32(msg, IFLA_XFRM_LINK, l->dev_index);
	if (l->set & LINK_F_IF_ID)
		r = r ?: nla_put_u32(msg, IFLA_XFRM_IF_ID, l->if_id);
	/* libnl 3.7 has no setter for it: a flag attribute of our own. */
	if ((l->set & LINK_F_EXTERNAL) && l->external)
		r = r ?: nla_put_flag(msg, IFLA_XFRM_COLLECT_METADATA);
	return r;
}

static int put_vti_data(struct nl_msg *msg, const xfrmif_link *l)
{
	int r = 0;

	if (l->set & LINK_F_DEV_INDEX)
		r = r ?: nla_put_u32(msg, IFLA_VTI_LINK, l->dev_index);
	/* Keys are big-endian on the wire. */
	if (l->set & LINK_F_IKEY)
		r = r ?: nla_put_u32(msg, IFLA_VTI_IKEY, htonl(l->ikey));
	if (l->set & LINK_F_OKEY)
		r = r ?: nla_put_u32(msg, IFLA_VTI_OKEY, htonl(l->okey));
	if (l->set & LINK_F_LOCAL)
		r = r ?: nla_put(msg, IFLA_VTI_LOCAL,
				 (int)xfrmif__addr_len(l->local_family),
				 &l->local);
	if (l->set & LINK_F_REMOTE)
		r = r ?: nla_put(msg, IFLA_VTI_REMOTE,
				 (int)xfrmif__addr_len(l->remote_family),
				 &l->remote);
	if (l->set & LINK_F_FWMARK)
		r = r ?: nla_put_u32(msg, IFLA_VTI_FWMARK, l->fwmark);
	return r;
}

static int put_linkinfo(struct nl_msg *msg, const xfrmif_link *l)
{
	struct nlattr *info, *data;
	int r;

	info = nla_nest_start(msg, IFLA_LINKINFO);
	if (!info || nla_put_string(msg, IFLA_INFO_KIND, l->kind_name) < 0)
		return -ENOMEM;
	/* Without data the kernel only checks the kind; a change with data
	 * replaces every kind parameter. */
	if (l->set & LINK_F_KIND_DATA) {
		data = nla_nest_start(msg, IFLA_INFO_DATA);
		if (!data)
			return -ENOMEM;
		r = l->kind == XFRMIF_LINK_KIND_XFRM ? put_xfrm_data(msg, l) :
						       put_vti_data(msg, l);
		if (r < 0)
			return r;
		nla_nest_end(msg, data);
	}
	nla_nest_end(msg, info);
	return 0;
}

int xfrmif__link_build_new(const xfrmif_link *l, int nlflags, int netns_fd,
			   struct nl_msg **out)
{
	uint32_t flags = 0, change = 0;
	struct nl_msg *msg;
	int r = 0;

	if (l->set & LINK_F_UP) {
		flags = l->up ? IFF_UP : 0;
		change = IFF_UP;
	}
	msg = ifi_msg(RTM_NEWLINK, nlflags,
		      (l->set & LINK_F_IFINDEX) ? l->ifindex : 0, flags, change);
	if (!msg)
		return finish(NULL, 0, out);
	if (l->set & LINK_F_NAME)
		r = r ?: nla_put_string(msg, IFLA_IFNAME, l->name);
	if (l->set & LINK_F_MTU)
		r = r ?: nla_put_u32(msg, IFLA_MTU, l->mtu);
	if (l->set & LINK_F_GROUP)
		r = r ?: nla_put_u32(msg, IFLA_GROUP, l->group);
	if (netns_fd >= 0)
		r = r ?: nla_put_u32(msg, IFLA_NET_NS_FD, (uint32_t)netns_fd);
	if (l->set & LINK_F_KIND)
		r = r ?: put_linkinfo(msg, l);
	return finish(msg, r, out);
}

/* DELLINK and GETLINK of one interface look alike. */
static int build_one(int type, const char *name, uint32_t ifindex,
		     struct nl_msg **out)
{
	struct nl_msg *msg = ifi_msg(type, 0, ifindex, 0, 0);
	int r = 0;

	if (msg && !ifindex && name)
		r = nla_put_string(msg, IFLA_IFNAME, name);
	/* Only the AF_SPEC devconf is worth asking for on top of the
	 * default; statistics are skipped. */
	if (msg && type == RTM_GETLINK)
		r = r ?: nla_put_u32(msg, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	return finish(msg, r, out);
}

int xfrmif__link_build_del(const char *name, uint32_t ifindex,
			   struct nl_msg **out)
{
	return build_one(RTM_DELLINK, name, ifindex, out);
}

int xfrmif__link_build_get(const char *name, uint32_t ifindex,
			   struct nl_msg **out)
{
	return build_one(RTM_GETLINK, name, ifindex, out);
}

int xfrmif__link_build_dump(uint32_t kind, struct nl_msg **out)
{
	struct nl_msg *msg = ifi_msg(RTM_GETLINK, 0, 0, 0, 0);
	const char *name = xfrmif_link_kind_name(kind);
	struct nlattr *info;
	int r = 0;

	if (msg)
		r = nla_put_u32(msg, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	/* A kernel that knows the kind filters the dump; one that does not
	 * sends everything, and the reader filters again anyway. */
	if (msg && name) {
		info = nla_nest_start(msg, IFLA_LINKINFO);
		r = r ?: !info ? -ENOMEM : nla_put_string(msg, IFLA_INFO_KIND, name);
		if (info && r == 0)
			nla_nest_end(msg, info);
	}
	return finish(msg, r, out);
}

int xfrmif__link_build_addr(int type, uint32_t ifindex, int family,
			    const void *addr, uint8_t prefixlen,
			    struct nl_msg **out)
{
	struct ifaddrmsg ifa = {
		.ifa_family = (uint8_t)family,
		.ifa_prefixlen = prefixlen,
		.ifa_index = ifindex,
	};
	int alen = (int)xfrmif__addr_len(family);
	struct nl_msg *msg;
	int r;

	msg = xfrmif__msg_new(type, type == RTM_NEWADDR ?
					    NLM_F_CREATE | NLM_F_EXCL : 0, 0);
	if (!msg)
		return finish(NULL, 0, out);
	r = nlmsg_append(msg, &ifa, sizeof(ifa), NLMSG_ALIGNTO);
	/* On a point-to-point tunnel IFA_LOCAL is our end; IFA_ADDRESS the
	 * same with no peer given, as `ip addr add` does. */
	r = r ?: nla_put(msg, IFA_LOCAL, alen, addr);
	r = r ?: nla_put(msg, IFA_ADDRESS, alen, addr);
	return finish(msg, r, out);
}

int xfrmif__link_build_disable_policy4(uint32_t ifindex, bool on,
				       struct nl_msg **out)
{
	struct nlattr *spec, *af, *conf;
	struct nl_msg *msg = ifi_msg(RTM_NEWLINK, 0, ifindex, 0, 0);
	int r = 0;

	if (!msg)
		return finish(NULL, 0, out);
	if (!(spec = nla_nest_start(msg, IFLA_AF_SPEC)) ||
	    !(af = nla_nest_start(msg, AF_INET)) ||
	    !(conf = nla_nest_start(msg, IFLA_INET_CONF)) ||
	    nla_put_u32(msg, IPV4_DEVCONF_NOPOLICY, on ? 1 : 0) < 0) {
		r = -ENOMEM;
	} else {
		nla_nest_end(msg, conf);
		nla_nest_end(msg, af);
		nla_nest_end(msg, spec);
	}
	return finish(msg, r, out);
}

int xfrmif__link_build_del_group(uint32_t group, struct nl_msg **out)
{
	/* No index and no name: the kernel deletes the whole group, with
	 * one unregister for all of them. */
	struct nl_msg *msg = ifi_msg(RTM_DELLINK, 0, 0, 0, 0);
	int r = 0;

	if (msg)
		r = nla_put_u32(msg, IFLA_GROUP, group);
	return finish(msg, r, out);
}
