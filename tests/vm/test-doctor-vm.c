/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Inspection and doctor on a kernel with xfrm interfaces, VTIs and ESP (the
 * vm suite's guest). Every configuration is made with iproute2 alone: a
 * correct one for an xfrm interface and for a VTI, which the doctor calls
 * clean and which the inspection joins completely, and one broken
 * configuration per finding, reported with its code and the right objects.
 * (The findings that need no modules are in tests/host/test-doctor.c, which
 * the vm suite runs too.)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xdoctor.h"

#define L XFRMIF_INSPECT_LINK
#define P XFRMIF_INSPECT_POLICY
#define S XFRMIF_INSPECT_SA

#define AEAD "aead 'rfc4106(gcm(aes))' 0x0102030405060708090a0b0c0d0e0f1011121314 128"

/* What to change in the correct configurations. */
struct cfg {
	const char *out_sa; /* extra words for the outbound SA */
	const char *in_sa;  /* ... for the inbound SA (default replay-window 32) */
	const char *out_pol;
	bool no_inbound_policies;
	const char *peer;   /* VTI: where the SAs and templates go */
	bool no_disable_policy;
};

static void veth(void)
{
	ck_assert_int_eq(xt_sh("ip link add d0 type veth peer name d1 && "
			       "ip link set d0 up && ip link set d1 up && "
			       "ip addr add 192.0.2.1/24 dev d0"), 0);
}

/* An xfrm interface x1 (if_id 42) with its SAs and policies. */
static void xfrm_config(const struct cfg *c)
{
	veth();
	ck_assert_int_eq(xt_sh(
		"ip link add x1 type xfrm dev d0 if_id 42 && ip link set x1 up && "
		"ip xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x100 "
		"reqid 1 mode tunnel if_id 42 " AEAD " %s && "
		"ip xfrm state add src 192.0.2.2 dst 192.0.2.1 proto esp spi 0x200 "
		"reqid 1 mode tunnel if_id 42 " AEAD " %s && "
		"ip xfrm policy add dir out src 10.0.1.0/24 dst 10.0.2.0/24 if_id 42 "
		"tmpl src 192.0.2.1 dst 192.0.2.2 proto esp mode tunnel reqid 1",
		c->out_sa ? c->out_sa : "", c->in_sa ? c->in_sa : "replay-window 32"),
		0);
	if (c->no_inbound_policies)
		return;
	ck_assert_int_eq(xt_sh(
		"for d in in fwd; do ip xfrm policy add dir $d src 10.0.2.0/24 dst "
		"10.0.1.0/24 if_id 42 tmpl src 192.0.2.2 dst 192.0.2.1 proto esp "
		"mode tunnel reqid 1 || exit 1; done"), 0);
}

/* A VTI v1 (192.0.2.1 -> 192.0.2.2, ikey 5, okey 6) with its SAs and
 * policies marked with the keys. */
static void vti_config(const struct cfg *c)
{
	const char *peer = c->peer ? c->peer : "192.0.2.2";

	veth();
	ck_assert_int_eq(xt_sh(
		"ip link add v1 type vti local 192.0.2.1 remote 192.0.2.2 ikey 5 "
		"okey 6 && ip link set v1 up && sysctl -qw "
		"net.ipv4.conf.v1.disable_policy=%d && "
		"ip xfrm state add src 192.0.2.1 dst %s proto esp spi 0x100 reqid 1 "
		"mode tunnel %s " AEAD " && "
		"ip xfrm state add src %s dst 192.0.2.1 proto esp spi 0x200 reqid 1 "
		"mode tunnel mark 5 replay-window 32 " AEAD " && "
		"ip xfrm policy add dir out src 0.0.0.0/0 dst 0.0.0.0/0 %s "
		"tmpl src 192.0.2.1 dst %s proto esp mode tunnel reqid 1 && "
		"for d in in fwd; do ip xfrm policy add dir $d src 0.0.0.0/0 dst "
		"0.0.0.0/0 mark 5 tmpl src %s dst 192.0.2.1 proto esp mode tunnel "
		"reqid 1 || exit 1; done",
		c->no_disable_policy ? 0 : 1, peer,
		c->out_sa ? c->out_sa : "mark 6", peer,
		c->out_pol ? c->out_pol : "mark 6", peer, peer), 0);
}

/* Asserts that object (kind, idx)'s relation has exactly `want` members. */
static void rel(int got, int want, const char *what)
{
	ck_assert_msg(got == want, "%s: %d, want %d", what, got, want);
}

/* A correct configuration: the interface (number 0) owns all 3 policies
 * and 2 SAs, the out policy resolves to SA 0x100, in and fwd to 0x200,
 * nothing is left over. */
static void joined_completely(const struct xd *x)
{
	const uint32_t *v;
	const xfrmif_policy *p;
	const xfrmif_sa *sa;
	uint32_t spi;
	int dir;

	rel(xfrmif_inspect_count(x->in, L), 1, "links");
	rel(xfrmif_inspect_policies_of(x->in, L, 0, &v), 3, "policies of link");
	rel(xfrmif_inspect_sas_of(x->in, L, 0, &v), 2, "SAs of link");
	for (uint32_t i = 0; i < 3; i++) {
		rel(xfrmif_inspect_links_of(x->in, P, i, &v), 1, "links of policy");
		XT_ASSERT_OK(xfrmif_inspect_get_policy(x->in, i, &p));
		XT_ASSERT_OK(xfrmif_policy_get_dir(p, &dir));
		rel(xfrmif_inspect_tmpl_sas(x->in, i, 0, &v), 1, "SAs of template");
		XT_ASSERT_OK(xfrmif_inspect_get_sa(x->in, v[0], &sa));
		XT_ASSERT_OK(xfrmif_sa_get_spi(sa, &spi));
		ck_assert_uint_eq(spi, dir == XFRMIF_POLICY_DIR_OUT ? 0x100 : 0x200);
	}
	for (uint32_t i = 0; i < 2; i++) {
		rel(xfrmif_inspect_links_of(x->in, S, i, &v), 1, "links of SA");
		XT_ASSERT_OK(xfrmif_inspect_get_sa(x->in, i, &sa));
		XT_ASSERT_OK(xfrmif_sa_get_spi(sa, &spi));
		rel(xfrmif_inspect_policies_of(x->in, S, i, &v), spi == 0x100 ? 1 : 2,
		    "policies of SA");
	}
}

START_TEST(xfrm_correct_is_clean_and_joined)
{
	struct cfg c = { 0 };
	struct xd x;
	char *out;

	xfrm_config(&c);
	xd_run(&x, NULL, 0);
	XD_CLEAN(&x);
	joined_completely(&x);
	xd_free(&x);
	out = xt_sh_out("%s show", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "xfrm interface x1 (if_id 0x2a)\n  policy ") &&
			      xt_contains(out, "\n  policy out 10.0.1.0/24 -> 10.0.2.0/24 "
					  "if_id 0x2a index ") &&
			      xt_contains(out, "      SA esp spi 0x00000100 192.0.2.1 -> "
					  "192.0.2.2 reqid 1 if_id 0x2a\n        0 bytes, 0 packets") &&
			      !xt_contains(out, "no interface"), "%s", out);
	free(out);
	out = xt_sh_out("%s -j show", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "\"name\":\"x1\",\"kind\":\"xfrm\"") &&
			      xt_contains(out, "\"spi\":256,\"src\":\"192.0.2.1\"") &&
			      xt_contains(out, "\"unattached_policies\":[],"
					  "\"unattached_sas\":[]"), "%s", out);
	free(out);
	out = xt_sh_out("%s doctor; echo rc=$?", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "no findings\nrc=0"), "%s", out);
	free(out);
}
END_TEST

START_TEST(vti_correct_is_clean_and_joined)
{
	struct cfg c = { 0 };
	struct xd x;

	vti_config(&c);
	xd_run(&x, NULL, 0);
	XD_CLEAN(&x);
	joined_completely(&x);
	xd_free(&x);
}
END_TEST

/* Interfaces in B, their SAs and policies where they were made (here). */
START_TEST(two_namespaces_joined_and_ifid_duplicate)
{
	/* xt_named_netns() answers in one static buffer */
	char nsb[64], nsc[64];
	XFRMIF_OPTS(xfrmif_ctx_opts, co, .netns_name = nsb);
	struct cfg c = { 0 };
	xfrmif_ctx *here = NULL, *bctx = NULL;
	xfrmif_inspect *in = NULL;
	xfrmif_doctor *d = NULL;
	XFRMIF_OPTS(xfrmif_inspect_opts, io, .xfrm_ctx = NULL);
	const uint32_t *v;
	struct xd x;

	snprintf(nsb, sizeof(nsb), "%s", xt_named_netns("b"));
	snprintf(nsc, sizeof(nsc), "%s", xt_named_netns("c"));
	xfrm_config(&c);
	ck_assert_int_eq(xt_sh("ip netns add %s && ip netns add %s && "
			       "ip link set x1 netns %s", nsb, nsc, nsb), 0);
	XT_ASSERT_OK(xfrmif_ctx_new(&here, NULL));
	XT_ASSERT_OK(xfrmif_ctx_new(&bctx, &co));
	io.xfrm_ctx = here;
	XT_ASSERT_OK(xfrmif_inspect_new(&in, bctx, &io));
	rel(xfrmif_inspect_policies_of(in, L, 0, &v), 3, "policies of link");
	rel(xfrmif_inspect_sas_of(in, L, 0, &v), 2, "SAs of link");
	XT_ASSERT_OK(xfrmif_doctor_run(&d, here, in, NULL));
	ck_assert_int_eq(xfrmif_doctor_count(d), 0);
	xfrmif_doctor_free(d);
	xfrmif_inspect_free(in);
	/* A second interface with if_id 42, made in C, joins x1 in B. */
	ck_assert_int_eq(xt_sh("ip -n %s link add x2 type xfrm if_id 42 && "
			       "ip -n %s link set x2 netns %s", nsc, nsc, nsb), 0);
	memset(&x, 0, sizeof(x));
	x.ctx = xfrmif_ctx_ref(bctx);
	XT_ASSERT_OK(xfrmif_inspect_new(&x.in, bctx, &io));
	XT_ASSERT_OK(xfrmif_doctor_run(&x.d, here, x.in, NULL));
	XD_EXPECT(&x, "ifid-duplicate", L, "xfrm interface x1", L, "xfrm interface x2");
	xd_free(&x);
	xfrmif_ctx_unref(bctx);
	xfrmif_ctx_unref(here);
}
END_TEST

START_TEST(interface_no_policies_no_sas)
{
	struct xd x;

	ck_assert_int_eq(xt_sh("ip link add x2 type xfrm if_id 43"), 0);
	xd_run(&x, NULL, 0);
	XD_EXPECT(&x, "interface-no-policies", L, "xfrm interface x2", 0, NULL);
	XD_EXPECT(&x, "interface-no-sas", L, "xfrm interface x2", 0, NULL);
	xd_free(&x);
}
END_TEST

START_TEST(tmpl_sa_ifid_mismatch)
{
	struct xd x;

	veth();
	ck_assert_int_eq(xt_sh(
		"ip link add x1 type xfrm dev d0 if_id 42 && "
		"ip xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x100 "
		"reqid 1 mode tunnel if_id 43 " AEAD " && "
		"ip xfrm policy add dir out src 10.0.1.0/24 dst 10.0.2.0/24 if_id 42 "
		"tmpl src 192.0.2.1 dst 192.0.2.2 proto esp mode tunnel reqid 1"), 0);
	xd_run(&x, NULL, 0);
	XD_EXPECT(&x, "tmpl-sa-ifid-mismatch", P, "policy out 10.0.1.0/24", S,
		  "spi 0x00000100");
	xd_free(&x);
}
END_TEST

START_TEST(tmpl_sa_mark_mismatch)
{
	struct cfg c = { .out_sa = "mark 7" };
	struct xd x;

	xfrm_config(&c);
	xd_run(&x, NULL, 0);
	XD_EXPECT(&x, "tmpl-sa-mark-mismatch", P, "policy out 10.0.1.0/24", S,
		  "spi 0x00000100");
	xd_free(&x);
}
END_TEST

START_TEST(vti_key_mismatch)
{
	struct cfg c = { .out_sa = "mark 9", .out_pol = "mark 9" };
	struct xd x;

	vti_config(&c);
	xd_run(&x, NULL, 0);
	XD_EXPECT(&x, "vti-key-mismatch", L, "vti interface v1", P, "policy out");
	XD_EXPECT(&x, "vti-key-mismatch", L, "vti interface v1", S, "spi 0x00000100");
	xd_free(&x);
}
END_TEST

START_TEST(vti_address_mismatch)
{
	struct cfg c = { .peer = "192.0.2.9" };
	struct xd x;

	vti_config(&c);
	xd_run(&x, NULL, 0);
	XD_EXPECT(&x, "vti-address-mismatch", L, "vti interface v1", S,
		  "spi 0x00000100 192.0.2.1 -> 192.0.2.9");
	XD_EXPECT(&x, "vti-address-mismatch", L, "vti interface v1", S,
		  "spi 0x00000200 192.0.2.9 -> 192.0.2.1");
	xd_free(&x);
}
END_TEST

START_TEST(vti_no_disable_policy)
{
	struct cfg c = { .no_disable_policy = true };
	struct xd x;

	vti_config(&c);
	xd_run(&x, NULL, 0);
	XD_EXPECT(&x, "vti-no-disable-policy", L, "vti interface v1", 0, NULL);
	ck_assert_int_eq(xfrmif_doctor_count(x.d), 1);
	xd_free(&x);
}
END_TEST

START_TEST(sa_no_policy)
{
	struct cfg c = { 0 };
	struct xd x;

	xfrm_config(&c);
	ck_assert_int_eq(xt_sh("ip xfrm state add src 192.0.2.1 dst 192.0.2.3 "
			       "proto esp spi 0x300 reqid 9 mode tunnel if_id 42 "
			       AEAD), 0);
	xd_run(&x, NULL, 0);
	XD_EXPECT(&x, "sa-no-policy", S, "spi 0x00000300", 0, NULL);
	ck_assert_int_eq(xfrmif_doctor_count(x.d), 1);
	xd_free(&x);
}
END_TEST

START_TEST(sa_ifid_no_interface)
{
	struct cfg c = { 0 };
	struct xd x;

	xfrm_config(&c);
	ck_assert_int_eq(xt_sh("ip xfrm state add src 192.0.2.1 dst 192.0.2.3 "
			       "proto esp spi 0x400 mode tunnel if_id 77 " AEAD), 0);
	xd_run(&x, NULL, 0);
	XD_EXPECT(&x, "sa-ifid-no-interface", S, "spi 0x00000400", 0, NULL);
	xd_free(&x);
}
END_TEST

START_TEST(sa_replay_window_zero)
{
	struct cfg c = { .in_sa = "replay-window 0" };
	struct xd x;

	xfrm_config(&c);
	xd_run(&x, NULL, 0);
	XD_EXPECT(&x, "sa-replay-window-zero", S, "spi 0x00000200", 0, NULL);
	ck_assert_int_eq(xfrmif_doctor_count(x.d), 1);
	xd_free(&x);
}
END_TEST

START_TEST(policy_no_inbound)
{
	struct cfg c = { .no_inbound_policies = true };
	struct xd x;

	xfrm_config(&c);
	xd_run(&x, NULL, 0);
	XD_EXPECT(&x, "policy-no-inbound", P, "policy out 10.0.1.0/24", 0, NULL);
	xd_free(&x);
}
END_TEST

/* Sends 9 packets out through x1: the outbound SA counts them. */
static void traffic(const char *limits)
{
	struct cfg c = { .out_sa = limits };

	xfrm_config(&c);
	ck_assert_int_eq(xt_sh("ip addr add 10.0.1.1/24 dev x1 && "
			       "ip route add 10.0.2.0/24 dev x1 && bash -c 'for i in "
			       "1 2 3 4 5 6 7 8 9; do echo hi > /dev/udp/10.0.2.2/9; "
			       "done' 2>/dev/null; true"), 0);
}

START_TEST(sa_soft_expired)
{
	struct xd x;

	traffic("limit packet-soft 5");
	xd_run(&x, NULL, 0);
	XD_EXPECT(&x, "sa-soft-expired", S, "spi 0x00000100", 0, NULL);
	ck_assert_int_eq(xd_count(&x, "sa-near-hard-limit"), 0);
	xd_free(&x);
}
END_TEST

START_TEST(sa_near_hard_limit)
{
	struct xd x;

	traffic("limit packet-hard 10");
	xd_run(&x, NULL, 0);
	XD_EXPECT(&x, "sa-near-hard-limit", S, "spi 0x00000100", 0, NULL);
	xd_free(&x);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("doctor-vm");
	TCase *tc = xt_tcase(s, "doctor-vm", true);

	tcase_add_test(tc, xfrm_correct_is_clean_and_joined);
	tcase_add_test(tc, vti_correct_is_clean_and_joined);
	tcase_add_test(tc, two_namespaces_joined_and_ifid_duplicate);
	tcase_add_test(tc, interface_no_policies_no_sas);
	tcase_add_test(tc, tmpl_sa_ifid_mismatch);
	tcase_add_test(tc, tmpl_sa_mark_mismatch);
	tcase_add_test(tc, vti_key_mismatch);
	tcase_add_test(tc, vti_address_mismatch);
	tcase_add_test(tc, vti_no_disable_policy);
	tcase_add_test(tc, sa_no_policy);
	tcase_add_test(tc, sa_ifid_no_interface);
	tcase_add_test(tc, sa_replay_window_zero);
	tcase_add_test(tc, policy_no_inbound);
	tcase_add_test(tc, sa_soft_expired);
	tcase_add_test(tc, sa_near_hard_limit);
	return xt_run_suite(s);
}
