/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Tunnel operations in the vm suite's guest: up() rolls back at every step
 * (white-box: the injected failure of tunnel_priv.h) and keeps a kernel
 * error's message, rekey in phases on both sides drops no ping, and an
 * interface kept in another namespace than its SAs carries traffic and
 * goes down cleanly.
 */
#include "tunnel-fixture.h"
#include "tunnel_priv.h"

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
	Suite *s = suite_create("tunnel-ops");
	TCase *tc = xt_tcase(s, "tunnel-ops", false);

	/* Emulated guests are slow; Check multiplies this further. */
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, up_rolls_back_at_every_step);
	tcase_add_test(tc, up_kernel_error_keeps_its_message);
	tcase_add_test(tc, rekey_drops_no_ping);
	tcase_add_test(tc, interface_in_another_namespace);
	return xt_run_suite(s);
}
