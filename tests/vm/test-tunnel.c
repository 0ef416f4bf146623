/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Whole tunnels carry traffic, against a kernel with xfrm interfaces, VTI
 * and ESP (the vm suite's guest): for xfrm interfaces over IPv4 and IPv6,
 * vti and vti6, each with IPv4 and IPv6 inside, so every inner/outer
 * combination of every kind. iproute2 is the oracle: traffic is ping, ESP
 * use is the SAs' packet counters as `ip -s xfrm state` prints them,
 * "nothing left" is what `ip` lists.
 */
#include "tunnel-fixture.h"

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
	return xt_run_suite(s);
}
