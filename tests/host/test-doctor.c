/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The doctor's findings that need no xfrm interface, VTI or ESP (host and
 * vm suites): configurations made with iproute2 alone, each broken in one
 * way, reported with its code and the right objects; the API's refusals;
 * many objects at once; the CLI's exit status.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xdoctor.h"

#define P XFRMIF_INSPECT_POLICY

/* A pair of tunnel policies for 10.0.1.0/24 <-> 10.0.2.0/24; `extra` is
 * added to both (if_id, mark), `tmpl` to the outbound template. */
static void policies(const char *extra, const char *tmpl, bool inbound)
{
	ck_assert_int_eq(xt_sh("ip xfrm policy add dir out src 10.0.1.0/24 dst "
			       "10.0.2.0/24 %s tmpl src 192.0.2.1 dst 192.0.2.2 "
			       "proto esp mode tunnel %s", extra, tmpl), 0);
	if (inbound)
		ck_assert_int_eq(xt_sh("ip xfrm policy add dir in src 10.0.2.0/24 "
				       "dst 10.0.1.0/24 %s tmpl src 192.0.2.2 dst "
				       "192.0.2.1 proto esp mode tunnel level use",
				       extra), 0);
}

START_TEST(empty_namespace_is_clean)
{
	struct xd x;
	const uint32_t *v;
	const xfrmif_link *l;
	char buf[8];

	xd_run(&x, NULL, 0);
	XD_CLEAN(&x);
	ck_assert_int_eq(xfrmif_inspect_count(x.in, XFRMIF_INSPECT_LINK), 0);
	ck_assert_int_eq(xfrmif_inspect_count(x.in, XFRMIF_INSPECT_SA), 0);
	ck_assert_int_eq(xfrmif_inspect_count(x.in, 99), -EINVAL);
	ck_assert_int_eq(xfrmif_inspect_get_link(x.in, 0, &l), -ENOENT);
	ck_assert_int_eq(xfrmif_inspect_links_of(x.in, XFRMIF_INSPECT_LINK, 0, &v),
			 -EINVAL);
	ck_assert_int_eq(xfrmif_inspect_describe(x.in, P, 0, buf, sizeof(buf)),
			 -ENOENT);
	ck_assert_int_eq(xfrmif_inspect_new(NULL, x.ctx, NULL), -EINVAL);
	ck_assert_int_eq(xfrmif_doctor_run(NULL, x.ctx, x.in, NULL), -EINVAL);
	{
		XFRMIF_OPTS(xfrmif_doctor_opts, o, .flags = 1u << 9);
		xfrmif_doctor *d = NULL;

		ck_assert_int_eq(xfrmif_doctor_run(&d, x.ctx, x.in, &o), -EINVAL);
		ck_assert(xt_contains(xfrmif_ctx_errmsg(x.ctx), "flags"));
	}
	ck_assert_str_eq(xfrmif_severity_name(XFRMIF_SEVERITY_ERROR), "error");
	xd_free(&x);
}
END_TEST

START_TEST(policy_ifid_no_interface)
{
	struct xd x;

	policies("if_id 0x99", "reqid 1", true);
	xd_run(&x, NULL, XFRMIF_DOCTOR_NO_PROBE);
	XD_EXPECT(&x, "policy-ifid-no-interface", P, "policy out 10.0.1.0/24 -> "
		  "10.0.2.0/24 if_id 0x99", 0, NULL);
	XD_EXPECT(&x, "policy-ifid-no-interface", P, "policy in 10.0.2.0/24", 0, NULL);
	/* the snapshot holds them unattached */
	ck_assert_int_eq(xfrmif_inspect_count(x.in, P), 2);
	{
		const uint32_t *v;
		ck_assert_int_eq(xfrmif_inspect_links_of(x.in, P, 0, &v), 0);
		ck_assert_int_eq(xfrmif_inspect_tmpl_sas(x.in, 0, 0, &v), 0);
		ck_assert_int_eq(xfrmif_inspect_tmpl_sas(x.in, 0, 1, &v), -ENOENT);
	}
	xd_free(&x);
}
END_TEST

START_TEST(tmpl_reqid_no_sa)
{
	struct xd x;

	policies("", "reqid 7", true);
	xd_run(&x, NULL, XFRMIF_DOCTOR_NO_PROBE);
	XD_EXPECT(&x, "tmpl-reqid-no-sa", P, "policy out 10.0.1.0/24", 0, NULL);
	ck_assert(!xd_has(&x, "policy-no-inbound", 0, NULL, 0, NULL));
	ck_assert(!xd_has(&x, "tmpl-no-sa", 0, NULL, 0, NULL));
	xd_free(&x);
}
END_TEST

START_TEST(tmpl_no_sa)
{
	struct xd x;

	policies("", "", true);
	xd_run(&x, NULL, XFRMIF_DOCTOR_NO_PROBE);
	XD_EXPECT(&x, "tmpl-no-sa", P, "policy out 10.0.1.0/24", 0, NULL);
	/* an outbound template without SA drops traffic: an error */
	for (int i = 0; i < xfrmif_doctor_count(x.d); i++) {
		const xfrmif_finding *f;

		xfrmif_doctor_get(x.d, (uint32_t)i, &f);
		if (!strcmp(xfrmif_finding_code(f), "tmpl-no-sa"))
			ck_assert_int_eq(xfrmif_finding_severity(f),
					 XFRMIF_SEVERITY_ERROR);
	}
	xd_free(&x);
}
END_TEST

START_TEST(policy_no_inbound)
{
	struct xd x;

	policies("mark 3", "", false);
	/* an inbound policy for other traffic is no counterpart */
	ck_assert_int_eq(xt_sh("ip xfrm policy add dir in src 10.0.9.0/24 dst "
			       "10.0.1.0/24 mark 3"), 0);
	xd_run(&x, NULL, XFRMIF_DOCTOR_NO_PROBE);
	XD_EXPECT(&x, "policy-no-inbound", P, "policy out 10.0.1.0/24 -> 10.0.2.0/24",
		  0, NULL);
	xd_free(&x);
}
END_TEST

START_TEST(kernel_missing_feature)
{
	struct xd x;
	uint32_t have = 0;
	bool lacks;

	policies("if_id 0x5", "reqid 1", true);
	/* told that the kernel has nothing */
	xd_run(&x, NULL, XFRMIF_DOCTOR_FEATURES);
	XD_EXPECT(&x, "kernel-missing-feature", P, "if_id 0x5", 0, NULL);
	/* xfrm_interface and esp4 */
	ck_assert_int_eq(xd_count(&x, "kernel-missing-feature"), 2);
	xd_free(&x);
	/* and probed for real: a finding exactly when this kernel lacks it */
	xd_run(&x, NULL, 0);
	XT_ASSERT_OK(xfrmif_probe(x.ctx, &have));
	lacks = !(have & XFRMIF_FEATURE_XFRM_INTERFACE) ||
		!(have & XFRMIF_FEATURE_ESP4);
	ck_assert_int_eq(xd_has(&x, "kernel-missing-feature", 0, NULL, 0, NULL),
			 lacks);
	xd_free(&x);
}
END_TEST

/* Hundreds of objects: every one is reported, nothing is joined wrongly. */
START_TEST(many_objects)
{
	char path[] = "/tmp/xdoctor-batch-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	struct xd x;
	int want = 300;

	ck_assert(f != NULL);
	for (int i = 1; i <= want; i++) {
		fprintf(f, "xfrm policy add dir out src 10.%d.%d.0/24 dst 10.200.0.0/16 "
			"if_id %d tmpl src 192.0.2.1 dst 192.0.2.2 proto esp mode "
			"tunnel reqid %d\n", i / 256, i % 256, i, i);
		fprintf(f, "xfrm policy add dir fwd src 10.200.0.0/16 dst 10.%d.%d.0/24 "
			"if_id %d tmpl src 192.0.2.2 dst 192.0.2.1 proto esp mode "
			"tunnel level use\n", i / 256, i % 256, i);
	}
	fclose(f);
	ck_assert_int_eq(xt_sh("ip -batch %s", path), 0);
	unlink(path);
	xd_run(&x, NULL, XFRMIF_DOCTOR_NO_PROBE);
	ck_assert_int_eq(xfrmif_inspect_count(x.in, P), 2 * want);
	ck_assert_int_eq(xd_count(&x, "policy-no-inbound"), 0);
	ck_assert_int_eq(xd_count(&x, "tmpl-reqid-no-sa"), want);
	ck_assert_int_eq(xd_count(&x, "policy-ifid-no-interface"), 2 * want);
	ck_assert(xd_has(&x, "policy-ifid-no-interface", P, "if_id 0x12c", 0, NULL));
	xd_free(&x);
}
END_TEST

START_TEST(cli)
{
	char *out;

	out = xt_sh_out("%s doctor; echo rc=$?", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "no findings") && xt_contains(out, "rc=0"),
		      "%s", out);
	free(out);
	policies("if_id 0x99", "reqid 1", true);
	out = xt_sh_out("%s doctor no-probe; echo rc=$?", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "error: policy-ifid-no-interface") &&
			      xt_contains(out, "fix: ") && xt_contains(out, "rc=1"),
		      "%s", out);
	free(out);
	out = xt_sh_out("%s -j doctor no-probe", XFRMIFCTL);
	ck_assert_msg(out[0] == '[' &&
			      xt_contains(out, "\"code\":\"policy-ifid-no-interface\","
					  "\"severity\":\"error\",\"objects\":[{"
					  "\"kind\":\"policy\""), "%s", out);
	free(out);
	out = xt_sh_out("%s show", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "belonging to no interface:\n  policy ") &&
			      xt_contains(out, "\n  policy out 10.0.1.0/24 -> "
					  "10.0.2.0/24 if_id 0x99"), "%s", out);
	free(out);
	out = xt_sh_out("%s -j show", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "{\"interfaces\":[],\"unattached_policies\":[{"
				  "\"index\":0,") && xt_contains(out, "\"unattached_sas\":[]"),
		      "%s", out);
	free(out);
	out = xt_sh_out("%s doctor bogus 2>&1; echo rc=$?", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "'bogus'") && xt_contains(out, "rc=2"), "%s", out);
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("doctor");
	TCase *tc = xt_tcase(s, "doctor", true);

	tcase_add_test(tc, empty_namespace_is_clean);
	tcase_add_test(tc, policy_ifid_no_interface);
	tcase_add_test(tc, tmpl_reqid_no_sa);
	tcase_add_test(tc, tmpl_no_sa);
	tcase_add_test(tc, policy_no_inbound);
	tcase_add_test(tc, kernel_missing_feature);
	tcase_add_test(tc, many_objects);
	tcase_add_test(tc, cli);
	return xt_run_suite(s);
}
