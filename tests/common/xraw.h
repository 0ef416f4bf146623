/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* White-box tests: raw kernel requests built without the public API, for
 * exercising the request path and the batch engine on their own. */
#ifndef XFRMIF_XRAW_H
#define XFRMIF_XRAW_H

struct nl_msg;

/*
 * An XFRM_MSG_NEWPOLICY (outbound block policy 2001:db8::/64 ->
 * 2001:db8:1::i/prefixlen_d) or, with type XFRM_MSG_DELPOLICY, the request
 * that deletes it.
 */
struct nl_msg *xt_raw_policy_msg(int type, unsigned i, int prefixlen_d);

#endif
