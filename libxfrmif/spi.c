/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* SPI allocation (XFRM_MSG_ALLOCSPI): the kernel picks an unused SPI and
 * keeps a larval SA under it until the IKE daemon completes it. */
#include <string.h>

#include "sa_priv.h"

struct spi_state {
	xfrmif_sa *sa;
	uint32_t spi;
	bool got;
};

static int on_spi(xfrmif_ctx *ctx, const struct nlmsghdr *nlh, void *arg)
{
	struct spi_state *s = arg;
	xfrmif_sa *tmp;
	int r;

	r = xfrmif_sa_new(&tmp);
	if (r < 0)
		return xfrmif__err(ctx, r, "sa allocspi: out of memory");
	r = xfrmif__sa_parse(nlh, tmp, false);
	if (r == 0) {
		s->spi = tmp->spi;
		s->got = true;
	}
	xfrmif_sa_free(tmp);
	if (r < 0)
		return xfrmif__err(ctx, r, "sa allocspi: cannot parse the "
				   "kernel's answer");
	return 0;
}

XFRMIF_EXPORT int xfrmif_sa_allocspi(xfrmif_ctx *ctx, xfrmif_sa *sa,
				     uint32_t min, uint32_t max)
{
	struct spi_state s = { .sa = sa };
	struct xfrmif__req req = {
		.proto = XFRMIF__XFRM, .what = "sa allocspi",
		.on_reply = on_spi, .arg = &s,
	};
	int r;

	if (!ctx)
		return -EINVAL;
	r = xfrmif__sa_build_allocspi(ctx, sa, min, max, &req.msg);
	if (r)
		return r;
	r = xfrmif__submit(ctx, &req);
	if (r < 0)
		return r;
	if (!s.got)
		return xfrmif__err(ctx, -EBADMSG, "sa allocspi: the kernel sent "
				   "no SA");
	return xfrmif_sa_set_spi(sa, s.spi);
}
