/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xfrmifctl: shared state of one invocation and the command table. */
#ifndef XFRMIFCTL_CLI_H
#define XFRMIFCTL_CLI_H

#include <stdbool.h>

#include <libxfrmif/xfrmif.h>

#include "json.h"

/* Exit statuses: 0 success, 1 the operation failed (or doctor found
 * something), 2 the command line was wrong. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

struct cli {
	const char *netns; /* -n NAME, or NULL */
	bool json;         /* -j */
	xfrmif_ctx *ctx;   /* opened on first use by cli_ctx() */
	struct json j;
};

/* Opens the context on first use (commands that only parse need none). */
xfrmif_ctx *cli_ctx(struct cli *c);

/* Reports a failed library call on stderr with the context's errmsg and
 * returns EXIT_FAIL. */
int cli_fail(struct cli *c, int err, const char *what);

/* Reports a command-line mistake on stderr and returns EXIT_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

typedef int (*cli_cmd_fn)(struct cli *c, int argc, char **argv);

int cmd_link(struct cli *c, int argc, char **argv);
int cmd_policy(struct cli *c, int argc, char **argv);
int cmd_probe(struct cli *c, int argc, char **argv);
int cmd_sa(struct cli *c, int argc, char **argv);
int cmd_tunnel(struct cli *c, int argc, char **argv);

#endif
