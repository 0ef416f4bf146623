/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Real SAs (vm suite: the guest kernel has ESP, AH and IPComp): every field
 * written by the library and read by `ip xfrm state`, written by `ip` and
 * read by the library; update, duplicate add, counters, hidden keys, and
 * the receive buffer wiped after answers that carried keys (white-box).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#include "internal.h"
#include "xtest.h"

static const uint8_t KEY20[20] = {
	0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6, 0x07, 0x18, 0x29, 0x3a,
	0x4b, 0x5c, 0x6d, 0x7e, 0x8f, 0x90, 0x01, 0x12, 0x23, 0x34,
};
#define KEY20_HEX "0xa1b2c3d4e5f60718293a4b5c6d7e8f9001122334"
#define KEY16_HEX "0x000102030405060708090a0b0c0d0e0f"
#define KEY32_HEX "0x202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f"

static xfrmif_ctx *ctx_new(void)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	return ctx;
}

static void pton(const char *s, void *a)
{
	ck_assert_int_eq(inet_pton(strchr(s, ':') ? AF_INET6 : AF_INET, s, a), 1);
}

static xfrmif_sa *sa_for(const char *src, const char *dst, uint8_t proto,
			 uint32_t spi)
{
	int fam = strchr(src, ':') ? AF_INET6 : AF_INET;
	unsigned char a[16];
	xfrmif_sa *sa = NULL;

	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	pton(src, a);
	XT_ASSERT_OK(xfrmif_sa_set_src(sa, fam, a));
	pton(dst, a);
	XT_ASSERT_OK(xfrmif_sa_set_dst(sa, fam, a));
	XT_ASSERT_OK(xfrmif_sa_set_proto(sa, proto));
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, spi));
	return sa;
}

/* Checks that `ip -s xfrm state` shows every needle. */
static void ip_shows(const char *const *needles)
{
	char *out = xt_sh_out("ip -s xfrm state");

	for (; *needles; needles++)
		ck_assert_msg(xt_contains(out, *needles), "'%s' not in:\n%s",
			      *needles, out);
	free(out);
}

static xfrmif_sa *get_back(xfrmif_ctx *ctx, const xfrmif_sa *key)
{
	xfrmif_sa *got = NULL;

	XT_ASSERT_OK(xfrmif_sa_get(&got, ctx, key));
	return got;
}

START_TEST(library_writes_ip_reads)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *sa = sa_for("192.0.2.1", "192.0.2.2", IPPROTO_ESP, 0x1001), *b;
	unsigned char a[16];
	const char *name;
	const uint8_t *key;
	size_t klen;
	uint32_t u, m;
	uint16_t t, sp, dp;
	uint8_t plen;
	int fam;

	XT_ASSERT_OK(xfrmif_sa_set_mode(sa, XFRMIF_SA_MODE_TUNNEL));
	XT_ASSERT_OK(xfrmif_sa_set_reqid(sa, 0x41));
	XT_ASSERT_OK(xfrmif_sa_set_if_id(sa, 0x2a));
	XT_ASSERT_OK(xfrmif_sa_set_mark(sa, 0x10, 0xf0));
	XT_ASSERT_OK(xfrmif_sa_set_output_mark(sa, 0x200, 0xf00));
	XT_ASSERT_OK(xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", KEY20, 20, 96));
	XT_ASSERT_OK(xfrmif_sa_set_replay_window(sa, 64));
	pton("198.51.100.9", a);
	XT_ASSERT_OK(xfrmif_sa_set_encap(sa, XFRMIF_SA_ENCAP_ESPINUDP, 4500, 4501,
					 AF_INET, a));
	XT_ASSERT_OK(xfrmif_sa_set_limit(sa, XFRMIF_SA_LIMIT_SOFT_BYTES, 1000000));
	XT_ASSERT_OK(xfrmif_sa_set_limit(sa, XFRMIF_SA_LIMIT_HARD_BYTES, 2000000));
	XT_ASSERT_OK(xfrmif_sa_set_limit(sa, XFRMIF_SA_LIMIT_SOFT_PACKETS, 1000));
	XT_ASSERT_OK(xfrmif_sa_set_limit(sa, XFRMIF_SA_LIMIT_HARD_PACKETS, 2000));
	XT_ASSERT_OK(xfrmif_sa_set_limit(sa, XFRMIF_SA_LIMIT_SOFT_ADD_SECONDS, 3000));
	XT_ASSERT_OK(xfrmif_sa_set_limit(sa, XFRMIF_SA_LIMIT_HARD_ADD_SECONDS, 3600));
	XT_ASSERT_OK(xfrmif_sa_set_limit(sa, XFRMIF_SA_LIMIT_SOFT_USE_SECONDS, 100));
	XT_ASSERT_OK(xfrmif_sa_set_limit(sa, XFRMIF_SA_LIMIT_HARD_USE_SECONDS, 200));
	pton("10.1.0.0", a);
	XT_ASSERT_OK(xfrmif_sa_set_sel_src(sa, AF_INET, a, 16));
	pton("10.2.0.0", a);
	XT_ASSERT_OK(xfrmif_sa_set_sel_dst(sa, AF_INET, a, 24));
	XT_ASSERT_OK(xfrmif_sa_set_sel_proto(sa, IPPROTO_UDP));
	XT_ASSERT_OK(xfrmif_sa_set_sel_dport(sa, 53));
	XT_ASSERT_OK(xfrmif_sa_set_flags(sa, XFRMIF_SA_FLAG_NOECN |
					 XFRMIF_SA_FLAG_DECAP_DSCP |
					 XFRMIF_SA_FLAG_NOPMTUDISC |
					 XFRMIF_SA_FLAG_WILDRECV |
					 XFRMIF_SA_FLAG_ICMP |
					 XFRMIF_SA_FLAG_ALIGN4));
	XT_ASSERT_OK(xfrmif_sa_set_xflags(sa, XFRMIF_SA_XFLAG_DONT_ENCAP_DSCP |
					  XFRMIF_SA_XFLAG_OSEQ_MAY_WRAP));
	XT_ASSERT_OK(xfrmif_sa_set_tfcpad(sa, 512));
	XT_ASSERT_OK(xfrmif_sa_add(ctx, sa));
	{
		static const char *const want[] = {
			"src 192.0.2.1 dst 192.0.2.2",
			"proto esp spi 0x00001001(4097) reqid 65(0x00000041) mode tunnel",
			"flag noecn decap-dscp nopmtudisc wildrecv icmp align4",
			"extra_flag dont-encap-dscp oseq-may-wrap",
			"mark 0x10/0xf0 output-mark 0x200/0xf00",
			"aead rfc4106(gcm(aes)) " KEY20_HEX " (160 bits) 96",
			"encap type espinudp sport 4500 dport 4501 addr 198.51.100.9",
			/* a 64-packet window goes in the ESN attribute */
			"replay_window 64, bitmap-length 2",
			"if_id 0x2a",
			"tfcpad 512",
			"sel src 10.1.0.0/16 dst 10.2.0.0/24 proto udp dport 53",
			"limit: soft 1000000(bytes), hard 2000000(bytes)",
			"limit: soft 1000(packets), hard 2000(packets)",
			"expire add: soft 3000(sec), hard 3600(sec)",
			"expire use: soft 100(sec), hard 200(sec)",
			NULL,
		};
		ip_shows(want);
	}
	/* and the library reads back the same */
	b = get_back(ctx, sa);
	XT_ASSERT_OK(xfrmif_sa_get_aead(b, &name, &key, &klen, &u));
	ck_assert(!strcmp(name, "rfc4106(gcm(aes))") && klen == 20 && u == 96 &&
		  key && !memcmp(key, KEY20, 20));
	XT_ASSERT_OK(xfrmif_sa_get_if_id(b, &u));
	ck_assert_uint_eq(u, 0x2a);
	XT_ASSERT_OK(xfrmif_sa_get_output_mark(b, &u, &m));
	ck_assert(u == 0x200 && m == 0xf00);
	XT_ASSERT_OK(xfrmif_sa_get_replay_window(b, &u));
	ck_assert_uint_eq(u, 64);
	XT_ASSERT_OK(xfrmif_sa_get_xflags(b, &u));
	ck_assert_uint_eq(u, 3);
	XT_ASSERT_OK(xfrmif_sa_get_tfcpad(b, &u));
	ck_assert_uint_eq(u, 512);
	XT_ASSERT_OK(xfrmif_sa_get_encap(b, &t, &sp, &dp, &fam, a));
	ck_assert(t == XFRMIF_SA_ENCAP_ESPINUDP && sp == 4500 && dp == 4501 &&
		  fam == AF_INET);
	XT_ASSERT_OK(xfrmif_sa_get_sel_dst(b, &fam, a, &plen));
	ck_assert(fam == AF_INET && plen == 24);
	xfrmif_sa_free(b);
	/* a second add of the same SA: the kernel's EEXIST and its words */
	ck_assert_int_eq(xfrmif_sa_add(ctx, sa), -EEXIST);
	ck_assert_msg(xt_contains(xfrmif_ctx_errmsg(ctx), "sa add"), "%s",
		      xfrmif_ctx_errmsg(ctx));
	xfrmif_sa_free(sa);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(ip_writes_library_reads)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *key = sa_for("2001:db8::1", "2001:db8::2", IPPROTO_ESP, 0x2002), *b;
	const char *name;
	const uint8_t *k;
	size_t klen;
	uint32_t u, m, flags;
	uint64_t o, s, v;
	uint16_t t, sp, dp;
	uint8_t u8, plen;
	unsigned char a[16], want[16];
	int fam;

	ck_assert_int_eq(xt_sh("ip xfrm state add src 2001:db8::1 dst 2001:db8::2 "
			       "proto esp spi 0x2002 reqid 7 mode beet if_id 0x99 "
			       "mark 0x3 mask 0xf output-mark 0x40 mask 0xff "
			       "enc 'cbc(aes)' " KEY16_HEX " "
			       "auth-trunc 'hmac(sha256)' " KEY32_HEX " 128 "
			       "replay-window 128 replay-seq 0x5 replay-oseq 0x9 flag esn "
			       "encap espinudp 4500 4500 2001:db8::77 "
			       "sel src 2001:db8:a::/48 dst 2001:db8:b::/64 proto tcp sport 22 "
			       "limit byte-soft 10 limit time-hard 99 "
			       "extra-flag dont-encap-dscp"), 0);
	XT_ASSERT_OK(xfrmif_sa_set_mark(key, 0x3, 0xf));
	b = get_back(ctx, key);
	XT_ASSERT_OK(xfrmif_sa_get_reqid(b, &u));
	ck_assert_uint_eq(u, 7);
	XT_ASSERT_OK(xfrmif_sa_get_mode(b, &u8));
	ck_assert_uint_eq(u8, XFRMIF_SA_MODE_BEET);
	XT_ASSERT_OK(xfrmif_sa_get_if_id(b, &u));
	ck_assert_uint_eq(u, 0x99);
	XT_ASSERT_OK(xfrmif_sa_get_mark(b, &u, &m));
	ck_assert(u == 3 && m == 0xf);
	XT_ASSERT_OK(xfrmif_sa_get_output_mark(b, &u, &m));
	ck_assert(u == 0x40 && m == 0xff);
	XT_ASSERT_OK(xfrmif_sa_get_enc(b, &name, &k, &klen));
	ck_assert(!strcmp(name, "cbc(aes)") && klen == 16 && k && k[15] == 0x0f);
	XT_ASSERT_OK(xfrmif_sa_get_auth(b, &name, &k, &klen, &u));
	ck_assert(!strcmp(name, "hmac(sha256)") && klen == 32 && u == 128 &&
		  k && k[0] == 0x20 && k[31] == 0x3f);
	XT_ASSERT_OK(xfrmif_sa_get_replay_window(b, &u));
	ck_assert_uint_eq(u, 128);
	XT_ASSERT_OK(xfrmif_sa_get_replay_seq(b, &o, &s));
	ck_assert(o == 9 && s == 5);
	XT_ASSERT_OK(xfrmif_sa_get_flags(b, &flags));
	ck_assert(flags & XFRMIF_SA_FLAG_ESN);
	XT_ASSERT_OK(xfrmif_sa_get_xflags(b, &u));
	ck_assert_uint_eq(u, XFRMIF_SA_XFLAG_DONT_ENCAP_DSCP);
	XT_ASSERT_OK(xfrmif_sa_get_encap(b, &t, &sp, &dp, &fam, a));
	pton("2001:db8::77", want);
	ck_assert(t == XFRMIF_SA_ENCAP_ESPINUDP && sp == 4500 && dp == 4500 &&
		  fam == AF_INET6 && !memcmp(a, want, 16));
	XT_ASSERT_OK(xfrmif_sa_get_sel_src(b, &fam, a, &plen));
	pton("2001:db8:a::", want);
	ck_assert(fam == AF_INET6 && plen == 48 && !memcmp(a, want, 16));
	XT_ASSERT_OK(xfrmif_sa_get_sel_proto(b, &u8));
	ck_assert_uint_eq(u8, IPPROTO_TCP);
	XT_ASSERT_OK(xfrmif_sa_get_sel_sport(b, &t));
	ck_assert_uint_eq(t, 22);
	XT_ASSERT_OK(xfrmif_sa_get_limit(b, XFRMIF_SA_LIMIT_SOFT_BYTES, &v));
	ck_assert_uint_eq(v, 10);
	XT_ASSERT_OK(xfrmif_sa_get_limit(b, XFRMIF_SA_LIMIT_HARD_ADD_SECONDS, &v));
	ck_assert_uint_eq(v, 99);
	XT_ASSERT_OK(xfrmif_sa_get_counter(b, XFRMIF_SA_CUR_ADD_TIME, &v));
	ck_assert_uint_gt(v, 0);
	XT_ASSERT_OK(xfrmif_sa_get_counter(b, XFRMIF_SA_CUR_BYTES, &v));
	ck_assert_uint_eq(v, 0);
	xfrmif_sa_free(b);
	xfrmif_sa_free(key);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(ah_comp_and_update)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *ah = sa_for("203.0.113.1", "203.0.113.2", IPPROTO_AH, 0x3003);
	xfrmif_sa *comp = sa_for("203.0.113.1", "203.0.113.2", IPPROTO_COMP, 0x44);
	xfrmif_sa *b;
	const char *name;
	uint64_t v;

	XT_ASSERT_OK(xfrmif_sa_set_auth(ah, "hmac(sha1)", KEY20, 20, 0));
	XT_ASSERT_OK(xfrmif_sa_set_replay_window(ah, 16));
	XT_ASSERT_OK(xfrmif_sa_add(ctx, ah));
	XT_ASSERT_OK(xfrmif_sa_set_comp(comp, "deflate"));
	XT_ASSERT_OK(xfrmif_sa_set_mode(comp, XFRMIF_SA_MODE_TUNNEL));
	XT_ASSERT_OK(xfrmif_sa_add(ctx, comp));
	{
		static const char *const want[] = {
			"proto ah spi 0x00003003",
			"auth-trunc hmac(sha1) " KEY20_HEX " (160 bits) 96",
			"replay-window 16",
			"proto comp spi 0x00000044",
			"comp deflate",
			NULL,
		};
		ip_shows(want);
	}
	b = get_back(ctx, comp);
	XT_ASSERT_OK(xfrmif_sa_get_comp(b, &name));
	ck_assert_str_eq(name, "deflate");
	xfrmif_sa_free(b);
	/* update: the kernel takes new lifetimes for an installed SA */
	XT_ASSERT_OK(xfrmif_sa_set_limit(ah, XFRMIF_SA_LIMIT_HARD_ADD_SECONDS, 777));
	XT_ASSERT_OK(xfrmif_sa_update(ctx, ah));
	{
		static const char *const want[] = { "hard 777(sec)", NULL };
		ip_shows(want);
	}
	b = get_back(ctx, ah);
	XT_ASSERT_OK(xfrmif_sa_get_limit(b, XFRMIF_SA_LIMIT_HARD_ADD_SECONDS, &v));
	ck_assert_uint_eq(v, 777);
	xfrmif_sa_free(b);
	/* update of an SA that does not exist */
	XT_ASSERT_OK(xfrmif_sa_set_spi(ah, 0x3004));
	ck_assert_int_eq(xfrmif_sa_update(ctx, ah), -ESRCH);
	/* delete, seen by ip */
	XT_ASSERT_OK(xfrmif_sa_set_spi(ah, 0x3003));
	XT_ASSERT_OK(xfrmif_sa_del(ctx, ah));
	ck_assert_int_eq(xt_sh("ip xfrm state | grep -q 'proto ah'"), 1);
	xfrmif_sa_free(ah);
	xfrmif_sa_free(comp);
	xfrmif_ctx_unref(ctx);
}
END_TEST

static bool holds(const void *p, size_t n)
{
	return memmem(p, n, KEY20 + 4, 12) != NULL;
}

struct keyscan {
	int with_key, without_key;
};

static int scan(const xfrmif_sa *sa, void *arg)
{
	struct keyscan *ks = arg;
	const uint8_t *key = NULL;
	size_t len = 0;

	if (xfrmif_sa_get_aead(sa, NULL, &key, &len, NULL) == 0) {
		if (key && len == 20 && !memcmp(key, KEY20, 20))
			ks->with_key++;
		else if (!key && len == 20)
			ks->without_key++;
	}
	return 0;
}

START_TEST(keys_hidden_and_buffers_wiped)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *sa = sa_for("192.0.2.1", "192.0.2.2", IPPROTO_ESP, 0x5005), *b;
	struct keyscan ks = { 0, 0 };
	XFRMIF_OPTS(xfrmif_sa_filter, f, .flags = XFRMIF_SA_FILTER_KEYS);
	char *out;

	XT_ASSERT_OK(xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", KEY20, 20, 128));
	XT_ASSERT_OK(xfrmif_sa_add(ctx, sa));
	ck_assert(!holds(ctx->rxbuf, ctx->rxbuf_size));
	b = get_back(ctx, sa);
	/* the GET answer carried the key: the receive buffer no longer does */
	ck_assert(!holds(ctx->rxbuf, ctx->rxbuf_size));
	xfrmif_sa_free(b);
	ck_assert_int_eq(xfrmif_sa_list(ctx, NULL, scan, &ks), 1);
	ck_assert(ks.without_key == 1 && ks.with_key == 0);
	ck_assert(!holds(ctx->rxbuf, ctx->rxbuf_size));
	ck_assert_int_eq(xfrmif_sa_list(ctx, &f, scan, &ks), 1);
	ck_assert_int_eq(ks.with_key, 1);
	ck_assert(!holds(ctx->rxbuf, ctx->rxbuf_size));
	/* the CLI shows keys only when asked */
	out = xt_sh_out("%s -j sa show", XFRMIFCTL);
	ck_assert_msg(!xt_contains(out, "a1b2c3d4") && xt_contains(out, "\"key_bits\":160"),
		      "%s", out);
	free(out);
	out = xt_sh_out("%s -j sa show keys", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "\"key\":\"" KEY20_HEX "\""), "%s", out);
	free(out);
	xfrmif_sa_free(sa);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(cli_add_matches_ip)
{
	char *out;

	ck_assert_int_eq(xt_sh("%s sa add src 192.0.2.5 dst 192.0.2.6 proto esp "
			       "spi 0x6006 mode tunnel reqid 5 if_id 9 "
			       "aead 'rfc7539esp(chacha20,poly1305)' "
			       "0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20212223 128 "
			       "replay-window 32 flag esn extra-flag oseq-may-wrap "
			       "encap espinudp 4500 4500 0.0.0.0 tfcpad 16 "
			       "limit packet-hard 500",
			       XFRMIFCTL), 0);
	out = xt_sh_out("ip xfrm state");
	ck_assert_msg(xt_contains(out, "proto esp spi 0x00006006 reqid 5 mode tunnel") &&
			      xt_contains(out, "flag esn") &&
			      xt_contains(out, "rfc7539esp(chacha20,poly1305)") &&
			      xt_contains(out, "if_id 0x9"),
		      "%s", out);
	free(out);
	out = xt_sh_out("%s -j sa get dst 192.0.2.6 proto esp spi 0x6006", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "\"flags\":[\"esn\"]") &&
			      xt_contains(out, "\"extra_flags\":[\"oseq-may-wrap\"]") &&
			      xt_contains(out, "\"tfcpad\":16") &&
			      xt_contains(out, "\"packet-hard\":500") &&
			      xt_contains(out, "\"replay_window\":32"),
		      "%s", out);
	free(out);
	ck_assert_int_eq(xt_sh("%s sa add src 192.0.2.5 dst 192.0.2.6 proto esp "
			       "spi 0x6006 enc 'cbc(aes)' " KEY16_HEX " 2>/dev/null",
			       XFRMIFCTL), 1);
	ck_assert_int_eq(xt_sh("%s sa del dst 192.0.2.6 proto esp spi 0x6006",
			       XFRMIFCTL), 0);
	out = xt_sh_out("ip xfrm state");
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sa");
	TCase *tc = xt_tcase(s, "sa", true);

	tcase_add_test(tc, library_writes_ip_reads);
	tcase_add_test(tc, ip_writes_library_reads);
	tcase_add_test(tc, ah_comp_and_update);
	tcase_add_test(tc, keys_hidden_and_buffers_wiped);
	tcase_add_test(tc, cli_add_matches_ip);
	return xt_run_suite(s);
}
