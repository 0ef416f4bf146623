/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xfrmifctl show and doctor: reading the inspection both start from. */
#ifndef XFRMIFCTL_CMD_INSPECT_H
#define XFRMIFCTL_CMD_INSPECT_H

#include <stdbool.h>

#include "cli.h"

struct cli_inspect_args {
	bool allow_no_probe;    /* in: accept the word no-probe (doctor) */
	bool no_probe;          /* out: it was given */
	const char *xfrm_netns; /* out: xfrm-netns NAME */
	xfrmif_ctx *xctx;       /* out: that namespace's context (unref it) */
};

/*
 * Parses `[xfrm-netns NAME] [no-probe]` and reads the inspection: the
 * interfaces through the CLI's context, SAs and policies through NAME's
 * when given. Returns EXIT_OK, EXIT_FAIL or EXIT_USAGE (message printed).
 * allow_no_probe is read from *a before it is cleared.
 */
int cli_inspect(struct cli *c, int argc, char **argv, const char *cmd,
		xfrmif_inspect **in, struct cli_inspect_args *a);

/* "interface", "policy" or "sa" for an enum xfrmif_inspect_kind. */
const char *cli_kind_word(uint32_t kind);

#endif
