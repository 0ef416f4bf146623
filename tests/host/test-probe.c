/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrmif_probe() against the running kernel, with iproute2 as the oracle:
 * each feature is reported exactly when `ip` can create the matching
 * object. Runs in the host suite (this machine's kernel) and in the vm suite
 * (Debian's kernel, which has everything).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

#define KEY20 "0x0102030405060708090a0b0c0d0e0f1011121314"

static uint32_t probe_here(void)
{
	xfrmif_ctx *ctx = NULL;
	uint32_t f = 0;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	XT_ASSERT_OK(xfrmif_probe(ctx, &f));
	xfrmif_ctx_unref(ctx);
	return f;
}

static bool kernel_at_least(int major, int minor)
{
	struct utsname u;
	int ma = 0, mi = 0;

	uname(&u);
	sscanf(u.release, "%d.%d", &ma, &mi);
	return ma > major || (ma == major && mi >= minor);
}

/* What iproute2 can do in this (fresh) namespace. */
static uint32_t oracle(void)
{
	uint32_t f = 0;

	if (xt_sh("ip link add xo0 type xfrm if_id 9 2>/dev/null") == 0)
		f |= XFRMIF_FEATURE_XFRM_INTERFACE;
	if (xt_sh("ip link add xo1 type xfrm external 2>/dev/null") == 0 &&
	    xt_sh("ip -d link show xo1 | grep -q external") == 0)
		f |= XFRMIF_FEATURE_XFRM_EXTERNAL;
	if (xt_sh("ip link add vo0 type vti local 192.0.2.1 remote 192.0.2.2 "
		  "key 5 2>/dev/null") == 0)
		f |= XFRMIF_FEATURE_VTI;
	if (xt_sh("ip link add vo1 type vti6 local 2001:db8::1 remote "
		  "2001:db8::2 key 5 2>/dev/null") == 0)
		f |= XFRMIF_FEATURE_VTI6;
	if (xt_sh("ip xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp "
		  "spi 0x100 mode tunnel aead 'rfc4106(gcm(aes))' " KEY20
		  " 128 2>/dev/null") == 0)
		f |= XFRMIF_FEATURE_ESP4;
	if (xt_sh("ip xfrm state add src 2001:db8::1 dst 2001:db8::2 proto esp "
		  "spi 0x100 mode tunnel aead 'rfc4106(gcm(aes))' " KEY20
		  " 128 2>/dev/null") == 0)
		f |= XFRMIF_FEATURE_ESP6;
	/* iproute2 6.1 cannot set an SA direction; the attribute came with
	 * Linux 6.10. */
	if (kernel_at_least(6, 10))
		f |= XFRMIF_FEATURE_SA_DIR;
	return f;
}

START_TEST(probe_matches_iproute2)
{
	uint32_t got = probe_here();
	uint32_t want = oracle();

	ck_assert_msg(got == want, "probe says 0x%x, iproute2 says 0x%x", got,
		      want);
}
END_TEST

START_TEST(probe_leaves_nothing_behind)
{
	char *links_before = xt_sh_out("ip -o link show");
	char *sa_before = xt_sh_out("ip xfrm state");
	char *links_after, *sa_after;

	(void)probe_here();
	links_after = xt_sh_out("ip -o link show");
	sa_after = xt_sh_out("ip xfrm state");
	ck_assert_str_eq(links_before, links_after);
	ck_assert_str_eq(sa_before, sa_after);
	free(links_before);
	free(links_after);
	free(sa_before);
	free(sa_after);
}
END_TEST

START_TEST(probe_in_named_netns)
{
	const char *ns = xt_named_netns("probe");
	XFRMIF_OPTS(xfrmif_ctx_opts, o, .netns_name = ns);
	xfrmif_ctx *ctx = NULL;
	uint32_t f = 0;
	char *links;

	ck_assert_int_eq(xt_sh("ip netns add %s", ns), 0);
	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, &o));
	XT_ASSERT_OK(xfrmif_probe(ctx, &f));
	ck_assert_uint_eq(f, oracle());
	xfrmif_ctx_unref(ctx);
	/* Loading ip_vti/ip6_vti gives every namespace its fallback device
	 * (ip_vti0, ip6_vti0, ip6tnl0): the kernel's, not a probe leftover. */
	links = xt_sh_out("ip -n %s -o link show | grep -v -E "
			  "': (lo|ip_vti0|ip6_vti0|ip6tnl0)[:@]'", ns);
	ck_assert_str_eq(links, "");
	free(links);
}
END_TEST

START_TEST(cli_probe_json)
{
	uint32_t f = probe_here();
	char *out = xt_sh_out("%s -j probe", XFRMIFCTL);
	char want[512];

	snprintf(want, sizeof(want),
		 "{\"xfrm_interface\":%s,\"xfrm_interface_external\":%s,"
		 "\"vti\":%s,\"vti6\":%s,\"esp4\":%s,\"esp6\":%s,"
		 "\"sa_dir\":%s}\n",
		 f & XFRMIF_FEATURE_XFRM_INTERFACE ? "true" : "false",
		 f & XFRMIF_FEATURE_XFRM_EXTERNAL ? "true" : "false",
		 f & XFRMIF_FEATURE_VTI ? "true" : "false",
		 f & XFRMIF_FEATURE_VTI6 ? "true" : "false",
		 f & XFRMIF_FEATURE_ESP4 ? "true" : "false",
		 f & XFRMIF_FEATURE_ESP6 ? "true" : "false",
		 f & XFRMIF_FEATURE_SA_DIR ? "true" : "false");
	ck_assert_str_eq(out, want);
	free(out);
}
END_TEST

START_TEST(cli_unknown_netns)
{
	char *err = xt_sh_out("%s -n no-such-ns-xt probe 2>&1; echo rc=$?",
			      XFRMIFCTL);

	ck_assert_msg(xt_contains(err, "no-such-ns-xt") && xt_contains(err, "rc=1"),
		      "%s", err);
	free(err);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("probe");
	TCase *tc = xt_tcase(s, "probe", true);

	tcase_add_test(tc, probe_matches_iproute2);
	tcase_add_test(tc, probe_leaves_nothing_behind);
	tcase_add_test(tc, probe_in_named_netns);
	tcase_add_test(tc, cli_probe_json);
	tcase_add_test(tc, cli_unknown_netns);
	return xt_run_suite(s);
}
