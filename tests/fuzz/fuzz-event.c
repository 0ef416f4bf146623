/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libFuzzer: the event decoders (ACQUIRE, EXPIRE, POLEXPIRE, MAPPING,
 * MIGRATE, REPORT, AE, SA/policy add/delete/flush, links). */
#include <linux/rtnetlink.h>
#include <linux/xfrm.h>

#include "event_priv.h"
#include "fuzz-common.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The first byte names the family the message came from (even: xfrm, odd:
 * route), since their message types overlap; the seeds keep their real
 * type, and a type that is none lets the fuzzer pick a decoder. */
static const uint16_t types[] = {
	XFRM_MSG_NEWSA, XFRM_MSG_DELSA, XFRM_MSG_UPDSA, XFRM_MSG_EXPIRE,
	XFRM_MSG_FLUSHSA, XFRM_MSG_NEWPOLICY, XFRM_MSG_DELPOLICY,
	XFRM_MSG_UPDPOLICY, XFRM_MSG_POLEXPIRE, XFRM_MSG_FLUSHPOLICY,
	XFRM_MSG_ACQUIRE, XFRM_MSG_MAPPING, XFRM_MSG_MIGRATE, XFRM_MSG_REPORT,
	XFRM_MSG_NEWAE, RTM_NEWLINK, RTM_DELLINK,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlmsghdr *nlh;
	xfrmif_event ev;
	uint16_t t;
	int route;

	if (size < 1)
		return 0;
	route = data[0] & 1;
	nlh = fuzz_msg(data + 1, size - 1, 0);
	if (!nlh)
		return 0;
	if (xfrmif__event_init(&ev) < 0) {
		free(nlh);
		return 0;
	}
	t = nlh->nlmsg_type;
	if (t >= 0x100) { /* not a real type: pick one */
		nlh->nlmsg_type = types[t % (sizeof(types) / sizeof(types[0]))];
		route = nlh->nlmsg_type == RTM_NEWLINK ||
			nlh->nlmsg_type == RTM_DELLINK;
	}
	if (route)
		(void)xfrmif__event_parse_link(&ev, nlh);
	else
		(void)xfrmif__event_parse_xfrm(&ev, nlh, size & 1);
	xfrmif__event_fini(&ev);
	free(nlh);
	return 0;
}
