/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libFuzzer: the SPD and SAD information parsers. */
#include <string.h>

#include <linux/xfrm.h>

#include "fuzz-common.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_msg(data, size, 0);
	static xfrmif_ctx ctx; /* only errmsg and logging are touched */
	struct xfrmif_spd_info spd;
	struct xfrmif__sad_info sad;

	if (!nlh)
		return 0;
	memset(&ctx, 0, sizeof(ctx));
	memset(&spd, 0, sizeof(spd));
	memset(&sad, 0, sizeof(sad));
	if (nlh->nlmsg_type & 1) {
		nlh->nlmsg_type = XFRM_MSG_NEWSPDINFO;
		(void)xfrmif__spd_info_parse(&ctx, nlh, &spd);
	} else {
		nlh->nlmsg_type = XFRM_MSG_NEWSADINFO;
		(void)xfrmif__sad_info_parse(&ctx, nlh, &sad);
	}
	free(nlh);
	return 0;
}
