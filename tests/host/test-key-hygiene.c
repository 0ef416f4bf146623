/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Key hygiene against the real kernel: after a failed add, after a batch,
 * and after freeing the SAs, the key bytes are in no heap block the
 * library released and not in the context's receive buffer. Freed blocks
 * are scanned by the free() of xkeyscan.c (plain builds; ASan and valgrind
 * own free() and skip the scan).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#include "internal.h"
#include "xkeyscan.h"
#include "xtest.h"

static xfrmif_sa *keyed_sa(uint32_t spi)
{
	unsigned char a[4], b[4];
	xfrmif_sa *sa = NULL;

	inet_pton(AF_INET, "192.0.2.1", a);
	inet_pton(AF_INET, "192.0.2.2", b);
	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	XT_ASSERT_OK(xfrmif_sa_set_src(sa, AF_INET, a));
	XT_ASSERT_OK(xfrmif_sa_set_dst(sa, AF_INET, b));
	XT_ASSERT_OK(xfrmif_sa_set_proto(sa, IPPROTO_ESP));
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, spi));
	XT_ASSERT_OK(xfrmif_sa_set_mode(sa, XFRMIF_SA_MODE_TUNNEL));
	XT_ASSERT_OK(xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", XK_KEY, 20, 128));
	return sa;
}

static void assert_clean(xfrmif_ctx *ctx, int seen, const char *when)
{
	ck_assert_msg(!xk_holds_key(ctx->rxbuf, ctx->rxbuf_size),
		      "%s: the key is in the receive buffer", when);
	if (xk_hook_active())
		ck_assert_msg(seen == 0, "%s: %d freed blocks held the key", when,
			      seen);
}

START_TEST(failed_add_leaves_no_key)
{
	xfrmif_ctx *ctx = NULL;
	xfrmif_sa *sa;
	uint32_t f = 0;
	int r;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	XT_ASSERT_OK(xfrmif_probe(ctx, &f));
	xk_scan_begin();
	sa = keyed_sa(0x100);
	r = xfrmif_sa_add(ctx, sa);
	if (f & XFRMIF_FEATURE_ESP4) {
		/* a kernel with ESP: make the add fail as a duplicate */
		XT_ASSERT_OK(r);
		r = xfrmif_sa_add(ctx, sa);
		ck_assert_int_eq(r, -EEXIST);
	} else {
		/* no ESP type, or no GCM: the kernel refuses either way */
		ck_assert_msg(r == -EPROTONOSUPPORT || r == -ENOSYS, "add: %d", r);
	}
	xfrmif_sa_free(sa);
	assert_clean(ctx, xk_scan_end(), "failed add");
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(batch_leaves_no_key)
{
	xfrmif_ctx *ctx = NULL;
	xfrmif_batch *b = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	xk_scan_begin();
	XT_ASSERT_OK(xfrmif_batch_new(&b, ctx));
	for (uint32_t spi = 0x200; spi < 0x210; spi++) {
		xfrmif_sa *sa = keyed_sa(spi);
		ck_assert_int_ge(xfrmif_batch_sa_add(b, sa), 0);
		xfrmif_sa_free(sa);
	}
	/* on this kernel or that: every item answered, failed or not */
	ck_assert_int_ge(xfrmif_batch_commit(b, 0), 0);
	xfrmif_batch_free(b);
	assert_clean(ctx, xk_scan_end(), "batch");
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(listing_with_keys_leaves_no_key)
{
	xfrmif_ctx *ctx = NULL;
	xfrmif_sa *sa, *got = NULL;
	uint32_t f = 0;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	XT_ASSERT_OK(xfrmif_probe(ctx, &f));
	if (!(f & XFRMIF_FEATURE_ESP4)) {
		/* nothing to read back here; the guest run checks it */
		xfrmif_ctx_unref(ctx);
		return;
	}
	sa = keyed_sa(0x300);
	XT_ASSERT_OK(xfrmif_sa_add(ctx, sa));
	xk_scan_begin();
	XT_ASSERT_OK(xfrmif_sa_get(&got, ctx, sa));
	xfrmif_sa_free(got);
	xfrmif_sa_free(sa);
	assert_clean(ctx, xk_scan_end(), "get");
	xfrmif_ctx_unref(ctx);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("key-hygiene");
	TCase *tc = xt_tcase(s, "key-hygiene", true);

	tcase_add_test(tc, failed_add_leaves_no_key);
	tcase_add_test(tc, batch_leaves_no_key);
	tcase_add_test(tc, listing_with_keys_leaves_no_key);
	return xt_run_suite(s);
}
