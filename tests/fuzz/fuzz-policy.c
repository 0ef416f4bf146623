/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libFuzzer: the XFRM policy parser (GET replies, dumps, policy events). */
#include <linux/xfrm.h>

#include "fuzz-common.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Both message types the parser accepts, chosen by the input. */
	struct nlmsghdr *nlh = fuzz_msg(data, size, 0);
	xfrmif_policy *p = NULL;

	if (!nlh || xfrmif_policy_new(&p) < 0) {
		free(nlh);
		return 0;
	}
	nlh->nlmsg_type = (nlh->nlmsg_type & 1) ? XFRM_MSG_DELPOLICY
						: XFRM_MSG_NEWPOLICY;
	(void)xfrmif__policy_parse(nlh, p);
	xfrmif_policy_free(p);
	free(nlh);
	return 0;
}
