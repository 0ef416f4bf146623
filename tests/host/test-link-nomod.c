/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * On a kernel without xfrm interfaces and VTIs (this machine's), creating
 * one fails with -EOPNOTSUPP and a message naming the kernel option, and
 * leaves nothing behind. Host suite only: the guest kernel has them all.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

static void expect_missing(uint32_t kind, const char *option)
{
	struct in6_addr l6, r6;
	struct in_addr l4, r4;
	xfrmif_ctx *ctx = NULL;
	xfrmif_link *l = NULL;
	char *links_before, *links_after;

	links_before = xt_sh_out("ip -o link show");
	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	XT_ASSERT_OK(xfrmif_link_new(&l));
	XT_ASSERT_OK(xfrmif_link_set_name(l, "nomod0"));
	XT_ASSERT_OK(xfrmif_link_set_kind(l, kind));
	if (kind == XFRMIF_LINK_KIND_XFRM) {
		XT_ASSERT_OK(xfrmif_link_set_if_id(l, 7));
	} else if (kind == XFRMIF_LINK_KIND_VTI) {
		inet_pton(AF_INET, "192.0.2.1", &l4);
		inet_pton(AF_INET, "192.0.2.2", &r4);
		XT_ASSERT_OK(xfrmif_link_set_local(l, AF_INET, &l4));
		XT_ASSERT_OK(xfrmif_link_set_remote(l, AF_INET, &r4));
		XT_ASSERT_OK(xfrmif_link_set_key(l, 5));
	} else {
		inet_pton(AF_INET6, "2001:db8::1", &l6);
		inet_pton(AF_INET6, "2001:db8::2", &r6);
		XT_ASSERT_OK(xfrmif_link_set_local(l, AF_INET6, &l6));
		XT_ASSERT_OK(xfrmif_link_set_remote(l, AF_INET6, &r6));
	}
	ck_assert_int_eq(xfrmif_link_add(ctx, l, NULL), -EOPNOTSUPP);
	ck_assert_msg(strstr(xfrmif_ctx_errmsg(ctx), option),
		      "errmsg '%s' does not name %s", xfrmif_ctx_errmsg(ctx),
		      option);
	links_after = xt_sh_out("ip -o link show");
	ck_assert_str_eq(links_before, links_after);
	free(links_before);
	free(links_after);
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}

/* The premise: iproute2 cannot create them here either. */
START_TEST(kernel_lacks_the_kinds)
{
	ck_assert_int_ne(xt_sh("ip link add o0 type xfrm if_id 1 2>/dev/null"), 0);
	ck_assert_int_ne(xt_sh("ip link add o1 type vti local 192.0.2.1 "
			       "remote 192.0.2.2 2>/dev/null"), 0);
	ck_assert_int_ne(xt_sh("ip link add o2 type vti6 local 2001:db8::1 "
			       "remote 2001:db8::2 2>/dev/null"), 0);
}
END_TEST

START_TEST(xfrm_needs_config_xfrm_interface)
{
	expect_missing(XFRMIF_LINK_KIND_XFRM, "CONFIG_XFRM_INTERFACE");
}
END_TEST

START_TEST(vti_needs_config_net_ipvti)
{
	expect_missing(XFRMIF_LINK_KIND_VTI, "CONFIG_NET_IPVTI");
}
END_TEST

START_TEST(vti6_needs_config_ipv6_vti)
{
	expect_missing(XFRMIF_LINK_KIND_VTI6, "CONFIG_IPV6_VTI");
}
END_TEST

START_TEST(cli_names_the_option)
{
	char *out = xt_sh_out("%s link add x0 type xfrm if_id 3 2>&1; echo rc=$?",
			      XFRMIFCTL);

	ck_assert_msg(xt_contains(out, "CONFIG_XFRM_INTERFACE") &&
			      xt_contains(out, "rc=1"), "%s", out);
	free(out);
	out = xt_sh_out("%s link add v0 type vti6 local 2001:db8::1 remote "
			"2001:db8::2 2>&1; echo rc=$?", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "CONFIG_IPV6_VTI") &&
			      xt_contains(out, "rc=1"), "%s", out);
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("link-nomod");
	TCase *tc = xt_tcase(s, "link-nomod", true);

	tcase_add_test(tc, kernel_lacks_the_kinds);
	tcase_add_test(tc, xfrm_needs_config_xfrm_interface);
	tcase_add_test(tc, vti_needs_config_net_ipvti);
	tcase_add_test(tc, vti6_needs_config_ipv6_vti);
	tcase_add_test(tc, cli_names_the_option);
	return xt_run_suite(s);
}
