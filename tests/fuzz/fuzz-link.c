/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libFuzzer: the rtnetlink link parser (xfrm, vti, vti6 replies/events). */
#include <linux/rtnetlink.h>

#include "fuzz-common.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_msg(data, size, RTM_NEWLINK);
	xfrmif_link *link = NULL;

	if (!nlh || xfrmif_link_new(&link) < 0) {
		free(nlh);
		return 0;
	}
	(void)xfrmif__link_parse(nlh, link);
	xfrmif_link_free(link);
	free(nlh);
	return 0;
}
