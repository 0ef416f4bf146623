/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * XFRM policies against the running kernel, with iproute2 as the oracle
 * both ways: what the library writes, `ip xfrm policy` shows; what `ip`
 * creates, the library reads field by field. Every test runs in a fresh
 * network namespace. Runs in the host suite and in the vm suite.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

static xfrmif_ctx *ctx_here(void)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	return ctx;
}

static void pton(int family, const char *s, void *dst)
{
	ck_assert_int_eq(inet_pton(family, s, dst), 1);
}

static char *ip_out(const char *cmd)
{
	return xt_sh_out("%s 2>&1", cmd);
}

#define ASSERT_IP_HAS(out, s)                                                  \
	ck_assert_msg(xt_contains(out, s), "ip output lacks '%s':\n%s", s, out)
#define ASSERT_IP_LACKS(out, s)                                                \
	ck_assert_msg(!xt_contains(out, s), "ip output has '%s':\n%s", s, out)

static void set_prefix(xfrmif_policy *p, bool src, int family, const char *a,
		       uint8_t plen)
{
	unsigned char buf[16];

	pton(family, a, buf);
	if (src)
		XT_ASSERT_OK(xfrmif_policy_set_src(p, family, buf, plen));
	else
		XT_ASSERT_OK(xfrmif_policy_set_dst(p, family, buf, plen));
}

static void add_tmpl(xfrmif_policy *p, int family, const char *src,
		     const char *dst, uint8_t proto, uint32_t spi,
		     uint32_t reqid, int mode, int level)
{
	xfrmif_tmpl *t = NULL;
	unsigned char a[16];

	XT_ASSERT_OK(xfrmif_tmpl_new(&t));
	if (src) {
		pton(family, src, a);
		XT_ASSERT_OK(xfrmif_tmpl_set_src(t, family, a));
		pton(family, dst, a);
		XT_ASSERT_OK(xfrmif_tmpl_set_dst(t, family, a));
	}
	XT_ASSERT_OK(xfrmif_tmpl_set_proto(t, proto));
	XT_ASSERT_OK(xfrmif_tmpl_set_spi(t, spi));
	XT_ASSERT_OK(xfrmif_tmpl_set_reqid(t, reqid));
	XT_ASSERT_OK(xfrmif_tmpl_set_mode(t, mode));
	XT_ASSERT_OK(xfrmif_tmpl_set_level(t, level));
	XT_ASSERT_OK(xfrmif_policy_add_tmpl(p, t));
	xfrmif_tmpl_free(t);
}

/* A policy using every field (as ip would write it, below). */
static xfrmif_policy *full_policy(void)
{
	xfrmif_policy *p = NULL;
	xfrmif_tmpl *t = NULL;

	XT_ASSERT_OK(xfrmif_policy_new(&p));
	set_prefix(p, true, AF_INET, "192.0.2.0", 24);
	set_prefix(p, false, AF_INET, "198.51.100.0", 24);
	XT_ASSERT_OK(xfrmif_policy_set_proto(p, IPPROTO_TCP));
	XT_ASSERT_OK(xfrmif_policy_set_sport(p, 22));
	XT_ASSERT_OK(xfrmif_policy_set_dport(p, 80));
	XT_ASSERT_OK(xfrmif_policy_set_ifindex(p, 1)); /* lo */
	XT_ASSERT_OK(xfrmif_policy_set_dir(p, XFRMIF_POLICY_DIR_IN));
	XT_ASSERT_OK(xfrmif_policy_set_priority(p, 10));
	XT_ASSERT_OK(xfrmif_policy_set_index(p, 0x100));
	XT_ASSERT_OK(xfrmif_policy_set_if_id(p, 7));
	XT_ASSERT_OK(xfrmif_policy_set_mark(p, 5, 0xff));
	XT_ASSERT_OK(xfrmif_policy_set_flags(p, XFRMIF_POLICY_FLAG_LOCALOK |
						       XFRMIF_POLICY_FLAG_ICMP));
	XT_ASSERT_OK(xfrmif_policy_set_lifetime(p, XFRMIF_POLICY_LFT_SOFT_BYTES, 1000));
	XT_ASSERT_OK(xfrmif_policy_set_lifetime(p, XFRMIF_POLICY_LFT_HARD_BYTES, 2000));
	XT_ASSERT_OK(xfrmif_policy_set_lifetime(p, XFRMIF_POLICY_LFT_SOFT_PACKETS, 30));
	XT_ASSERT_OK(xfrmif_policy_set_lifetime(p, XFRMIF_POLICY_LFT_HARD_PACKETS, 40));
	XT_ASSERT_OK(xfrmif_policy_set_lifetime(p, XFRMIF_POLICY_LFT_SOFT_ADD_SECONDS, 100));
	XT_ASSERT_OK(xfrmif_policy_set_lifetime(p, XFRMIF_POLICY_LFT_HARD_ADD_SECONDS, 200));
	XT_ASSERT_OK(xfrmif_policy_set_lifetime(p, XFRMIF_POLICY_LFT_SOFT_USE_SECONDS, 300));
	XT_ASSERT_OK(xfrmif_policy_set_lifetime(p, XFRMIF_POLICY_LFT_HARD_USE_SECONDS, 400));
	add_tmpl(p, AF_INET, "192.0.2.1", "192.0.2.2", IPPROTO_AH, 0, 0,
		 XFRMIF_TMPL_MODE_TRANSPORT, XFRMIF_TMPL_LEVEL_REQUIRED);
	add_tmpl(p, AF_INET6, "2001:db8::1", "2001:db8::2", IPPROTO_ESP, 0x10, 3,
		 XFRMIF_TMPL_MODE_TUNNEL, XFRMIF_TMPL_LEVEL_USE);
	/* A third template with custom algorithm masks. */
	XT_ASSERT_OK(xfrmif_tmpl_new(&t));
	XT_ASSERT_OK(xfrmif_tmpl_set_proto(t, IPPROTO_COMP));
	XT_ASSERT_OK(xfrmif_tmpl_set_mode(t, XFRMIF_TMPL_MODE_TUNNEL));
	XT_ASSERT_OK(xfrmif_tmpl_set_algo_masks(t, 0x1, 0x2, 0x4));
	{
		unsigned char a[16];
		pton(AF_INET6, "2001:db8::3", a);
		XT_ASSERT_OK(xfrmif_tmpl_set_src(t, AF_INET6, a));
		pton(AF_INET6, "2001:db8::4", a);
		XT_ASSERT_OK(xfrmif_tmpl_set_dst(t, AF_INET6, a));
	}
	XT_ASSERT_OK(xfrmif_tmpl_set_level(t, XFRMIF_TMPL_LEVEL_USE));
	XT_ASSERT_OK(xfrmif_policy_add_tmpl(p, t));
	xfrmif_tmpl_free(t);
	return p;
}

/* Every field of two policies agrees (current lifetimes excepted). */
static void assert_same(const xfrmif_policy *a, const xfrmif_policy *b)
{
	unsigned char x1[16], x2[16];
	int f1, f2, i1, i2, r1, r2;
	uint8_t p1, p2, c1, c2;
	uint16_t s1, s2;
	uint32_t n1, n2, m1, m2, k1, k2;
	uint64_t u1, u2;

	memset(x1, 0, 16);
	memset(x2, 0, 16);
#define SAME(call1, call2)                                                     \
	do {                                                                   \
		r1 = (call1);                                                  \
		r2 = (call2);                                                  \
		ck_assert_msg(r1 == r2, "%s: %d vs %d", #call1, r1, r2);       \
	} while (0)
	SAME(xfrmif_policy_get_src(a, &f1, x1, &p1), xfrmif_policy_get_src(b, &f2, x2, &p2));
	ck_assert_int_eq(f1, f2);
	ck_assert_mem_eq(x1, x2, 16);
	ck_assert_uint_eq(p1, p2);
	SAME(xfrmif_policy_get_dst(a, &f1, x1, &p1), xfrmif_policy_get_dst(b, &f2, x2, &p2));
	ck_assert_mem_eq(x1, x2, 16);
	ck_assert_uint_eq(p1, p2);
	ck_assert_int_eq(xfrmif_policy_get_family(a), xfrmif_policy_get_family(b));
	p1 = p2 = 0;
	SAME(xfrmif_policy_get_proto(a, &p1), xfrmif_policy_get_proto(b, &p2));
	ck_assert_uint_eq(p1, p2);
	s1 = s2 = 0;
	SAME(xfrmif_policy_get_sport(a, &s1), xfrmif_policy_get_sport(b, &s2));
	ck_assert_uint_eq(s1, s2);
	SAME(xfrmif_policy_get_dport(a, &s1), xfrmif_policy_get_dport(b, &s2));
	ck_assert_uint_eq(s1, s2);
	p1 = p2 = c1 = c2 = 0;
	SAME(xfrmif_policy_get_icmp(a, &p1, &c1), xfrmif_policy_get_icmp(b, &p2, &c2));
	ck_assert_uint_eq(p1, p2);
	ck_assert_uint_eq(c1, c2);
	SAME(xfrmif_policy_get_ifindex(a, &i1), xfrmif_policy_get_ifindex(b, &i2));
	ck_assert_int_eq(i1, i2);
	SAME(xfrmif_policy_get_dir(a, &i1), xfrmif_policy_get_dir(b, &i2));
	ck_assert_int_eq(i1, i2);
	SAME(xfrmif_policy_get_action(a, &i1), xfrmif_policy_get_action(b, &i2));
	ck_assert_int_eq(i1, i2);
	SAME(xfrmif_policy_get_priority(a, &n1), xfrmif_policy_get_priority(b, &n2));
	ck_assert_uint_eq(n1, n2);
	n1 = n2 = 0;
	SAME(xfrmif_policy_get_index(a, &n1), xfrmif_policy_get_index(b, &n2));
	ck_assert_uint_eq(n1, n2);
	n1 = n2 = 0;
	SAME(xfrmif_policy_get_if_id(a, &n1), xfrmif_policy_get_if_id(b, &n2));
	ck_assert_uint_eq(n1, n2);
	n1 = n2 = m1 = m2 = 0;
	SAME(xfrmif_policy_get_mark(a, &n1, &m1), xfrmif_policy_get_mark(b, &n2, &m2));
	ck_assert_uint_eq(n1, n2);
	ck_assert_uint_eq(m1, m2);
	SAME(xfrmif_policy_get_flags(a, &n1), xfrmif_policy_get_flags(b, &n2));
	ck_assert_uint_eq(n1, n2);
	SAME(xfrmif_policy_get_type(a, &i1), xfrmif_policy_get_type(b, &i2));
	ck_assert_int_eq(i1, i2);
	for (int w = XFRMIF_POLICY_LFT_SOFT_BYTES; w <= XFRMIF_POLICY_LFT_HARD_USE_SECONDS; w++) {
		SAME(xfrmif_policy_get_lifetime(a, w, &u1), xfrmif_policy_get_lifetime(b, w, &u2));
		ck_assert_msg(u1 == u2, "lifetime %d: %llu vs %llu", w,
			      (unsigned long long)u1, (unsigned long long)u2);
	}
	ck_assert_int_eq(xfrmif_policy_get_tmpl_count(a), xfrmif_policy_get_tmpl_count(b));
	for (int i = 0; i < xfrmif_policy_get_tmpl_count(a); i++) {
		const xfrmif_tmpl *t1, *t2;

		XT_ASSERT_OK(xfrmif_policy_get_tmpl(a, (unsigned)i, &t1));
		XT_ASSERT_OK(xfrmif_policy_get_tmpl(b, (unsigned)i, &t2));
		SAME(xfrmif_tmpl_get_src(t1, &f1, x1), xfrmif_tmpl_get_src(t2, &f2, x2));
		ck_assert_mem_eq(x1, x2, 16);
		SAME(xfrmif_tmpl_get_dst(t1, &f1, x1), xfrmif_tmpl_get_dst(t2, &f2, x2));
		ck_assert_mem_eq(x1, x2, 16);
		ck_assert_int_eq(f1, f2);
		SAME(xfrmif_tmpl_get_proto(t1, &p1), xfrmif_tmpl_get_proto(t2, &p2));
		ck_assert_uint_eq(p1, p2);
		SAME(xfrmif_tmpl_get_spi(t1, &n1), xfrmif_tmpl_get_spi(t2, &n2));
		ck_assert_uint_eq(n1, n2);
		SAME(xfrmif_tmpl_get_reqid(t1, &n1), xfrmif_tmpl_get_reqid(t2, &n2));
		ck_assert_uint_eq(n1, n2);
		SAME(xfrmif_tmpl_get_mode(t1, &i1), xfrmif_tmpl_get_mode(t2, &i2));
		ck_assert_int_eq(i1, i2);
		SAME(xfrmif_tmpl_get_level(t1, &i1), xfrmif_tmpl_get_level(t2, &i2));
		ck_assert_int_eq(i1, i2);
		SAME(xfrmif_tmpl_get_algo_masks(t1, &n1, &m1, &k1),
		     xfrmif_tmpl_get_algo_masks(t2, &n2, &m2, &k2));
		ck_assert_uint_eq(n1, n2);
		ck_assert_uint_eq(m1, m2);
		ck_assert_uint_eq(k1, k2);
	}
#undef SAME
}

START_TEST(lib_add_every_field_seen_by_ip)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_policy *p = full_policy(), *got = NULL;
	char *out;

	XT_ASSERT_OK(xfrmif_policy_add(ctx, p));
	out = ip_out("ip -s xfrm policy");
	ASSERT_IP_HAS(out, "src 192.0.2.0/24 dst 198.51.100.0/24 proto tcp "
			   "sport 22 dport 80 dev lo");
	ASSERT_IP_HAS(out, "dir in action allow index 256 priority 10 ptype "
			   "main");
	ASSERT_IP_HAS(out, "flag localok icmp");
	ASSERT_IP_HAS(out, "limit: soft 1000(bytes), hard 2000(bytes)");
	ASSERT_IP_HAS(out, "limit: soft 30(packets), hard 40(packets)");
	ASSERT_IP_HAS(out, "expire add: soft 100(sec), hard 200(sec)");
	ASSERT_IP_HAS(out, "expire use: soft 300(sec), hard 400(sec)");
	ASSERT_IP_HAS(out, "mark 0x5/0xff");
	ASSERT_IP_HAS(out, "if_id 0x7");
	ASSERT_IP_HAS(out, "tmpl src 192.0.2.1 dst 192.0.2.2\n\t\tproto ah spi "
			   "0x00000000(0) reqid 0(0x00000000) mode transport\n"
			   "\t\tlevel required");
	ASSERT_IP_HAS(out, "tmpl src 2001:db8::1 dst 2001:db8::2\n\t\tproto esp "
			   "spi 0x00000010(16) reqid 3(0x00000003) mode tunnel\n"
			   "\t\tlevel use");
	ASSERT_IP_HAS(out, "tmpl src 2001:db8::3 dst 2001:db8::4\n\t\tproto comp");
	ASSERT_IP_HAS(out, "enc-mask 00000002 auth-mask 00000001 comp-mask "
			   "00000004");
	free(out);

	/* And the library reads back exactly what it wrote. */
	XT_ASSERT_OK(xfrmif_policy_get(&got, ctx, p));
	assert_same(p, got);
	xfrmif_policy_free(got);
	XT_ASSERT_OK(xfrmif_policy_get_by_index(&got, ctx, p));
	assert_same(p, got);
	xfrmif_policy_free(got);
	xfrmif_policy_free(p);
	xfrmif_ctx_unref(ctx);
}
END_TEST

struct found {
	xfrmif_policy *p;
	int n;
};

static int keep_last(const xfrmif_policy *p, void *arg)
{
	struct found *f = arg;

	xfrmif_policy_free(f->p);
	XT_ASSERT_OK(xfrmif_policy_dup(&f->p, p));
	f->n++;
	return 0;
}

START_TEST(ip_add_every_field_read_by_lib)
{
	xfrmif_ctx *ctx = ctx_here();
	struct found f = { 0 };
	const xfrmif_tmpl *t;
	unsigned char a[16], want[16];
	int family, x;
	uint8_t plen, ty, co, pr;
	uint32_t n, m, am, em, cm;
	uint64_t u;

	ck_assert_int_eq(xt_sh("ip xfrm policy add src 2001:db8:1::/48 dst "
			       "2001:db8:2::/64 proto ipv6-icmp type 128 code 3 "
			       "dev lo dir fwd ptype sub action block priority 99 "
			       "index 0x202 if_id 0x1234 mark 0x20 mask 0xf0 "
			       "flag localok limit time-hard 600 limit "
			       "packet-soft 7 tmpl src 2001:db8::5 dst 2001:db8::6 "
			       "proto esp spi 0x99 reqid 12 mode tunnel level use "
			       "tmpl proto ah mode transport"),
			 0);
	ck_assert_int_eq(xfrmif_policy_list(ctx, NULL, keep_last, &f), 1);
	ck_assert_int_eq(f.n, 1);
	XT_ASSERT_OK(xfrmif_policy_get_src(f.p, &family, a, &plen));
	pton(AF_INET6, "2001:db8:1::", want);
	ck_assert_int_eq(family, AF_INET6);
	ck_assert_mem_eq(a, want, 16);
	ck_assert_uint_eq(plen, 48);
	XT_ASSERT_OK(xfrmif_policy_get_dst(f.p, &family, a, &plen));
	pton(AF_INET6, "2001:db8:2::", want);
	ck_assert_mem_eq(a, want, 16);
	ck_assert_uint_eq(plen, 64);
	XT_ASSERT_OK(xfrmif_policy_get_proto(f.p, &pr));
	ck_assert_uint_eq(pr, IPPROTO_ICMPV6);
	XT_ASSERT_OK(xfrmif_policy_get_icmp(f.p, &ty, &co));
	ck_assert_uint_eq(ty, 128);
	ck_assert_uint_eq(co, 3);
	XT_ASSERT_OK(xfrmif_policy_get_ifindex(f.p, &x));
	ck_assert_int_eq(x, 1);
	XT_ASSERT_OK(xfrmif_policy_get_dir(f.p, &x));
	ck_assert_int_eq(x, XFRMIF_POLICY_DIR_FWD);
	XT_ASSERT_OK(xfrmif_policy_get_type(f.p, &x));
	ck_assert_int_eq(x, XFRMIF_POLICY_TYPE_SUB);
	XT_ASSERT_OK(xfrmif_policy_get_action(f.p, &x));
	ck_assert_int_eq(x, XFRMIF_POLICY_BLOCK);
	XT_ASSERT_OK(xfrmif_policy_get_priority(f.p, &n));
	ck_assert_uint_eq(n, 99);
	XT_ASSERT_OK(xfrmif_policy_get_index(f.p, &n));
	ck_assert_uint_eq(n, 0x202);
	XT_ASSERT_OK(xfrmif_policy_get_if_id(f.p, &n));
	ck_assert_uint_eq(n, 0x1234);
	XT_ASSERT_OK(xfrmif_policy_get_mark(f.p, &n, &m));
	ck_assert_uint_eq(n, 0x20);
	ck_assert_uint_eq(m, 0xf0);
	XT_ASSERT_OK(xfrmif_policy_get_flags(f.p, &n));
	ck_assert_uint_eq(n, XFRMIF_POLICY_FLAG_LOCALOK);
	XT_ASSERT_OK(xfrmif_policy_get_lifetime(f.p, XFRMIF_POLICY_LFT_HARD_ADD_SECONDS, &u));
	ck_assert(u == 600);
	XT_ASSERT_OK(xfrmif_policy_get_lifetime(f.p, XFRMIF_POLICY_LFT_SOFT_PACKETS, &u));
	ck_assert(u == 7);
	XT_ASSERT_OK(xfrmif_policy_get_lifetime(f.p, XFRMIF_POLICY_LFT_HARD_BYTES, &u));
	ck_assert(u == XFRMIF_POLICY_LFT_INF);
	XT_ASSERT_OK(xfrmif_policy_get_current(f.p, XFRMIF_POLICY_CUR_ADD_TIME, &u));
	ck_assert(u != 0);
	ck_assert_int_eq(xfrmif_policy_get_tmpl_count(f.p), 2);
	XT_ASSERT_OK(xfrmif_policy_get_tmpl(f.p, 0, &t));
	XT_ASSERT_OK(xfrmif_tmpl_get_src(t, &family, a));
	pton(AF_INET6, "2001:db8::5", want);
	ck_assert_mem_eq(a, want, 16);
	XT_ASSERT_OK(xfrmif_tmpl_get_dst(t, &family, a));
	pton(AF_INET6, "2001:db8::6", want);
	ck_assert_mem_eq(a, want, 16);
	XT_ASSERT_OK(xfrmif_tmpl_get_proto(t, &pr));
	ck_assert_uint_eq(pr, IPPROTO_ESP);
	XT_ASSERT_OK(xfrmif_tmpl_get_spi(t, &n));
	ck_assert_uint_eq(n, 0x99);
	XT_ASSERT_OK(xfrmif_tmpl_get_reqid(t, &n));
	ck_assert_uint_eq(n, 12);
	XT_ASSERT_OK(xfrmif_tmpl_get_mode(t, &x));
	ck_assert_int_eq(x, XFRMIF_TMPL_MODE_TUNNEL);
	XT_ASSERT_OK(xfrmif_tmpl_get_level(t, &x));
	ck_assert_int_eq(x, XFRMIF_TMPL_LEVEL_USE);
	XT_ASSERT_OK(xfrmif_tmpl_get_algo_masks(t, &am, &em, &cm));
	ck_assert_uint_eq(am & em & cm, UINT32_MAX);
	XT_ASSERT_OK(xfrmif_policy_get_tmpl(f.p, 1, &t));
	/* No addresses: the kernel gave it the selector's family. */
	ck_assert_int_eq(xfrmif_tmpl_get_src(t, &family, a), -ENODATA);
	XT_ASSERT_OK(xfrmif_tmpl_get_proto(t, &pr));
	ck_assert_uint_eq(pr, IPPROTO_AH);
	XT_ASSERT_OK(xfrmif_tmpl_get_mode(t, &x));
	ck_assert_int_eq(x, XFRMIF_TMPL_MODE_TRANSPORT);

	/* The object read back is a complete key: delete it, ip agrees. */
	XT_ASSERT_OK(xfrmif_policy_del(ctx, f.p));
	{
		char *out = ip_out("ip xfrm policy");
		ck_assert_str_eq(out, "");
		free(out);
	}
	xfrmif_policy_free(f.p);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(del_needs_the_whole_key)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_policy *p = full_policy(), *partial = NULL;
	char *out;

	XT_ASSERT_OK(xfrmif_policy_add(ctx, p));
	ck_assert_int_eq(xfrmif_policy_add(ctx, p), -EEXIST);
	/* The same selector without if_id and mark is another key. */
	XT_ASSERT_OK(xfrmif_policy_new(&partial));
	set_prefix(partial, true, AF_INET, "192.0.2.0", 24);
	set_prefix(partial, false, AF_INET, "198.51.100.0", 24);
	XT_ASSERT_OK(xfrmif_policy_set_proto(partial, IPPROTO_TCP));
	XT_ASSERT_OK(xfrmif_policy_set_sport(partial, 22));
	XT_ASSERT_OK(xfrmif_policy_set_dport(partial, 80));
	XT_ASSERT_OK(xfrmif_policy_set_ifindex(partial, 1));
	XT_ASSERT_OK(xfrmif_policy_set_dir(partial, XFRMIF_POLICY_DIR_IN));
	ck_assert_int_eq(xfrmif_policy_del(ctx, partial), -ENOENT);
	XT_ASSERT_OK(xfrmif_policy_set_if_id(partial, 7));
	ck_assert_int_eq(xfrmif_policy_del(ctx, partial), -ENOENT);
	out = ip_out("ip xfrm policy");
	ASSERT_IP_HAS(out, "if_id 0x7");
	free(out);
	/* The object that was added is the key that finds it. */
	XT_ASSERT_OK(xfrmif_policy_del(ctx, p));
	out = ip_out("ip xfrm policy");
	ck_assert_str_eq(out, "");
	free(out);
	ck_assert_int_eq(xfrmif_policy_del(ctx, p), -ENOENT);
	xfrmif_policy_free(partial);
	xfrmif_policy_free(p);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(by_index_with_if_id_and_mark)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_policy *key = NULL, *got = NULL;
	uint32_t n;
	char *out;

	ck_assert_int_eq(xt_sh("ip xfrm policy add src 192.0.2.0/24 dst "
			       "198.51.100.0/24 dir out index 0x301 if_id 9 "
			       "mark 3 mask 0xf priority 5"), 0);
	XT_ASSERT_OK(xfrmif_policy_new(&key));
	XT_ASSERT_OK(xfrmif_policy_set_index(key, 0x301));
	ck_assert_int_eq(xfrmif_policy_get_by_index(&got, ctx, key), -ENOENT);
	ck_assert_ptr_null(got);
	XT_ASSERT_OK(xfrmif_policy_set_if_id(key, 9));
	XT_ASSERT_OK(xfrmif_policy_set_mark(key, 3, 0xf));
	XT_ASSERT_OK(xfrmif_policy_get_by_index(&got, ctx, key));
	XT_ASSERT_OK(xfrmif_policy_get_priority(got, &n));
	ck_assert_uint_eq(n, 5);
	XT_ASSERT_OK(xfrmif_policy_del_by_index(ctx, key));
	out = ip_out("ip xfrm policy");
	ck_assert_str_eq(out, "");
	free(out);
	xfrmif_policy_free(got);
	xfrmif_policy_free(key);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(update_changes_the_policy)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_policy *p = full_policy(), *got = NULL;
	char *out;

	/* Update also creates. */
	XT_ASSERT_OK(xfrmif_policy_update(ctx, p));
	XT_ASSERT_OK(xfrmif_policy_set_priority(p, 321));
	XT_ASSERT_OK(xfrmif_policy_set_action(p, XFRMIF_POLICY_BLOCK));
	XT_ASSERT_OK(xfrmif_policy_clear_tmpls(p));
	XT_ASSERT_OK(xfrmif_policy_update(ctx, p));
	out = ip_out("ip -s xfrm policy");
	ASSERT_IP_HAS(out, "dir in action block index 256 priority 321");
	ASSERT_IP_LACKS(out, "tmpl");
	free(out);
	XT_ASSERT_OK(xfrmif_policy_get(&got, ctx, p));
	assert_same(p, got);
	xfrmif_policy_free(got);
	xfrmif_policy_free(p);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* Six policies with different if_id, mark, direction, action, type. */
static void six_policies(void)
{
	ck_assert_int_eq(xt_sh(
		"set -e\n"
		"ip xfrm policy add src 192.0.2.1 dst 192.0.2.2 dir out if_id 7\n"
		"ip xfrm policy add src 192.0.2.1 dst 192.0.2.2 dir in if_id 7 action block\n"
		"ip xfrm policy add src 192.0.2.3 dst 192.0.2.4 dir out if_id 8\n"
		"ip xfrm policy add src 192.0.2.5 dst 192.0.2.6 dir fwd\n"
		"ip xfrm policy add src 192.0.2.7 dst 192.0.2.8 dir out mark 7 mask 0xff\n"
		"ip xfrm policy add src 192.0.2.9 dst 192.0.2.10 dir in if_id 7 ptype sub\n"),
		0);
}

static int count_cb(const xfrmif_policy *p, void *arg)
{
	(void)p;
	(*(int *)arg)++;
	return 0;
}

static int list_n(xfrmif_ctx *ctx, const struct xfrmif_policy_filter *f)
{
	int seen = 0, r = xfrmif_policy_list(ctx, f, count_cb, &seen);

	ck_assert_int_eq(r, seen);
	return r;
}

static int stop_cb(const xfrmif_policy *p, void *arg)
{
	(void)p;
	(void)arg;
	return 1;
}

static int abort_cb(const xfrmif_policy *p, void *arg)
{
	(void)p;
	(void)arg;
	return -ECANCELED;
}

START_TEST(list_filters)
{
	xfrmif_ctx *ctx = ctx_here();
	XFRMIF_OPTS(xfrmif_policy_filter, f);

	six_policies();
	ck_assert_int_eq(list_n(ctx, NULL), 6);
	f.flags = XFRMIF_POLICY_FILTER_IF_ID;
	f.if_id = 7;
	ck_assert_int_eq(list_n(ctx, &f), 3);
	f.if_id = 0; /* policies without an if_id */
	ck_assert_int_eq(list_n(ctx, &f), 2);
	f.flags = XFRMIF_POLICY_FILTER_MARK;
	f.mark = 7;
	f.mark_mask = 0xff;
	ck_assert_int_eq(list_n(ctx, &f), 1);
	f.flags = XFRMIF_POLICY_FILTER_DIR;
	f.dir = XFRMIF_POLICY_DIR_OUT;
	ck_assert_int_eq(list_n(ctx, &f), 3);
	f.flags = XFRMIF_POLICY_FILTER_ACTION;
	f.action = XFRMIF_POLICY_BLOCK;
	ck_assert_int_eq(list_n(ctx, &f), 1);
	f.flags = XFRMIF_POLICY_FILTER_TYPE;
	f.type = XFRMIF_POLICY_TYPE_SUB;
	ck_assert_int_eq(list_n(ctx, &f), 1);
	f.flags = XFRMIF_POLICY_FILTER_IF_ID | XFRMIF_POLICY_FILTER_DIR;
	f.if_id = 7;
	f.dir = XFRMIF_POLICY_DIR_IN;
	ck_assert_int_eq(list_n(ctx, &f), 2);
	/* Early stop and abort. */
	ck_assert_int_eq(xfrmif_policy_list(ctx, NULL, stop_cb, NULL), 1);
	ck_assert_int_eq(xfrmif_policy_list(ctx, NULL, abort_cb, NULL), -ECANCELED);
	/* Bad filters. */
	f.flags = 1u << 20;
	ck_assert_int_eq(xfrmif_policy_list(ctx, &f, count_cb, NULL), -EINVAL);
	f.flags = XFRMIF_POLICY_FILTER_DIR;
	f.dir = 3;
	ck_assert_int_eq(xfrmif_policy_list(ctx, &f, count_cb, NULL), -EINVAL);
	ck_assert(xt_contains(xfrmif_ctx_errmsg(ctx), "filter.dir"));
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(flush_by_if_id_is_exact)
{
	xfrmif_ctx *ctx = ctx_here();
	XFRMIF_OPTS(xfrmif_policy_filter, f, .flags = XFRMIF_POLICY_FILTER_IF_ID,
		    .if_id = 7);
	char *before, *after;

	six_policies();
	before = ip_out("ip xfrm policy");
	ck_assert_int_eq(xfrmif_policy_flush(ctx, &f), 3);
	after = ip_out("ip xfrm policy");
	ASSERT_IP_LACKS(after, "if_id 0x7");
	ASSERT_IP_HAS(after, "src 192.0.2.3/32 dst 192.0.2.4/32");
	ASSERT_IP_HAS(after, "if_id 0x8");
	ASSERT_IP_HAS(after, "src 192.0.2.5/32 dst 192.0.2.6/32");
	ASSERT_IP_HAS(after, "src 192.0.2.7/32 dst 192.0.2.8/32");
	ASSERT_IP_HAS(after, "mark 0x7/0xff");
	ck_assert_int_eq(xt_sh("test $(ip xfrm policy | grep -c '^src') = 3"), 0);
	ck_assert_int_eq(xfrmif_policy_flush(ctx, &f), 0);
	free(before);
	free(after);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(flush_all_by_type)
{
	xfrmif_ctx *ctx = ctx_here();
	XFRMIF_OPTS(xfrmif_policy_filter, f, .flags = XFRMIF_POLICY_FILTER_TYPE,
		    .type = XFRMIF_POLICY_TYPE_SUB);
	char *out;

	six_policies();
	ck_assert_int_eq(xfrmif_policy_flush(ctx, NULL), 0);
	out = ip_out("ip xfrm policy list ptype main");
	ck_assert_str_eq(out, "");
	free(out);
	out = ip_out("ip xfrm policy list ptype sub");
	ASSERT_IP_HAS(out, "src 192.0.2.9/32");
	free(out);
	ck_assert_int_eq(xfrmif_policy_flush(ctx, &f), 0);
	out = ip_out("ip xfrm policy list ptype sub");
	ck_assert_str_eq(out, "");
	free(out);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(spd_info_and_hthresh)
{
	xfrmif_ctx *ctx = ctx_here();
	XFRMIF_OPTS(xfrmif_spd_info, si);
	char want[128], *out;

	six_policies();
	XT_ASSERT_OK(xfrmif_spd_get_info(ctx, &si));
	out = ip_out("ip -s -s xfrm policy count");
	snprintf(want, sizeof(want), "SPD IN  %u OUT %u FWD %u (Sock: IN %u "
		 "OUT %u FWD %u)", si.in, si.out, si.fwd, si.in_sock,
		 si.out_sock, si.fwd_sock);
	ASSERT_IP_HAS(out, want);
	/* Main and sub policies both count: 2 in (one sub), 3 out, 1 fwd. */
	ck_assert_uint_eq(si.in + si.out + si.fwd, 6);
	snprintf(want, sizeof(want), "SPD buckets: count %u Max %u",
		 si.hash_buckets, si.hash_max);
	ASSERT_IP_HAS(out, want);
	ASSERT_IP_HAS(out, "SPD IPv4 thresholds: local 32 remote 32");
	ck_assert_uint_eq(si.lbits4, 32);
	ck_assert_uint_eq(si.rbits6, 128);
	free(out);

	/* Library writes, ip reads. */
	XT_ASSERT_OK(xfrmif_spd_set_hthresh(ctx, AF_INET, 24, 16));
	out = ip_out("ip -s -s xfrm policy count");
	ASSERT_IP_HAS(out, "SPD IPv4 thresholds: local 24 remote 16");
	ASSERT_IP_HAS(out, "SPD IPv6 thresholds: local 128 remote 128");
	free(out);
	/* ip writes, library reads. */
	ck_assert_int_eq(xt_sh("ip xfrm policy set hthresh6 64 48"), 0);
	XT_ASSERT_OK(xfrmif_spd_get_info(ctx, &si));
	ck_assert_uint_eq(si.lbits4, 24);
	ck_assert_uint_eq(si.rbits4, 16);
	ck_assert_uint_eq(si.lbits6, 64);
	ck_assert_uint_eq(si.rbits6, 48);
	/* Bad input changes nothing. */
	ck_assert_int_eq(xfrmif_spd_set_hthresh(ctx, AF_INET, 33, 0), -EINVAL);
	ck_assert_int_eq(xfrmif_spd_set_hthresh(ctx, AF_INET6, 0, 129), -EINVAL);
	ck_assert_int_eq(xfrmif_spd_set_hthresh(ctx, AF_UNIX, 0, 0), -EINVAL);
	XT_ASSERT_OK(xfrmif_spd_get_info(ctx, &si));
	ck_assert_uint_eq(si.lbits4, 24);
	ck_assert_uint_eq(si.rbits6, 48);
	si.sz = 0;
	ck_assert_int_eq(xfrmif_spd_get_info(ctx, &si), -EINVAL);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(default_policy_both_ways)
{
	xfrmif_ctx *ctx = ctx_here();
	int action = -1;
	char *out;

	for (int d = 0; d <= XFRMIF_POLICY_DIR_FWD; d++) {
		XT_ASSERT_OK(xfrmif_spd_get_default(ctx, d, &action));
		ck_assert_int_eq(action, XFRMIF_POLICY_ALLOW);
	}
	XT_ASSERT_OK(xfrmif_spd_set_default(ctx, XFRMIF_POLICY_DIR_OUT,
					    XFRMIF_POLICY_BLOCK));
	out = ip_out("ip xfrm policy getdefault");
	ASSERT_IP_HAS(out, "in:  accept");
	ASSERT_IP_HAS(out, "fwd: accept");
	ASSERT_IP_HAS(out, "out: block");
	free(out);
	ck_assert_int_eq(xt_sh("ip xfrm policy setdefault fwd block"), 0);
	XT_ASSERT_OK(xfrmif_spd_get_default(ctx, XFRMIF_POLICY_DIR_FWD, &action));
	ck_assert_int_eq(action, XFRMIF_POLICY_BLOCK);
	XT_ASSERT_OK(xfrmif_spd_get_default(ctx, XFRMIF_POLICY_DIR_IN, &action));
	ck_assert_int_eq(action, XFRMIF_POLICY_ALLOW);
	XT_ASSERT_OK(xfrmif_spd_set_default(ctx, XFRMIF_POLICY_DIR_OUT,
					    XFRMIF_POLICY_ALLOW));
	out = ip_out("ip xfrm policy getdefault");
	ASSERT_IP_HAS(out, "out: accept");
	ASSERT_IP_HAS(out, "fwd: block");
	free(out);
	ck_assert_int_eq(xfrmif_spd_set_default(ctx, 3, XFRMIF_POLICY_BLOCK), -EINVAL);
	ck_assert_int_eq(xfrmif_spd_set_default(ctx, 0, 2), -EINVAL);
	ck_assert_int_eq(xfrmif_spd_get_default(ctx, -1, &action), -EINVAL);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* Each bad input: -EINVAL, the argument named, and the SPD untouched. */
START_TEST(bad_input_changes_nothing)
{
	xfrmif_ctx *ctx = ctx_here();
	unsigned char a[16] = { 0 };
	xfrmif_policy *p;
	char *out;
	static const char *const words[] = {
		"src: prefix length 33", "ports need proto", "tmpl 1: ipv4 "
		"addresses after ipv6", "dir: 5", "action: 9", "if_id: 0",
		"index: 0x102", "dir: not set", "type/code needs proto",
	};

	for (int i = 0; i < (int)(sizeof(words) / sizeof(words[0])); i++) {
		p = full_policy();
		switch (i) {
		case 0: xfrmif_policy_set_src(p, AF_INET, a, 33); break;
		case 1: XT_ASSERT_OK(xfrmif_policy_set_proto(p, IPPROTO_GRE)); break;
		case 2: /* v6 tunnel, then v4 transport: a family change */
			XT_ASSERT_OK(xfrmif_policy_clear_tmpls(p));
			add_tmpl(p, AF_INET6, "2001:db8::1", "2001:db8::2",
				 IPPROTO_ESP, 0, 0, XFRMIF_TMPL_MODE_TUNNEL, 0);
			add_tmpl(p, AF_INET, "192.0.2.1", "192.0.2.2",
				 IPPROTO_AH, 0, 0, XFRMIF_TMPL_MODE_TRANSPORT, 0);
			break;
		case 3: xfrmif_policy_set_dir(p, 5); break;
		case 4: xfrmif_policy_set_action(p, 9); break;
		case 5: xfrmif_policy_set_if_id(p, 0); break;
		case 6: XT_ASSERT_OK(xfrmif_policy_set_index(p, 0x102)); break;
		case 7:
			xfrmif_policy_free(p);
			XT_ASSERT_OK(xfrmif_policy_new(&p));
			set_prefix(p, true, AF_INET, "192.0.2.0", 24);
			break;
		case 8:
			xfrmif_policy_free(p);
			XT_ASSERT_OK(xfrmif_policy_new(&p));
			set_prefix(p, true, AF_INET, "192.0.2.0", 24);
			XT_ASSERT_OK(xfrmif_policy_set_dir(p, 0));
			XT_ASSERT_OK(xfrmif_policy_set_icmp(p, 8, 0));
			break;
		}
		ck_assert_int_eq(xfrmif_policy_add(ctx, p), -EINVAL);
		ck_assert_msg(xt_contains(xfrmif_ctx_errmsg(ctx), words[i]),
			      "case %d: errmsg '%s' lacks '%s'", i,
			      xfrmif_ctx_errmsg(ctx), words[i]);
		ck_assert_int_eq(xfrmif_policy_update(ctx, p), -EINVAL);
		xfrmif_policy_free(p);
	}
	out = ip_out("ip xfrm policy");
	ck_assert_str_eq(out, "");
	free(out);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* The kernel's own refusals pass through with its words. */
START_TEST(kernel_errors_pass_through)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_policy *p = full_policy();
	int r;

	/* The same transport-mode family change the library refuses, made
	 * with ip, gets the kernel's own message: the rule is the kernel's. */
	ck_assert_int_ne(xt_sh("ip xfrm policy add src 192.0.2.0/24 dst "
			       "198.51.100.0/24 dir in tmpl src 2001:db8::1 dst "
			       "2001:db8::2 proto esp mode transport 2>/dev/null"),
			 0);
	ck_assert_int_eq(xt_sh("ip xfrm policy add src 192.0.2.0/24 dst "
			       "198.51.100.0/24 dir in tmpl src 2001:db8::1 dst "
			       "2001:db8::2 proto esp mode tunnel"), 0);
	XT_ASSERT_OK(xfrmif_policy_add(ctx, p));
	r = xfrmif_policy_add(ctx, p);
	ck_assert_int_eq(r, -EEXIST);
	ck_assert(xt_contains(xfrmif_ctx_errmsg(ctx), "policy add"));
	xfrmif_policy_free(p);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(cli_add_show_get_del)
{
	char *out;

	out = xt_sh_out("%s policy add src 192.0.2.0/24 dst 198.51.100.0/24 "
			"proto udp sport 500 dport 4500 dir out if_id 5 mark "
			"0x10/0xff priority 7 index 0x401 action block flag "
			"localok ptype main limit time-hard 60 tmpl src 192.0.2.1 "
			"dst 198.51.100.1 proto esp spi 0x200 reqid 4 mode tunnel "
			"2>&1; echo rc=$?", XFRMIFCTL);
	ck_assert_str_eq(out, "rc=0\n");
	free(out);
	out = ip_out("ip -s xfrm policy");
	ASSERT_IP_HAS(out, "src 192.0.2.0/24 dst 198.51.100.0/24 proto udp "
			   "sport 500 dport 4500");
	ASSERT_IP_HAS(out, "dir out action block index 1025 priority 7");
	ASSERT_IP_HAS(out, "flag localok");
	ASSERT_IP_HAS(out, "expire add: soft 0(sec), hard 60(sec)");
	ASSERT_IP_HAS(out, "mark 0x10/0xff");
	ASSERT_IP_HAS(out, "if_id 0x5");
	ASSERT_IP_HAS(out, "proto esp spi 0x00000200(512) reqid 4(0x00000004) "
			   "mode tunnel");
	free(out);

	out = xt_sh_out("%s -j policy show if_id 5", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "[{\"src\":\"192.0.2.0/24\",\"dst\":"
				       "\"198.51.100.0/24\",\"family\":\"inet\","
				       "\"proto\":17,\"sport\":500,\"dport\":4500,"
				       "\"ifindex\":0,\"dir\":\"out\",\"action\":"
				       "\"block\",\"priority\":7,\"index\":1025,"
				       "\"if_id\":5,\"mark\":16,\"mark_mask\":255,"
				       "\"flags\":[\"localok\"],\"ptype\":\"main\","
				       "\"lifetime\":{"),
		      "%s", out);
	ck_assert_msg(xt_contains(out, "\"hard_add_seconds\":60,") &&
			      xt_contains(out, "\"tmpls\":[{\"src\":\"192.0.2.1\","
					       "\"dst\":\"198.51.100.1\",\"proto\":"
					       "\"esp\",\"spi\":512,\"reqid\":4,"
					       "\"mode\":\"tunnel\",\"level\":"
					       "\"required\",\"auth_mask\":4294967295"),
		      "%s", out);
	free(out);
	out = xt_sh_out("%s -j policy show if_id 6", XFRMIFCTL);
	ck_assert_str_eq(out, "[]\n");
	free(out);

	/* get/del need the if_id and mark that were added. */
	out = xt_sh_out("%s policy get src 192.0.2.0/24 dst 198.51.100.0/24 proto "
			"udp sport 500 dport 4500 dir out 2>&1; echo rc=$?",
			XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "rc=1"), "%s", out);
	free(out);
	out = xt_sh_out("%s policy get index 0x401 if_id 5 mark 0x10/0xff",
			XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "index 1025 priority 7"), "%s", out);
	free(out);
	ck_assert_int_eq(xt_sh("%s policy del src 192.0.2.0/24 dst 198.51.100.0/24 "
			       "proto udp sport 500 dport 4500 dir out if_id 5 "
			       "mark 0x10/0xff", XFRMIFCTL), 0);
	out = ip_out("ip xfrm policy");
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

START_TEST(cli_flush_count_default)
{
	char *out;

	six_policies();
	out = xt_sh_out("%s -j policy count", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "{\"in\":2,\"out\":3,\"fwd\":1,"), "%s",
		      out);
	free(out);
	out = xt_sh_out("%s policy flush if_id 7", XFRMIFCTL);
	ck_assert_str_eq(out, "deleted 3\n");
	free(out);
	ck_assert_int_eq(xt_sh("test $(ip xfrm policy | grep -c '^src') = 3"), 0);
	ck_assert_int_eq(xt_sh("%s policy flush", XFRMIFCTL), 0);
	out = ip_out("ip xfrm policy list ptype main");
	ck_assert_str_eq(out, "");
	free(out);

	ck_assert_int_eq(xt_sh("%s policy default in block fwd block", XFRMIFCTL), 0);
	out = xt_sh_out("%s -j policy default", XFRMIFCTL);
	ck_assert_str_eq(out, "{\"in\":\"block\",\"out\":\"allow\",\"fwd\":\"block\"}\n");
	free(out);
	out = ip_out("ip xfrm policy getdefault");
	ASSERT_IP_HAS(out, "in:  block");
	free(out);
	ck_assert_int_eq(xt_sh("%s policy set hthresh4 20 30", XFRMIFCTL), 0);
	out = ip_out("ip -s -s xfrm policy count");
	ASSERT_IP_HAS(out, "SPD IPv4 thresholds: local 20 remote 30");
	free(out);
}
END_TEST

START_TEST(cli_bad_words)
{
	static const struct {
		const char *args;
		const char *word;
		int rc;
	} cases[] = {
		{ "policy add src 192.0.2.0/24 dst 192.0.2.0/24 dir sideways", "sideways", 2 },
		{ "policy add src 192.0.2.0/24 dst 192.0.2.0/24 dir in bogus 1", "bogus", 2 },
		{ "policy add src 192.0.2.0/24 dst 192.0.2.0/24 dir in action maybe", "maybe", 2 },
		{ "policy add src 192.0.2.0/24 dst 192.0.2.0/24 dir in tmpl mode fast", "fast", 2 },
		{ "policy add src 192.0.2.0/33 dst 192.0.2.0/24 dir in", "src: prefix length 33", 1 },
		{ "policy add src 192.0.2.0/24 dst 192.0.2.0/24 dport 80 dir in", "ports need proto", 1 },
		{ "policy add src 192.0.2.0/24 dst 192.0.2.0/24 dir in if_id 0", "if_id: 0", 1 },
		{ "policy show dir up", "up", 2 },
		{ "policy default out maybe", "maybe", 2 },
		{ "policy frobnicate", "frobnicate", 2 },
	};
	char *out;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char want[16];

		out = xt_sh_out("%s %s 2>&1; echo rc=$?", XFRMIFCTL, cases[i].args);
		snprintf(want, sizeof(want), "rc=%d", cases[i].rc);
		ck_assert_msg(xt_contains(out, cases[i].word) &&
				      xt_contains(out, want),
			      "'%s': %s", cases[i].args, out);
		free(out);
	}
	out = ip_out("ip xfrm policy");
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = xt_tcase(s, "policy", true);

	tcase_add_test(tc, lib_add_every_field_seen_by_ip);
	tcase_add_test(tc, ip_add_every_field_read_by_lib);
	tcase_add_test(tc, del_needs_the_whole_key);
	tcase_add_test(tc, by_index_with_if_id_and_mark);
	tcase_add_test(tc, update_changes_the_policy);
	tcase_add_test(tc, list_filters);
	tcase_add_test(tc, flush_by_if_id_is_exact);
	tcase_add_test(tc, flush_all_by_type);
	tcase_add_test(tc, spd_info_and_hthresh);
	tcase_add_test(tc, default_policy_both_ways);
	tcase_add_test(tc, bad_input_changes_nothing);
	tcase_add_test(tc, kernel_errors_pass_through);
	tcase_add_test(tc, cli_add_show_get_del);
	tcase_add_test(tc, cli_flush_count_default);
	tcase_add_test(tc, cli_bad_words);
	return xt_run_suite(s);
}
