/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libFuzzer: xfrmifctl's argument parsers, driven the way -batch drives
 * them: each input line is split into words by -batch's own splitter
 * (quotes and all) and run as a link, sa, policy
 * or tunnel command with a batch attached, so adds, updates and deletes
 * are only parsed and queued (the batch is dropped uncommitted). Commands
 * that act at once (show, flush, tunnel ...) run in a network namespace of
 * the fuzzer's own, made at start-up; monitor is never run (it waits).
 * Needs root (the namespace).
 */

#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct cli cli;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int null = open("/dev/null", O_WRONLY);

	(void)argc;
	(void)argv;
	if (unshare(CLONE_NEWNET) < 0) {
		perror("fuzz-cli: unshare(CLONE_NEWNET) (needs root)");
		exit(1);
	}
	/* The commands print; the fuzzer's own output is on stderr, which
	 * stays. */
	dup2(null, STDOUT_FILENO);
	close(null);
	json_init(&cli.j, stdout);
	if (!cli_ctx(&cli))
		exit(1);
	return 0;
}

static int runnable(int argc, char **argv)
{
	static const char *const ok[] = { "link", "sa", "policy", "tunnel" };

	for (size_t i = 0; argc > 0 && i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!strcmp(argv[0], ok[i]))
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), *line, *save = NULL;
	char *argv[64];

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (xfrmif_batch_new(&cli.batch, cli.ctx) < 0) {
		free(text);
		return 0;
	}
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		int argc = cli_batch_split(line, argv, 63);

		if (argc < 0)
			continue; /* an unterminated quote: -batch reports it */
		argv[argc] = NULL;
		if (runnable(argc, argv))
			(void)cli_run(&cli, argc, argv);
	}
	xfrmif_batch_free(cli.batch);
	cli.batch = NULL;
	free(text);
	return 0;
}
