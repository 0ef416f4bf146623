/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * White-box: the pipelined batch engine against the real kernel, with raw
 * policy requests (the public batch API layers on top of this engine).
 * iproute2 counts what the kernel holds afterwards.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netinet/in.h>

#include <linux/xfrm.h>

#include "batch_engine.h"
#include "xraw.h"
#include "xtest.h"

static int kernel_policy_count(void)
{
	char *out = xt_sh_out("ip xfrm policy list | grep -c '^src'");
	int n = atoi(out);

	free(out);
	return n;
}

static void queue_add(struct xfrmif__batch *b, unsigned i, bool with_undo)
{
	struct xfrmif__req req = {
		.proto = XFRMIF__XFRM,
		.msg = xt_raw_policy_msg(XFRM_MSG_NEWPOLICY, i, 128),
		.what = "policy add",
	};

	ck_assert_int_ge(xfrmif__batch_queue(b, &req,
					     with_undo ? xt_raw_policy_msg(XFRM_MSG_DELPOLICY, i, 128)
						       : NULL), 0);
}

static xfrmif_ctx *ctx_here(void)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	return ctx;
}

START_TEST(failures_in_the_middle_are_reported_exactly)
{
	xfrmif_ctx *ctx = ctx_here();
	struct xfrmif__batch b;
	const unsigned n = 1000;

	xfrmif__batch_init(&b, ctx);
	for (unsigned i = 0; i < n; i++)
		queue_add(&b, i, false);
	/* duplicates of items 10 and 700: the kernel refuses them */
	queue_add(&b, 10, false);
	queue_add(&b, 700, false);
	for (unsigned i = n; i < n + 10; i++)
		queue_add(&b, i, false);
	ck_assert_int_eq(xfrmif__batch_commit(&b, 0), 2);
	for (size_t i = 0; i < b.n; i++) {
		if (i == n || i == n + 1) {
			ck_assert_int_eq(b.items[i].result, -EEXIST);
			ck_assert_ptr_nonnull(b.items[i].errmsg);
		} else {
			ck_assert_msg(b.items[i].result == 0, "item %zu: %d", i,
				      b.items[i].result);
		}
	}
	ck_assert_int_eq(kernel_policy_count(), (int)n + 10);
	xfrmif__batch_release(&b);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(stop_and_undo_leaves_the_kernel_as_it_was)
{
	xfrmif_ctx *ctx = ctx_here();
	struct xfrmif__batch b;
	char *before, *after;

	/* something that was there before must stay */
	ck_assert_int_eq(xt_sh("ip xfrm policy add src 192.0.2.0/24 dst "
			       "192.0.2.0/24 dir in action block"), 0);
	before = xt_sh_out("ip xfrm policy list");
	xfrmif__batch_init(&b, ctx);
	for (unsigned i = 0; i < 300; i++)
		queue_add(&b, i, true);
	queue_add(&b, 5, true); /* fails */
	for (unsigned i = 300; i < 600; i++)
		queue_add(&b, i, true);
	ck_assert_int_ge(xfrmif__batch_commit(&b, XFRMIF__BATCH_STOP_AND_UNDO), 1);
	ck_assert_int_eq(b.items[300].result, -EEXIST);
	for (size_t i = 0; i < b.n; i++)
		if (i != 300)
			ck_assert_msg(b.items[i].result == -ECANCELED,
				      "item %zu: %d", i, b.items[i].result);
	after = xt_sh_out("ip xfrm policy list");
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	xfrmif__batch_release(&b);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(batch_larger_than_socket_buffers_gets_every_ack)
{
	xfrmif_ctx *ctx = ctx_here();
	struct xfrmif__batch b;
	unsigned n;
	size_t bytes = 0;
	int sndbuf = 0, rcvbuf = 0;
	socklen_t sl = sizeof(int);

	/* More requests than both socket buffers together could hold. */
	getsockopt(ctx->sock[XFRMIF__XFRM].fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, &sl);
	getsockopt(ctx->sock[XFRMIF__XFRM].fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, &sl);
	n = (unsigned)(((size_t)sndbuf + (size_t)rcvbuf) / 150) + 1000;
	xfrmif__batch_init(&b, ctx);
	for (unsigned i = 0; i < n; i++)
		queue_add(&b, i, false);
	bytes = b.req[XFRMIF__XFRM].len;
	ck_assert_uint_gt(bytes, (size_t)sndbuf + (size_t)rcvbuf);
	ck_assert_int_eq(xfrmif__batch_commit(&b, 0), 0);
	for (size_t i = 0; i < b.n; i++)
		ck_assert_int_eq(b.items[i].result, 0);
	ck_assert_int_eq(kernel_policy_count(), (int)n);
	/* (these requests hold no keys, so they are not wiped: see
	 * queued_sa_keys_are_wiped_after_sending) */
	ck_assert(!b.secret);
	xfrmif__batch_release(&b);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* Whether the 20 key bytes occur in buf. */
static bool holds_key(const uint8_t *buf, size_t len, const uint8_t key[20])
{
	for (size_t i = 0; i + 20 <= len; i++)
		if (!memcmp(buf + i, key, 20))
			return true;
	return false;
}

/* The public API's SA queue: the engine's copies of the keys are gone
 * once the batch is sent (whatever the kernel answered: this kernel may
 * lack ESP), and the undo (a delete) never held them. */
START_TEST(queued_sa_keys_are_wiped_after_sending)
{
	static const uint8_t key[20] = { 0xa5, 0x5a, 0xc3, 0x3c, 0x11, 0x22, 0x33,
					 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa,
					 0xbb, 0xcc, 0xdd, 0xee, 0xf1, 0x1f };
	const uint8_t a1[4] = { 192, 0, 2, 1 }, a2[4] = { 192, 0, 2, 2 };
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_batch *b = NULL;
	xfrmif_sa *sa = NULL;
	struct xfrmif__wbuf *w;

	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	XT_ASSERT_OK(xfrmif_sa_set_src(sa, AF_INET, a1));
	XT_ASSERT_OK(xfrmif_sa_set_dst(sa, AF_INET, a2));
	XT_ASSERT_OK(xfrmif_sa_set_proto(sa, IPPROTO_ESP));
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, 0x1234));
	XT_ASSERT_OK(xfrmif_sa_set_mode(sa, XFRMIF_SA_MODE_TUNNEL));
	XT_ASSERT_OK(xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", key, 20, 128));
	XT_ASSERT_OK(xfrmif_batch_new(&b, ctx));
	XT_ASSERT_OK(xfrmif_batch_sa_add(b, sa));
	XT_ASSERT_OK(xfrmif_batch_sa_update(b, sa));
	xfrmif_sa_free(sa);
	w = &b->e.req[XFRMIF__XFRM];
	ck_assert(holds_key(w->data, w->len, key)); /* the test can see them */
	ck_assert(!holds_key(b->e.undo[XFRMIF__XFRM].data,
			     b->e.undo[XFRMIF__XFRM].len, key));
	/* defined bytes to scan afterwards (the buffer is malloc'd) */
	memset(ctx->rxbuf, 0, ctx->rxbuf_size);
	ck_assert_int_ge(xfrmif_batch_commit(b, 0), 0);
	for (size_t i = 0; i < w->cap; i++)
		ck_assert_int_eq(w->data[i], 0);
	/* nor in the context's receive buffer (failures echo requests) */
	ck_assert(!holds_key(ctx->rxbuf, ctx->rxbuf_size, key));
	xfrmif_batch_free(b);
	xfrmif_ctx_unref(ctx);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("batch-core");
	TCase *tc = xt_tcase(s, "batch-core", true);

	tcase_add_test(tc, failures_in_the_middle_are_reported_exactly);
	tcase_add_test(tc, stop_and_undo_leaves_the_kernel_as_it_was);
	tcase_add_test(tc, batch_larger_than_socket_buffers_gets_every_ack);
	tcase_add_test(tc, queued_sa_keys_are_wiped_after_sending);
	return xt_run_suite(s);
}
