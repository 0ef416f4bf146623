/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Batches of what only the guest kernel has: xfrm interfaces created in
 * one batch and torn down as one link group, ESP SAs with failures in the
 * middle, and stop-and-undo across interfaces, SAs and policies. iproute2
 * reads back what the kernel holds.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

static const uint8_t key20[20] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
				   11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };

static xfrmif_ctx *ctx_new(void)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	return ctx;
}

static int queue_xfrmi(xfrmif_batch *b, const char *name, uint32_t if_id,
		       uint32_t group)
{
	xfrmif_link *l = NULL;
	int r;

	XT_ASSERT_OK(xfrmif_link_new(&l));
	XT_ASSERT_OK(xfrmif_link_set_name(l, name));
	XT_ASSERT_OK(xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_XFRM));
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, if_id));
	if (group)
		XT_ASSERT_OK(xfrmif_link_set_group(l, group));
	r = xfrmif_batch_link_add(b, l);
	xfrmif_link_free(l);
	return r;
}

static int queue_esp(xfrmif_batch *b, uint32_t spi)
{
	const uint8_t a1[4] = { 192, 0, 2, 1 }, a2[4] = { 192, 0, 2, 2 };
	xfrmif_sa *sa = NULL;
	int r;

	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	XT_ASSERT_OK(xfrmif_sa_set_src(sa, AF_INET, a1));
	XT_ASSERT_OK(xfrmif_sa_set_dst(sa, AF_INET, a2));
	XT_ASSERT_OK(xfrmif_sa_set_proto(sa, IPPROTO_ESP));
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, spi));
	XT_ASSERT_OK(xfrmif_sa_set_mode(sa, XFRMIF_SA_MODE_TUNNEL));
	XT_ASSERT_OK(xfrmif_sa_set_if_id(sa, 7));
	XT_ASSERT_OK(xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", key20, 20, 128));
	r = xfrmif_batch_sa_add(b, sa);
	xfrmif_sa_free(sa);
	return r;
}

static char *link_names(void)
{
	return xt_link_names();
}

START_TEST(group_teardown_removes_exactly_the_group)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_batch *b = NULL;
	char name[16], *out;

	XT_ASSERT_OK(xfrmif_batch_new(&b, ctx));
	for (unsigned i = 0; i < 30; i++) {
		snprintf(name, sizeof(name), "xg%u", i);
		XT_ASSERT_OK(queue_xfrmi(b, name, 100 + i, i < 20 ? 7 : 8));
	}
	ck_assert_int_eq(xfrmif_batch_commit(b, 0), 0);
	xfrmif_batch_free(b);
	/* one made by ip, in the default group */
	ck_assert_int_eq(xt_sh("ip link add xo type xfrm if_id 99"), 0);
	out = xt_sh_out("ip -d link show xg3");
	ck_assert_msg(xt_contains(out, "group 7") && xt_contains(out, "if_id 0x67"),
		      "%s", out);
	free(out);
	XT_ASSERT_OK(xfrmif_link_del_group(ctx, 7));
	out = link_names();
	ck_assert_str_eq(out, "lo xg20 xg21 xg22 xg23 xg24 xg25 xg26 xg27 xg28 "
			      "xg29 xo ");
	free(out);
	/* and the other group, queued in a batch */
	XT_ASSERT_OK(xfrmif_batch_new(&b, ctx));
	XT_ASSERT_OK(xfrmif_batch_link_del_group(b, 8));
	ck_assert_int_eq(xfrmif_batch_commit(b, 0), 0);
	xfrmif_batch_free(b);
	out = link_names();
	ck_assert_str_eq(out, "lo xo ");
	free(out);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(esp_failures_in_the_middle_are_reported_exactly)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_batch *b = NULL;
	const char *msg;
	int dup, n;
	char *out;

	XT_ASSERT_OK(xfrmif_batch_new(&b, ctx));
	for (unsigned i = 0; i < 50; i++)
		XT_ASSERT_OK(queue_esp(b, 0x1000 + i));
	dup = queue_esp(b, 0x1010);
	for (unsigned i = 50; i < 100; i++)
		XT_ASSERT_OK(queue_esp(b, 0x1000 + i));
	n = xfrmif_batch_count(b);
	ck_assert_int_eq(xfrmif_batch_commit(b, 0), 1);
	for (int i = 0; i < n; i++) {
		int r = xfrmif_batch_result(b, i, &msg);
		if (i == dup)
			ck_assert_int_eq(r, -EEXIST);
		else
			ck_assert_msg(r == 0, "item %d: %d %s", i, r, msg);
	}
	xfrmif_batch_free(b);
	out = xt_sh_out("ip xfrm state | grep -c '^src'");
	ck_assert_int_eq(atoi(out), 100);
	free(out);
	out = xt_sh_out("ip xfrm state get src 192.0.2.1 dst 192.0.2.2 proto esp "
			"spi 0x1063");
	ck_assert_msg(xt_contains(out, "rfc4106(gcm(aes))") &&
		      xt_contains(out, "if_id 0x7"), "%s", out);
	free(out);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(stop_and_undo_across_links_sas_and_policies)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_batch *b = NULL;
	xfrmif_policy *p = NULL;
	const uint8_t net[4] = { 203, 0, 113, 0 };
	char *links0, *sa0, *pol0, *links1, *sa1, *pol1;
	int bad, n;

	ck_assert_int_eq(xt_sh("ip link add keep type xfrm if_id 5"), 0);
	ck_assert_int_eq(xt_sh("ip xfrm state add src 192.0.2.1 dst 192.0.2.2 "
			       "proto esp spi 0x2000 mode tunnel aead "
			       "'rfc4106(gcm(aes))' 0x0102030405060708090a0b0c"
			       "0d0e0f1011121314 128"), 0);
	links0 = link_names();
	sa0 = xt_sh_out("ip xfrm state");
	pol0 = xt_sh_out("ip xfrm policy");
	XT_ASSERT_OK(xfrmif_batch_new(&b, ctx));
	XT_ASSERT_OK(queue_xfrmi(b, "u0", 10, 9));
	XT_ASSERT_OK(queue_xfrmi(b, "u1", 11, 0));
	for (unsigned i = 0; i < 20; i++)
		XT_ASSERT_OK(queue_esp(b, 0x3000 + i));
	XT_ASSERT_OK(xfrmif_policy_new(&p));
	XT_ASSERT_OK(xfrmif_policy_set_src(p, AF_INET, net, 24));
	XT_ASSERT_OK(xfrmif_policy_set_dst(p, AF_INET, net, 24));
	XT_ASSERT_OK(xfrmif_policy_set_dir(p, XFRMIF_POLICY_DIR_OUT));
	XT_ASSERT_OK(xfrmif_policy_set_if_id(p, 10));
	XT_ASSERT_OK(xfrmif_batch_policy_add(b, p));
	xfrmif_policy_free(p);
	bad = queue_esp(b, 0x2000); /* exists: fails */
	XT_ASSERT_OK(queue_xfrmi(b, "u2", 12, 0));
	XT_ASSERT_OK(queue_esp(b, 0x4000));
	n = xfrmif_batch_count(b);
	ck_assert_int_eq(xfrmif_batch_commit(b, XFRMIF_BATCH_STOP_AND_UNDO), 1);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(xfrmif_batch_result(b, i, NULL),
				 i == bad ? -EEXIST : -ECANCELED);
	xfrmif_batch_free(b);
	links1 = link_names();
	sa1 = xt_sh_out("ip xfrm state");
	pol1 = xt_sh_out("ip xfrm policy");
	ck_assert_str_eq(links0, links1);
	ck_assert_str_eq(sa0, sa1);
	ck_assert_str_eq(pol0, pol1);
	free(links0);
	free(sa0);
	free(pol0);
	free(links1);
	free(sa1);
	free(pol1);
	xfrmif_ctx_unref(ctx);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("batch-vm");
	TCase *tc = xt_tcase(s, "batch-vm", true);

	tcase_add_test(tc, group_teardown_removes_exactly_the_group);
	tcase_add_test(tc, esp_failures_in_the_middle_are_reported_exactly);
	tcase_add_test(tc, stop_and_undo_across_links_sas_and_policies);
	return xt_run_suite(s);
}
