/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrmifctl monitor: print kernel IPsec events as they arrive, one line
 * each (flushed, so that a pipe sees it at once); with -j one JSON object
 * per line. Every field is written through one key/value helper, so the
 * text and JSON forms carry the same information.
 */
#define _DEFAULT_SOURCE /* IFF_UP */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd_sa.h"

static const struct {
	const char *word;
	uint32_t groups;
} group_words[] = {
	{ "acquire", XFRMIF_MONITOR_ACQUIRE },
	{ "expire", XFRMIF_MONITOR_EXPIRE },
	{ "sa", XFRMIF_MONITOR_SA },
	{ "policy", XFRMIF_MONITOR_POLICY },
	{ "aevents", XFRMIF_MONITOR_AEVENTS },
	{ "report", XFRMIF_MONITOR_REPORT },
	{ "migrate", XFRMIF_MONITOR_MIGRATE },
	{ "mapping", XFRMIF_MONITOR_MAPPING },
	{ "link", XFRMIF_MONITOR_LINK },
	{ "all", XFRMIF_MONITOR_ALL },
};

/* ---- one field, as " key value" or "key": value ---- */

static void kv_str(struct cli *c, const char *key, const char *v)
{
	if (c->json)
		json_string(&c->j, key, v);
	else
		printf(" %s %s", key, v);
}

static void kv_uint(struct cli *c, const char *key, uint64_t v)
{
	if (c->json)
		json_uint(&c->j, key, v);
	else
		printf(" %s %" PRIu64, key, v);
}

/* Text shows these in hex, as ip does; JSON keeps numbers. */
static void kv_hex(struct cli *c, const char *key, uint32_t v)
{
	if (c->json)
		json_uint(&c->j, key, v);
	else
		printf(" %s 0x%08x", key, v);
}

static void kv_addr(struct cli *c, const char *key, int family,
		    const void *a, int plen)
{
	char buf[INET6_ADDRSTRLEN + 8];

	if (!inet_ntop(family, a, buf, INET6_ADDRSTRLEN))
		strcpy(buf, "?");
	if (plen >= 0 && !c->json)
		snprintf(buf + strlen(buf), 8, "/%d", plen);
	kv_str(c, key, buf);
	if (plen >= 0 && c->json) {
		char k[32];
		snprintf(k, sizeof(k), "%s_prefixlen", key);
		json_uint(&c->j, k, (uint64_t)plen);
	}
}

static void kv_mark(struct cli *c, uint32_t v, uint32_t m)
{
	char buf[32];

	if (c->json) {
		json_uint(&c->j, "mark", v);
		json_uint(&c->j, "mark_mask", m);
		return;
	}
	snprintf(buf, sizeof(buf), "0x%x/0x%x", v, m);
	kv_str(c, "mark", buf);
}

/* ---- objects ---- */

static void sa_sel(struct cli *c, const xfrmif_sa *sa)
{
	unsigned char a[16];
	uint8_t plen, proto;
	uint16_t port;
	int fam;

	if (xfrmif_sa_get_sel_src(sa, &fam, a, &plen) == 0)
		kv_addr(c, "sel_src", fam, a, plen);
	if (xfrmif_sa_get_sel_dst(sa, &fam, a, &plen) == 0)
		kv_addr(c, "sel_dst", fam, a, plen);
	if (xfrmif_sa_get_sel_proto(sa, &proto) == 0)
		kv_uint(c, "sel_proto", proto);
	if (xfrmif_sa_get_sel_sport(sa, &port) == 0)
		kv_uint(c, "sel_sport", port);
	if (xfrmif_sa_get_sel_dport(sa, &port) == 0)
		kv_uint(c, "sel_dport", port);
}

static void sa_fields(struct cli *c, const xfrmif_sa *sa)
{
	unsigned char a[16];
	const char *name;
	const uint8_t *key;
	size_t klen;
	uint32_t u, m;
	uint8_t proto, mode;
	int fam;

	if (xfrmif_sa_get_proto(sa, &proto) == 0)
		kv_str(c, "proto", sa_proto_name(proto));
	if (xfrmif_sa_get_spi(sa, &u) == 0)
		kv_hex(c, "spi", u);
	if (xfrmif_sa_get_src(sa, &fam, a) == 0)
		kv_addr(c, "src", fam, a, -1);
	if (xfrmif_sa_get_dst(sa, &fam, a) == 0)
		kv_addr(c, "dst", fam, a, -1);
	if (xfrmif_sa_get_reqid(sa, &u) == 0 && u)
		kv_uint(c, "reqid", u);
	if (xfrmif_sa_get_mode(sa, &mode) == 0 && proto != 0)
		kv_str(c, "mode", sa_mode_name(mode));
	if (xfrmif_sa_get_if_id(sa, &u) == 0)
		kv_uint(c, "if_id", u);
	if (xfrmif_sa_get_mark(sa, &u, &m) == 0)
		kv_mark(c, u, m);
	/* Algorithm names only: a monitor line is no place for keys. */
	if (xfrmif_sa_get_aead(sa, &name, &key, &klen, &u) == 0)
		kv_str(c, "aead", name);
	if (xfrmif_sa_get_enc(sa, &name, &key, &klen) == 0)
		kv_str(c, "enc", name);
	if (xfrmif_sa_get_auth(sa, &name, &key, &klen, &u) == 0)
		kv_str(c, "auth", name);
	sa_sel(c, sa);
}

static const char *const dir_names[] = { "in", "out", "fwd" };

static void policy_fields(struct cli *c, const xfrmif_policy *p, bool whole)
{
	unsigned char a[16];
	uint32_t u, m;
	uint8_t plen, proto;
	int fam, d, n;

	if (xfrmif_policy_get_dir(p, &d) == 0 && d >= 0 && d < 3)
		kv_str(c, "dir", dir_names[d]);
	if (xfrmif_policy_get_src(p, &fam, a, &plen) == 0 && fam)
		kv_addr(c, "src", fam, a, plen);
	if (xfrmif_policy_get_dst(p, &fam, a, &plen) == 0 && fam)
		kv_addr(c, "dst", fam, a, plen);
	if (xfrmif_policy_get_proto(p, &proto) == 0)
		kv_uint(c, "sel_proto", proto);
	if (xfrmif_policy_get_index(p, &u) == 0)
		kv_uint(c, "index", u);
	if (xfrmif_policy_get_if_id(p, &u) == 0)
		kv_uint(c, "if_id", u);
	if (xfrmif_policy_get_mark(p, &u, &m) == 0)
		kv_mark(c, u, m);
	if (xfrmif_policy_get_type(p, &d) == 0 && (d || !whole))
		kv_str(c, "ptype", d ? "sub" : "main");
	n = xfrmif_policy_get_tmpl_count(p);
	if (whole && n > 0)
		kv_uint(c, "tmpls", (uint64_t)n);
}

static void link_fields(struct cli *c, const xfrmif_link *l)
{
	const char *s;
	uint32_t u;
	int up;

	if ((s = xfrmif_link_get_kind_name(l)))
		kv_str(c, "kind", s);
	if ((s = xfrmif_link_get_name(l)))
		kv_str(c, "name", s);
	if (xfrmif_link_get_ifindex(l, &u) == 0)
		kv_uint(c, "ifindex", u);
	if (xfrmif_link_get_if_id(l, &u) == 0)
		kv_uint(c, "if_id", u);
	if (xfrmif_link_get_up(l, &up) == 0)
		kv_str(c, "state", up ? "up" : "down");
}

static void groups_field(struct cli *c, uint32_t groups)
{
	char buf[128] = "";

	for (size_t i = 0; i + 1 < sizeof(group_words) / sizeof(group_words[0]);
	     i++)
		if (groups & group_words[i].groups)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf),
				 "%s%s", *buf ? "," : "", group_words[i].word);
	kv_str(c, "groups", buf);
}

/* The fields particular to one event type. */
static void event_extra(struct cli *c, const xfrmif_event *ev, int type)
{
	unsigned char o[16], n[16];
	uint32_t u, aa, ea, ca;
	uint16_t op, np;
	uint8_t proto;
	int hard, fam;

	switch (type) {
	case XFRMIF_EVENT_EXPIRE:
	case XFRMIF_EVENT_POLICY_EXPIRE:
		if (xfrmif_event_get_hard(ev, &hard) == 0)
			kv_str(c, "limit", hard ? "hard" : "soft");
		break;
	case XFRMIF_EVENT_ACQUIRE:
		if (xfrmif_event_get_acquire(ev, &u, &aa, &ea, &ca) == 0)
			kv_uint(c, "seq", u);
		break;
	case XFRMIF_EVENT_MAPPING:
		if (xfrmif_event_get_mapping(ev, &fam, o, &op, n, &np) == 0) {
			kv_addr(c, "old_src", fam, o, -1);
			kv_uint(c, "old_sport", op);
			kv_addr(c, "new_src", fam, n, -1);
			kv_uint(c, "new_sport", np);
		}
		break;
	case XFRMIF_EVENT_MIGRATE:
		kv_uint(c, "migrations",
			(uint64_t)xfrmif_event_get_migrate_count(ev));
		break;
	case XFRMIF_EVENT_SA_FLUSH:
		if (xfrmif_event_get_flush_proto(ev, &proto) == 0)
			kv_str(c, "proto", proto == 0 || proto == 255
						   ? "all" : sa_proto_name(proto));
		break;
	case XFRMIF_EVENT_AE:
		if (xfrmif_event_get_ae_flags(ev, &u) == 0)
			kv_hex(c, "flags", u);
		break;
	case XFRMIF_EVENT_LINK_NEW:
		if (xfrmif_event_get_link_change(ev, &u) == 0)
			kv_str(c, "change", u == UINT32_MAX ? "created"
				   : (u & IFF_UP) ? "up/down" : "attributes");
		break;
	case XFRMIF_EVENT_LOST:
		if (xfrmif_event_get_lost(ev, &u) == 0)
			groups_field(c, u);
		break;
	default:
		break;
	}
}

static int on_event(const xfrmif_event *ev, void *arg)
{
	struct cli *c = arg;
	const xfrmif_policy *p;
	const xfrmif_link *l;
	const xfrmif_sa *sa;
	int type = xfrmif_event_get_type(ev);
	const char *name = xfrmif_event_type_name(type);

	if (c->json) {
		json_object_begin(&c->j, NULL);
		json_string(&c->j, "event", name ? name : "?");
	} else {
		fputs(name ? name : "?", stdout);
	}
	event_extra(c, ev, type);
	if (xfrmif_event_get_sa(ev, &sa) == 0)
		sa_fields(c, sa);
	if (xfrmif_event_get_policy(ev, &p) == 0) {
		/* Beside an SA (acquire), the policy's fields get a prefix. */
		if (type == XFRMIF_EVENT_ACQUIRE) {
			if (c->json)
				json_object_begin(&c->j, "policy");
			else
				fputs(" policy", stdout);
		}
		policy_fields(c, p, type != XFRMIF_EVENT_POLICY_FLUSH);
		if (type == XFRMIF_EVENT_ACQUIRE && c->json)
			json_object_end(&c->j);
	}
	if (xfrmif_event_get_link(ev, &l) == 0)
		link_fields(c, l);
	if (c->json) {
		json_object_end(&c->j);
		json_finish(&c->j);
	} else {
		putchar('\n');
		fflush(stdout);
	}
	return 0;
}

int cmd_monitor(struct cli *c, int argc, char **argv)
{
	xfrmif_monitor *mon = NULL;
	uint32_t groups = 0;
	xfrmif_ctx *ctx;
	int r;

	for (int i = 0; i < argc; i++) {
		size_t k, n = sizeof(group_words) / sizeof(group_words[0]);

		for (k = 0; k < n; k++)
			if (!strcmp(argv[i], group_words[k].word))
				break;
		if (k == n)
			return cli_usage("monitor: unknown event kind '%s' (one "
					 "of acquire expire sa policy aevents "
					 "report migrate mapping link all)",
					 argv[i]);
		groups |= group_words[k].groups;
	}
	if (!groups)
		groups = XFRMIF_MONITOR_ALL;
	ctx = cli_ctx(c);
	if (!ctx)
		return EXIT_FAIL;
	r = xfrmif_monitor_new(&mon, ctx, groups, NULL);
	if (r < 0)
		return cli_fail(c, r, "monitor");
	for (;;) {
		r = xfrmif_monitor_run(mon, -1, on_event, c);
		if (r < 0 && r != -EINTR)
			break;
	}
	xfrmif_monitor_free(mon);
	return cli_fail(c, r, "monitor");
}
