/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * SA operations that work on any kernel with XFRM netlink, with iproute2 as
 * the oracle: SPI allocation (larval SAs need no ESP type), listing with
 * filters, get/del by mark and if_id, flush, SAD counters, refusals that
 * must not reach the kernel, the kernel's own refusals passed through, and
 * the SA direction on kernels with and without XFRMA_SA_DIR. Runs in the
 * host suite (6.18, no ESP) and in the vm suite (Debian's 6.1).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

static xfrmif_ctx *ctx_new(void)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	return ctx;
}

/* An SA description: "src dst" as strings, proto. */
static xfrmif_sa *sa_for(const char *src, const char *dst, uint8_t proto)
{
	unsigned char a[16];
	int fam = strchr(src, ':') ? AF_INET6 : AF_INET;
	xfrmif_sa *sa = NULL;

	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	ck_assert_int_eq(inet_pton(fam, src, a), 1);
	XT_ASSERT_OK(xfrmif_sa_set_src(sa, fam, a));
	ck_assert_int_eq(inet_pton(fam, dst, a), 1);
	XT_ASSERT_OK(xfrmif_sa_set_dst(sa, fam, a));
	XT_ASSERT_OK(xfrmif_sa_set_proto(sa, proto));
	return sa;
}

static void assert_no_sa(void)
{
	char *out = xt_sh_out("ip xfrm state");

	ck_assert_msg(out[0] == '\0', "SAs left: %s", out);
	free(out);
}

static void assert_ip_has(const char *needle)
{
	char *out = xt_sh_out("ip xfrm state");

	ck_assert_msg(xt_contains(out, needle), "'%s' not in:\n%s", needle, out);
	free(out);
}

START_TEST(allocspi_seen_by_iproute2)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *sa = sa_for("192.0.2.1", "192.0.2.2", IPPROTO_ESP), *got = NULL;
	uint32_t spi = 0, v, m;
	char want[64];

	XT_ASSERT_OK(xfrmif_sa_set_mark(sa, 0x5, 0xff));
	XT_ASSERT_OK(xfrmif_sa_set_if_id(sa, 7));
	XT_ASSERT_OK(xfrmif_sa_set_reqid(sa, 3));
	XT_ASSERT_OK(xfrmif_sa_set_mode(sa, XFRMIF_SA_MODE_TUNNEL));
	XT_ASSERT_OK(xfrmif_sa_allocspi(ctx, sa, 0x1000, 0x1fff));
	XT_ASSERT_OK(xfrmif_sa_get_spi(sa, &spi));
	ck_assert(spi >= 0x1000 && spi <= 0x1fff);
	snprintf(want, sizeof(want), "proto esp spi 0x%08x reqid 3 mode tunnel", spi);
	assert_ip_has(want);
	assert_ip_has("mark 0x5/0xff");
	assert_ip_has("if_id 0x7");
	/* and the library reads it back by dst/proto/spi/mark */
	XT_ASSERT_OK(xfrmif_sa_get(&got, ctx, sa));
	XT_ASSERT_OK(xfrmif_sa_get_mark(got, &v, &m));
	ck_assert(v == 5 && m == 0xff);
	XT_ASSERT_OK(xfrmif_sa_get_if_id(got, &v));
	ck_assert_uint_eq(v, 7);
	xfrmif_sa_free(got);
	/* exactly one SPI in the range: taken, so the next one fails */
	xfrmif_sa_free(sa);
	sa = sa_for("192.0.2.1", "192.0.2.3", IPPROTO_AH);
	XT_ASSERT_OK(xfrmif_sa_allocspi(ctx, sa, 0x2000, 0x2000));
	assert_ip_has("proto ah spi 0x00002000");
	/* bad ranges are refused before the kernel */
	ck_assert_int_eq(xfrmif_sa_allocspi(ctx, sa, 0x3000, 0x2000), -EINVAL);
	ck_assert(xt_contains(xfrmif_ctx_errmsg(ctx), "min"));
	xfrmif_sa_free(sa);
	sa = sa_for("2001:db8::1", "2001:db8::2", IPPROTO_COMP);
	ck_assert_int_eq(xfrmif_sa_allocspi(ctx, sa, 0x100, 0x10000), -EINVAL);
	XT_ASSERT_OK(xfrmif_sa_allocspi(ctx, sa, 0x100, 0x1ff));
	assert_ip_has("proto comp spi 0x00000");
	xfrmif_sa_free(sa);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* Three larval SAs made with the library's allocspi, listed with filters. */
static void three_sas(xfrmif_ctx *ctx)
{
	xfrmif_sa *sa = sa_for("192.0.2.1", "192.0.2.2", IPPROTO_ESP);

	XT_ASSERT_OK(xfrmif_sa_set_if_id(sa, 7));
	XT_ASSERT_OK(xfrmif_sa_set_reqid(sa, 1));
	XT_ASSERT_OK(xfrmif_sa_allocspi(ctx, sa, 0x100, 0x100));
	xfrmif_sa_free(sa);
	sa = sa_for("192.0.2.1", "192.0.2.2", IPPROTO_AH);
	XT_ASSERT_OK(xfrmif_sa_set_mark(sa, 0x50, 0xf0));
	XT_ASSERT_OK(xfrmif_sa_set_reqid(sa, 2));
	XT_ASSERT_OK(xfrmif_sa_allocspi(ctx, sa, 0x200, 0x200));
	xfrmif_sa_free(sa);
	sa = sa_for("2001:db8::1", "2001:db8::2", IPPROTO_COMP);
	XT_ASSERT_OK(xfrmif_sa_set_reqid(sa, 2));
	XT_ASSERT_OK(xfrmif_sa_allocspi(ctx, sa, 0x300, 0x300));
	xfrmif_sa_free(sa);
}

struct seen {
	uint32_t spis[8];
	int n;
};

static int collect(const xfrmif_sa *sa, void *arg)
{
	struct seen *s = arg;

	if (s->n < 8)
		xfrmif_sa_get_spi(sa, &s->spis[s->n++]);
	return 0;
}

static int stop_after_one(const xfrmif_sa *sa, void *arg)
{
	(void)sa;
	(void)arg;
	return 1;
}

static int fail_cb(const xfrmif_sa *sa, void *arg)
{
	(void)sa;
	(void)arg;
	return -ECANCELED;
}

static int list_count(xfrmif_ctx *ctx, const struct xfrmif_sa_filter *f,
		      uint32_t *first)
{
	struct seen s = { .n = 0 };
	int r = xfrmif_sa_list(ctx, f, collect, &s);

	ck_assert_int_eq(r, s.n);
	if (first && s.n)
		*first = s.spis[0];
	return r;
}

START_TEST(list_with_filters)
{
	xfrmif_ctx *ctx = ctx_new();
	uint32_t spi = 0;

	three_sas(ctx);
	ck_assert_int_eq(list_count(ctx, NULL, NULL), 3);
	{
		XFRMIF_OPTS(xfrmif_sa_filter, f, .flags = XFRMIF_SA_FILTER_IF_ID,
			    .if_id = 7);
		ck_assert_int_eq(list_count(ctx, &f, &spi), 1);
		ck_assert_uint_eq(spi, 0x100);
	}
	{
		XFRMIF_OPTS(xfrmif_sa_filter, f, .flags = XFRMIF_SA_FILTER_MARK,
			    .mark = 0x50, .mark_mask = 0xf0);
		ck_assert_int_eq(list_count(ctx, &f, &spi), 1);
		ck_assert_uint_eq(spi, 0x200);
	}
	{
		XFRMIF_OPTS(xfrmif_sa_filter, f, .flags = XFRMIF_SA_FILTER_REQID,
			    .reqid = 2);
		ck_assert_int_eq(list_count(ctx, &f, NULL), 2);
	}
	{
		XFRMIF_OPTS(xfrmif_sa_filter, f, .flags = XFRMIF_SA_FILTER_PROTO,
			    .proto = IPPROTO_COMP);
		ck_assert_int_eq(list_count(ctx, &f, &spi), 1);
		ck_assert_uint_eq(spi, 0x300);
	}
	{
		XFRMIF_OPTS(xfrmif_sa_filter, f, .flags = XFRMIF_SA_FILTER_FAMILY,
			    .family = AF_INET);
		ck_assert_int_eq(list_count(ctx, &f, NULL), 2);
	}
	{
		XFRMIF_OPTS(xfrmif_sa_filter, f, .flags = XFRMIF_SA_FILTER_FAMILY |
						  XFRMIF_SA_FILTER_REQID,
			    .family = AF_INET6, .reqid = 2);
		ck_assert_int_eq(list_count(ctx, &f, &spi), 1);
		ck_assert_uint_eq(spi, 0x300);
	}
	{
		XFRMIF_OPTS(xfrmif_sa_filter, f, .flags = 0x80000000u);
		ck_assert_int_eq(xfrmif_sa_list(ctx, &f, collect, NULL), -EINVAL);
	}
	/* early stop and abort */
	ck_assert_int_eq(xfrmif_sa_list(ctx, NULL, stop_after_one, NULL), 1);
	ck_assert_int_eq(xfrmif_sa_list(ctx, NULL, fail_cb, NULL), -ECANCELED);
	/* the socket is still in step after both */
	ck_assert_int_eq(list_count(ctx, NULL, NULL), 3);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(get_and_del_by_key)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *key, *got = NULL;
	unsigned char a[16];

	three_sas(ctx);
	key = xfrmif_sa_new(&key) == 0 ? key : NULL;
	inet_pton(AF_INET, "192.0.2.2", a);
	XT_ASSERT_OK(xfrmif_sa_set_dst(key, AF_INET, a));
	XT_ASSERT_OK(xfrmif_sa_set_proto(key, IPPROTO_AH));
	XT_ASSERT_OK(xfrmif_sa_set_spi(key, 0x200));
	/* the mark is part of the kernel's lookup key */
	ck_assert_int_eq(xfrmif_sa_get(&got, ctx, key), -ESRCH);
	ck_assert_ptr_null(got);
	XT_ASSERT_OK(xfrmif_sa_set_mark(key, 0x50, 0xf0));
	XT_ASSERT_OK(xfrmif_sa_get(&got, ctx, key));
	xfrmif_sa_free(got);
	/* the if_id is not: the library checks it and refuses */
	XT_ASSERT_OK(xfrmif_sa_set_if_id(key, 9));
	ck_assert_int_eq(xfrmif_sa_del(ctx, key), -ESRCH);
	ck_assert(xt_contains(xfrmif_ctx_errmsg(ctx), "if_id"));
	assert_ip_has("spi 0x00000200");
	xfrmif_sa_free(key);
	key = NULL;
	XT_ASSERT_OK(xfrmif_sa_new(&key));
	XT_ASSERT_OK(xfrmif_sa_set_dst(key, AF_INET, a));
	XT_ASSERT_OK(xfrmif_sa_set_proto(key, IPPROTO_AH));
	XT_ASSERT_OK(xfrmif_sa_set_spi(key, 0x200));
	XT_ASSERT_OK(xfrmif_sa_set_mark(key, 0x50, 0xf0));
	XT_ASSERT_OK(xfrmif_sa_del(ctx, key));
	ck_assert_int_eq(xt_sh("ip xfrm state | grep -q 'spi 0x00000200'"), 1);
	ck_assert_int_eq(xfrmif_sa_del(ctx, key), -ESRCH);
	/* an esp key with its if_id matches */
	xfrmif_sa_free(key);
	key = sa_for("192.0.2.1", "192.0.2.2", IPPROTO_ESP);
	XT_ASSERT_OK(xfrmif_sa_set_spi(key, 0x100));
	XT_ASSERT_OK(xfrmif_sa_set_if_id(key, 7));
	XT_ASSERT_OK(xfrmif_sa_del(ctx, key));
	ck_assert_int_eq(xt_sh("ip xfrm state | grep -q 'spi 0x00000100'"), 1);
	xfrmif_sa_free(key);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* Read: SAs made by iproute2 (larval ones: `ip xfrm state allocspi`). */
START_TEST(reads_what_iproute2_made)
{
	xfrmif_ctx *ctx = ctx_new();
	struct seen s = { .n = 0 };
	char *out;
	unsigned spi = 0;

	out = xt_sh_out("ip xfrm state allocspi src 203.0.113.1 dst 203.0.113.2 "
			"proto esp mode tunnel reqid 9 min 0x4000 max 0x4fff");
	ck_assert_int_eq(sscanf(strstr(out, "spi ") ? strstr(out, "spi ") : "",
				"spi 0x%x", &spi), 1);
	free(out);
	ck_assert_int_eq(xfrmif_sa_list(ctx, NULL, collect, &s), 1);
	ck_assert_uint_eq(s.spis[0], spi);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(flush_and_sad_info)
{
	xfrmif_ctx *ctx = ctx_new();
	uint32_t count = 99, buckets = 0, max = 0;
	char *out;
	unsigned ipcount = 0;

	three_sas(ctx);
	XT_ASSERT_OK(xfrmif_sad_info(ctx, &count, &buckets, &max));
	out = xt_sh_out("ip xfrm state count");
	ck_assert_int_eq(sscanf(out, " SAD count %u", &ipcount), 1);
	free(out);
	ck_assert_uint_eq(count, 3);
	ck_assert_uint_eq(count, ipcount);
	ck_assert(buckets > 0 && max >= buckets);
	XT_ASSERT_OK(xfrmif_sa_flush(ctx, IPPROTO_AH));
	ck_assert_int_eq(xt_sh("ip xfrm state | grep -q 'proto ah'"), 1);
	assert_ip_has("proto esp");
	assert_ip_has("proto comp");
	ck_assert_int_eq(xfrmif_sa_flush(ctx, 17), -EINVAL);
	XT_ASSERT_OK(xfrmif_sa_flush(ctx, 0));
	assert_no_sa();
	XT_ASSERT_OK(xfrmif_sad_info(ctx, &count, NULL, NULL));
	ck_assert_uint_eq(count, 0);
	/* flushing an empty table is fine */
	XT_ASSERT_OK(xfrmif_sa_flush(ctx, 0));
	xfrmif_ctx_unref(ctx);
}
END_TEST

static const uint8_t K20[20] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
				 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };

/* Bad input through the public call: -EINVAL, a message, nothing sent. */
START_TEST(refusals_install_nothing)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *sa;
	unsigned char a[16];

	sa = sa_for("192.0.2.1", "192.0.2.2", IPPROTO_ESP);
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, 0x100));
	ck_assert_int_eq(xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", K20, 16, 128),
			 -EINVAL);
	ck_assert_int_eq(xfrmif_sa_add(ctx, sa), -EINVAL);
	ck_assert(xt_contains(xfrmif_ctx_errmsg(ctx), "aead"));
	XT_ASSERT_OK(xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", K20, 20, 128));
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, 0));
	ck_assert_int_eq(xfrmif_sa_add(ctx, sa), -EINVAL);
	ck_assert(xt_contains(xfrmif_ctx_errmsg(ctx), "spi"));
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, 0x100));
	inet_pton(AF_INET6, "2001:db8::2", a);
	XT_ASSERT_OK(xfrmif_sa_set_dst(sa, AF_INET6, a));
	ck_assert_int_eq(xfrmif_sa_update(ctx, sa), -EINVAL);
	ck_assert(xt_contains(xfrmif_ctx_errmsg(ctx), "family"));
	xfrmif_sa_free(sa);
	assert_no_sa();
	/* the CLI: a bad word is a usage error (2), bad input a failure (1) */
	ck_assert_int_eq(xt_sh("%s sa add src 192.0.2.1 dst 192.0.2.2 proto esp "
			       "spi 1 bogus 3 2>/dev/null", XFRMIFCTL), 2);
	ck_assert_int_eq(xt_sh("%s sa add src 192.0.2.1 dst 192.0.2.2 proto esp "
			       "spi 1 enc 'cbc(aes)' 0x0102 2>/dev/null", XFRMIFCTL), 1);
	assert_no_sa();
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* A valid ESP SA (null cipher, so that no AEAD module is needed) and the
 * features of this kernel. */
static xfrmif_sa *valid_esp(xfrmif_ctx *ctx, uint32_t *features)
{
	xfrmif_sa *sa = sa_for("192.0.2.1", "192.0.2.2", IPPROTO_ESP);

	XT_ASSERT_OK(xfrmif_probe(ctx, features));
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, 0x100));
	XT_ASSERT_OK(xfrmif_sa_set_enc(sa, "ecb(cipher_null)", NULL, 0));
	XT_ASSERT_OK(xfrmif_sa_set_auth(sa, "hmac(sha256)", K20, 20, 128));
	return sa;
}

/* A valid SA: installed where the kernel has ESP, else the kernel's own
 * refusal comes back unchanged. */
START_TEST(kernel_refusal_passes_through)
{
	xfrmif_ctx *ctx = ctx_new();
	uint32_t f = 0;
	xfrmif_sa *sa = valid_esp(ctx, &f);
	int r;

	r = xfrmif_sa_add(ctx, sa);
	if (f & XFRMIF_FEATURE_ESP4) {
		XT_ASSERT_OK(r);
		assert_ip_has("spi 0x00000100");
		ck_assert_int_eq(xfrmif_sa_add(ctx, sa), -EEXIST);
		ck_assert_msg(xfrmif_ctx_errmsg(ctx)[0], "no message");
	} else {
		ck_assert_int_eq(r, -EPROTONOSUPPORT);
		ck_assert_msg(xt_contains(xfrmif_ctx_errmsg(ctx), "type not found"),
			      "%s", xfrmif_ctx_errmsg(ctx));
		assert_no_sa();
	}
	xfrmif_sa_free(sa);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* The direction reaches kernels that know it (which then apply their own
 * rules) and is refused where it would be ignored. */
START_TEST(sa_dir_per_kernel)
{
	xfrmif_ctx *ctx = ctx_new();
	uint32_t f = 0;
	xfrmif_sa *sa = valid_esp(ctx, &f);
	int r;

	XT_ASSERT_OK(xfrmif_sa_set_dir(sa, XFRMIF_SA_DIR_OUT));
	XT_ASSERT_OK(xfrmif_sa_set_replay_window(sa, 32));
	r = xfrmif_sa_add(ctx, sa);
	if (f & XFRMIF_FEATURE_SA_DIR) {
		/* only a kernel that read XFRMA_SA_DIR objects to this */
		ck_assert_int_eq(r, -EINVAL);
		ck_assert_msg(xt_contains(xfrmif_ctx_errmsg(ctx), "output SA"),
			      "%s", xfrmif_ctx_errmsg(ctx));
	} else {
		ck_assert_int_eq(r, -EOPNOTSUPP);
		ck_assert_msg(xt_contains(xfrmif_ctx_errmsg(ctx), "6.10"), "%s",
			      xfrmif_ctx_errmsg(ctx));
	}
	assert_no_sa();
	xfrmif_sa_free(sa);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* Where the kernel has both ESP and XFRMA_SA_DIR (Debian 12's 6.12 kernel
 * in the second guest run), a direction round-trips: the kernel keeps it,
 * get and list read it back, and it holds the kernel to the direction's
 * rules. Elsewhere the add is refused as the tests above show. */
START_TEST(sa_dir_round_trip)
{
	xfrmif_ctx *ctx = ctx_new();
	uint32_t f = 0;
	xfrmif_sa *out = valid_esp(ctx, &f), *in, *got = NULL;
	uint8_t dir = 0;

	if ((f & (XFRMIF_FEATURE_SA_DIR | XFRMIF_FEATURE_ESP4)) !=
	    (XFRMIF_FEATURE_SA_DIR | XFRMIF_FEATURE_ESP4)) {
		XT_ASSERT_OK(xfrmif_sa_set_dir(out, XFRMIF_SA_DIR_OUT));
		ck_assert_int_lt(xfrmif_sa_add(ctx, out), 0);
		assert_no_sa();
		goto done;
	}
	/* An output SA takes no replay window. */
	XT_ASSERT_OK(xfrmif_sa_set_dir(out, XFRMIF_SA_DIR_OUT));
	XT_ASSERT_OK(xfrmif_sa_add(ctx, out));
	XT_ASSERT_OK(xfrmif_sa_get(&got, ctx, out));
	XT_ASSERT_OK(xfrmif_sa_get_dir(got, &dir));
	ck_assert_int_eq(dir, XFRMIF_SA_DIR_OUT);
	xfrmif_sa_free(got);
	got = NULL;
	/* An input SA with its replay window. */
	in = valid_esp(ctx, &f);
	XT_ASSERT_OK(xfrmif_sa_set_spi(in, 0x200));
	XT_ASSERT_OK(xfrmif_sa_set_dir(in, XFRMIF_SA_DIR_IN));
	XT_ASSERT_OK(xfrmif_sa_set_replay_window(in, 64));
	XT_ASSERT_OK(xfrmif_sa_add(ctx, in));
	XT_ASSERT_OK(xfrmif_sa_get(&got, ctx, in));
	XT_ASSERT_OK(xfrmif_sa_get_dir(got, &dir));
	ck_assert_int_eq(dir, XFRMIF_SA_DIR_IN);
	/* The kernel holds both, as iproute2 sees them. */
	assert_ip_has("spi 0x00000100");
	assert_ip_has("spi 0x00000200");
	xfrmif_sa_free(got);
	xfrmif_sa_free(in);
done:
	xfrmif_sa_free(out);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(cli_show_json_and_flush)
{
	xfrmif_ctx *ctx = ctx_new();
	char *out;

	three_sas(ctx);
	out = xt_sh_out("%s -j sa show if_id 7", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "\"spi\":256") &&
			      xt_contains(out, "\"if_id\":7") &&
			      !xt_contains(out, "\"spi\":512") && out[0] == '[',
		      "%s", out);
	free(out);
	out = xt_sh_out("%s sa show reqid 2 | grep -c '^src'", XFRMIFCTL);
	ck_assert_str_eq(out, "2\n");
	free(out);
	out = xt_sh_out("%s -j sa allocspi src 192.0.2.9 dst 192.0.2.8 proto esp "
			"min 0x777 max 0x777", XFRMIFCTL);
	ck_assert_str_eq(out, "{\"spi\":1911}\n");
	free(out);
	out = xt_sh_out("%s -j sa info", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "\"count\":4"), "%s", out);
	free(out);
	ck_assert_int_eq(xt_sh("%s sa flush proto comp", XFRMIFCTL), 0);
	ck_assert_int_eq(xt_sh("ip xfrm state | grep -q 'proto comp'"), 1);
	ck_assert_int_eq(xt_sh("%s sa flush", XFRMIFCTL), 0);
	assert_no_sa();
	xfrmif_ctx_unref(ctx);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sa-kernel");
	TCase *tc = xt_tcase(s, "sa-kernel", true);

	tcase_add_test(tc, allocspi_seen_by_iproute2);
	tcase_add_test(tc, list_with_filters);
	tcase_add_test(tc, get_and_del_by_key);
	tcase_add_test(tc, reads_what_iproute2_made);
	tcase_add_test(tc, flush_and_sad_info);
	tcase_add_test(tc, refusals_install_nothing);
	tcase_add_test(tc, kernel_refusal_passes_through);
	tcase_add_test(tc, sa_dir_per_kernel);
	tcase_add_test(tc, sa_dir_round_trip);
	tcase_add_test(tc, cli_show_json_and_flush);
	return xt_run_suite(s);
}
