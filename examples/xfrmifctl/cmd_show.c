/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrmifctl show: the association tree, interface -> policies -> SAs with
 * their counters, then what belongs to no interface.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmd_inspect.h"

int cli_inspect(struct cli *c, int argc, char **argv, const char *cmd,
		xfrmif_inspect **in, struct cli_inspect_args *a)
{
	XFRMIF_OPTS(xfrmif_ctx_opts, xo, .netns_name = NULL);
	XFRMIF_OPTS(xfrmif_inspect_opts, io, .xfrm_ctx = NULL);
	bool allow_no_probe = a->allow_no_probe;
	int r;

	memset(a, 0, sizeof(*a));
	a->allow_no_probe = allow_no_probe;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "xfrm-netns") && i + 1 < argc)
			a->xfrm_netns = argv[++i];
		else if (a->allow_no_probe && !strcmp(argv[i], "no-probe"))
			a->no_probe = true;
		else
			return cli_usage("%s: unexpected '%s'", cmd, argv[i]);
	}
	if (!cli_ctx(c))
		return EXIT_FAIL;
	if (a->xfrm_netns) {
		xo.netns_name = a->xfrm_netns;
		r = xfrmif_ctx_new(&a->xctx, &xo);
		if (r < 0) {
			fprintf(stderr, "xfrmifctl: %s: namespace '%s': %s\n", cmd,
				a->xfrm_netns, strerror(-r));
			return EXIT_FAIL;
		}
		io.xfrm_ctx = a->xctx;
	}
	r = xfrmif_inspect_new(in, c->ctx, &io);
	if (r < 0) {
		if (a->xctx && *xfrmif_ctx_errmsg(a->xctx))
			fprintf(stderr, "xfrmifctl: %s: %s (%s)\n", cmd,
				strerror(-r), xfrmif_ctx_errmsg(a->xctx));
		else
			cli_fail(c, r, cmd);
		a->xctx = xfrmif_ctx_unref(a->xctx);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

const char *cli_kind_word(uint32_t kind)
{
	return kind == XFRMIF_INSPECT_LINK ? "interface" :
	       kind == XFRMIF_INSPECT_POLICY ? "policy" : "sa";
}

static void describe(const xfrmif_inspect *in, uint32_t kind, uint32_t idx,
		     char *buf, size_t size)
{
	if (xfrmif_inspect_describe(in, kind, idx, buf, size) < 0)
		snprintf(buf, size, "?");
}

static void sa_counters(const xfrmif_sa *sa, uint64_t v[4])
{
	static const int which[4] = { XFRMIF_SA_CUR_BYTES, XFRMIF_SA_CUR_PACKETS,
				      XFRMIF_SA_STATS_REPLAY,
				      XFRMIF_SA_STATS_INTEGRITY };

	for (int i = 0; i < 4; i++)
		if (xfrmif_sa_get_counter(sa, which[i], &v[i]) < 0)
			v[i] = 0;
}

static void text_sa(const xfrmif_inspect *in, uint32_t si, const char *indent)
{
	const xfrmif_sa *sa;
	char d[256];
	uint64_t v[4];

	xfrmif_inspect_get_sa(in, si, &sa);
	describe(in, XFRMIF_INSPECT_SA, si, d, sizeof(d));
	sa_counters(sa, v);
	printf("%s%s\n%s  %llu bytes, %llu packets, %llu replay errors, "
	       "%llu integrity errors\n", indent, d, indent,
	       (unsigned long long)v[0], (unsigned long long)v[1],
	       (unsigned long long)v[2], (unsigned long long)v[3]);
}

static void json_sa(struct json *j, const xfrmif_inspect *in, uint32_t si)
{
	const xfrmif_sa *sa;
	char d[256], a[INET6_ADDRSTRLEN];
	unsigned char buf[16];
	uint64_t v[4];
	uint32_t u;
	uint8_t p;
	int fam;

	xfrmif_inspect_get_sa(in, si, &sa);
	describe(in, XFRMIF_INSPECT_SA, si, d, sizeof(d));
	sa_counters(sa, v);
	json_object_begin(j, NULL);
	json_uint(j, "index", si);
	json_string(j, "description", d);
	if (!xfrmif_sa_get_proto(sa, &p))
		json_uint(j, "proto", p);
	if (!xfrmif_sa_get_spi(sa, &u))
		json_uint(j, "spi", u);
	if (!xfrmif_sa_get_src(sa, &fam, buf) && inet_ntop(fam, buf, a, sizeof(a)))
		json_string(j, "src", a);
	if (!xfrmif_sa_get_dst(sa, &fam, buf) && inet_ntop(fam, buf, a, sizeof(a)))
		json_string(j, "dst", a);
	json_uint(j, "bytes", v[0]);
	json_uint(j, "packets", v[1]);
	json_uint(j, "replay_errors", v[2]);
	json_uint(j, "integrity_errors", v[3]);
	json_object_end(j);
}

/* The SAs a policy's templates resolve to, each once (marked in seen). */
static void policy_sas(const xfrmif_inspect *in, uint32_t pi, char *seen,
		       void (*fn)(uint32_t si, void *arg), void *arg)
{
	const xfrmif_policy *p;
	const uint32_t *v;
	int nt, n;

	xfrmif_inspect_get_policy(in, pi, &p);
	nt = xfrmif_policy_get_tmpl_count(p);
	for (int t = 0; t < nt; t++) {
		n = xfrmif_inspect_tmpl_sas(in, pi, (uint32_t)t, &v);
		for (int k = 0; k < n; k++)
			if (!seen[v[k]]) {
				seen[v[k]] = 1;
				fn(v[k], arg);
			}
	}
}

struct walk {
	struct cli *c;
	const xfrmif_inspect *in;
	const char *indent;
};

static void walk_sa(uint32_t si, void *arg)
{
	struct walk *w = arg;

	if (w->c->json)
		json_sa(&w->c->j, w->in, si);
	else
		text_sa(w->in, si, w->indent);
}

static void show_policy(struct walk *w, uint32_t pi, char *seen)
{
	char d[256];

	describe(w->in, XFRMIF_INSPECT_POLICY, pi, d, sizeof(d));
	memset(seen, 0, (size_t)xfrmif_inspect_count(w->in, XFRMIF_INSPECT_SA) + 1);
	if (w->c->json) {
		json_object_begin(&w->c->j, NULL);
		json_uint(&w->c->j, "index", pi);
		json_string(&w->c->j, "description", d);
		json_array_begin(&w->c->j, "sas");
		policy_sas(w->in, pi, seen, walk_sa, w);
		json_array_end(&w->c->j);
		json_object_end(&w->c->j);
		return;
	}
	printf("%s%s\n", w->indent, d);
	w->indent = "      ";
	policy_sas(w->in, pi, seen, walk_sa, w);
	w->indent = "    ";
}

static void show_link(struct walk *w, uint32_t li, char *seen, char *done)
{
	const uint32_t *pv, *sv;
	int np = xfrmif_inspect_policies_of(w->in, XFRMIF_INSPECT_LINK, li, &pv);
	int ns = xfrmif_inspect_sas_of(w->in, XFRMIF_INSPECT_LINK, li, &sv);
	int nsa = xfrmif_inspect_count(w->in, XFRMIF_INSPECT_SA);
	const xfrmif_link *l;
	char d[256];
	bool other = false;

	xfrmif_inspect_get_link(w->in, li, &l);
	describe(w->in, XFRMIF_INSPECT_LINK, li, d, sizeof(d));
	/* done: the interface's SAs that some policy of it reached */
	memset(done, 0, (size_t)nsa + 1);
	if (w->c->json) {
		json_object_begin(&w->c->j, NULL);
		json_uint(&w->c->j, "index", li);
		json_string(&w->c->j, "name", xfrmif_link_get_name(l));
		json_string(&w->c->j, "kind", xfrmif_link_get_kind_name(l));
		json_string(&w->c->j, "description", d);
		json_array_begin(&w->c->j, "policies");
	} else {
		printf("%s\n", d);
	}
	for (int k = 0; k < np; k++) {
		w->indent = "  ";
		show_policy(w, pv[k], seen);
		for (int s = 0; s < nsa; s++)
			done[s] |= seen[s];
	}
	if (w->c->json) {
		json_array_end(&w->c->j);
		json_array_begin(&w->c->j, "other_sas");
	}
	w->indent = "    ";
	for (int k = 0; k < ns; k++) {
		if (done[sv[k]])
			continue;
		if (!w->c->json && !other)
			printf("  SAs no policy of it uses:\n");
		other = true;
		walk_sa(sv[k], w);
	}
	if (w->c->json) {
		json_array_end(&w->c->j);
		json_object_end(&w->c->j);
	}
}

/* Whether object @i of @kind belongs to no interface. If so, readies
 * the text output for it: the heading before the first one (*head
 * remembers it is printed) and the indent. */
static bool unattached(struct walk *w, uint32_t kind, int i, bool *head)
{
	const uint32_t *v;

	if (xfrmif_inspect_links_of(w->in, kind, (uint32_t)i, &v) != 0)
		return false;
	if (!w->c->json && !*head)
		printf("belonging to no interface:\n");
	*head = true;
	w->indent = "  ";
	return true;
}

static void show_unattached(struct walk *w, char *seen)
{
	int np = xfrmif_inspect_count(w->in, XFRMIF_INSPECT_POLICY);
	int ns = xfrmif_inspect_count(w->in, XFRMIF_INSPECT_SA);
	bool head = false;

	if (w->c->json)
		json_array_begin(&w->c->j, "unattached_policies");
	for (int i = 0; i < np; i++)
		if (unattached(w, XFRMIF_INSPECT_POLICY, i, &head))
			show_policy(w, (uint32_t)i, seen);
	if (w->c->json) {
		json_array_end(&w->c->j);
		json_array_begin(&w->c->j, "unattached_sas");
	}
	for (int i = 0; i < ns; i++)
		if (unattached(w, XFRMIF_INSPECT_SA, i, &head))
			walk_sa((uint32_t)i, w);
	if (w->c->json)
		json_array_end(&w->c->j);
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	struct cli_inspect_args a = { 0 };
	xfrmif_inspect *in = NULL;
	struct walk w = { .c = c };
	char *seen, *done;
	int rc, nl, ns;

	rc = cli_inspect(c, argc, argv, "show", &in, &a);
	if (rc != EXIT_OK)
		return rc;
	w.in = in;
	nl = xfrmif_inspect_count(in, XFRMIF_INSPECT_LINK);
	ns = xfrmif_inspect_count(in, XFRMIF_INSPECT_SA);
	seen = calloc((size_t)ns + 1, 1);
	done = calloc((size_t)ns + 1, 1);
	if (!seen || !done) {
		rc = cli_fail(c, -ENOMEM, "show");
		goto out;
	}
	if (c->json) {
		json_object_begin(&c->j, NULL);
		json_array_begin(&c->j, "interfaces");
	}
	for (int i = 0; i < nl; i++)
		show_link(&w, (uint32_t)i, seen, done);
	if (c->json)
		json_array_end(&c->j);
	show_unattached(&w, seen);
	if (c->json) {
		json_object_end(&c->j);
		json_finish(&c->j);
	}
out:
	free(seen);
	free(done);
	xfrmif_inspect_free(in);
	xfrmif_ctx_unref(a.xctx);
	return rc;
}
