/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libFuzzer: the XFRM state parser (GET replies, dumps, SA events). */
#include <linux/xfrm.h>

#include "fuzz-common.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_msg(data, size, XFRM_MSG_NEWSA);
	xfrmif_sa *sa = NULL;

	if (!nlh || xfrmif_sa_new(&sa) < 0) {
		free(nlh);
		return 0;
	}
	(void)xfrmif__sa_parse(nlh, sa, size & 1);
	xfrmif_sa_free(sa);
	free(nlh);
	return 0;
}
