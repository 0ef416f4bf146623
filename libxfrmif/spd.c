/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The SPD as a whole: counters and hash thresholds (GETSPDINFO,
 * NEWSPDINFO) and the default policy per direction (GETDEFAULT,
 * SETDEFAULT).
 */
#include <netinet/in.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "policy_int.h"

/* A message whose fixed part is @len bytes of @data; NULL on ENOMEM. */
static struct nl_msg *msg_with(int type, const void *data, size_t len)
{
	struct nl_msg *msg = xfrmif__msg_new(type, 0, len + 64);

	if (msg && nlmsg_append(msg, (void *)data, len, NLMSG_ALIGNTO) < 0) {
		xfrmif__msg_free(msg);
		return NULL;
	}
	return msg;
}

int xfrmif__spd_info_parse(xfrmif_ctx *ctx, const struct nlmsghdr *nlh,
			    void *arg)
{
	struct xfrmif_spd_info *out = arg;
	const struct nlattr *a;
	int rem;

	if (nlh->nlmsg_type != XFRM_MSG_NEWSPDINFO)
		return 0;
	/* The fixed part is a u32 of flags. */
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(uint32_t)))
		return xfrmif__err(ctx, -EBADMSG, "spd info: short answer");
	nlmsg_for_each_attr(a, (struct nlmsghdr *)nlh, (int)sizeof(uint32_t),
			    rem) {
		size_t len = (size_t)nla_len(a);
		const void *d = nla_data(a);

		switch (nla_type(a)) {
		case XFRMA_SPD_INFO: {
			struct xfrmu_spdinfo si;
			if (len < sizeof(si))
				goto bad;
			memcpy(&si, d, sizeof(si));
			out->in = si.incnt;
			out->out = si.outcnt;
			out->fwd = si.fwdcnt;
			out->in_sock = si.inscnt;
			out->out_sock = si.outscnt;
			out->fwd_sock = si.fwdscnt;
			break;
		}
		case XFRMA_SPD_HINFO: {
			struct xfrmu_spdhinfo hi;
			if (len < sizeof(hi))
				goto bad;
			memcpy(&hi, d, sizeof(hi));
			out->hash_buckets = hi.spdhcnt;
			out->hash_max = hi.spdhmcnt;
			break;
		}
		case XFRMA_SPD_IPV4_HTHRESH:
		case XFRMA_SPD_IPV6_HTHRESH: {
			struct xfrmu_spdhthresh th;
			if (len < sizeof(th))
				goto bad;
			memcpy(&th, d, sizeof(th));
			if (nla_type(a) == XFRMA_SPD_IPV4_HTHRESH) {
				out->lbits4 = th.lbits;
				out->rbits4 = th.rbits;
			} else {
				out->lbits6 = th.lbits;
				out->rbits6 = th.rbits;
			}
			break;
		}
		default:
			break;
		}
	}
	if (rem < NLA_HDRLEN)
		return 0;
bad:
	return xfrmif__err(ctx, -EBADMSG, "spd info: malformed attribute");
}

XFRMIF_EXPORT int xfrmif_spd_get_info(xfrmif_ctx *ctx,
				      struct xfrmif_spd_info *info)
{
	struct xfrmif_spd_info full;
	uint32_t flags = 0;
	size_t sz;
	int r;

	if (!ctx)
		return -EINVAL;
	if (!info)
		return xfrmif__err(ctx, -EINVAL, "spd info: info must not be "
				   "NULL");
	sz = info->sz;
	if (sz < sizeof(size_t))
		return xfrmif__err(ctx, -EINVAL, "spd info: info.sz is %zu; set "
				   "it to sizeof(struct xfrmif_spd_info)", sz);
	memset(&full, 0, sizeof(full));
	r = xfrmif__xfrm_req(ctx, msg_with(XFRM_MSG_GETSPDINFO, &flags,
					   sizeof(flags)),
			     0, "spd info", xfrmif__spd_info_parse, &full);
	if (r < 0)
		return r;
	/* A caller built against an older header gets its part only. */
	full.sz = sz;
	memcpy(info, &full, sz < sizeof(full) ? sz : sizeof(full));
	return 0;
}

XFRMIF_EXPORT int xfrmif_spd_set_hthresh(xfrmif_ctx *ctx, int family,
					 uint8_t lbits, uint8_t rbits)
{
	struct xfrmu_spdhthresh th = { .lbits = lbits, .rbits = rbits };
	size_t bits = xfrmif__addr_len(family) * 8;
	uint32_t flags = 0;
	struct nl_msg *msg;

	if (!ctx)
		return -EINVAL;
	if (!bits)
		return xfrmif__err(ctx, -EINVAL, "spd hthresh: family %d is "
				   "neither AF_INET nor AF_INET6", family);
	if (lbits > bits || rbits > bits)
		return xfrmif__err(ctx, -EINVAL, "spd hthresh: %s thresholds "
				   "are at most %zu bits (got %u and %u)",
				   xfrmif__family_name(family), bits, lbits,
				   rbits);
	msg = msg_with(XFRM_MSG_NEWSPDINFO, &flags, sizeof(flags));
	if (msg && nla_put(msg, family == AF_INET ? XFRMA_SPD_IPV4_HTHRESH
						  : XFRMA_SPD_IPV6_HTHRESH,
			   sizeof(th), &th) < 0) {
		xfrmif__msg_free(msg);
		msg = NULL;
	}
	return xfrmif__xfrm_req(ctx, msg, 0, "spd hthresh", NULL, NULL);
}

/* The check both default calls start with: the member of @d that holds
 * direction @dir, or NULL (the call fails with -EINVAL) for a NULL ctx or,
 * with the errmsg set, an unknown direction. */
static uint8_t *dir_slot(xfrmif_ctx *ctx, struct xfrm_userpolicy_default *d,
			 int dir)
{
	if (!ctx)
		return NULL;
	switch (dir) {
	case XFRM_POLICY_IN: return &d->in;
	case XFRM_POLICY_OUT: return &d->out;
	case XFRM_POLICY_FWD: return &d->fwd;
	default:
		xfrmif__err(ctx, -EINVAL, "spd default: dir: %d is not in (0), "
			    "out (1) or fwd (2)", dir);
		return NULL;
	}
}

static int on_default(xfrmif_ctx *ctx, const struct nlmsghdr *nlh, void *arg)
{
	struct xfrm_userpolicy_default *d = arg;

	if (nlh->nlmsg_type != XFRM_MSG_GETDEFAULT)
		return 0;
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*d)))
		return xfrmif__err(ctx, -EBADMSG, "spd default: short answer");
	memcpy(d, NLMSG_DATA(nlh), sizeof(*d));
	return 0;
}

XFRMIF_EXPORT int xfrmif_spd_get_default(xfrmif_ctx *ctx, int dir, int *action)
{
	struct xfrm_userpolicy_default d = { 0 };
	uint8_t *slot = dir_slot(ctx, &d, dir);
	int r;

	if (!slot)
		return -EINVAL;
	if (!action)
		return xfrmif__err(ctx, -EINVAL, "spd default: action must not "
				   "be NULL");
	r = xfrmif__xfrm_req(ctx, msg_with(XFRM_MSG_GETDEFAULT, &d, sizeof(d)),
			     0, "spd default", on_default, &d);
	if (r < 0)
		return r;
	if (r == 0)
		return xfrmif__err(ctx, -EPROTO, "spd default: the kernel sent "
				   "no answer");
	*action = *slot == XFRM_USERPOLICY_BLOCK ? XFRMIF_POLICY_BLOCK
						 : XFRMIF_POLICY_ALLOW;
	return 0;
}

XFRMIF_EXPORT int xfrmif_spd_set_default(xfrmif_ctx *ctx, int dir, int action)
{
	/* UNSPEC (0) leaves the other directions as they are. */
	struct xfrm_userpolicy_default d = { 0 };
	uint8_t *slot = dir_slot(ctx, &d, dir);
	int r;

	if (!slot)
		return -EINVAL;
	if (action != XFRMIF_POLICY_ALLOW && action != XFRMIF_POLICY_BLOCK)
		return xfrmif__err(ctx, -EINVAL, "spd default: action: %d is "
				   "not allow (0) or block (1)", action);
	*slot = action == XFRMIF_POLICY_BLOCK ? XFRM_USERPOLICY_BLOCK
					      : XFRM_USERPOLICY_ACCEPT;
	r = xfrmif__xfrm_req(ctx, msg_with(XFRM_MSG_SETDEFAULT, &d, sizeof(d)),
			     0, "spd default", NULL, NULL);
	return r < 0 ? r : 0;
}
