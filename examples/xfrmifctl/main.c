/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrmifctl: configure route-based IPsec through libxfrmif.
 * Built on the public API only, so it doubles as a worked example.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct {
	const char *name;
	cli_cmd_fn fn;
	const char *synopsis;
} commands[] = {
	{ "doctor", cmd_doctor,
	  "doctor [xfrm-netns NS] [no-probe]   (exit status 1 when it finds something)" },
	{ "link", cmd_link,
	  "link add NAME type xfrm if_id ID [dev DEV] [external]\n"
	  "  link add NAME type vti|vti6 local A remote B [key K | ikey K okey K]\n"
	  "           [dev DEV] [fwmark M]\n"
	  "  link del NAME\n"
	  "  link set NAME up|down|mtu N|netns NS\n"
	  "  link addr add|del PREFIX dev NAME\n"
	  "  link show [NAME]" },
	{ "monitor", cmd_monitor,
	  "monitor [acquire] [expire] [sa] [policy] [aevents] [report] [migrate]\n"
	  "          [mapping] [link] [all]   (all when none is named)" },
	{ "policy", cmd_policy,
	  "policy add|update SELECTOR dir in|out|fwd [if_id ID] [mark M[/MASK]]\n"
	  "         [priority N] [index N] [action allow|block] [flag localok|icmp]\n"
	  "         [ptype main|sub] [limit NAME N] [tmpl src A dst B proto esp|ah|comp\n"
	  "         [spi S] [reqid R] [mode transport|tunnel|beet] [level required|use]]...\n"
	  "    SELECTOR := src PFX dst PFX [proto P [sport N] [dport N] [type T code C]]\n"
	  "                [dev IFNAME]\n"
	  "  policy del|get SELECTOR dir D [if_id ID] [mark M[/MASK]] [ptype T]\n"
	  "  policy del|get index N [if_id ID] [mark M[/MASK]] [ptype T]\n"
	  "  policy show|flush [if_id ID] [dir D] [mark M[/MASK]] [action A] [ptype T]\n"
	  "  policy count\n"
	  "  policy set hthresh4|hthresh6 LBITS RBITS\n"
	  "  policy default [in|out|fwd allow|block]..." },
	{ "probe", cmd_probe, "probe" },
	{ "sa", cmd_sa, "sa add|update|del|get|show|flush|allocspi|info ..." },
	{ "show", cmd_show, "show [xfrm-netns NS]   (interfaces -> policies -> SAs)" },
	{ "tunnel", cmd_tunnel,
	  "tunnel up NAME (type xfrm if_id ID | type vti|vti6 (key K | ikey K okey K))\n"
	  "           local A remote B [dev D] out spi SPI ALGO in spi SPI ALGO\n"
	  "           [mode tunnel|transport] [reqid R] [replay-window N]\n"
	  "           [encap espinudp SPORT DPORT] [local-ts PFX]... [remote-ts PFX]...\n"
	  "           [address PFX]... [route PFX]... [link-netns NS]\n"
	  "    ALGO := aead NAME KEY ICV | enc NAME KEY auth-trunc NAME KEY BITS\n"
	  "  tunnel down NAME [link-netns NS]\n"
	  "  tunnel rekey NAME out spi SPI ALGO in spi SPI ALGO [phase in|out|retire]...\n"
	  "           [link-netns NS]\n"
	  "  tunnel show [NAME [link-netns NS]]" },
};

static void usage(FILE *out)
{
	fprintf(out, "usage: xfrmifctl [-n NETNS] [-j] COMMAND [ARGS...]\n"
		     "       xfrmifctl [-n NETNS] -batch FILE|-\n"
		     "       xfrmifctl --version | --help\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %s\n", commands[i].synopsis);
}

/* The -batch line being run: the program's one piece of mutable state
 * outside struct cli, because cli_usage() has no cli to read it from. */
static unsigned batch_line;

void cli_set_line(unsigned line)
{
	batch_line = line;
}

static void prefix(void)
{
	fputs("xfrmifctl: ", stderr);
	if (batch_line)
		fprintf(stderr, "line %u: ", batch_line);
}

int cli_usage(const char *fmt, ...)
{
	va_list ap;

	prefix();
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

int cli_fail(struct cli *c, int err, const char *what)
{
	const char *msg = c->ctx ? xfrmif_ctx_errmsg(c->ctx) : "";

	prefix();
	fprintf(stderr, "%s: %s", what, strerror(-err));
	if (msg && *msg)
		fprintf(stderr, " (%s)", msg);
	fputc('\n', stderr);
	return EXIT_FAIL;
}

static xfrmif_ctx *ctx_open(struct cli *c)
{
	char errbuf[512] = "";
	XFRMIF_OPTS(xfrmif_ctx_opts, opts, .netns_name = c->netns,
		    .errbuf = errbuf, .errbuf_size = sizeof(errbuf));
	int r;

	r = xfrmif_ctx_new(&c->ctx, &opts);
	if (r < 0) {
		fprintf(stderr, "xfrmifctl: cannot open the context: %s (%s)\n",
			strerror(-r), errbuf);
		return NULL;
	}
	return c->ctx;
}

xfrmif_ctx *cli_ctx(struct cli *c)
{
	/* Asked for on every -batch line: the opened context is returned
	 * before any work. */
	return c->ctx ? c->ctx : ctx_open(c);
}

int cli_run(struct cli *c, int argc, char **argv)
{
	for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]); k++)
		if (!strcmp(argv[0], commands[k].name))
			return commands[k].fn(c, argc - 1, argv + 1);
	return -1;
}

int main(int argc, char **argv)
{
	struct cli c = { 0 };
	const char *batch = NULL;
	int i, rc;

	json_init(&c.j, stdout);
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
			printf("xfrmifctl %s\n", xfrmif_version());
			return EXIT_OK;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(a, "-j") || !strcmp(a, "-json")) {
			c.json = true;
		} else if (!strcmp(a, "-n") || !strcmp(a, "-netns")) {
			if (++i >= argc)
				return cli_usage("%s needs a namespace name", a);
			c.netns = argv[i];
		} else if (!strcmp(a, "-b") || !strcmp(a, "-batch")) {
			if (++i >= argc)
				return cli_usage("%s needs a file name (or - for "
						 "standard input)", a);
			batch = argv[i];
		} else {
			return cli_usage("unknown option '%s' (try --help)", a);
		}
	}
	if (batch) {
		if (i < argc)
			return cli_usage("-batch takes no command (got '%s')",
					 argv[i]);
		rc = cli_batch(&c, batch);
		xfrmif_ctx_unref(c.ctx);
		return rc;
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	rc = cli_run(&c, argc - i, argv + i);
	if (rc < 0)
		rc = cli_usage("unknown command '%s' (try --help)", argv[i]);
	xfrmif_ctx_unref(c.ctx);
	return rc;
}
