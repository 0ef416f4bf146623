/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Whole tunnels against a kernel with xfrm interfaces, VTI and ESP (the vm
 * suite's guest). Two named namespaces A and B joined by a veth pair carry
 * IPv4 and IPv6 outer addresses; every tunnel carries IPv4 and IPv6 inside,
 * so each test covers two inner/outer combinations. iproute2 is the oracle:
 * traffic is ping, ESP use is the SAs' packet counters as `ip -s xfrm
 * state` prints them, "nothing left" is what `ip` lists.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#include "tunnel_priv.h"
#include "xtest.h"

#define GCM "rfc4106(gcm(aes))"
static const uint8_t key1[20] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
				  11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };
static const uint8_t key2[20] = { 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
				  31, 32, 33, 34, 35, 36, 37, 38, 39, 40 };

/* The two namespaces of one test. */
struct pair {
	char a[64], b[64];
	xfrmif_ctx *ca, *cb;
};

static void pair_up(struct pair *p, const char *tag)
{
	char t[32];

	snprintf(t, sizeof(t), "%s-a", tag);
	snprintf(p->a, sizeof(p->a), "%s", xt_named_netns(t));
	snprintf(t, sizeof(t), "%s-b", tag);
	snprintf(p->b, sizeof(p->b), "%s", xt_named_netns(t));
	ck_assert_int_eq(xt_sh("ip netns add %s && ip netns add %s && "
			       "ip -n %s link add veth-a type veth peer name veth-b netns %s && "
			       "ip -n %s addr add 198.51.100.1/24 dev veth-a && "
			       "ip -n %s addr add 198.51.100.2/24 dev veth-b && "
			       "ip -n %s addr add 2001:db8:1::1/64 dev veth-a nodad && "
			       "ip -n %s addr add 2001:db8:1::2/64 dev veth-b nodad && "
			       "ip -n %s link set veth-a up && ip -n %s link set veth-b up && "
			       "ip -n %s link set lo up && ip -n %s link set lo up",
			       p->a, p->b, p->a, p->b, p->a, p->b, p->a, p->b,
			       p->a, p->b, p->a, p->b), 0);
	XFRMIF_OPTS(xfrmif_ctx_opts, oa, .netns_name = p->a);
	XFRMIF_OPTS(xfrmif_ctx_opts, ob, .netns_name = p->b);
	XT_ASSERT_OK(xfrmif_ctx_new(&p->ca, &oa));
	XT_ASSERT_OK(xfrmif_ctx_new(&p->cb, &ob));
}

static void pair_down(struct pair *p)
{
	xfrmif_ctx_unref(p->ca);
	xfrmif_ctx_unref(p->cb);
	xt_sh("ip netns del %s; ip netns del %s", p->a, p->b);
}

static void pton(int fam, const char *s, void *out)
{
	ck_assert_int_eq(inet_pton(fam, s, out), 1);
}

static xfrmif_sa *sa_params(uint32_t spi, const uint8_t *key)
{
	xfrmif_sa *sa;

	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, spi));
	XT_ASSERT_OK(xfrmif_sa_set_aead(sa, GCM, key, 20, 128));
	XT_ASSERT_OK(xfrmif_sa_set_replay_window(sa, 32));
	return sa;
}

static void add_pfx(xfrmif_tunnel *t, int what, const char *s, uint8_t len)
{
	unsigned char a[16];
	int fam = strchr(s, ':') ? AF_INET6 : AF_INET;

	pton(fam, s, a);
	if (what == 0)
		XT_ASSERT_OK(xfrmif_tunnel_add_address(t, fam, a, len));
	else
		XT_ASSERT_OK(xfrmif_tunnel_add_route(t, fam, a, len));
}

/*
 * One side's description: side 0 is A (inner 192.0.2.1, 2001:db8:2::1),
 * side 1 is B. Outer addresses of family `outer`.
 */
static xfrmif_tunnel *side(uint32_t kind, int outer, int s)
{
	const char *o4[2] = { "198.51.100.1", "198.51.100.2" };
	const char *o6[2] = { "2001:db8:1::1", "2001:db8:1::2" };
	const char *i4[2] = { "192.0.2.1", "192.0.2.2" };
	const char *i6[2] = { "2001:db8:2::1", "2001:db8:2::2" };
	const char *const *o = outer == AF_INET ? o4 : o6;
	unsigned char a[16];
	xfrmif_tunnel *t;
	xfrmif_sa *out = sa_params(s ? 0x2000 : 0x1000, s ? key2 : key1);
	xfrmif_sa *in = sa_params(s ? 0x1000 : 0x2000, s ? key1 : key2);

	XT_ASSERT_OK(xfrmif_tunnel_new(&t));
	XT_ASSERT_OK(xfrmif_tunnel_set_name(t, "tun0"));
	XT_ASSERT_OK(xfrmif_tunnel_set_kind(t, kind));
	if (kind == XFRMIF_LINK_KIND_XFRM) {
		XT_ASSERT_OK(xfrmif_tunnel_set_if_id(t, 42));
		XT_ASSERT_OK(xfrmif_tunnel_set_dev(t, s ? "veth-b" : "veth-a"));
	} else {
		XT_ASSERT_OK(xfrmif_tunnel_set_ikey(t, 11));
		XT_ASSERT_OK(xfrmif_tunnel_set_okey(t, 12));
	}
	pton(outer, o[s], a);
	XT_ASSERT_OK(xfrmif_tunnel_set_local(t, outer, a));
	pton(outer, o[!s], a);
	XT_ASSERT_OK(xfrmif_tunnel_set_remote(t, outer, a));
	XT_ASSERT_OK(xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_OUT, out));
	XT_ASSERT_OK(xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_IN, in));
	add_pfx(t, 0, i4[s], 32);
	add_pfx(t, 0, i6[s], 128);
	add_pfx(t, 1, i4[!s], 32);
	add_pfx(t, 1, i6[!s], 128);
	xfrmif_sa_free(out);
	xfrmif_sa_free(in);
	return t;
}

static void up(xfrmif_ctx *ctx, const xfrmif_tunnel *t)
{
	int r = xfrmif_tunnel_up(ctx, t);

	ck_assert_msg(r == 0, "tunnel up: %d %s", r, xfrmif_ctx_errmsg(ctx));
}

/* Nothing of a tunnel is left in namespace ns. */
static void nothing_left(const char *ns)
{
	char *st = xt_sh_out("ip -n %s xfrm state; ip -n %s xfrm policy", ns, ns);

	ck_assert_msg(!*st, "left behind in %s:\n%s", ns, st);
	free(st);
	ck_assert_int_ne(xt_sh("ip -n %s link show tun0 >/dev/null 2>&1", ns), 0);
}

/* Every SA in ns counted packets (ESP was on the wire both ways). */
static void esp_counted(const char *ns)
{
	char *c = xt_sh_out("ip -n %s -s xfrm state | "
			    "sed -n 's/.*(bytes), *\\([0-9]*\\)(packets).*/\\1/p'",
			    ns);
	int n = 0;

	for (char *p = strtok(c, "\n"); p; p = strtok(NULL, "\n"), n++)
		ck_assert_msg(atoi(p) > 0, "an SA in %s counted no packets", ns);
	ck_assert_int_eq(n, 2);
	free(c);
}

static void pings(const char *ns, bool v6)
{
	ck_assert_msg(xt_sh("ip netns exec %s ping %s -c 3 -i 0.3 -W 5 %s >/dev/null",
			    ns, v6 ? "-6" : "", v6 ? "2001:db8:2::2" :
			    "192.0.2.2") == 0, "ping%s through the tunnel",
		      v6 ? " -6" : "");
}

/* Up on both sides, IPv4 and IPv6 inside, ESP counted, read back, down. */
static void traffic(uint32_t kind, int outer, const char *tag)
{
	struct pair p;
	xfrmif_tunnel *ta = side(kind, outer, 0), *tb = side(kind, outer, 1);
	xfrmif_tunnel *got = NULL, *key;
	const xfrmif_sa *sa;
	uint64_t pk = 0;
	uint32_t v = 0;

	pair_up(&p, tag);
	up(p.ca, ta);
	up(p.cb, tb);
	pings(p.a, false);
	pings(p.a, true);
	esp_counted(p.a);
	esp_counted(p.b);
	if (kind != XFRMIF_LINK_KIND_XFRM) {
		char *dp = xt_sh_out("ip netns exec %s sysctl -n "
				     "net.ipv4.conf.tun0.disable_policy", p.a);
		ck_assert_int_eq(atoi(dp), 1);
		free(dp);
	}
	/* Read back by name: the keys, both SAs with counters, 6 policies. */
	XT_ASSERT_OK(xfrmif_tunnel_new(&key));
	XT_ASSERT_OK(xfrmif_tunnel_set_name(key, "tun0"));
	XT_ASSERT_OK(xfrmif_tunnel_get(&got, p.ca, key));
	XT_ASSERT_OK(xfrmif_tunnel_get_kind(got, &v));
	ck_assert_uint_eq(v, kind);
	if (kind == XFRMIF_LINK_KIND_XFRM) {
		XT_ASSERT_OK(xfrmif_tunnel_get_if_id(got, &v));
		ck_assert_uint_eq(v, 42);
	} else {
		XT_ASSERT_OK(xfrmif_tunnel_get_okey(got, &v));
		ck_assert_uint_eq(v, 12);
	}
	ck_assert_int_eq(xfrmif_tunnel_get_policy_count(got), 6);
	XT_ASSERT_OK(xfrmif_tunnel_get_sa(got, XFRMIF_TUNNEL_OUT, &sa));
	XT_ASSERT_OK(xfrmif_sa_get_spi(sa, &v));
	ck_assert_uint_eq(v, 0x1000);
	XT_ASSERT_OK(xfrmif_sa_get_counter(sa, XFRMIF_SA_CUR_PACKETS, &pk));
	ck_assert_uint_gt(pk, 0);
	XT_ASSERT_OK(xfrmif_tunnel_get_sa(got, XFRMIF_TUNNEL_IN, &sa));
	XT_ASSERT_OK(xfrmif_sa_get_spi(sa, &v));
	ck_assert_uint_eq(v, 0x2000);
	ck_assert_int_eq(xfrmif_tunnel_list(p.ca, NULL, NULL, NULL), -EINVAL);
	/* Down by name only: found by its keys. */
	XT_ASSERT_OK(xfrmif_tunnel_down(p.ca, key));
	XT_ASSERT_OK(xfrmif_tunnel_down(p.cb, tb));
	nothing_left(p.a);
	nothing_left(p.b);
	xfrmif_tunnel_free(got);
	xfrmif_tunnel_free(key);
	xfrmif_tunnel_free(ta);
	xfrmif_tunnel_free(tb);
	pair_down(&p);
}

START_TEST(xfrm_over_ipv4) { traffic(XFRMIF_LINK_KIND_XFRM, AF_INET, "x4"); }
END_TEST
START_TEST(xfrm_over_ipv6) { traffic(XFRMIF_LINK_KIND_XFRM, AF_INET6, "x6"); }
END_TEST
START_TEST(vti_over_ipv4) { traffic(XFRMIF_LINK_KIND_VTI, AF_INET, "v4"); }
END_TEST
START_TEST(vti6_over_ipv6) { traffic(XFRMIF_LINK_KIND_VTI6, AF_INET6, "v6"); }
END_TEST

/* Fails step 1, 2, ... of up until it succeeds: each failure returns the
 * injected error with its message and leaves nothing behind. */
static void fail_each_step(xfrmif_tunnel *t, const char *ns, xfrmif_ctx *ctx,
			   const char *lns)
{
	unsigned int n;
	int r;

	for (n = 1; n < 100; n++) {
		t->fail_at = n;
		r = xfrmif_tunnel_up(ctx, t);
		if (r == 0)
			break;
		ck_assert_msg(r == -EIO, "step %u: %d (%s)", n, r,
			      xfrmif_ctx_errmsg(ctx));
		ck_assert_msg(xt_contains(xfrmif_ctx_errmsg(ctx), "injected"),
			      "step %u: errmsg '%s'", n, xfrmif_ctx_errmsg(ctx));
		nothing_left(ns);
		if (lns)
			nothing_left(lns);
	}
	/* link, (move,) 2 SAs, 6 policies, up, 2 addresses, 2 routes. */
	ck_assert_uint_ge(n, 14);
	t->fail_at = 0;
	XT_ASSERT_OK(xfrmif_tunnel_down(ctx, t));
	nothing_left(ns);
	if (lns)
		nothing_left(lns);
}

START_TEST(up_rolls_back_at_every_step)
{
	struct pair p;
	xfrmif_tunnel *x = side(XFRMIF_LINK_KIND_XFRM, AF_INET, 0);
	xfrmif_tunnel *v = side(XFRMIF_LINK_KIND_VTI, AF_INET, 0);

	pair_up(&p, "rb");
	/* xfrm with the interface in B (covers the move), then a vti
	 * (covers disable_policy). */
	XT_ASSERT_OK(xfrmif_tunnel_set_link_netns(x, p.b));
	fail_each_step(x, p.a, p.ca, p.b);
	fail_each_step(v, p.a, p.ca, NULL);
	xfrmif_tunnel_free(x);
	xfrmif_tunnel_free(v);
	pair_down(&p);
}
END_TEST

/* A real kernel refusal midway (the in SA exists already): the kernel's
 * error and message come back, and only the pre-existing SA is left. */
START_TEST(up_kernel_error_keeps_its_message)
{
	struct pair p;
	xfrmif_tunnel *t = side(XFRMIF_LINK_KIND_XFRM, AF_INET, 0);
	char *st;
	int r;

	pair_up(&p, "ke");
	ck_assert_int_eq(xt_sh("ip -n %s xfrm state add src 198.51.100.2 dst "
			       "198.51.100.1 proto esp spi 0x2000 enc 'cbc(aes)' "
			       "0x00112233445566778899aabbccddeeff", p.a), 0);
	r = xfrmif_tunnel_up(p.ca, t);
	ck_assert_int_eq(r, -EEXIST);
	ck_assert_msg(!xt_contains(xfrmif_ctx_errmsg(p.ca), "injected"), "%s",
		      xfrmif_ctx_errmsg(p.ca));
	st = xt_sh_out("ip -n %s xfrm state | grep -c '^src'; ip -n %s xfrm policy; "
		       "ip -n %s link show tun0 2>/dev/null", p.a, p.a, p.a);
	ck_assert_str_eq(st, "1\n");
	free(st);
	xfrmif_tunnel_free(t);
	pair_down(&p);
}
END_TEST

/* Rekey through xfrmifctl in the three phases on both sides while ping
 * runs: no reply is lost and only the new SAs remain. */
START_TEST(rekey_drops_no_ping)
{
	struct pair p;
	xfrmif_tunnel *ta = side(XFRMIF_LINK_KIND_XFRM, AF_INET, 0);
	xfrmif_tunnel *tb = side(XFRMIF_LINK_KIND_XFRM, AF_INET, 1);
	const char *k3 = "0x3132333435363738393a3b3c3d3e3f4041424344";
	const char *k4 = "0x5152535455565758595a5b5c5d5e5f6061626364";
	char *out;

	pair_up(&p, "rk");
	up(p.ca, ta);
	up(p.cb, tb);
	pings(p.a, false);
	ck_assert_int_eq(xt_sh("ip netns exec %s ping -c 40 -i 0.2 -W 3 192.0.2.2 "
			       "> /tmp/xt-rekey-%s.log 2>&1 & echo $! > "
			       "/tmp/xt-rekey-%s.pid", p.a, p.a, p.a), 0);
	for (int ph = 0; ph < 3; ph++) {
		static const char *const phase[] = { "in", "out", "retire" };
		for (int s = 0; s < 2; s++)
			ck_assert_int_eq(xt_sh("sleep 0.5; %s -n %s tunnel rekey tun0 "
					       "out spi %s aead '" GCM "' %s 128 "
					       "in spi %s aead '" GCM "' %s 128 phase %s",
					       XFRMIFCTL, s ? p.b : p.a,
					       s ? "0x2001" : "0x1001", s ? k4 : k3,
					       s ? "0x1001" : "0x2001", s ? k3 : k4,
					       phase[ph]), 0);
	}
	/* Wait for the background ping. */
	ck_assert_int_eq(xt_sh("while kill -0 $(cat /tmp/xt-rekey-%s.pid) 2>/dev/null; "
			       "do sleep 0.5; done", p.a), 0);
	out = xt_sh_out("grep -o '[0-9]* received' /tmp/xt-rekey-%s.log; "
			"rm -f /tmp/xt-rekey-%s.log /tmp/xt-rekey-%s.pid",
			p.a, p.a, p.a);
	ck_assert_str_eq(out, "40 received\n");
	free(out);
	out = xt_sh_out("ip -n %s xfrm state | grep -o 'spi 0x[0-9a-f]*' | sort", p.a);
	ck_assert_str_eq(out, "spi 0x00001001\nspi 0x00002001\n");
	free(out);
	esp_counted(p.a);
	xfrmif_tunnel_free(ta);
	xfrmif_tunnel_free(tb);
	pair_down(&p);
}
END_TEST

/* The interface in a third namespace, SAs and policies in A: traffic from
 * the interface's namespace passes; down finds the pieces in both. */
START_TEST(interface_in_another_namespace)
{
	struct pair p;
	xfrmif_tunnel *ta = side(XFRMIF_LINK_KIND_XFRM, AF_INET, 0);
	xfrmif_tunnel *tb = side(XFRMIF_LINK_KIND_XFRM, AF_INET, 1);
	char lns[64];
	xfrmif_tunnel *got = NULL;
	uint32_t v;

	pair_up(&p, "ln");
	snprintf(lns, sizeof(lns), "%s", xt_named_netns("ln-if"));
	ck_assert_int_eq(xt_sh("ip netns add %s && ip -n %s link set lo up",
			       lns, lns), 0);
	XT_ASSERT_OK(xfrmif_tunnel_set_link_netns(ta, lns));
	up(p.ca, ta);
	up(p.cb, tb);
	ck_assert_int_eq(xt_sh("ip -n %s link show tun0 >/dev/null", lns), 0);
	ck_assert_int_ne(xt_sh("ip -n %s link show tun0 >/dev/null 2>&1", p.a), 0);
	ck_assert_int_eq(xt_sh("ip netns exec %s ping -c 3 -i 0.3 -W 5 192.0.2.2 "
			       ">/dev/null", lns), 0);
	esp_counted(p.a);
	XT_ASSERT_OK(xfrmif_tunnel_get(&got, p.ca, ta));
	XT_ASSERT_OK(xfrmif_tunnel_get_if_id(got, &v));
	ck_assert_uint_eq(v, 42);
	ck_assert_int_eq(xfrmif_tunnel_get_policy_count(got), 6);
	XT_ASSERT_OK(xfrmif_tunnel_down(p.ca, ta));
	nothing_left(p.a);
	nothing_left(lns);
	xfrmif_tunnel_free(got);
	xfrmif_tunnel_free(ta);
	xfrmif_tunnel_free(tb);
	xt_sh("ip netns del %s", lns);
	pair_down(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tunnel");
	TCase *tc = xt_tcase(s, "tunnel", false);

	/* Emulated guests are slow; Check multiplies this further. */
	tcase_set_timeout(tc, 60);

	tcase_add_test(tc, xfrm_over_ipv4);
	tcase_add_test(tc, xfrm_over_ipv6);
	tcase_add_test(tc, vti_over_ipv4);
	tcase_add_test(tc, vti6_over_ipv6);
	tcase_add_test(tc, up_rolls_back_at_every_step);
	tcase_add_test(tc, up_kernel_error_keeps_its_message);
	tcase_add_test(tc, rekey_drops_no_ping);
	tcase_add_test(tc, interface_in_another_namespace);
	return xt_run_suite(s);
}
