/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrmifctl sa add|update|del|get|show|flush|allocspi|info: security
 * associations, with iproute2's `ip xfrm state` keywords.
 */
#define _DEFAULT_SOURCE /* explicit_bzero */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_sa.h"
#include "parse.h"

/* The argument cursor: every consumer names the word it wanted. */
struct args {
	int argc;
	char **argv;
	int i;
};

static const char *next(struct args *a)
{
	return a->i < a->argc ? a->argv[a->i++] : NULL;
}

static const char *need_arg(struct args *a, const char *kw)
{
	const char *v = next(a);

	if (!v)
		cli_usage("'%s' needs an argument", kw);
	return v;
}

/* A key: 0x-prefixed hex, or the bytes of a plain string (as iproute2). */
static bool parse_key(const char *s, uint8_t *key, size_t *len)
{
	size_t n;

	if (!strncmp(s, "0x", 2)) {
		s += 2;
		n = strlen(s);
		if (n % 2 || n / 2 > XFRMIF_SA_KEY_MAX)
			return false;
		for (size_t i = 0; i < n / 2; i++) {
			unsigned v;
			if (!isxdigit((unsigned char)s[2 * i]) ||
			    !isxdigit((unsigned char)s[2 * i + 1]) ||
			    sscanf(s + 2 * i, "%2x", &v) != 1)
				return false;
			key[i] = (uint8_t)v;
		}
		*len = n / 2;
		return true;
	}
	n = strlen(s);
	if (n > XFRMIF_SA_KEY_MAX)
		return false;
	memcpy(key, s, n);
	*len = n;
	return true;
}

static bool parse_proto(const char *s, uint8_t *p)
{
	uint32_t v;

	if (!strcmp(s, "esp"))
		*p = IPPROTO_ESP;
	else if (!strcmp(s, "ah"))
		*p = IPPROTO_AH;
	else if (!strcmp(s, "comp") || !strcmp(s, "ipcomp"))
		*p = IPPROTO_COMP;
	else if (cli_parse_u32(s, &v) && v < 256)
		*p = (uint8_t)v;
	else
		return false;
	return true;
}

/* Selector protocol: a number or a common name. */
static bool parse_ulp(const char *s, uint8_t *p)
{
	static const struct { const char *n; uint8_t v; } t[] = {
		{ "tcp", IPPROTO_TCP }, { "udp", IPPROTO_UDP },
		{ "icmp", IPPROTO_ICMP }, { "ipv6-icmp", IPPROTO_ICMPV6 },
		{ "sctp", IPPROTO_SCTP }, { "gre", IPPROTO_GRE },
		{ "any", 0 },
	};
	uint32_t v;

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (!strcmp(s, t[i].n)) {
			*p = t[i].v;
			return true;
		}
	if (!cli_parse_u32(s, &v) || v > 255)
		return false;
	*p = (uint8_t)v;
	return true;
}

static int find_word(const char *const *names, size_t n, const char *w)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], w))
			return (int)i;
	return -1;
}

#define BAD(kw, val) cli_usage("invalid %s '%s'", kw, val)

/* Parses `sel ...` words until one that is not a selector keyword. */
static int parse_sel(struct args *a, xfrmif_sa *sa)
{
	const char *w, *v;
	unsigned char addr[16];
	int fam;
	uint8_t plen, p;
	uint32_t n;

	while ((w = a->i < a->argc ? a->argv[a->i] : NULL)) {
		if (strcmp(w, "src") && strcmp(w, "dst") && strcmp(w, "proto") &&
		    strcmp(w, "sport") && strcmp(w, "dport"))
			break;
		a->i++;
		if (!(v = need_arg(a, w)))
			return EXIT_USAGE;
		if (!strcmp(w, "src") || !strcmp(w, "dst")) {
			if (!cli_parse_prefix(v, &fam, addr, &plen))
				return BAD("sel address", v);
			if ((w[0] == 's' ? xfrmif_sa_set_sel_src
					 : xfrmif_sa_set_sel_dst)(sa, fam, addr, plen))
				return BAD("sel address", v);
		} else if (!strcmp(w, "proto")) {
			if (!parse_ulp(v, &p))
				return BAD("sel proto", v);
			xfrmif_sa_set_sel_proto(sa, p);
		} else {
			if (!cli_parse_u32(v, &n) || n > 65535)
				return BAD("port", v);
			if (w[0] == 's')
				xfrmif_sa_set_sel_sport(sa, (uint16_t)n);
			else
				xfrmif_sa_set_sel_dport(sa, (uint16_t)n);
		}
	}
	return 0;
}

static int parse_limit(struct args *a, xfrmif_sa *sa)
{
	static const char *const names[8] = {
		"byte-soft", "byte-hard", "packet-soft", "packet-hard",
		"time-soft", "time-hard", "time-use-soft", "time-use-hard",
	};
	const char *w = need_arg(a, "limit"), *v;
	uint64_t n;
	int k;

	if (!w)
		return EXIT_USAGE;
	k = find_word(names, 8, w);
	if (k < 0)
		return cli_usage("unknown limit '%s'", w);
	if (!(v = need_arg(a, w)) || !cli_parse_u64(v, &n))
		return v ? BAD(w, v) : EXIT_USAGE;
	xfrmif_sa_set_limit(sa, k, n);
	return 0;
}

/* Algorithm keywords: aead NAME KEY ICV | enc NAME KEY | auth NAME KEY |
 * auth-trunc NAME KEY BITS | comp NAME. */
static int parse_alg(struct args *a, const char *kw, xfrmif_sa *sa)
{
	uint8_t key[XFRMIF_SA_KEY_MAX];
	const char *name, *ks = NULL, *bits = NULL;
	size_t len = 0;
	uint32_t n = 0;
	int r;

	if (!(name = need_arg(a, kw)))
		return EXIT_USAGE;
	if (strcmp(kw, "comp") && !(ks = need_arg(a, kw)))
		return EXIT_USAGE;
	if ((!strcmp(kw, "aead") || !strcmp(kw, "auth-trunc")) &&
	    !(bits = need_arg(a, kw)))
		return EXIT_USAGE;
	if (ks && !parse_key(ks, key, &len))
		return BAD("key", ks);
	if (bits && !cli_parse_u32(bits, &n))
		return BAD("length", bits);
	if (!strcmp(kw, "aead"))
		r = xfrmif_sa_set_aead(sa, name, key, len, n);
	else if (!strcmp(kw, "enc"))
		r = xfrmif_sa_set_enc(sa, name, key, len);
	else if (!strcmp(kw, "comp"))
		r = xfrmif_sa_set_comp(sa, name);
	else
		r = xfrmif_sa_set_auth(sa, name, key, len, n);
	explicit_bzero(key, sizeof(key));
	/* A refused algorithm stays recorded in the object: the library
	 * reports it with the field's name when the SA is submitted. */
	(void)r;
	return 0;
}

/* The SA description shared by add, update, del, get and allocspi. */
static int parse_sa(struct args *a, xfrmif_sa *sa, bool *show_keys)
{
	const char *w, *v;
	unsigned char addr[16];
	int fam, k, r;
	uint32_t n, m;
	uint8_t p;

	while ((w = next(a))) {
		if (!strcmp(w, "keys") && show_keys) {
			*show_keys = true;
			continue;
		}
		if (!strcmp(w, "sel")) {
			if ((r = parse_sel(a, sa)))
				return r;
			continue;
		}
		if (!strcmp(w, "limit")) {
			if ((r = parse_limit(a, sa)))
				return r;
			continue;
		}
		if (!strcmp(w, "aead") || !strcmp(w, "enc") || !strcmp(w, "auth") ||
		    !strcmp(w, "auth-trunc") || !strcmp(w, "comp")) {
			if ((r = parse_alg(a, w, sa)))
				return r;
			continue;
		}
		if (!strcmp(w, "flag") || !strcmp(w, "extra-flag")) {
			bool x = w[0] == 'e';
			uint32_t f = 0;
			if (x)
				xfrmif_sa_get_xflags(sa, &f);
			else
				xfrmif_sa_get_flags(sa, &f);
			int got = 0;
			while (a->i < a->argc) {
				k = x ? find_word(sa_xflag_names, 2, a->argv[a->i])
				      : find_word(sa_flag_names, 8, a->argv[a->i]);
				if (k < 0)
					break;
				f |= 1u << k;
				a->i++;
				got++;
			}
			if (!got)
				return a->i < a->argc ? cli_usage("unknown %s '%s'", w,
								  a->argv[a->i])
						      : cli_usage("'%s' needs a flag", w);
			if (x)
				xfrmif_sa_set_xflags(sa, f);
			else
				xfrmif_sa_set_flags(sa, f);
			continue;
		}
		if (!strcmp(w, "encap")) {
			const char *t = need_arg(a, w), *sp, *dp, *oa;
			uint32_t s, d;
			uint16_t type;
			if (!t || !(sp = need_arg(a, w)) || !(dp = need_arg(a, w)) ||
			    !(oa = need_arg(a, w)))
				return EXIT_USAGE;
			if (!strcmp(t, "espinudp"))
				type = XFRMIF_SA_ENCAP_ESPINUDP;
			else if (!strcmp(t, "espinudp-nonike"))
				type = XFRMIF_SA_ENCAP_ESPINUDP_NONIKE;
			else if (!strcmp(t, "espintcp"))
				type = XFRMIF_SA_ENCAP_ESPINTCP;
			else
				return BAD("encap type", t);
			if (!cli_parse_u32(sp, &s) || s > 65535)
				return BAD("encap sport", sp);
			if (!cli_parse_u32(dp, &d) || d > 65535)
				return BAD("encap dport", dp);
			if (!cli_parse_addr(oa, &fam, addr))
				return BAD("encap address", oa);
			xfrmif_sa_set_encap(sa, type, (uint16_t)s, (uint16_t)d,
					    fam, addr);
			continue;
		}
		if (!(v = need_arg(a, w)))
			return EXIT_USAGE;
		if (!strcmp(w, "src") || !strcmp(w, "dst")) {
			if (!cli_parse_addr(v, &fam, addr))
				return BAD(w, v);
			(w[0] == 's' ? xfrmif_sa_set_src : xfrmif_sa_set_dst)(sa, fam, addr);
		} else if (!strcmp(w, "proto")) {
			if (!parse_proto(v, &p))
				return BAD(w, v);
			xfrmif_sa_set_proto(sa, p);
		} else if (!strcmp(w, "spi")) {
			if (!cli_parse_u32(v, &n))
				return BAD(w, v);
			xfrmif_sa_set_spi(sa, n);
		} else if (!strcmp(w, "reqid")) {
			if (!cli_parse_u32(v, &n))
				return BAD(w, v);
			xfrmif_sa_set_reqid(sa, n);
		} else if (!strcmp(w, "mode")) {
			if (!strcmp(v, "transport"))
				p = XFRMIF_SA_MODE_TRANSPORT;
			else if (!strcmp(v, "tunnel"))
				p = XFRMIF_SA_MODE_TUNNEL;
			else if (!strcmp(v, "beet"))
				p = XFRMIF_SA_MODE_BEET;
			else
				return BAD(w, v);
			xfrmif_sa_set_mode(sa, p);
		} else if (!strcmp(w, "if_id")) {
			if (!cli_parse_u32(v, &n))
				return BAD(w, v);
			xfrmif_sa_set_if_id(sa, n);
		} else if (!strcmp(w, "mark") || !strcmp(w, "output-mark")) {
			if (!cli_parse_mark(v, &n, &m))
				return BAD(w, v);
			(w[0] == 'm' ? xfrmif_sa_set_mark
				     : xfrmif_sa_set_output_mark)(sa, n, m);
		} else if (!strcmp(w, "replay-window")) {
			if (!cli_parse_u32(v, &n))
				return BAD(w, v);
			xfrmif_sa_set_replay_window(sa, n);
		} else if (!strcmp(w, "replay-seq") || !strcmp(w, "replay-oseq")) {
			uint64_t o = 0, s = 0, x;
			if (!cli_parse_u64(v, &x))
				return BAD(w, v);
			xfrmif_sa_get_replay_seq(sa, &o, &s);
			if (!strcmp(w, "replay-seq"))
				s = x;
			else
				o = x;
			xfrmif_sa_set_replay_seq(sa, o, s);
		} else if (!strcmp(w, "dir")) {
			if (!strcmp(v, "in"))
				xfrmif_sa_set_dir(sa, XFRMIF_SA_DIR_IN);
			else if (!strcmp(v, "out"))
				xfrmif_sa_set_dir(sa, XFRMIF_SA_DIR_OUT);
			else
				return BAD(w, v);
		} else if (!strcmp(w, "tfcpad")) {
			if (!cli_parse_u32(v, &n))
				return BAD(w, v);
			xfrmif_sa_set_tfcpad(sa, n);
		} else {
			return cli_usage("unknown sa keyword '%s'", w);
		}
	}
	return 0;
}

static int do_add(struct cli *c, struct args *a, bool update)
{
	xfrmif_sa *sa = NULL;
	int r;

	if (xfrmif_sa_new(&sa) < 0)
		return cli_usage("out of memory");
	r = parse_sa(a, sa, NULL);
	if (r == 0) {
		if (!cli_ctx(c))
			r = EXIT_FAIL;
		else if (c->batch &&
			 (r = update ? xfrmif_batch_sa_update(c->batch, sa)
				     : xfrmif_batch_sa_add(c->batch, sa)) < 0)
			r = cli_fail(c, r, update ? "sa update" : "sa add");
		else if (c->batch)
			r = EXIT_OK;
		else if ((r = update ? xfrmif_sa_update(c->ctx, sa)
				     : xfrmif_sa_add(c->ctx, sa)) < 0)
			r = cli_fail(c, r, update ? "sa update" : "sa add");
	}
	xfrmif_sa_free(sa);
	return r;
}

static int do_del_get(struct cli *c, struct args *a, bool get)
{
	xfrmif_sa *key = NULL, *sa = NULL;
	bool keys = false;
	int r;

	if (xfrmif_sa_new(&key) < 0)
		return cli_usage("out of memory");
	r = parse_sa(a, key, get ? &keys : NULL);
	if (r == 0 && !cli_ctx(c))
		r = EXIT_FAIL;
	if (r == 0 && !get) {
		if ((r = c->batch ? xfrmif_batch_sa_del(c->batch, key)
				  : xfrmif_sa_del(c->ctx, key)) < 0)
			r = cli_fail(c, r, "sa del");
	} else if (r == 0) {
		if ((r = xfrmif_sa_get(&sa, c->ctx, key)) < 0) {
			r = cli_fail(c, r, "sa get");
		} else {
			sa_print(c, sa, keys);
			if (c->json)
				json_finish(&c->j);
		}
	}
	xfrmif_sa_free(sa);
	xfrmif_sa_free(key);
	return r;
}

struct show {
	struct cli *c;
	bool keys;
};

static int show_one(const xfrmif_sa *sa, void *arg)
{
	struct show *s = arg;

	sa_print(s->c, sa, s->keys);
	return 0;
}

static int do_show(struct cli *c, struct args *a)
{
	XFRMIF_OPTS(xfrmif_sa_filter, f);
	struct show s = { .c = c };
	const char *w, *v;
	uint32_t n, m;
	int r;

	while ((w = next(a))) {
		if (!strcmp(w, "keys")) {
			s.keys = true;
			f.flags |= XFRMIF_SA_FILTER_KEYS;
			continue;
		}
		if (!(v = need_arg(a, w)))
			return EXIT_USAGE;
		if (!strcmp(w, "if_id") && cli_parse_u32(v, &n)) {
			f.flags |= XFRMIF_SA_FILTER_IF_ID;
			f.if_id = n;
		} else if (!strcmp(w, "reqid") && cli_parse_u32(v, &n)) {
			f.flags |= XFRMIF_SA_FILTER_REQID;
			f.reqid = n;
		} else if (!strcmp(w, "mark") && cli_parse_mark(v, &n, &m)) {
			f.flags |= XFRMIF_SA_FILTER_MARK;
			f.mark = n;
			f.mark_mask = m;
		} else if (!strcmp(w, "proto") && parse_proto(v, &f.proto)) {
			f.flags |= XFRMIF_SA_FILTER_PROTO;
		} else if (!strcmp(w, "family") &&
			   (!strcmp(v, "inet") || !strcmp(v, "inet6"))) {
			f.flags |= XFRMIF_SA_FILTER_FAMILY;
			f.family = v[4] ? AF_INET6 : AF_INET;
		} else if (!strcmp(w, "if_id") || !strcmp(w, "reqid") ||
			   !strcmp(w, "mark") || !strcmp(w, "proto") ||
			   !strcmp(w, "family")) {
			return BAD(w, v);
		} else {
			return cli_usage("unknown sa show keyword '%s'", w);
		}
	}
	if (!cli_ctx(c))
		return EXIT_FAIL;
	if (c->json)
		json_array_begin(&c->j, NULL);
	r = xfrmif_sa_list(c->ctx, &f, show_one, &s);
	if (c->json) {
		json_array_end(&c->j);
		json_finish(&c->j);
	}
	return r < 0 ? cli_fail(c, r, "sa show") : EXIT_OK;
}

static int do_flush(struct cli *c, struct args *a)
{
	const char *w = next(a), *v;
	uint8_t p = 0;
	int r;

	if (w) {
		if (strcmp(w, "proto"))
			return cli_usage("unknown sa flush keyword '%s'", w);
		if (!(v = need_arg(a, w)))
			return EXIT_USAGE;
		if (!parse_proto(v, &p))
			return BAD(w, v);
		if (a->i < a->argc)
			return cli_usage("unexpected '%s'", a->argv[a->i]);
	}
	if (!cli_ctx(c))
		return EXIT_FAIL;
	r = xfrmif_sa_flush(c->ctx, p);
	return r < 0 ? cli_fail(c, r, "sa flush") : EXIT_OK;
}

static int do_allocspi(struct cli *c, struct args *a)
{
	uint32_t min = 0x100, max = 0xffffffffu, spi = 0;
	xfrmif_sa *sa = NULL;
	struct args rest = *a;
	char **words;
	int n = 0, r;

	/* min/max are ours; the rest describes the SA. */
	words = calloc((size_t)a->argc + 1, sizeof(*words));
	if (!words || xfrmif_sa_new(&sa) < 0) {
		free(words);
		return cli_usage("out of memory");
	}
	for (int i = a->i; i < a->argc; i++) {
		if ((!strcmp(a->argv[i], "min") || !strcmp(a->argv[i], "max")) &&
		    i + 1 < a->argc) {
			if (!cli_parse_u32(a->argv[i + 1], a->argv[i][1] == 'i' ? &min : &max)) {
				r = BAD(a->argv[i], a->argv[i + 1]);
				goto out;
			}
			i++;
			continue;
		}
		words[n++] = a->argv[i];
	}
	rest.argc = n;
	rest.argv = words;
	rest.i = 0;
	r = parse_sa(&rest, sa, NULL);
	if (r)
		goto out;
	if (!cli_ctx(c)) {
		r = EXIT_FAIL;
		goto out;
	}
	r = xfrmif_sa_allocspi(c->ctx, sa, min, max);
	if (r < 0) {
		r = cli_fail(c, r, "sa allocspi");
		goto out;
	}
	xfrmif_sa_get_spi(sa, &spi);
	if (c->json) {
		json_object_begin(&c->j, NULL);
		json_uint(&c->j, "spi", spi);
		json_object_end(&c->j);
		json_finish(&c->j);
	} else {
		printf("spi 0x%08x\n", spi);
	}
	r = EXIT_OK;
out:
	free(words);
	xfrmif_sa_free(sa);
	return r;
}

static int do_info(struct cli *c, struct args *a)
{
	uint32_t count, buckets, max;
	int r;

	if (a->i < a->argc)
		return cli_usage("sa info takes no arguments (got '%s')",
				 a->argv[a->i]);
	if (!cli_ctx(c))
		return EXIT_FAIL;
	r = xfrmif_sad_info(c->ctx, &count, &buckets, &max);
	if (r < 0)
		return cli_fail(c, r, "sa info");
	if (c->json) {
		json_object_begin(&c->j, NULL);
		json_uint(&c->j, "count", count);
		json_uint(&c->j, "hash_buckets", buckets);
		json_uint(&c->j, "hash_max", max);
		json_object_end(&c->j);
		json_finish(&c->j);
	} else {
		printf("count %u hash buckets %u max %u\n", count, buckets, max);
	}
	return EXIT_OK;
}

int cmd_sa(struct cli *c, int argc, char **argv)
{
	struct args a = { .argc = argc, .argv = argv, .i = 1 };
	const char *verb = argc > 0 ? argv[0] : "show";

	if (argc == 0)
		a.i = 0;
	if (!strcmp(verb, "add"))
		return do_add(c, &a, false);
	if (!strcmp(verb, "update"))
		return do_add(c, &a, true);
	if (!strcmp(verb, "del") || !strcmp(verb, "delete"))
		return do_del_get(c, &a, false);
	if (!strcmp(verb, "get"))
		return do_del_get(c, &a, true);
	if (!strcmp(verb, "show") || !strcmp(verb, "list"))
		return do_show(c, &a);
	if (!strcmp(verb, "flush"))
		return do_flush(c, &a);
	if (!strcmp(verb, "allocspi"))
		return do_allocspi(c, &a);
	if (!strcmp(verb, "info"))
		return do_info(c, &a);
	return cli_usage("unknown sa command '%s' (add, update, del, get, show, "
			 "flush, allocspi, info)", verb);
}

/* ---- shared with cmd_tunnel.c ---- */

int sa_parse_alg_words(int argc, char **argv, int *i, xfrmif_sa *sa)
{
	struct args a = { .argc = argc, .argv = argv, .i = *i };
	const char *kw = next(&a);
	int r;

	if (!kw)
		return cli_usage("an algorithm keyword is missing");
	r = parse_alg(&a, kw, sa);
	*i = a.i;
	return r;
}
