/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libFuzzer: the NLMSG_ERROR / extended-ACK decoder. */
#include <string.h>

#include "fuzz-common.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh = fuzz_msg(data, size, NLMSG_ERROR);
	static xfrmif_ctx ctx; /* only errmsg and logging are touched */
	long offs;

	if (!nlh)
		return 0;
	memset(&ctx, 0, sizeof(ctx));
	(void)xfrmif__parse_error(&ctx, nlh, "fuzz", &offs);
	free(nlh);
	return 0;
}
