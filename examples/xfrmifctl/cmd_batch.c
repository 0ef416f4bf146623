/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrmifctl -batch FILE|-: one command per line in xfrmifctl's own syntax.
 * Lines that add, update or delete links, SAs and policies are queued into
 * a batch (the commands fill their objects as usual and queue instead of
 * executing); any other command first commits what is queued, so the file
 * runs in order. Blank lines and lines starting with '#' are skipped; words
 * may be quoted with '...' or "...".
 *
 * Every line is tried, whatever failed before; failures are printed with
 * their line numbers. Exit status: 0 when every line succeeded, else the
 * worst status of a line (1 failed, 2 usage error).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* getline */
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Queued items are committed at this count at the latest, to bound the
 * memory a long file needs. */
#define BATCH_MAX 65536

struct run {
	struct cli *c;
	unsigned *line_of; /* line number of each queued item */
	size_t cap;
	int status;
};

int cli_batch_split(char *s, char **argv, int max)
{
	int argc = 0;

	for (;;) {
		char *out;

		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (!*s || argc == max)
			break;
		argv[argc++] = out = s;
		while (*s && *s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') {
			if (*s == '\'' || *s == '"') {
				char q = *s++;
				while (*s && *s != q)
					*out++ = *s++;
				if (!*s)
					return -1;
				s++;
			} else {
				*out++ = *s++;
			}
		}
		if (*s)
			s++;
		*out = '\0';
	}
	return argc;
}

static bool batchable(int argc, char **argv)
{
	static const char *const objs[] = { "link", "sa", "policy" };
	static const char *const verbs[] = { "add", "update", "del", "delete" };

	if (argc < 2)
		return false;
	for (size_t o = 0; o < 3; o++) {
		if (strcmp(argv[0], objs[o]))
			continue;
		for (size_t v = 0; v < 4; v++)
			if (!strcmp(argv[1], verbs[v]))
				/* links have no update */
				return !(o == 0 && v == 1);
	}
	return false;
}

static void worse(struct run *r, int status)
{
	if (status > r->status)
		r->status = status;
}

/* Commits what is queued and reports each failed item by its line. */
static int flush(struct run *r)
{
	struct cli *c = r->c;
	int n = xfrmif_batch_count(c->batch);

	if (n <= 0)
		return 0;
	cli_set_line(0);
	xfrmif_batch_commit(c->batch, 0);
	for (int i = 0; i < n; i++) {
		const char *msg;
		int res = xfrmif_batch_result(c->batch, i, &msg);

		if (res >= 0)
			continue;
		fprintf(stderr, "xfrmifctl: line %u: %s", r->line_of[i],
			strerror(-res));
		if (*msg)
			fprintf(stderr, " (%s)", msg);
		fputc('\n', stderr);
		worse(r, EXIT_FAIL);
	}
	xfrmif_batch_free(c->batch);
	c->batch = NULL;
	if (xfrmif_batch_new(&c->batch, c->ctx) < 0) {
		fprintf(stderr, "xfrmifctl: out of memory\n");
		return -ENOMEM;
	}
	return 0;
}

/* Queues one batchable line, remembering its items' line number. */
static int queue_line(struct run *r, unsigned line, int argc, char **argv)
{
	struct cli *c = r->c;
	int before = xfrmif_batch_count(c->batch), after, rc;

	rc = cli_run(c, argc, argv);
	after = xfrmif_batch_count(c->batch);
	if ((size_t)after > r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 1024;
		unsigned *p;

		while (cap < (size_t)after)
			cap *= 2;
		p = realloc(r->line_of, cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		r->line_of = p;
		r->cap = cap;
	}
	for (int i = before; i < after; i++)
		r->line_of[i] = line;
	worse(r, rc);
	if (after >= BATCH_MAX)
		return flush(r);
	return 0;
}

static int run_file(struct run *r, FILE *f)
{
	struct cli *c = r->c;
	char *buf = NULL, *argv[256];
	size_t size = 0;
	unsigned line = 0;
	int argc, err = 0;

	while (!err && getline(&buf, &size, f) >= 0) {
		line++;
		argc = cli_batch_split(buf, argv, (int)(sizeof(argv) / sizeof(argv[0])));
		cli_set_line(line);
		if (argc < 0) {
			worse(r, cli_usage("unterminated quote"));
			continue;
		}
		if (argc == 0 || argv[0][0] == '#')
			continue;
		if (batchable(argc, argv)) {
			err = queue_line(r, line, argc, argv);
			continue;
		}
		/* Anything else runs now, after what came before it. */
		err = flush(r);
		if (err)
			break;
		xfrmif_batch *b = c->batch;
		c->batch = NULL;
		cli_set_line(line);
		int rc = cli_run(c, argc, argv);
		c->batch = b;
		worse(r, rc < 0 ? cli_usage("unknown command '%s'", argv[0]) : rc);
	}
	if (!err && ferror(f)) {
		cli_set_line(0);
		fprintf(stderr, "xfrmifctl: reading the batch file: %s\n",
			strerror(errno));
		worse(r, EXIT_FAIL);
	}
	free(buf);
	if (!err)
		err = flush(r);
	return err;
}

int cli_batch(struct cli *c, const char *path)
{
	struct run r = { .c = c };
	FILE *f;
	int err;

	f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		fprintf(stderr, "xfrmifctl: -batch: cannot open '%s': %s\n", path,
			strerror(errno));
		return EXIT_FAIL;
	}
	if (!cli_ctx(c) || xfrmif_batch_new(&c->batch, c->ctx) < 0) {
		if (f != stdin)
			fclose(f);
		return EXIT_FAIL;
	}
	err = run_file(&r, f);
	if (err) {
		cli_set_line(0);
		worse(&r, cli_fail(c, err, "-batch"));
	}
	if (f != stdin)
		fclose(f);
	xfrmif_batch_free(c->batch);
	c->batch = NULL;
	free(r.line_of);
	cli_set_line(0);
	return r.status;
}
