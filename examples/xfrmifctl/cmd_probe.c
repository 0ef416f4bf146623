/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xfrmifctl probe: which route-based IPsec features the kernel has. */
#include <stdio.h>

#include "cli.h"

static const uint32_t probe_bits[] = {
	XFRMIF_FEATURE_XFRM_INTERFACE, XFRMIF_FEATURE_XFRM_EXTERNAL,
	XFRMIF_FEATURE_VTI,            XFRMIF_FEATURE_VTI6,
	XFRMIF_FEATURE_ESP4,           XFRMIF_FEATURE_ESP6,
	XFRMIF_FEATURE_SA_DIR,
};

int cmd_probe(struct cli *c, int argc, char **argv)
{
	uint32_t features;
	size_t i;
	int r;

	if (argc > 0)
		return cli_usage("probe takes no arguments (got '%s')", argv[0]);
	if (!cli_ctx(c))
		return EXIT_FAIL;
	r = xfrmif_probe(c->ctx, &features);
	if (r < 0)
		return cli_fail(c, r, "probe");
	if (c->json) {
		json_object_begin(&c->j, NULL);
		for (i = 0; i < sizeof(probe_bits) / sizeof(probe_bits[0]); i++)
			json_bool(&c->j, xfrmif_feature_name(probe_bits[i]),
				  features & probe_bits[i]);
		json_object_end(&c->j);
		json_finish(&c->j);
		return EXIT_OK;
	}
	for (i = 0; i < sizeof(probe_bits) / sizeof(probe_bits[0]); i++) {
		uint32_t b = probe_bits[i];
		printf("%-24s %-4s", xfrmif_feature_name(b),
		       features & b ? "yes" : "no");
		if (!(features & b))
			printf("  (needs %s)", xfrmif_feature_kernel_option(b));
		putchar('\n');
	}
	return EXIT_OK;
}
