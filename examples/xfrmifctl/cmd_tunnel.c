/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrmifctl tunnel up|down|rekey|show: whole route-based tunnels (an xfrm
 * interface or VTI with its two SAs and in/out/fwd policies) in one call.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_sa.h"
#include "parse.h"

#define BAD(kw, val) cli_usage("invalid %s '%s'", kw, val)

static bool is_alg(const char *w)
{
	return w && (!strcmp(w, "aead") || !strcmp(w, "enc") ||
		     !strcmp(w, "auth") || !strcmp(w, "auth-trunc") ||
		     !strcmp(w, "comp"));
}

/* `out|in spi SPI ALGO...` after the direction word: into sa. */
static int parse_sa_words(int argc, char **argv, int *i, xfrmif_sa *sa)
{
	uint32_t spi;
	int r;

	if (*i + 1 >= argc || strcmp(argv[*i], "spi"))
		return cli_usage("'%s' needs 'spi SPI ALGO'", argv[*i - 1]);
	if (!cli_parse_u32(argv[*i + 1], &spi))
		return BAD("spi", argv[*i + 1]);
	xfrmif_sa_set_spi(sa, spi);
	*i += 2;
	if (!is_alg(*i < argc ? argv[*i] : NULL))
		return cli_usage("spi %s: an algorithm (aead ... | enc ... "
				 "auth-trunc ...) must follow", argv[*i - 1]);
	while (*i < argc && is_alg(argv[*i]))
		if ((r = sa_parse_alg_words(argc, argv, i, sa)))
			return r;
	return 0;
}

static const char *need(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		cli_usage("'%s' needs an argument", argv[*i]);
		return NULL;
	}
	*i += 1;
	return argv[*i];
}

struct up_args {
	xfrmif_tunnel *t;
	xfrmif_sa *sa[2];
	bool have_sa[2];
	bool encap;
	uint32_t sport, dport, window;
};

/* A prefix for one of the tunnel's lists. */
static int add_pfx(xfrmif_tunnel *t, const char *kw, const char *v)
{
	unsigned char a[16];
	uint8_t plen;
	int fam;

	if (!cli_parse_prefix(v, &fam, a, &plen))
		return BAD(kw, v);
	if (!strcmp(kw, "local-ts"))
		xfrmif_tunnel_add_ts(t, XFRMIF_TUNNEL_LOCAL, fam, a, plen);
	else if (!strcmp(kw, "remote-ts"))
		xfrmif_tunnel_add_ts(t, XFRMIF_TUNNEL_REMOTE, fam, a, plen);
	else if (!strcmp(kw, "address"))
		xfrmif_tunnel_add_address(t, fam, a, plen);
	else
		xfrmif_tunnel_add_route(t, fam, a, plen);
	return 0;
}

/* One keyword (with its arguments) of `tunnel up`. Returns 0, EXIT_USAGE,
 * or -1 when the word is not one of ours. */
static int parse_up_word(struct up_args *u, int argc, char **argv, int *i)
{
	const char *w = argv[*i], *v;
	unsigned char a[16];
	uint32_t n;
	int fam;

	if (!strcmp(w, "out") || !strcmp(w, "in")) {
		int d = w[0] == 'i';
		*i += 1;
		u->have_sa[d] = true;
		int r = parse_sa_words(argc, argv, i, u->sa[d]);
		*i -= 1; /* the caller steps past the last word */
		return r;
	}
	if (!strcmp(w, "encap")) {
		if (*i + 3 >= argc || strcmp(argv[*i + 1], "espinudp"))
			return cli_usage("encap needs 'espinudp SPORT DPORT'");
		if (!cli_parse_u32(argv[*i + 2], &u->sport) || u->sport > 65535)
			return BAD("encap sport", argv[*i + 2]);
		if (!cli_parse_u32(argv[*i + 3], &u->dport) || u->dport > 65535)
			return BAD("encap dport", argv[*i + 3]);
		u->encap = true;
		*i += 3;
		return 0;
	}
	if (!strcmp(w, "local-ts") || !strcmp(w, "remote-ts") ||
	    !strcmp(w, "address") || !strcmp(w, "route"))
		return (v = need(argc, argv, i)) ? add_pfx(u->t, w, v) : EXIT_USAGE;
	if (!(v = need(argc, argv, i)))
		return EXIT_USAGE;
	if (!strcmp(w, "type")) {
		uint32_t k = xfrmif_link_kind_from_name(v);
		if (!k)
			return BAD("type", v);
		xfrmif_tunnel_set_kind(u->t, k);
	} else if (!strcmp(w, "local") || !strcmp(w, "remote")) {
		if (!cli_parse_addr(v, &fam, a))
			return BAD(w, v);
		if (w[0] == 'l')
			xfrmif_tunnel_set_local(u->t, fam, a);
		else
			xfrmif_tunnel_set_remote(u->t, fam, a);
	} else if (!strcmp(w, "mode")) {
		if (strcmp(v, "tunnel") && strcmp(v, "transport"))
			return BAD("mode", v);
		xfrmif_tunnel_set_mode(u->t, v[1] == 'u' ? XFRMIF_SA_MODE_TUNNEL :
						   XFRMIF_SA_MODE_TRANSPORT);
	} else if (!strcmp(w, "dev")) {
		xfrmif_tunnel_set_dev(u->t, v);
	} else if (!strcmp(w, "link-netns")) {
		xfrmif_tunnel_set_link_netns(u->t, v);
	} else {
		if (!cli_parse_u32(v, &n))
			return BAD(w, v);
		if (!strcmp(w, "if_id"))
			xfrmif_tunnel_set_if_id(u->t, n);
		else if (!strcmp(w, "key"))
			xfrmif_tunnel_set_key(u->t, n);
		else if (!strcmp(w, "ikey"))
			xfrmif_tunnel_set_ikey(u->t, n);
		else if (!strcmp(w, "okey"))
			xfrmif_tunnel_set_okey(u->t, n);
		else if (!strcmp(w, "reqid"))
			xfrmif_tunnel_set_reqid(u->t, n);
		else if (!strcmp(w, "replay-window"))
			u->window = n;
		else {
			*i -= 1;
			return -1;
		}
	}
	return 0;
}

/* Parses the words after NAME for up (and, with only_sas, for rekey). */
static int parse_up(struct up_args *u, int argc, char **argv, int from)
{
	int r;

	u->window = 32;
	for (int i = from; i < argc; i++) {
		r = parse_up_word(u, argc, argv, &i);
		if (r < 0)
			return cli_usage("unknown word '%s'", argv[i]);
		if (r)
			return r;
	}
	for (int d = 0; d < 2; d++) {
		xfrmif_sa_set_replay_window(u->sa[d], u->window);
		/* The in SA comes from the peer: its ports are reversed. */
		if (u->encap)
			xfrmif_sa_set_encap(u->sa[d], XFRMIF_SA_ENCAP_ESPINUDP,
					    (uint16_t)(d ? u->dport : u->sport),
					    (uint16_t)(d ? u->sport : u->dport),
					    0, NULL);
	}
	return 0;
}

static int up_args_init(struct up_args *u)
{
	memset(u, 0, sizeof(*u));
	if (xfrmif_tunnel_new(&u->t) < 0 || xfrmif_sa_new(&u->sa[0]) < 0 ||
	    xfrmif_sa_new(&u->sa[1]) < 0)
		return -1;
	return 0;
}

static void up_args_free(struct up_args *u)
{
	xfrmif_tunnel_free(u->t);
	xfrmif_sa_free(u->sa[0]);
	xfrmif_sa_free(u->sa[1]);
}

static int do_up(struct cli *c, int argc, char **argv)
{
	struct up_args u;
	int r;

	if (argc < 1)
		return cli_usage("tunnel up needs NAME");
	if (up_args_init(&u) < 0)
		return cli_fail(c, -ENOMEM, "tunnel up");
	xfrmif_tunnel_set_name(u.t, argv[0]);
	r = parse_up(&u, argc, argv, 1);
	if (!r && (!u.have_sa[0] || !u.have_sa[1]))
		r = cli_usage("tunnel up needs 'out spi SPI ALGO' and "
			      "'in spi SPI ALGO'");
	if (!r) {
		xfrmif_tunnel_set_sa(u.t, XFRMIF_TUNNEL_OUT, u.sa[0]);
		xfrmif_tunnel_set_sa(u.t, XFRMIF_TUNNEL_IN, u.sa[1]);
		r = cli_ctx(c) ? xfrmif_tunnel_up(c->ctx, u.t) : -EINVAL;
		r = r < 0 ? cli_fail(c, r, "tunnel up") : EXIT_OK;
	}
	up_args_free(&u);
	return r;
}

/* NAME [link-netns NS] into a key tunnel. */
static int parse_key(xfrmif_tunnel *t, int argc, char **argv, int from)
{
	for (int i = from; i < argc; i++) {
		if (strcmp(argv[i], "link-netns") || i + 1 >= argc)
			return cli_usage("unknown word '%s'", argv[i]);
		xfrmif_tunnel_set_link_netns(t, argv[++i]);
	}
	return 0;
}

static int do_down(struct cli *c, int argc, char **argv)
{
	xfrmif_tunnel *t;
	int r;

	if (argc < 1)
		return cli_usage("tunnel down needs NAME");
	if (xfrmif_tunnel_new(&t) < 0)
		return cli_fail(c, -ENOMEM, "tunnel down");
	xfrmif_tunnel_set_name(t, argv[0]);
	r = parse_key(t, argc, argv, 1);
	if (!r) {
		r = cli_ctx(c) ? xfrmif_tunnel_down(c->ctx, t) : -EINVAL;
		r = r < 0 ? cli_fail(c, r, "tunnel down") : EXIT_OK;
	}
	xfrmif_tunnel_free(t);
	return r;
}

static int rekey_phase(const char *v, uint32_t *flags)
{
	if (!strcmp(v, "in"))
		*flags |= XFRMIF_TUNNEL_REKEY_IN;
	else if (!strcmp(v, "out"))
		*flags |= XFRMIF_TUNNEL_REKEY_OUT;
	else if (!strcmp(v, "retire"))
		*flags |= XFRMIF_TUNNEL_REKEY_RETIRE;
	else
		return BAD("phase", v);
	return 0;
}

static int do_rekey(struct cli *c, int argc, char **argv)
{
	struct up_args u;
	xfrmif_tunnel *cur = NULL;
	uint32_t flags = 0;
	int r = 0;

	if (argc < 1)
		return cli_usage("tunnel rekey needs NAME");
	if (up_args_init(&u) < 0)
		return cli_fail(c, -ENOMEM, "tunnel rekey");
	xfrmif_tunnel_set_name(u.t, argv[0]);
	for (int i = 1; i < argc && !r; i++) {
		const char *w = argv[i];
		if (!strcmp(w, "phase") && i + 1 < argc)
			r = rekey_phase(argv[++i], &flags);
		else if (!strcmp(w, "link-netns") && i + 1 < argc)
			xfrmif_tunnel_set_link_netns(u.t, argv[++i]);
		else if (!strcmp(w, "out") || !strcmp(w, "in")) {
			r = parse_up_word(&u, argc, argv, &i);
		} else
			r = cli_usage("unknown word '%s'", w);
	}
	if (!r && !cli_ctx(c))
		r = EXIT_FAIL;
	if (!r) {
		int e = xfrmif_tunnel_get(&cur, c->ctx, u.t);
		for (int d = 0; !e && d < 2; d++) {
			const xfrmif_sa *old;
			uint16_t et, sp, dp;
			uint32_t w = 32;
			int oaf;
			unsigned char oa[16];
			/* Keep what the old SAs had besides keys and SPI. */
			if (xfrmif_tunnel_get_sa(cur, d, &old) < 0)
				continue;
			xfrmif_sa_get_replay_window(old, &w);
			xfrmif_sa_set_replay_window(u.sa[d], w);
			if (!xfrmif_sa_get_encap(old, &et, &sp, &dp, &oaf, oa))
				xfrmif_sa_set_encap(u.sa[d], et, sp, dp, 0, NULL);
		}
		e = e ?: xfrmif_tunnel_rekey(c->ctx, cur,
					     u.have_sa[0] ? u.sa[0] : NULL,
					     u.have_sa[1] ? u.sa[1] : NULL, flags);
		r = e < 0 ? cli_fail(c, e, "tunnel rekey") : EXIT_OK;
	}
	xfrmif_tunnel_free(cur);
	up_args_free(&u);
	return r;
}

static const char *ntop(int fam, const void *a, char *buf)
{
	if (!inet_ntop(fam, a, buf, INET6_ADDRSTRLEN))
		strcpy(buf, "?");
	return buf;
}

static void print_ts(struct cli *c, const xfrmif_tunnel *t, int side)
{
	const char *key = side == XFRMIF_TUNNEL_LOCAL ? "local_ts" : "remote_ts";
	int n = xfrmif_tunnel_get_ts_count(t, side);
	char buf[INET6_ADDRSTRLEN], pfx[INET6_ADDRSTRLEN + 8];
	unsigned char a[16];
	uint8_t plen;
	int fam;

	if (c->json)
		json_array_begin(&c->j, key);
	else if (n > 0)
		printf("\t%s", side == XFRMIF_TUNNEL_LOCAL ? "local-ts" :
							   "remote-ts");
	for (int i = 0; i < n; i++) {
		xfrmif_tunnel_get_ts(t, side, (unsigned)i, &fam, a, &plen);
		snprintf(pfx, sizeof(pfx), "%s/%u", ntop(fam, a, buf), plen);
		if (c->json)
			json_string(&c->j, NULL, pfx);
		else
			printf(" %s", pfx);
	}
	if (c->json)
		json_array_end(&c->j);
	else if (n > 0)
		putchar('\n');
}

static void print_policies(struct cli *c, const xfrmif_tunnel *t)
{
	static const char *const dirs[] = { "in", "out", "fwd" };
	char b1[INET6_ADDRSTRLEN], b2[INET6_ADDRSTRLEN];
	int n = xfrmif_tunnel_get_policy_count(t);

	if (c->json)
		json_array_begin(&c->j, "policies");
	for (int i = 0; i < n; i++) {
		const xfrmif_policy *p;
		unsigned char s[16], d[16];
		uint8_t sl = 0, dl = 0;
		int fam = 0, dir = 0;

		xfrmif_tunnel_get_policy(t, (unsigned)i, &p);
		xfrmif_policy_get_dir(p, &dir);
		memset(s, 0, sizeof(s));
		memset(d, 0, sizeof(d));
		if (xfrmif_policy_get_src(p, &fam, s, &sl) < 0 ||
		    xfrmif_policy_get_dst(p, &fam, d, &dl) < 0)
			fam = xfrmif_policy_get_family(p);
		ntop(fam, s, b1);
		ntop(fam, d, b2);
		if (c->json) {
			json_object_begin(&c->j, NULL);
			json_string(&c->j, "dir", dirs[dir % 3]);
			json_string(&c->j, "src", b1);
			json_uint(&c->j, "src_len", sl);
			json_string(&c->j, "dst", b2);
			json_uint(&c->j, "dst_len", dl);
			json_object_end(&c->j);
		} else {
			printf("\tpolicy dir %s src %s/%u dst %s/%u\n",
			       dirs[dir % 3], b1, sl, b2, dl);
		}
	}
	if (c->json)
		json_array_end(&c->j);
}

static int show_one(const xfrmif_tunnel *t, void *arg)
{
	struct cli *c = arg;
	char b1[INET6_ADDRSTRLEN], b2[INET6_ADDRSTRLEN];
	unsigned char l[16], r[16];
	const xfrmif_link *link = NULL;
	uint32_t kind = 0, v = 0, ifindex = 0, reqid = 0;
	int fam = 0, up = 0;
	uint8_t mode = 0;
	const char *ns = xfrmif_tunnel_get_link_netns(t);

	xfrmif_tunnel_get_kind(t, &kind);
	xfrmif_tunnel_get_mode(t, &mode);
	xfrmif_tunnel_get_reqid(t, &reqid);
	if (xfrmif_tunnel_get_link(t, &link) == 0) {
		xfrmif_link_get_ifindex(link, &ifindex);
		xfrmif_link_get_up(link, &up);
	}
	bool ends = xfrmif_tunnel_get_local(t, &fam, l) == 0 &&
		    xfrmif_tunnel_get_remote(t, &fam, r) == 0;
	if (ends) {
		ntop(fam, l, b1);
		ntop(fam, r, b2);
	}
	if (c->json) {
		json_object_begin(&c->j, NULL);
		json_string(&c->j, "name", xfrmif_tunnel_get_name(t));
		json_string(&c->j, "type", xfrmif_link_kind_name(kind));
		json_uint(&c->j, "ifindex", ifindex);
		json_bool(&c->j, "up", up);
		if (ns)
			json_string(&c->j, "link_netns", ns);
		if (xfrmif_tunnel_get_if_id(t, &v) == 0)
			json_uint(&c->j, "if_id", v);
		if (kind != XFRMIF_LINK_KIND_XFRM) {
			xfrmif_tunnel_get_ikey(t, &v);
			json_uint(&c->j, "ikey", v);
			xfrmif_tunnel_get_okey(t, &v);
			json_uint(&c->j, "okey", v);
		}
		if (ends) {
			json_string(&c->j, "local", b1);
			json_string(&c->j, "remote", b2);
		}
		json_uint(&c->j, "reqid", reqid);
		json_string(&c->j, "mode", sa_mode_name(mode));
	} else {
		printf("tunnel %s: %s", xfrmif_tunnel_get_name(t),
		       xfrmif_link_kind_name(kind));
		if (xfrmif_tunnel_get_if_id(t, &v) == 0)
			printf(" if_id %u", v);
		if (kind != XFRMIF_LINK_KIND_XFRM) {
			xfrmif_tunnel_get_ikey(t, &v);
			printf(" ikey %u", v);
			xfrmif_tunnel_get_okey(t, &v);
			printf(" okey %u", v);
		}
		if (ends)
			printf(" local %s remote %s", b1, b2);
		printf(" reqid %u mode %s\n", reqid, sa_mode_name(mode));
		printf("\tinterface index %u %s%s%s\n", ifindex,
		       up ? "UP" : "DOWN", ns ? " link-netns " : "", ns ? ns : "");
	}
	print_ts(c, t, XFRMIF_TUNNEL_LOCAL);
	print_ts(c, t, XFRMIF_TUNNEL_REMOTE);
	print_policies(c, t);
	if (c->json)
		json_array_begin(&c->j, "sas");
	for (int d = 0; d < 2; d++) {
		const xfrmif_sa *sa;
		if (xfrmif_tunnel_get_sa(t, d, &sa) < 0)
			continue;
		if (!c->json)
			printf("\t%s SA:\n", d ? "in" : "out");
		sa_print(c, sa, false);
	}
	if (c->json) {
		json_array_end(&c->j);
		json_object_end(&c->j);
	}
	return 0;
}

static int do_show(struct cli *c, int argc, char **argv)
{
	xfrmif_tunnel *key = NULL, *t = NULL;
	int r;

	if (!cli_ctx(c))
		return EXIT_FAIL;
	if (c->json)
		json_array_begin(&c->j, NULL);
	if (argc >= 1) {
		if (xfrmif_tunnel_new(&key) < 0)
			return cli_fail(c, -ENOMEM, "tunnel show");
		xfrmif_tunnel_set_name(key, argv[0]);
		r = parse_key(key, argc, argv, 1);
		if (r) {
			xfrmif_tunnel_free(key);
			return r;
		}
		r = xfrmif_tunnel_get(&t, c->ctx, key);
		if (r == 0)
			show_one(t, c);
		xfrmif_tunnel_free(t);
		xfrmif_tunnel_free(key);
	} else {
		r = xfrmif_tunnel_list(c->ctx, NULL, show_one, c);
	}
	if (c->json) {
		json_array_end(&c->j);
		json_finish(&c->j);
	}
	return r < 0 ? cli_fail(c, r, "tunnel show") : EXIT_OK;
}

int cmd_tunnel(struct cli *c, int argc, char **argv)
{
	if (argc < 1)
		return cli_usage("tunnel needs up, down, rekey or show");
	if (!strcmp(argv[0], "up"))
		return do_up(c, argc - 1, argv + 1);
	if (!strcmp(argv[0], "down") || !strcmp(argv[0], "del"))
		return do_down(c, argc - 1, argv + 1);
	if (!strcmp(argv[0], "rekey"))
		return do_rekey(c, argc - 1, argv + 1);
	if (!strcmp(argv[0], "show") || !strcmp(argv[0], "list"))
		return do_show(c, argc - 1, argv + 1);
	return cli_usage("unknown tunnel command '%s'", argv[0]);
}
