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
	/* Set while -batch runs a batchable line: add/update/del commands
	 * queue into it instead of executing. */
	xfrmif_batch *batch;
	struct json j;
};

/* Opens the context on first use (commands that only parse need none). */
xfrmif_ctx *cli_ctx(struct cli *c);

/* Reports a failed library call on stderr with the context's errmsg and
 * returns EXIT_FAIL. */
int cli_fail(struct cli *c, int err, const char *what);

/* Reports a command-line mistake on stderr and returns EXIT_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Messages of cli_fail and cli_usage name this -batch line (0: none). */
void cli_set_line(unsigned line);

typedef int (*cli_cmd_fn)(struct cli *c, int argc, char **argv);

int cmd_doctor(struct cli *c, int argc, char **argv);
/* Runs one command line (argv[0] is the command); -1 when there is no
 * such command. */
int cli_run(struct cli *c, int argc, char **argv);

/* xfrmifctl -batch FILE|-: one command per line, through the batch API. */
int cli_batch(struct cli *c, const char *path);

/* Splits a -batch line into words in place ('...' and "..." quote).
 * Returns the word count, or -1 for an unterminated quote. */
int cli_batch_split(char *s, char **argv, int max);

int cmd_link(struct cli *c, int argc, char **argv);
int cmd_monitor(struct cli *c, int argc, char **argv);
int cmd_policy(struct cli *c, int argc, char **argv);
int cmd_probe(struct cli *c, int argc, char **argv);
int cmd_sa(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_tunnel(struct cli *c, int argc, char **argv);

#endif
