/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <arpa/inet.h>
#include <string.h>

#include <linux/xfrm.h>
#include <netlink/msg.h>

#include "internal.h"
#include "xraw.h"

struct nl_msg *xt_raw_policy_msg(int type, unsigned i, int prefixlen_d)
{
	struct nl_msg *msg = xfrmif__msg_new(type, 0, 0);
	struct xfrm_userpolicy_info pi;
	struct xfrm_userpolicy_id id;
	struct xfrm_selector sel;

	if (!msg)
		return NULL;
	memset(&sel, 0, sizeof(sel));
	sel.family = AF_INET6;
	inet_pton(AF_INET6, "2001:db8::", &sel.saddr.a6);
	sel.prefixlen_s = 64;
	inet_pton(AF_INET6, "2001:db8:1::", &sel.daddr.a6);
	sel.daddr.a6[3] = htonl(i);
	sel.prefixlen_d = (uint8_t)prefixlen_d;
	if (type == XFRM_MSG_DELPOLICY) {
		memset(&id, 0, sizeof(id));
		id.sel = sel;
		id.dir = XFRM_POLICY_OUT;
		nlmsg_append(msg, &id, sizeof(id), NLMSG_ALIGNTO);
		return msg;
	}
	memset(&pi, 0, sizeof(pi));
	pi.sel = sel;
	pi.dir = XFRM_POLICY_OUT;
	pi.action = XFRM_POLICY_BLOCK;
	pi.lft.soft_byte_limit = pi.lft.hard_byte_limit = XFRM_INF;
	pi.lft.soft_packet_limit = pi.lft.hard_packet_limit = XFRM_INF;
	nlmsg_append(msg, &pi, sizeof(pi), NLMSG_ALIGNTO);
	return msg;
}
