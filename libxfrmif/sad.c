/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The SA database as a whole: flush and the kernel's SAD counters. */
#include <string.h>

#include <linux/xfrm.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "internal.h"

XFRMIF_EXPORT int xfrmif_sa_flush(xfrmif_ctx *ctx, uint8_t proto)
{
	struct xfrmif__req req = { .proto = XFRMIF__XFRM, .what = "sa flush" };
	int r;

	if (!ctx)
		return -EINVAL;
	r = xfrmif__sa_build_flush(ctx, proto, &req.msg);
	if (r)
		return r;
	r = xfrmif__submit(ctx, &req);
	return r < 0 ? r : 0;
}

int xfrmif__sad_info_parse(xfrmif_ctx *ctx, const struct nlmsghdr *nlh,
			   void *arg)
{
	struct nlattr *tb[XFRMA_SAD_MAX + 1];
	struct xfrmif__sad_info *s = arg;

	if (nlh->nlmsg_type != XFRM_MSG_NEWSADINFO ||
	    nlmsg_parse((struct nlmsghdr *)nlh, sizeof(uint32_t), tb,
			XFRMA_SAD_MAX, NULL) < 0)
		return xfrmif__err(ctx, -EBADMSG, "sad info: malformed answer");
	if (tb[XFRMA_SAD_CNT] && nla_len(tb[XFRMA_SAD_CNT]) >= 4)
		s->count = nla_get_u32(tb[XFRMA_SAD_CNT]);
	if (tb[XFRMA_SAD_HINFO] &&
	    nla_len(tb[XFRMA_SAD_HINFO]) >= (int)sizeof(struct xfrmu_sadhinfo)) {
		struct xfrmu_sadhinfo h;
		memcpy(&h, nla_data(tb[XFRMA_SAD_HINFO]), sizeof(h));
		s->buckets = h.sadhcnt;
		s->max = h.sadhmcnt;
	}
	s->got = true;
	return 0;
}

XFRMIF_EXPORT int xfrmif_sad_info(xfrmif_ctx *ctx, uint32_t *count,
				  uint32_t *hash_buckets, uint32_t *hash_max)
{
	struct xfrmif__sad_info s = { 0 };
	struct xfrmif__req req = {
		.proto = XFRMIF__XFRM, .what = "sad info",
		.on_reply = xfrmif__sad_info_parse, .arg = &s,
	};
	uint32_t flags = 0;
	int r;

	if (!ctx)
		return -EINVAL;
	req.msg = xfrmif__msg_new(XFRM_MSG_GETSADINFO, 0, 0);
	if (!req.msg || nlmsg_append(req.msg, &flags, sizeof(flags),
				     NLMSG_ALIGNTO) < 0) {
		xfrmif__msg_free(req.msg);
		return xfrmif__err(ctx, -ENOMEM, "sad info: out of memory");
	}
	r = xfrmif__submit(ctx, &req);
	if (r < 0)
		return r;
	if (!s.got)
		return xfrmif__err(ctx, -EBADMSG, "sad info: no answer");
	if (count)
		*count = s.count;
	if (hash_buckets)
		*hash_buckets = s.buckets;
	if (hash_max)
		*hash_max = s.max;
	return 0;
}
