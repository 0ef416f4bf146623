/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrmifctl policy: add, update, delete, get, show and flush XFRM policies,
 * SPD counters and default policies, with iproute2-like keywords.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "parse.h"

/* ---- parsing words ---- */

static bool parse_proto(const char *s, uint8_t *out)
{
	struct protoent *pe;
	uint32_t n;

	if (cli_parse_u32(s, &n) && n <= 255) {
		*out = (uint8_t)n;
		return true;
	}
	if (!strcmp(s, "icmpv6") || !strcmp(s, "ipv6-icmp")) {
		*out = IPPROTO_ICMPV6;
		return true;
	}
	pe = getprotobyname(s);
	if (!pe)
		return false;
	*out = (uint8_t)pe->p_proto;
	return true;
}

/* Keyword tables: the index is the library's number. */
static const char *const dir_words[] = { "in", "out", "fwd", NULL };
static const char *const action_words[] = { "allow", "block", NULL };
static const char *const ptype_words[] = { "main", "sub", NULL };

/* The index of @s in the NULL-terminated @words, or -1. */
static int word_index(const char *s, const char *const *words)
{
	for (int i = 0; s && words[i]; i++)
		if (!strcmp(s, words[i]))
			return i;
	return -1;
}

#define parse_dir(s) word_index(s, dir_words)
#define parse_action(s) word_index(s, action_words)
#define parse_ptype(s) word_index(s, ptype_words)

static const char *dir_name(int d)
{
	return d >= 0 && d <= XFRMIF_POLICY_DIR_FWD ? dir_words[d] : "?";
}

static const char *mode_name(int m)
{
	return m == XFRMIF_TMPL_MODE_TUNNEL ? "tunnel"
	       : m == XFRMIF_TMPL_MODE_BEET ? "beet"
					    : "transport";
}

static const char *tproto_name(uint8_t p)
{
	return p == IPPROTO_AH ? "ah" : p == IPPROTO_COMP ? "comp" : "esp";
}

/* Lifetime keywords, as iproute2's `limit` names them. */
static const struct {
	const char *word;
	const char *json;
	int which;
} lfts[] = {
	{ "byte-soft", "soft_bytes", XFRMIF_POLICY_LFT_SOFT_BYTES },
	{ "byte-hard", "hard_bytes", XFRMIF_POLICY_LFT_HARD_BYTES },
	{ "packet-soft", "soft_packets", XFRMIF_POLICY_LFT_SOFT_PACKETS },
	{ "packet-hard", "hard_packets", XFRMIF_POLICY_LFT_HARD_PACKETS },
	{ "time-soft", "soft_add_seconds", XFRMIF_POLICY_LFT_SOFT_ADD_SECONDS },
	{ "time-hard", "hard_add_seconds", XFRMIF_POLICY_LFT_HARD_ADD_SECONDS },
	{ "time-use-soft", "soft_use_seconds", XFRMIF_POLICY_LFT_SOFT_USE_SECONDS },
	{ "time-use-hard", "hard_use_seconds", XFRMIF_POLICY_LFT_HARD_USE_SECONDS },
};

/* Which words a command accepts. */
enum {
	W_SEL = 1u << 0,   /* src dst proto sport dport type code dev */
	W_KEY = 1u << 1,   /* dir if_id mark ptype */
	W_INDEX = 1u << 2, /* index */
	W_ADD = 1u << 3,   /* priority action flag limit tmpl */
};

struct words {
	const char *cmd;
	int i, argc;
	char **argv;
};

static const char *next(struct words *w)
{
	return w->i + 1 < w->argc ? w->argv[++w->i] : NULL;
}

#define NEED(w, var, okexpr, what)                                             \
	do {                                                                   \
		const char *k_ = (w)->argv[(w)->i];                            \
		(var) = next(w);                                               \
		if (!(var) || !(okexpr))                                       \
			return cli_usage("policy %s: '%s' needs %s (got "      \
					 "'%s')", (w)->cmd, k_, what,          \
					 (var) ? (var) : "nothing");            \
	} while (0)

/* Parses one `tmpl ...` group (w->i at "tmpl"); stops before the next
 * "tmpl". Returns 0 or EXIT_USAGE. */
static int parse_tmpl(struct words *w, xfrmif_policy *p)
{
	/* NEED() returns early: the template is freed on every path. */
	__attribute__((cleanup(xfrmif_tmpl_freep))) xfrmif_tmpl *t = NULL;
	const char *v;
	unsigned char a[16];
	uint8_t plen;
	int family, rc = 0;
	uint32_t n, am, em, cm;

	if (xfrmif_tmpl_new(&t) < 0)
		return cli_usage("out of memory");
	while (rc == 0 && w->i + 1 < w->argc && strcmp(w->argv[w->i + 1], "tmpl")) {
		const char *k = next(w);
		if (!strcmp(k, "src") || !strcmp(k, "dst")) {
			/* Written like a selector's; a template has no
			 * prefix length, so one given is dropped. */
			NEED(w, v, cli_parse_prefix_any_len(v, &family, a, &plen),
			     "an address");
			if (!strcmp(k, "src"))
				xfrmif_tmpl_set_src(t, family, a);
			else
				xfrmif_tmpl_set_dst(t, family, a);
		} else if (!strcmp(k, "proto")) {
			NEED(w, v, !strcmp(v, "esp") || !strcmp(v, "ah") ||
				     !strcmp(v, "comp"), "esp, ah or comp");
			xfrmif_tmpl_set_proto(t, !strcmp(v, "esp") ? IPPROTO_ESP
						 : !strcmp(v, "ah") ? IPPROTO_AH
								    : IPPROTO_COMP);
		} else if (!strcmp(k, "spi")) {
			NEED(w, v, cli_parse_u32(v, &n), "a number");
			xfrmif_tmpl_set_spi(t, n);
		} else if (!strcmp(k, "reqid")) {
			NEED(w, v, cli_parse_u32(v, &n), "a number");
			xfrmif_tmpl_set_reqid(t, n);
		} else if (!strcmp(k, "mode")) {
			NEED(w, v, !strcmp(v, "transport") || !strcmp(v, "tunnel") ||
				     !strcmp(v, "beet"), "transport, tunnel or beet");
			xfrmif_tmpl_set_mode(t, !strcmp(v, "tunnel") ? XFRMIF_TMPL_MODE_TUNNEL
						: !strcmp(v, "beet") ? XFRMIF_TMPL_MODE_BEET
								     : XFRMIF_TMPL_MODE_TRANSPORT);
		} else if (!strcmp(k, "level")) {
			NEED(w, v, !strcmp(v, "required") || !strcmp(v, "use"),
			     "required or use");
			xfrmif_tmpl_set_level(t, !strcmp(v, "use") ? XFRMIF_TMPL_LEVEL_USE
						 : XFRMIF_TMPL_LEVEL_REQUIRED);
		} else if (!strcmp(k, "auth-mask") || !strcmp(k, "enc-mask") ||
			   !strcmp(k, "comp-mask")) {
			NEED(w, v, cli_parse_u32(v, &n), "a number");
			xfrmif_tmpl_get_algo_masks(t, &am, &em, &cm);
			if (k[0] == 'a')
				am = n;
			else if (k[0] == 'e')
				em = n;
			else
				cm = n;
			xfrmif_tmpl_set_algo_masks(t, am, em, cm);
		} else {
			rc = cli_usage("policy %s: unknown template word '%s'",
				       w->cmd, k);
		}
	}
	if (rc == 0 && xfrmif_policy_add_tmpl(p, t) == -E2BIG)
		rc = cli_usage("policy %s: at most %d templates", w->cmd,
			       XFRMIF_POLICY_MAX_TMPLS);
	return rc;
}

/*
 * Fills @p from the words. Setter complaints are left in the object: the
 * library reports them, naming the field, when the policy is used.
 */
static int parse_policy(struct words *w, unsigned allowed, xfrmif_policy *p)
{
	const char *v;
	unsigned char a[16];
	uint8_t plen;
	int family, x;
	uint32_t n, m;
	uint64_t u;

	for (w->i = 0; w->i < w->argc; w->i++) {
		const char *k = w->argv[w->i];
		bool ok = false;

		if (allowed & W_SEL) {
			ok = true;
			if (!strcmp(k, "src") || !strcmp(k, "dst")) {
				/* A length too long for the family is left to
				 * the setter, whose complaint names the field. */
				NEED(w, v, cli_parse_prefix_any_len(v, &family, a,
								    &plen),
				     "an address prefix");
				if (k[0] == 's')
					xfrmif_policy_set_src(p, family, a, plen);
				else
					xfrmif_policy_set_dst(p, family, a, plen);
			} else if (!strcmp(k, "proto")) {
				uint8_t pr;
				NEED(w, v, parse_proto(v, &pr), "a protocol");
				xfrmif_policy_set_proto(p, pr);
			} else if (!strcmp(k, "sport") || !strcmp(k, "dport")) {
				NEED(w, v, cli_parse_u32(v, &n) && n <= 65535, "a port");
				if (k[0] == 's')
					xfrmif_policy_set_sport(p, (uint16_t)n);
				else
					xfrmif_policy_set_dport(p, (uint16_t)n);
			} else if (!strcmp(k, "type") || !strcmp(k, "code")) {
				uint8_t ty = 0, co = 0;
				NEED(w, v, cli_parse_u32(v, &n) && n <= 255, "a number");
				xfrmif_policy_get_icmp(p, &ty, &co);
				if (k[0] == 't')
					ty = (uint8_t)n;
				else
					co = (uint8_t)n;
				xfrmif_policy_set_icmp(p, ty, co);
			} else if (!strcmp(k, "dev")) {
				NEED(w, v, if_nametoindex(v) > 0,
				     "an existing interface");
				xfrmif_policy_set_ifindex(p, (int)if_nametoindex(v));
			} else {
				ok = false;
			}
		}
		if (!ok && (allowed & W_KEY)) {
			ok = true;
			if (!strcmp(k, "dir")) {
				NEED(w, v, (x = parse_dir(v)) >= 0, "in, out or fwd");
				xfrmif_policy_set_dir(p, x);
			} else if (!strcmp(k, "if_id")) {
				NEED(w, v, cli_parse_u32(v, &n), "a number");
				xfrmif_policy_set_if_id(p, n);
			} else if (!strcmp(k, "mark")) {
				NEED(w, v, cli_parse_mark(v, &n, &m), "MARK[/MASK]");
				xfrmif_policy_set_mark(p, n, m);
			} else if (!strcmp(k, "ptype")) {
				NEED(w, v, (x = parse_ptype(v)) >= 0, "main or sub");
				xfrmif_policy_set_type(p, x);
			} else {
				ok = false;
			}
		}
		if (!ok && (allowed & W_INDEX) && !strcmp(k, "index")) {
			ok = true;
			NEED(w, v, cli_parse_u32(v, &n), "a number");
			xfrmif_policy_set_index(p, n);
		}
		if (!ok && (allowed & W_ADD)) {
			ok = true;
			if (!strcmp(k, "priority")) {
				NEED(w, v, cli_parse_u32(v, &n), "a number");
				xfrmif_policy_set_priority(p, n);
			} else if (!strcmp(k, "action")) {
				NEED(w, v, (x = parse_action(v)) >= 0, "allow or block");
				xfrmif_policy_set_action(p, x);
			} else if (!strcmp(k, "flag")) {
				NEED(w, v, !strcmp(v, "localok") || !strcmp(v, "icmp"),
				     "localok or icmp");
				xfrmif_policy_get_flags(p, &n);
				n |= !strcmp(v, "localok") ? XFRMIF_POLICY_FLAG_LOCALOK
							   : XFRMIF_POLICY_FLAG_ICMP;
				xfrmif_policy_set_flags(p, n);
			} else if (!strcmp(k, "limit")) {
				size_t j;
				NEED(w, v, true, "a limit name");
				for (j = 0; j < sizeof(lfts) / sizeof(lfts[0]); j++)
					if (!strcmp(v, lfts[j].word))
						break;
				if (j == sizeof(lfts) / sizeof(lfts[0]))
					return cli_usage("policy %s: unknown limit "
							 "'%s'", w->cmd, v);
				NEED(w, v, cli_parse_u64(v, &u), "a number");
				xfrmif_policy_set_lifetime(p, lfts[j].which, u);
			} else if (!strcmp(k, "tmpl")) {
				int rc = parse_tmpl(w, p);
				if (rc)
					return rc;
			} else {
				ok = false;
			}
		}
		if (!ok)
			return cli_usage("policy %s: unknown word '%s'", w->cmd, k);
	}
	return 0;
}

/* ---- printing ---- */

static void addr_str(int family, const void *a, uint8_t plen, bool with_len,
		     char *buf, size_t size)
{
	char tmp[INET6_ADDRSTRLEN];

	inet_ntop(family, a, tmp, sizeof(tmp));
	if (with_len)
		snprintf(buf, size, "%s/%u", tmp, plen);
	else
		snprintf(buf, size, "%s", tmp);
}

static void print_tmpl_json(struct json *j, const xfrmif_tmpl *t)
{
	unsigned char a[16];
	char buf[64];
	int family, x;
	uint32_t n, am, em, cm;
	uint8_t pr;

	json_object_begin(j, NULL);
	if (xfrmif_tmpl_get_src(t, &family, a) == 0) {
		addr_str(family, a, 0, false, buf, sizeof(buf));
		json_string(j, "src", buf);
	}
	if (xfrmif_tmpl_get_dst(t, &family, a) == 0) {
		addr_str(family, a, 0, false, buf, sizeof(buf));
		json_string(j, "dst", buf);
	}
	xfrmif_tmpl_get_proto(t, &pr);
	json_string(j, "proto", tproto_name(pr));
	xfrmif_tmpl_get_spi(t, &n);
	json_uint(j, "spi", n);
	xfrmif_tmpl_get_reqid(t, &n);
	json_uint(j, "reqid", n);
	xfrmif_tmpl_get_mode(t, &x);
	json_string(j, "mode", mode_name(x));
	xfrmif_tmpl_get_level(t, &x);
	json_string(j, "level", x == XFRMIF_TMPL_LEVEL_USE ? "use" : "required");
	xfrmif_tmpl_get_algo_masks(t, &am, &em, &cm);
	json_uint(j, "auth_mask", am);
	json_uint(j, "enc_mask", em);
	json_uint(j, "comp_mask", cm);
	json_object_end(j);
}

/* "key": the number a policy's 32-bit getter gives, when it is set. */
static void json_u32_if_set(struct json *j, const char *key,
			    const xfrmif_policy *p,
			    int (*get)(const xfrmif_policy *, uint32_t *))
{
	uint32_t v;

	if (get(p, &v) == 0)
		json_uint(j, key, v);
}

static void print_json(struct json *j, const xfrmif_policy *p)
{
	static const char *const curs[] = { "bytes", "packets", "add_time",
					    "use_time" };
	unsigned char a[16];
	char buf[64];
	int family, x, ntmpl;
	uint8_t plen, pr, ty, co;
	uint16_t port;
	uint32_t n, m;
	uint64_t u;
	const xfrmif_tmpl *t;

	json_object_begin(j, NULL);
	if (xfrmif_policy_get_src(p, &family, a, &plen) == 0) {
		addr_str(family, a, plen, true, buf, sizeof(buf));
		json_string(j, "src", buf);
	}
	if (xfrmif_policy_get_dst(p, &family, a, &plen) == 0) {
		addr_str(family, a, plen, true, buf, sizeof(buf));
		json_string(j, "dst", buf);
	}
	family = xfrmif_policy_get_family(p);
	json_string(j, "family", family == AF_INET ? "inet" : "inet6");
	if (xfrmif_policy_get_proto(p, &pr) == 0)
		json_uint(j, "proto", pr);
	if (xfrmif_policy_get_sport(p, &port) == 0)
		json_uint(j, "sport", port);
	if (xfrmif_policy_get_dport(p, &port) == 0)
		json_uint(j, "dport", port);
	if (xfrmif_policy_get_icmp(p, &ty, &co) == 0) {
		json_uint(j, "type", ty);
		json_uint(j, "code", co);
	}
	xfrmif_policy_get_ifindex(p, &x);
	json_int(j, "ifindex", x);
	if (xfrmif_policy_get_dir(p, &x) == 0)
		json_string(j, "dir", dir_name(x));
	xfrmif_policy_get_action(p, &x);
	json_string(j, "action", x == XFRMIF_POLICY_BLOCK ? "block" : "allow");
	xfrmif_policy_get_priority(p, &n);
	json_uint(j, "priority", n);
	json_u32_if_set(j, "index", p, xfrmif_policy_get_index);
	json_u32_if_set(j, "if_id", p, xfrmif_policy_get_if_id);
	if (xfrmif_policy_get_mark(p, &n, &m) == 0) {
		json_uint(j, "mark", n);
		json_uint(j, "mark_mask", m);
	}
	xfrmif_policy_get_flags(p, &n);
	json_array_begin(j, "flags");
	if (n & XFRMIF_POLICY_FLAG_LOCALOK)
		json_string(j, NULL, "localok");
	if (n & XFRMIF_POLICY_FLAG_ICMP)
		json_string(j, NULL, "icmp");
	json_array_end(j);
	xfrmif_policy_get_type(p, &x);
	json_string(j, "ptype", x == XFRMIF_POLICY_TYPE_SUB ? "sub" : "main");
	json_object_begin(j, "lifetime");
	for (size_t i = 0; i < sizeof(lfts) / sizeof(lfts[0]); i++) {
		xfrmif_policy_get_lifetime(p, lfts[i].which, &u);
		json_uint(j, lfts[i].json, u);
	}
	json_object_end(j);
	json_object_begin(j, "current");
	for (int i = 0; i < 4; i++) {
		xfrmif_policy_get_current(p, i, &u);
		json_uint(j, curs[i], u);
	}
	json_object_end(j);
	json_array_begin(j, "tmpls");
	ntmpl = xfrmif_policy_get_tmpl_count(p);
	for (int i = 0; i < ntmpl; i++)
		if (xfrmif_policy_get_tmpl(p, (unsigned)i, &t) == 0)
			print_tmpl_json(j, t);
	json_array_end(j);
	json_object_end(j);
}

static void print_text(const xfrmif_policy *p)
{
	unsigned char a[16];
	char buf[64], ifname[IF_NAMESIZE];
	int family, x, ntmpl;
	uint8_t plen, pr, ty, co;
	uint16_t port;
	uint32_t n, m, am, em, cm;
	uint64_t u;
	const xfrmif_tmpl *t;

	if (xfrmif_policy_get_src(p, &family, a, &plen) == 0) {
		addr_str(family, a, plen, true, buf, sizeof(buf));
		printf("src %s ", buf);
	}
	if (xfrmif_policy_get_dst(p, &family, a, &plen) == 0) {
		addr_str(family, a, plen, true, buf, sizeof(buf));
		printf("dst %s ", buf);
	}
	if (xfrmif_policy_get_proto(p, &pr) == 0)
		printf("proto %u ", pr);
	if (xfrmif_policy_get_sport(p, &port) == 0)
		printf("sport %u ", port);
	if (xfrmif_policy_get_dport(p, &port) == 0)
		printf("dport %u ", port);
	if (xfrmif_policy_get_icmp(p, &ty, &co) == 0)
		printf("type %u code %u ", ty, co);
	xfrmif_policy_get_ifindex(p, &x);
	if (x > 0)
		printf("dev %s ", if_indextoname((unsigned)x, ifname)
					  ? ifname : "?");
	printf("\n\t");
	if (xfrmif_policy_get_dir(p, &x) == 0)
		printf("dir %s ", dir_name(x));
	xfrmif_policy_get_action(p, &x);
	printf("action %s ", x == XFRMIF_POLICY_BLOCK ? "block" : "allow");
	if (xfrmif_policy_get_index(p, &n) == 0)
		printf("index %u ", n);
	xfrmif_policy_get_priority(p, &n);
	printf("priority %u ", n);
	xfrmif_policy_get_type(p, &x);
	printf("ptype %s", x == XFRMIF_POLICY_TYPE_SUB ? "sub" : "main");
	xfrmif_policy_get_flags(p, &n);
	if (n)
		printf(" flag%s%s", n & XFRMIF_POLICY_FLAG_LOCALOK ? " localok" : "",
		       n & XFRMIF_POLICY_FLAG_ICMP ? " icmp" : "");
	putchar('\n');
	if (xfrmif_policy_get_mark(p, &n, &m) == 0)
		printf("\tmark 0x%x/0x%x\n", n, m);
	if (xfrmif_policy_get_if_id(p, &n) == 0)
		printf("\tif_id 0x%x\n", n);
	for (size_t i = 0; i < sizeof(lfts) / sizeof(lfts[0]); i++) {
		xfrmif_policy_get_lifetime(p, lfts[i].which, &u);
		if (u != 0 && u != XFRMIF_POLICY_LFT_INF)
			printf("\tlimit %s %" PRIu64 "\n", lfts[i].word, u);
	}
	ntmpl = xfrmif_policy_get_tmpl_count(p);
	for (int i = 0; i < ntmpl; i++) {
		if (xfrmif_policy_get_tmpl(p, (unsigned)i, &t) < 0)
			continue;
		printf("\ttmpl");
		if (xfrmif_tmpl_get_src(t, &family, a) == 0) {
			addr_str(family, a, 0, false, buf, sizeof(buf));
			printf(" src %s", buf);
		}
		if (xfrmif_tmpl_get_dst(t, &family, a) == 0) {
			addr_str(family, a, 0, false, buf, sizeof(buf));
			printf(" dst %s", buf);
		}
		xfrmif_tmpl_get_proto(t, &pr);
		xfrmif_tmpl_get_spi(t, &n);
		xfrmif_tmpl_get_reqid(t, &m);
		printf(" proto %s spi 0x%08x reqid %u", tproto_name(pr), n, m);
		xfrmif_tmpl_get_mode(t, &x);
		printf(" mode %s", mode_name(x));
		xfrmif_tmpl_get_level(t, &x);
		printf(" level %s", x == XFRMIF_TMPL_LEVEL_USE ? "use" : "required");
		xfrmif_tmpl_get_algo_masks(t, &am, &em, &cm);
		if (am != UINT32_MAX || em != UINT32_MAX || cm != UINT32_MAX)
			printf(" auth-mask 0x%x enc-mask 0x%x comp-mask 0x%x",
			       am, em, cm);
		putchar('\n');
	}
}

static void print_policy(struct cli *c, const xfrmif_policy *p)
{
	if (c->json)
		print_json(&c->j, p);
	else
		print_text(p);
}

static int show_one(const xfrmif_policy *p, void *arg)
{
	print_policy(arg, p);
	return 0;
}

/* ---- subcommands ---- */

static int do_add(struct cli *c, struct words *w, bool update)
{
	xfrmif_policy *p = NULL;
	int rc, r = 0;

	if (xfrmif_policy_new(&p) < 0)
		return cli_usage("out of memory");
	rc = parse_policy(w, W_SEL | W_KEY | W_INDEX | W_ADD, p);
	if (rc == 0) {
		if (!cli_ctx(c))
			rc = EXIT_FAIL;
		else if (c->batch)
			r = update ? xfrmif_batch_policy_update(c->batch, p)
				   : xfrmif_batch_policy_add(c->batch, p);
		else
			r = update ? xfrmif_policy_update(c->ctx, p)
				   : xfrmif_policy_add(c->ctx, p);
		if (rc == 0 && r < 0)
			rc = cli_fail(c, r, update ? "policy update" : "policy add");
	}
	xfrmif_policy_free(p);
	return rc;
}

/* del and get: by selector+dir, or by index when "index" is given. */
static int do_key(struct cli *c, struct words *w, bool del)
{
	xfrmif_policy *p = NULL, *got = NULL;
	uint32_t index;
	bool by_index;
	int rc, r;

	if (xfrmif_policy_new(&p) < 0)
		return cli_usage("out of memory");
	rc = parse_policy(w, W_SEL | W_KEY | W_INDEX, p);
	if (rc == 0 && !cli_ctx(c))
		rc = EXIT_FAIL;
	if (rc == 0) {
		by_index = xfrmif_policy_get_index(p, &index) == 0;
		if (del && c->batch)
			r = by_index ? xfrmif_batch_policy_del_by_index(c->batch, p)
				     : xfrmif_batch_policy_del(c->batch, p);
		else if (del)
			r = by_index ? xfrmif_policy_del_by_index(c->ctx, p)
				     : xfrmif_policy_del(c->ctx, p);
		else
			r = by_index ? xfrmif_policy_get_by_index(&got, c->ctx, p)
				     : xfrmif_policy_get(&got, c->ctx, p);
		if (r < 0)
			rc = cli_fail(c, r, del ? "policy del" : "policy get");
		else if (got) {
			print_policy(c, got);
			if (c->json)
				json_finish(&c->j);
		}
	}
	xfrmif_policy_free(got);
	xfrmif_policy_free(p);
	return rc;
}

/* show/flush filters: if_id, dir, mark, action, ptype. */
static int parse_filter(struct words *w, struct xfrmif_policy_filter *f)
{
	const char *v;
	uint32_t n, m;
	int x;

	for (w->i = 0; w->i < w->argc; w->i++) {
		const char *k = w->argv[w->i];
		if (!strcmp(k, "if_id")) {
			NEED(w, v, cli_parse_u32(v, &n), "a number");
			f->flags |= XFRMIF_POLICY_FILTER_IF_ID;
			f->if_id = n;
		} else if (!strcmp(k, "dir")) {
			NEED(w, v, (x = parse_dir(v)) >= 0, "in, out or fwd");
			f->flags |= XFRMIF_POLICY_FILTER_DIR;
			f->dir = (uint8_t)x;
		} else if (!strcmp(k, "mark")) {
			NEED(w, v, cli_parse_mark(v, &n, &m), "MARK[/MASK]");
			f->flags |= XFRMIF_POLICY_FILTER_MARK;
			f->mark = n;
			f->mark_mask = m;
		} else if (!strcmp(k, "action")) {
			NEED(w, v, (x = parse_action(v)) >= 0, "allow or block");
			f->flags |= XFRMIF_POLICY_FILTER_ACTION;
			f->action = (uint8_t)x;
		} else if (!strcmp(k, "ptype")) {
			NEED(w, v, (x = parse_ptype(v)) >= 0, "main or sub");
			f->flags |= XFRMIF_POLICY_FILTER_TYPE;
			f->type = (uint8_t)x;
		} else {
			return cli_usage("policy %s: unknown word '%s'", w->cmd, k);
		}
	}
	return 0;
}

/* What show and flush start with: the filter words, then the context.
 * Returns 0 or the exit status. */
static int start_filtered(struct cli *c, struct words *w,
			  struct xfrmif_policy_filter *f)
{
	int rc = parse_filter(w, f);

	if (rc == 0 && !cli_ctx(c))
		rc = EXIT_FAIL;
	return rc;
}

static int do_show(struct cli *c, struct words *w)
{
	XFRMIF_OPTS(xfrmif_policy_filter, f);
	int rc, r;

	rc = start_filtered(c, w, &f);
	if (rc)
		return rc;
	if (c->json)
		json_array_begin(&c->j, NULL);
	r = xfrmif_policy_list(c->ctx, &f, show_one, c);
	if (c->json) {
		json_array_end(&c->j);
		json_finish(&c->j);
	}
	return r < 0 ? cli_fail(c, r, "policy show") : EXIT_OK;
}

static int do_flush(struct cli *c, struct words *w)
{
	XFRMIF_OPTS(xfrmif_policy_filter, f);
	int rc, r;

	rc = start_filtered(c, w, &f);
	if (rc)
		return rc;
	r = xfrmif_policy_flush(c->ctx, f.flags ? &f : NULL);
	if (r < 0)
		return cli_fail(c, r, "policy flush");
	if (f.flags & ~(uint32_t)XFRMIF_POLICY_FILTER_TYPE) {
		if (c->json) {
			json_object_begin(&c->j, NULL);
			json_uint(&c->j, "deleted", (uint64_t)r);
			json_object_end(&c->j);
			json_finish(&c->j);
		} else {
			printf("deleted %d\n", r);
		}
	}
	return EXIT_OK;
}

static int do_count(struct cli *c, struct words *w)
{
	XFRMIF_OPTS(xfrmif_spd_info, si);
	int r;

	if (w->argc > 0)
		return cli_usage("policy count takes no arguments (got '%s')",
				 w->argv[0]);
	if (!cli_ctx(c))
		return EXIT_FAIL;
	r = xfrmif_spd_get_info(c->ctx, &si);
	if (r < 0)
		return cli_fail(c, r, "policy count");
	if (c->json) {
		json_object_begin(&c->j, NULL);
		json_uint(&c->j, "in", si.in);
		json_uint(&c->j, "out", si.out);
		json_uint(&c->j, "fwd", si.fwd);
		json_uint(&c->j, "in_sock", si.in_sock);
		json_uint(&c->j, "out_sock", si.out_sock);
		json_uint(&c->j, "fwd_sock", si.fwd_sock);
		json_uint(&c->j, "hash_buckets", si.hash_buckets);
		json_uint(&c->j, "hash_max", si.hash_max);
		json_uint(&c->j, "lbits4", si.lbits4);
		json_uint(&c->j, "rbits4", si.rbits4);
		json_uint(&c->j, "lbits6", si.lbits6);
		json_uint(&c->j, "rbits6", si.rbits6);
		json_object_end(&c->j);
		json_finish(&c->j);
		return EXIT_OK;
	}
	printf("SPD IN %u OUT %u FWD %u (Sock: IN %u OUT %u FWD %u)\n", si.in,
	       si.out, si.fwd, si.in_sock, si.out_sock, si.fwd_sock);
	printf("SPD buckets: count %u Max %u\n", si.hash_buckets, si.hash_max);
	printf("SPD IPv4 thresholds: local %u remote %u\n", si.lbits4, si.rbits4);
	printf("SPD IPv6 thresholds: local %u remote %u\n", si.lbits6, si.rbits6);
	return EXIT_OK;
}

/* hthresh4 L R / hthresh6 L R */
static int do_set(struct cli *c, struct words *w)
{
	const char *v;
	uint32_t l, r2;
	int r;

	if (w->argc == 0)
		return cli_usage("policy set needs hthresh4 or hthresh6");
	for (w->i = 0; w->i < w->argc; w->i++) {
		const char *k = w->argv[w->i];
		int family = !strcmp(k, "hthresh4") ? AF_INET
			     : !strcmp(k, "hthresh6") ? AF_INET6 : 0;
		if (!family)
			return cli_usage("policy set: unknown word '%s'", k);
		NEED(w, v, cli_parse_u32(v, &l) && l <= 255, "local prefix bits");
		NEED(w, v, cli_parse_u32(v, &r2) && r2 <= 255, "remote prefix bits");
		if (!cli_ctx(c))
			return EXIT_FAIL;
		r = xfrmif_spd_set_hthresh(c->ctx, family, (uint8_t)l, (uint8_t)r2);
		if (r < 0)
			return cli_fail(c, r, "policy set");
	}
	return EXIT_OK;
}

static int do_default(struct cli *c, struct words *w)
{
	int r, dir, action;

	if (!cli_ctx(c))
		return EXIT_FAIL;
	if (w->argc == 0) {
		if (c->json)
			json_object_begin(&c->j, NULL);
		for (dir = 0; dir <= XFRMIF_POLICY_DIR_FWD; dir++) {
			r = xfrmif_spd_get_default(c->ctx, dir, &action);
			if (r < 0)
				return cli_fail(c, r, "policy default");
			if (c->json)
				json_string(&c->j, dir_name(dir),
					    action == XFRMIF_POLICY_BLOCK ? "block"
									  : "allow");
			else
				printf("%s %s\n", dir_name(dir),
				       action == XFRMIF_POLICY_BLOCK ? "block"
								     : "allow");
		}
		if (c->json) {
			json_object_end(&c->j);
			json_finish(&c->j);
		}
		return EXIT_OK;
	}
	for (w->i = 0; w->i < w->argc; w->i++) {
		const char *v;
		dir = parse_dir(w->argv[w->i]);
		if (dir < 0)
			return cli_usage("policy default: unknown word '%s' "
					 "(in, out or fwd)", w->argv[w->i]);
		NEED(w, v, (action = parse_action(v)) >= 0, "allow or block");
		r = xfrmif_spd_set_default(c->ctx, dir, action);
		if (r < 0)
			return cli_fail(c, r, "policy default");
	}
	return EXIT_OK;
}

int cmd_policy(struct cli *c, int argc, char **argv)
{
	struct words w = { .argc = argc - 1, .argv = argv + 1 };

	if (argc < 1)
		return cli_usage("policy needs a subcommand: add, update, del, "
				 "get, show, flush, count, set, default");
	w.cmd = argv[0];
	if (!strcmp(argv[0], "add"))
		return do_add(c, &w, false);
	if (!strcmp(argv[0], "update"))
		return do_add(c, &w, true);
	if (!strcmp(argv[0], "del") || !strcmp(argv[0], "delete"))
		return do_key(c, &w, true);
	if (!strcmp(argv[0], "get"))
		return do_key(c, &w, false);
	if (!strcmp(argv[0], "show") || !strcmp(argv[0], "list"))
		return do_show(c, &w);
	if (!strcmp(argv[0], "flush"))
		return do_flush(c, &w);
	if (!strcmp(argv[0], "count"))
		return do_count(c, &w);
	if (!strcmp(argv[0], "set"))
		return do_set(c, &w);
	if (!strcmp(argv[0], "default"))
		return do_default(c, &w);
	return cli_usage("policy: unknown subcommand '%s'", argv[0]);
}
