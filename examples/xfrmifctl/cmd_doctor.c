/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrmifctl doctor: the findings of the library's doctor. Exit status 0
 * when there are none, 1 when there are (or the check failed).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd_inspect.h"

static void print_finding(struct cli *c, const xfrmif_inspect *in,
			  const xfrmif_finding *f)
{
	int n = xfrmif_finding_object_count(f);
	uint32_t kind, idx;
	char d[256];

	if (c->json) {
		json_object_begin(&c->j, NULL);
		json_string(&c->j, "code", xfrmif_finding_code(f));
		json_string(&c->j, "severity",
			    xfrmif_severity_name(xfrmif_finding_severity(f)));
		json_array_begin(&c->j, "objects");
	} else {
		printf("%s: %s\n",
		       xfrmif_severity_name(xfrmif_finding_severity(f)),
		       xfrmif_finding_code(f));
	}
	for (int i = 0; i < n; i++) {
		if (xfrmif_finding_get_object(f, (uint32_t)i, &kind, &idx) < 0 ||
		    xfrmif_inspect_describe(in, kind, idx, d, sizeof(d)) < 0)
			continue;
		if (c->json) {
			json_object_begin(&c->j, NULL);
			json_string(&c->j, "kind", cli_kind_word(kind));
			json_uint(&c->j, "index", idx);
			json_string(&c->j, "description", d);
			json_object_end(&c->j);
		} else {
			printf("  %s\n", d);
		}
	}
	if (c->json) {
		json_array_end(&c->j);
		json_string(&c->j, "explanation", xfrmif_finding_explanation(f));
		json_string(&c->j, "fix", xfrmif_finding_fix(f));
		json_object_end(&c->j);
	} else {
		printf("  %s\n  fix: %s\n", xfrmif_finding_explanation(f),
		       xfrmif_finding_fix(f));
	}
}

int cmd_doctor(struct cli *c, int argc, char **argv)
{
	struct cli_inspect_args a = { .allow_no_probe = true };
	XFRMIF_OPTS(xfrmif_doctor_opts, o, .flags = 0);
	xfrmif_inspect *in = NULL;
	xfrmif_doctor *d = NULL;
	const xfrmif_finding *f;
	int rc, r, n;

	rc = cli_inspect(c, argc, argv, "doctor", &in, &a);
	if (rc != EXIT_OK)
		return rc;
	if (a.no_probe)
		o.flags |= XFRMIF_DOCTOR_NO_PROBE;
	/* Features are probed where the SAs and policies live. */
	r = xfrmif_doctor_run(&d, a.xctx ? a.xctx : c->ctx, in, &o);
	if (r < 0) {
		rc = cli_fail(c, r, "doctor");
		goto out;
	}
	n = xfrmif_doctor_count(d);
	if (c->json)
		json_array_begin(&c->j, NULL);
	for (int i = 0; i < n; i++) {
		if (xfrmif_doctor_get(d, (uint32_t)i, &f) < 0)
			continue;
		if (!c->json && i)
			putchar('\n');
		print_finding(c, in, f);
	}
	if (c->json) {
		json_array_end(&c->j);
		json_finish(&c->j);
	} else if (!n) {
		printf("no findings\n");
	}
	rc = n ? EXIT_FAIL : EXIT_OK;
out:
	xfrmif_doctor_free(d);
	xfrmif_inspect_free(in);
	xfrmif_ctx_unref(a.xctx);
	return rc;
}
