/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrmifctl link: xfrm interfaces and VTIs.
 *
 *   link add NAME type xfrm if_id ID [dev DEV] [external]
 *   link add NAME type vti|vti6 [local A] [remote B] [key K | ikey K okey K]
 *            [dev DEV] [fwmark M]
 *     (add also takes: mtu N, up, group N, netns NS, replace)
 *   link del NAME
 *   link del group N
 *   link set NAME [up|down] [mtu N] [netns NS] [disable_policy 4|6 on|off]
 *            [the kind parameters above]
 *   link addr add|del PREFIX dev NAME
 *   link show [NAME] [type KIND]
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "cli.h"
#include "parse.h"

/* A VTI key: a number or, as ip prints them, a dotted quad. */
static bool parse_key(const char *s, uint32_t *v)
{
	struct in_addr a;

	if (strchr(s, '.')) {
		if (inet_pton(AF_INET, s, &a) != 1)
			return false;
		*v = ntohl(a.s_addr);
		return true;
	}
	return cli_parse_u32(s, v);
}

/* What `link add` and `link set` collect besides the link itself. */
struct link_args {
	const char *netns;
	int replace;
	int dp_family;
	int dp_on;
	int dp_given;
};

#define NEED_ARG(kw)                                                           \
	do {                                                                   \
		if (++i >= argc)                                               \
			return cli_usage("link: '%s' needs a value", kw);      \
	} while (0)

/* The value argv[i] of keyword kw, refused unless ok. */
#define VALUE_OK(ok, kw)                                                       \
	do {                                                                   \
		if (!(ok))                                                     \
			return cli_usage("link: bad value '%s' for '%s'",      \
					 argv[i], kw);                         \
	} while (0)

/* Parses keywords from argv[start]; returns 0 or EXIT_USAGE. */
static int parse_link(xfrmif_link *l, struct link_args *a, int argc,
		      char **argv, int start, int is_add)
{
	unsigned char addr[16];
	uint32_t v;
	int fam;

	for (int i = start; i < argc; i++) {
		const char *kw = argv[i];
		if (!strcmp(kw, "type")) {
			NEED_ARG(kw);
			v = xfrmif_link_kind_from_name(argv[i]);
			if (!v)
				return cli_usage("link: unknown type '%s' (xfrm, "
						 "vti, vti6)", argv[i]);
			xfrmif_link_set_kind(l, v);
		} else if (!strcmp(kw, "if_id")) {
			NEED_ARG(kw);
			VALUE_OK(cli_parse_u32(argv[i], &v), kw);
			/* 0 goes to the library, which names the mistake. */
			xfrmif_link_set_if_id(l, v);
		} else if (!strcmp(kw, "dev")) {
			NEED_ARG(kw);
			xfrmif_link_set_dev(l, argv[i]);
		} else if (!strcmp(kw, "external")) {
			xfrmif_link_set_external(l, 1);
		} else if (!strcmp(kw, "local") || !strcmp(kw, "remote")) {
			NEED_ARG(kw);
			if (!cli_parse_addr(argv[i], &fam, addr))
				return cli_usage("link: bad address '%s' for "
						 "'%s'", argv[i], kw);
			if (kw[0] == 'l')
				xfrmif_link_set_local(l, fam, addr);
			else
				xfrmif_link_set_remote(l, fam, addr);
		} else if (!strcmp(kw, "key") || !strcmp(kw, "ikey") ||
			   !strcmp(kw, "okey")) {
			NEED_ARG(kw);
			VALUE_OK(parse_key(argv[i], &v), kw);
			if (kw[0] == 'k')
				xfrmif_link_set_key(l, v);
			else if (kw[0] == 'i')
				xfrmif_link_set_ikey(l, v);
			else
				xfrmif_link_set_okey(l, v);
		} else if (!strcmp(kw, "fwmark")) {
			NEED_ARG(kw);
			VALUE_OK(cli_parse_u32(argv[i], &v), kw);
			xfrmif_link_set_fwmark(l, v);
		} else if (!strcmp(kw, "mtu")) {
			NEED_ARG(kw);
			VALUE_OK(cli_parse_u32(argv[i], &v), kw);
			VALUE_OK(xfrmif_link_set_mtu(l, v) >= 0, kw);
		} else if (!strcmp(kw, "group")) {
			NEED_ARG(kw);
			VALUE_OK(cli_parse_u32(argv[i], &v), kw);
			xfrmif_link_set_group(l, v);
		} else if (!strcmp(kw, "up") || !strcmp(kw, "down")) {
			xfrmif_link_set_up(l, kw[0] == 'u');
		} else if (!strcmp(kw, "netns")) {
			NEED_ARG(kw);
			a->netns = argv[i];
		} else if (!strcmp(kw, "replace") && is_add) {
			a->replace = 1;
		} else if (!strcmp(kw, "disable_policy") && !is_add) {
			if (i + 2 >= argc)
				return cli_usage("link: 'disable_policy' needs "
						 "4|6 and on|off");
			a->dp_family = !strcmp(argv[i + 1], "4") ? AF_INET :
				       !strcmp(argv[i + 1], "6") ? AF_INET6 : 0;
			if (!a->dp_family)
				return cli_usage("link: bad family '%s' for "
						 "'disable_policy' (4 or 6)",
						 argv[i + 1]);
			if (strcmp(argv[i + 2], "on") && strcmp(argv[i + 2], "off"))
				return cli_usage("link: bad value '%s' for "
						 "'disable_policy' (on or off)",
						 argv[i + 2]);
			a->dp_on = !strcmp(argv[i + 2], "on");
			a->dp_given = 1;
			i += 2;
		} else {
			return cli_usage("link: unknown keyword '%s'", kw);
		}
	}
	return 0;
}

static int link_add(struct cli *c, int argc, char **argv)
{
	xfrmif_link *l = NULL;
	struct link_args a = { 0 };
	XFRMIF_OPTS(xfrmif_link_netns_opts, ns, .netns_name = NULL);
	XFRMIF_OPTS(xfrmif_link_add_opts, o, .flags = 0);
	int r;

	if (argc < 1)
		return cli_usage("link add: needs a NAME");
	if (xfrmif_link_new(&l) < 0)
		return EXIT_FAIL;
	/* A bad name is for the library to name in its message. */
	xfrmif_link_set_name(l, argv[0]);
	r = parse_link(l, &a, argc, argv, 1, 1);
	if (r) {
		xfrmif_link_free(l);
		return r;
	}
	if (a.netns) {
		ns.netns_name = a.netns;
		o.netns = &ns;
	}
	o.flags = a.replace ? XFRMIF_LINK_ADD_REPLACE : 0;
	if (c->batch && (a.netns || a.replace)) {
		xfrmif_link_free(l);
		return cli_usage("link add: '%s' cannot be batched",
				 a.netns ? "netns" : "replace");
	}
	if (!cli_ctx(c)) {
		xfrmif_link_free(l);
		return EXIT_FAIL;
	}
	r = c->batch ? xfrmif_batch_link_add(c->batch, l) :
		       xfrmif_link_add(c->ctx, l, &o);
	xfrmif_link_free(l);
	return r < 0 ? cli_fail(c, r, "link add") : EXIT_OK;
}

static int link_set(struct cli *c, int argc, char **argv)
{
	xfrmif_link *l = NULL;
	struct link_args a = { 0 };
	XFRMIF_OPTS(xfrmif_link_netns_opts, ns, .netns_name = NULL);
	uint32_t kind;
	int r, changes;

	if (argc < 1)
		return cli_usage("link set: needs a NAME");
	if (argc < 2)
		return cli_usage("link set: nothing to change on '%s'", argv[0]);
	if (xfrmif_link_new(&l) < 0)
		return EXIT_FAIL;
	xfrmif_link_set_name(l, argv[0]);
	r = parse_link(l, &a, argc, argv, 1, 0);
	if (r || !cli_ctx(c))
		goto out;
	/* Everything but netns and disable_policy goes in one change. */
	changes = argc - 1 - (a.netns ? 2 : 0) - (a.dp_given ? 3 : 0);
	if (changes > 0 || xfrmif_link_get_kind(l, &kind) == 0) {
		r = xfrmif_link_modify(c->ctx, l);
		if (r < 0) {
			r = cli_fail(c, r, "link set");
			goto out;
		}
	}
	if (a.dp_given) {
		r = xfrmif_link_disable_policy(c->ctx, l, a.dp_family, a.dp_on);
		if (r < 0) {
			r = cli_fail(c, r, "link set disable_policy");
			goto out;
		}
	}
	if (a.netns) {
		ns.netns_name = a.netns;
		r = xfrmif_link_move(c->ctx, l, &ns);
		if (r < 0) {
			r = cli_fail(c, r, "link set netns");
			goto out;
		}
	}
	r = EXIT_OK;
out:
	xfrmif_link_free(l);
	return r ? r : EXIT_OK;
}

static int link_del(struct cli *c, int argc, char **argv)
{
	xfrmif_link *l = NULL;
	uint32_t group;
	int r;

	if (argc == 2 && !strcmp(argv[0], "group")) {
		if (!cli_parse_u32(argv[1], &group))
			return cli_usage("link del: bad value '%s' for 'group'",
					 argv[1]);
		if (!cli_ctx(c))
			return EXIT_FAIL;
		r = c->batch ? xfrmif_batch_link_del_group(c->batch, group) :
			       xfrmif_link_del_group(c->ctx, group);
		return r < 0 ? cli_fail(c, r, "link del group") : EXIT_OK;
	}
	if (argc != 1)
		return cli_usage(argc ? "link del: unexpected '%s'" :
					"link del: needs a NAME%s",
				 argc ? argv[1] : "");
	if (!cli_ctx(c))
		return EXIT_FAIL;
	if (!c->batch) {
		r = xfrmif_link_del_by_name(c->ctx, argv[0]);
		return r < 0 ? cli_fail(c, r, "link del") : EXIT_OK;
	}
	if (xfrmif_link_new(&l) < 0)
		return EXIT_FAIL;
	/* A bad name is for the library to name in its message. */
	xfrmif_link_set_name(l, argv[0]);
	r = xfrmif_batch_link_del(c->batch, l);
	xfrmif_link_free(l);
	return r < 0 ? cli_fail(c, r, "link del") : EXIT_OK;
}

static int link_addr(struct cli *c, int argc, char **argv)
{
	char buf[INET6_ADDRSTRLEN + 8], *slash;
	unsigned char addr[16];
	xfrmif_link *l = NULL;
	uint32_t plen;
	int fam, add, r;

	if (argc < 1 || (strcmp(argv[0], "add") && strcmp(argv[0], "del")))
		return cli_usage("link addr: needs add or del (got '%s')",
				 argc ? argv[0] : "");
	add = !strcmp(argv[0], "add");
	if (argc != 4 || strcmp(argv[2], "dev"))
		return cli_usage("link addr %s: usage: PREFIX dev NAME", argv[0]);
	snprintf(buf, sizeof(buf), "%s", argv[1]);
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = '\0';
	if (!cli_parse_addr(buf, &fam, addr))
		return cli_usage("link addr: bad address '%s'", argv[1]);
	plen = fam == AF_INET ? 32 : 128;
	if (slash && (!cli_parse_u32(slash, &plen) ||
		      plen > (fam == AF_INET ? 32u : 128u)))
		return cli_usage("link addr: bad prefix length in '%s'", argv[1]);
	if (!cli_ctx(c) || xfrmif_link_new(&l) < 0)
		return EXIT_FAIL;
	xfrmif_link_set_name(l, argv[3]);
	r = add ? xfrmif_link_addr_add(c->ctx, l, fam, addr, (uint8_t)plen) :
		  xfrmif_link_addr_del(c->ctx, l, fam, addr, (uint8_t)plen);
	xfrmif_link_free(l);
	return r < 0 ? cli_fail(c, r, add ? "link addr add" : "link addr del") :
		       EXIT_OK;
}

/* The underlying device's name, when it is in the context's namespace. */
static const char *dev_name(struct cli *c, const xfrmif_link *l, uint32_t idx,
			    char buf[IF_NAMESIZE])
{
	xfrmif_link *d = NULL;
	int32_t nsid;

	if (xfrmif_link_get_link_netnsid(l, &nsid) == 0 ||
	    xfrmif_link_get_by_index(&d, c->ctx, idx) < 0)
		return NULL;
	snprintf(buf, IF_NAMESIZE, "%s", xfrmif_link_get_name(d));
	xfrmif_link_free(d);
	return buf;
}

static void show_json(struct cli *c, const xfrmif_link *l)
{
	char abuf[INET6_ADDRSTRLEN], dbuf[IF_NAMESIZE];
	unsigned char addr[16];
	uint32_t v;
	int32_t nsid;
	int fam, b;

	json_object_begin(&c->j, NULL);
	if (xfrmif_link_get_ifindex(l, &v) == 0)
		json_uint(&c->j, "ifindex", v);
	json_string(&c->j, "name", xfrmif_link_get_name(l));
	if (xfrmif_link_get_kind_name(l))
		json_string(&c->j, "kind", xfrmif_link_get_kind_name(l));
	else
		json_null(&c->j, "kind");
	if (xfrmif_link_get_flags(l, &v) == 0)
		json_uint(&c->j, "flags", v);
	if (xfrmif_link_get_up(l, &b) == 0)
		json_bool(&c->j, "up", b);
	if (xfrmif_link_get_mtu(l, &v) == 0)
		json_uint(&c->j, "mtu", v);
	if (xfrmif_link_get_dev_index(l, &v) == 0) {
		json_uint(&c->j, "dev_index", v);
		if (dev_name(c, l, v, dbuf))
			json_string(&c->j, "dev", dbuf);
	}
	if (xfrmif_link_get_if_id(l, &v) == 0)
		json_uint(&c->j, "if_id", v);
	if (xfrmif_link_get_external(l, &b) == 0)
		json_bool(&c->j, "external", b);
	if (xfrmif_link_get_local(l, &fam, addr) == 0)
		json_string(&c->j, "local", inet_ntop(fam, addr, abuf, sizeof(abuf)));
	if (xfrmif_link_get_remote(l, &fam, addr) == 0)
		json_string(&c->j, "remote", inet_ntop(fam, addr, abuf, sizeof(abuf)));
	if (xfrmif_link_get_ikey(l, &v) == 0)
		json_uint(&c->j, "ikey", v);
	if (xfrmif_link_get_okey(l, &v) == 0)
		json_uint(&c->j, "okey", v);
	if (xfrmif_link_get_fwmark(l, &v) == 0)
		json_uint(&c->j, "fwmark", v);
	if (xfrmif_link_get_link_netnsid(l, &nsid) == 0)
		json_int(&c->j, "link_netnsid", nsid);
	if (xfrmif_link_get_disable_policy(l, AF_INET, &b) == 0)
		json_bool(&c->j, "disable_policy4", b);
	if (xfrmif_link_get_disable_policy(l, AF_INET6, &b) == 0)
		json_bool(&c->j, "disable_policy6", b);
	json_object_end(&c->j);
}

static void show_text(struct cli *c, const xfrmif_link *l)
{
	char abuf[INET6_ADDRSTRLEN], dbuf[IF_NAMESIZE];
	unsigned char addr[16];
	const char *kind = xfrmif_link_get_kind_name(l);
	uint32_t v;
	int32_t nsid;
	int fam, b;

	xfrmif_link_get_ifindex(l, &v);
	printf("%u: %s:", v, xfrmif_link_get_name(l));
	if (xfrmif_link_get_mtu(l, &v) == 0)
		printf(" mtu %u", v);
	if (xfrmif_link_get_up(l, &b) == 0)
		printf(" %s", b ? "up" : "down");
	if (xfrmif_link_get_link_netnsid(l, &nsid) == 0)
		printf(" link-netnsid %d", nsid);
	putchar('\n');
	if (!kind)
		return;
	printf("    %s", kind);
	if (xfrmif_link_get_if_id(l, &v) == 0)
		printf(" if_id 0x%x", v);
	if (xfrmif_link_get_external(l, &b) == 0 && b)
		printf(" external");
	if (xfrmif_link_get_local(l, &fam, addr) == 0)
		printf(" local %s", inet_ntop(fam, addr, abuf, sizeof(abuf)));
	if (xfrmif_link_get_remote(l, &fam, addr) == 0)
		printf(" remote %s", inet_ntop(fam, addr, abuf, sizeof(abuf)));
	if (xfrmif_link_get_dev_index(l, &v) == 0) {
		if (dev_name(c, l, v, dbuf))
			printf(" dev %s", dbuf);
		else
			printf(" dev-index %u", v);
	}
	if (xfrmif_link_get_ikey(l, &v) == 0 && v)
		printf(" ikey %u", v);
	if (xfrmif_link_get_okey(l, &v) == 0 && v)
		printf(" okey %u", v);
	if (xfrmif_link_get_fwmark(l, &v) == 0 && v)
		printf(" fwmark 0x%x", v);
	putchar('\n');
}

static int show_one(const xfrmif_link *l, void *arg)
{
	struct cli *c = arg;

	if (c->json)
		show_json(c, l);
	else
		show_text(c, l);
	return 0;
}

static int link_show(struct cli *c, int argc, char **argv)
{
	XFRMIF_OPTS(xfrmif_link_filter, f, .kind = 0);
	const char *name = NULL;
	xfrmif_link *l = NULL;
	int r;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "type")) {
			if (++i >= argc)
				return cli_usage("link show: 'type' needs a value");
			f.kind = xfrmif_link_kind_from_name(argv[i]);
			if (!f.kind)
				return cli_usage("link show: unknown type '%s'",
						 argv[i]);
		} else if (!strcmp(argv[i], "dev") && i + 1 < argc) {
			name = argv[++i];
		} else if (!name) {
			name = argv[i];
		} else {
			return cli_usage("link show: unexpected '%s'", argv[i]);
		}
	}
	if (!cli_ctx(c))
		return EXIT_FAIL;
	if (name) {
		r = xfrmif_link_get_by_name(&l, c->ctx, name);
		if (r < 0)
			return cli_fail(c, r, "link show");
		show_one(l, c);
		xfrmif_link_free(l);
		if (c->json)
			json_finish(&c->j);
		return EXIT_OK;
	}
	if (c->json)
		json_array_begin(&c->j, NULL);
	r = xfrmif_link_list(c->ctx, &f, show_one, c);
	if (c->json) {
		json_array_end(&c->j);
		json_finish(&c->j);
	}
	return r < 0 ? cli_fail(c, r, "link show") : EXIT_OK;
}

int cmd_link(struct cli *c, int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(struct cli *, int, char **);
	} sub[] = {
		{ "add", link_add },   { "del", link_del },
		{ "delete", link_del }, { "set", link_set },
		{ "addr", link_addr }, { "show", link_show },
		{ "list", link_show },
	};

	if (argc < 1)
		return link_show(c, 0, argv);
	for (size_t i = 0; i < sizeof(sub) / sizeof(sub[0]); i++)
		if (!strcmp(argv[0], sub[i].name))
			return sub[i].fn(c, argc - 1, argv + 1);
	return cli_usage("link: unknown subcommand '%s' (add, del, set, addr, "
			 "show)", argv[0]);
}
