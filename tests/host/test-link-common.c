/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The kind-independent half of xfrmif_link against the running kernel, on
 * veth pairs that iproute2 makes: get, list, modify, rename, delete,
 * addresses, disable_policy, moving between namespaces, and the checks
 * that refuse before anything is sent. iproute2 is the oracle. Runs in the
 * host and in the vm suite.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

static xfrmif_ctx *ctx_here(void)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	return ctx;
}

static xfrmif_link *by_name(const char *name)
{
	xfrmif_link *l = NULL;

	XT_ASSERT_OK(xfrmif_link_new(&l));
	XT_ASSERT_OK(xfrmif_link_set_name(l, name));
	return l;
}

static unsigned ip_ifindex(const char *name)
{
	char *out = xt_sh_out("ip -o link show dev %s | cut -d: -f1", name);
	unsigned v = (unsigned)strtoul(out, NULL, 10);

	free(out);
	return v;
}

static void setup_veth(void)
{
	ck_assert_int_eq(xt_sh("ip link add va type veth peer name vb"), 0);
}

START_TEST(get_reads_what_ip_made)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l = NULL;
	uint32_t v;
	int up;

	setup_veth();
	ck_assert_int_eq(xt_sh("ip link set va mtu 1380 up"), 0);
	XT_ASSERT_OK(xfrmif_link_get_by_name(&l, ctx, "va"));
	ck_assert_str_eq(xfrmif_link_get_name(l), "va");
	ck_assert_str_eq(xfrmif_link_get_kind_name(l), "veth");
	XT_ASSERT_OK(xfrmif_link_get_kind(l, &v));
	ck_assert_uint_eq(v, XFRMIF_LINK_KIND_OTHER);
	XT_ASSERT_OK(xfrmif_link_get_ifindex(l, &v));
	ck_assert_uint_eq(v, ip_ifindex("va"));
	XT_ASSERT_OK(xfrmif_link_get_mtu(l, &v));
	ck_assert_uint_eq(v, 1380);
	XT_ASSERT_OK(xfrmif_link_get_up(l, &up));
	ck_assert_int_eq(up, 1);
	xfrmif_link_free(l);
	XT_ASSERT_OK(xfrmif_link_get_by_index(&l, ctx, ip_ifindex("vb")));
	ck_assert_str_eq(xfrmif_link_get_name(l), "vb");
	XT_ASSERT_OK(xfrmif_link_get_up(l, &up));
	ck_assert_int_eq(up, 0);
	xfrmif_link_free(l);
	ck_assert_int_eq(xfrmif_link_get_by_name(&l, ctx, "nosuch"), -ENODEV);
	ck_assert_ptr_null(l);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "nosuch"));
	xfrmif_ctx_unref(ctx);
}
END_TEST

struct seen {
	int n;
	int stop_after;
	char names[512];
};

static int collect(const xfrmif_link *l, void *arg)
{
	struct seen *s = arg;

	s->n++;
	strcat(s->names, xfrmif_link_get_name(l));
	strcat(s->names, " ");
	return s->stop_after && s->n >= s->stop_after ? 1 : 0;
}

START_TEST(list_matches_ip)
{
	xfrmif_ctx *ctx = ctx_here();
	XFRMIF_OPTS(xfrmif_link_filter, other, .kind = XFRMIF_LINK_KIND_OTHER);
	XFRMIF_OPTS(xfrmif_link_filter, xfrm, .kind = XFRMIF_LINK_KIND_XFRM);
	struct seen s = { 0 };
	char *out;
	int r, want;

	setup_veth();
	out = xt_sh_out("ip -o link show | wc -l");
	want = atoi(out);
	free(out);
	r = xfrmif_link_list(ctx, NULL, collect, &s);
	ck_assert_int_eq(r, want);
	ck_assert_int_eq(s.n, want);
	ck_assert_msg(strstr(s.names, "va ") && strstr(s.names, "vb ") &&
			      strstr(s.names, "lo "), "%s", s.names);
	/* veth counts as OTHER; loopback has no kind at all. */
	memset(&s, 0, sizeof(s));
	r = xfrmif_link_list(ctx, &other, collect, &s);
	out = xt_sh_out("ip -d -o link show type veth | wc -l");
	ck_assert_int_ge(r, atoi(out));
	free(out);
	ck_assert_ptr_null(strstr(s.names, "lo "));
	memset(&s, 0, sizeof(s));
	out = xt_sh_out("ip -o link show type xfrm 2>/dev/null | wc -l");
	ck_assert_int_eq(xfrmif_link_list(ctx, &xfrm, collect, &s), atoi(out));
	free(out);
	memset(&s, 0, sizeof(s));
	s.stop_after = 1;
	ck_assert_int_eq(xfrmif_link_list(ctx, NULL, collect, &s), 1);
	xfrmif_ctx_unref(ctx);
}
END_TEST

static int fail_cb(const xfrmif_link *l, void *arg)
{
	(void)l;
	(void)arg;
	return -ENOTRECOVERABLE;
}

START_TEST(list_callback_aborts)
{
	xfrmif_ctx *ctx = ctx_here();

	ck_assert_int_eq(xfrmif_link_list(ctx, NULL, fail_cb, NULL),
			 -ENOTRECOVERABLE);
	/* The socket is still in step: the next request works. */
	ck_assert_int_ge(xfrmif_link_list(ctx, NULL, collect,
					  &(struct seen){ 0 }), 1);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(modify_up_mtu_rename)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l = by_name("va");
	char *out;

	setup_veth();
	XT_ASSERT_OK(xfrmif_link_set_up(l, 1));
	XT_ASSERT_OK(xfrmif_link_set_mtu(l, 1300));
	XT_ASSERT_OK(xfrmif_link_modify(ctx, l));
	out = xt_sh_out("ip -o link show dev va");
	ck_assert_msg(xt_contains(out, "mtu 1300") && xt_contains(out, ",UP"),
		      "%s", out);
	free(out);
	xfrmif_link_free(l);
	l = by_name("va");
	XT_ASSERT_OK(xfrmif_link_set_up(l, 0));
	XT_ASSERT_OK(xfrmif_link_modify(ctx, l));
	out = xt_sh_out("ip -o link show dev va");
	ck_assert_msg(!xt_contains(out, ",UP") && xt_contains(out, "mtu 1300"),
		      "%s", out);
	free(out);
	xfrmif_link_free(l);
	/* By index, with a new name: a rename. */
	l = by_name("vrenamed");
	XT_ASSERT_OK(xfrmif_link_set_ifindex(l, ip_ifindex("va")));
	XT_ASSERT_OK(xfrmif_link_modify(ctx, l));
	ck_assert_int_eq(xt_sh("ip link show dev vrenamed >/dev/null"), 0);
	xfrmif_link_free(l);
	/* A kind parameter on a veth: refused, nothing changes. */
	l = by_name("vb");
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 3));
	ck_assert_int_eq(xfrmif_link_modify(ctx, l), -EOPNOTSUPP);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "vb"));
	xfrmif_link_free(l);
	l = by_name("nosuch");
	XT_ASSERT_OK(xfrmif_link_set_up(l, 1));
	ck_assert_int_eq(xfrmif_link_modify(ctx, l), -ENODEV);
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(delete_by_name_index_link)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l;

	setup_veth();
	XT_ASSERT_OK(xfrmif_link_del_by_name(ctx, "va"));
	ck_assert_int_ne(xt_sh("ip link show dev va 2>/dev/null >/dev/null"), 0);
	ck_assert_int_eq(xfrmif_link_del_by_name(ctx, "va"), -ENODEV);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "'va'"));
	setup_veth();
	XT_ASSERT_OK(xfrmif_link_del_by_index(ctx, ip_ifindex("vb")));
	ck_assert_int_ne(xt_sh("ip link show dev vb 2>/dev/null >/dev/null"), 0);
	setup_veth();
	l = by_name("va");
	XT_ASSERT_OK(xfrmif_link_del(ctx, l));
	xfrmif_link_free(l);
	ck_assert_int_ne(xt_sh("ip link show dev va 2>/dev/null >/dev/null"), 0);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(addresses)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l = by_name("va");
	struct in6_addr a6;
	struct in_addr a4;
	char *out;

	setup_veth();
	inet_pton(AF_INET, "192.0.2.10", &a4);
	inet_pton(AF_INET6, "2001:db8::10", &a6);
	XT_ASSERT_OK(xfrmif_link_addr_add(ctx, l, AF_INET, &a4, 24));
	XT_ASSERT_OK(xfrmif_link_addr_add(ctx, l, AF_INET6, &a6, 64));
	out = xt_sh_out("ip addr show dev va");
	ck_assert_msg(xt_contains(out, "inet 192.0.2.10/24") &&
			      xt_contains(out, "inet6 2001:db8::10/64"), "%s", out);
	free(out);
	ck_assert_int_eq(xfrmif_link_addr_add(ctx, l, AF_INET, &a4, 24), -EEXIST);
	ck_assert_int_eq(xfrmif_link_addr_add(ctx, l, AF_INET, &a4, 33), -EINVAL);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "prefixlen"));
	XT_ASSERT_OK(xfrmif_link_addr_del(ctx, l, AF_INET, &a4, 24));
	XT_ASSERT_OK(xfrmif_link_addr_del(ctx, l, AF_INET6, &a6, 64));
	out = xt_sh_out("ip addr show dev va");
	ck_assert_msg(!xt_contains(out, "192.0.2.10") &&
			      !xt_contains(out, "2001:db8::10"), "%s", out);
	free(out);
	ck_assert_int_eq(xfrmif_link_addr_del(ctx, l, AF_INET, &a4, 24),
			 -EADDRNOTAVAIL);
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}
END_TEST

static int proc_value(const char *family, const char *dev)
{
	char *out = xt_sh_out("cat /proc/sys/net/%s/conf/%s/disable_policy",
			      family, dev);
	int v = atoi(out);

	free(out);
	return v;
}

START_TEST(disable_policy_both_families)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l = by_name("va"), *g = NULL;
	int on;

	setup_veth();
	ck_assert_int_eq(proc_value("ipv4", "va"), 0);
	XT_ASSERT_OK(xfrmif_link_disable_policy(ctx, l, AF_INET, 1));
	ck_assert_int_eq(proc_value("ipv4", "va"), 1);
	ck_assert_int_eq(proc_value("ipv4", "vb"), 0);
	XT_ASSERT_OK(xfrmif_link_disable_policy(ctx, l, AF_INET6, 1));
	ck_assert_int_eq(proc_value("ipv6", "va"), 1);
	XT_ASSERT_OK(xfrmif_link_get_by_name(&g, ctx, "va"));
	XT_ASSERT_OK(xfrmif_link_get_disable_policy(g, AF_INET, &on));
	ck_assert_int_eq(on, 1);
	XT_ASSERT_OK(xfrmif_link_get_disable_policy(g, AF_INET6, &on));
	ck_assert_int_eq(on, 1);
	xfrmif_link_free(g);
	XT_ASSERT_OK(xfrmif_link_disable_policy(ctx, l, AF_INET, 0));
	ck_assert_int_eq(proc_value("ipv4", "va"), 0);
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* The context lives in a named namespace the test is not in: the sysctl
 * write must land in the context's namespace. */
START_TEST(disable_policy6_in_ctx_netns)
{
	const char *ns = xt_named_netns("dp");
	XFRMIF_OPTS(xfrmif_ctx_opts, o, .netns_name = ns);
	xfrmif_ctx *ctx = NULL;
	xfrmif_link *l = by_name("va");
	char *out;

	ck_assert_int_eq(xt_sh("ip netns add %s", ns), 0);
	ck_assert_int_eq(xt_sh("ip -n %s link add va type veth peer name vb", ns), 0);
	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, &o));
	XT_ASSERT_OK(xfrmif_link_disable_policy(ctx, l, AF_INET6, 1));
	out = xt_sh_out("ip netns exec %s cat /proc/sys/net/ipv6/conf/va/disable_policy",
			ns);
	ck_assert_str_eq(out, "1\n");
	free(out);
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(move_by_name_path_fd)
{
	const char *ns = xt_named_netns("mv");
	char path[128];
	XFRMIF_OPTS(xfrmif_link_netns_opts, t, .netns_name = NULL);
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l;
	int fd;

	ck_assert_int_eq(xt_sh("ip netns add %s", ns), 0);
	setup_veth();
	ck_assert_int_eq(xt_sh("ip link add vc type veth peer name vd"), 0);
	l = by_name("va");
	t.netns_name = ns;
	XT_ASSERT_OK(xfrmif_link_move(ctx, l, &t));
	xfrmif_link_free(l);
	ck_assert_int_eq(xt_sh("ip -n %s link show dev va >/dev/null", ns), 0);
	ck_assert_int_ne(xt_sh("ip link show dev va 2>/dev/null >/dev/null"), 0);

	snprintf(path, sizeof(path), "/run/netns/%s", ns);
	memset(&t, 0, sizeof(t));
	t.sz = sizeof(t);
	t.netns_path = path;
	l = by_name("vb");
	XT_ASSERT_OK(xfrmif_link_move(ctx, l, &t));
	xfrmif_link_free(l);
	ck_assert_int_eq(xt_sh("ip -n %s link show dev vb >/dev/null", ns), 0);

	fd = open(path, O_RDONLY | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	memset(&t, 0, sizeof(t));
	t.sz = sizeof(t);
	t.netns_fd = fd;
	t.flags = XFRMIF_LINK_NETNS_FD;
	l = NULL;
	XT_ASSERT_OK(xfrmif_link_new(&l));
	XT_ASSERT_OK(xfrmif_link_set_ifindex(l, ip_ifindex("vc")));
	XT_ASSERT_OK(xfrmif_link_move(ctx, l, &t));
	xfrmif_link_free(l);
	ck_assert_int_eq(xt_sh("ip -n %s link show dev vc >/dev/null", ns), 0);
	/* The caller's fd stays open. */
	ck_assert_int_eq(fcntl(fd, F_GETFD), FD_CLOEXEC);
	close(fd);

	/* Bad targets, named in the message; vd stays here. */
	memset(&t, 0, sizeof(t));
	t.sz = sizeof(t);
	t.netns_name = "no-such-ns-xt";
	l = by_name("vd");
	ck_assert_int_eq(xfrmif_link_move(ctx, l, &t), -ENOENT);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "target.netns_name"));
	t.netns_path = "/nonexistent";
	ck_assert_int_eq(xfrmif_link_move(ctx, l, &t), -EINVAL);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "exactly one"));
	ck_assert_int_eq(xt_sh("ip link show dev vd >/dev/null"), 0);
	/* The name is taken over there. */
	ck_assert_int_eq(xt_sh("ip -n %s link set dev vc name vd", ns), 0);
	memset(&t, 0, sizeof(t));
	t.sz = sizeof(t);
	t.netns_name = ns;
	ck_assert_int_eq(xfrmif_link_move(ctx, l, &t), -EEXIST);
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(add_refusals_before_the_kernel)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l = by_name("va");
	char *before, *after;

	setup_veth();
	before = xt_sh_out("ip -d -o link show");
	XT_ASSERT_OK(xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_XFRM));
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 3));
	/* The name exists: EEXIST whatever the kernel's modules. */
	ck_assert_int_eq(xfrmif_link_add(ctx, l, NULL), -EEXIST);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "name: an interface 'va'"));
	XFRMIF_OPTS(xfrmif_link_add_opts, rep, .flags = XFRMIF_LINK_ADD_REPLACE);
	ck_assert_int_eq(xfrmif_link_add(ctx, l, &rep), -EEXIST);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "kind veth"));
	xfrmif_link_free(l);
	/* An unknown underlying device. */
	l = by_name("xnew");
	XT_ASSERT_OK(xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_XFRM));
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 3));
	XT_ASSERT_OK(xfrmif_link_set_dev(l, "nodev0"));
	ck_assert_int_eq(xfrmif_link_add(ctx, l, NULL), -ENODEV);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "dev: no interface 'nodev0'"));
	XT_ASSERT_OK(xfrmif_link_set_dev_index(l, 999));
	ck_assert_int_eq(xfrmif_link_add(ctx, l, NULL), -ENODEV);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "dev: no interface with index 999"));
	after = xt_sh_out("ip -d -o link show");
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(cli_generic)
{
	char *out, want[256];
	unsigned idx;

	setup_veth();
	ck_assert_int_eq(xt_sh("%s link set va up mtu 1333", XFRMIFCTL), 0);
	out = xt_sh_out("ip -o link show dev va");
	ck_assert_msg(xt_contains(out, "mtu 1333") && xt_contains(out, ",UP"),
		      "%s", out);
	free(out);
	ck_assert_int_eq(xt_sh("%s link addr add 198.51.100.7/24 dev va", XFRMIFCTL), 0);
	ck_assert_int_eq(xt_sh("ip addr show dev va | grep -q 'inet 198.51.100.7/24'"), 0);
	ck_assert_int_eq(xt_sh("%s link addr del 198.51.100.7/24 dev va", XFRMIFCTL), 0);
	ck_assert_int_ne(xt_sh("ip addr show dev va | grep -q 198.51.100.7"), 0);
	idx = ip_ifindex("va");
	out = xt_sh_out("%s -j link show va", XFRMIFCTL);
	snprintf(want, sizeof(want),
		 "{\"ifindex\":%u,\"name\":\"va\",\"kind\":\"veth\",", idx);
	ck_assert_msg(!strncmp(out, want, strlen(want)), "%s", out);
	ck_assert_msg(xt_contains(out, "\"mtu\":1333") &&
			      xt_contains(out, "\"up\":true"), "%s", out);
	free(out);
	out = xt_sh_out("%s -j link show", XFRMIFCTL);
	ck_assert_msg(out[0] == '[' && xt_contains(out, "\"name\":\"vb\""), "%s", out);
	free(out);
	ck_assert_int_eq(xt_sh("%s link del vb", XFRMIFCTL), 0);
	ck_assert_int_ne(xt_sh("ip link show dev vb 2>/dev/null >/dev/null"), 0);
	/* Usage mistakes: exit 2 and the bad word named. */
	out = xt_sh_out("%s link add x0 type xfrm bogus 1 2>&1; echo rc=$?", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "bogus") && xt_contains(out, "rc=2"), "%s", out);
	free(out);
	out = xt_sh_out("%s link set va mtu many 2>&1; echo rc=$?", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "many") && xt_contains(out, "rc=2"), "%s", out);
	free(out);
	/* Library refusals: exit 1 and the argument named. */
	out = xt_sh_out("%s link add 'a/b' type xfrm if_id 1 2>&1; echo rc=$?",
			XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "name:") && xt_contains(out, "rc=1"), "%s", out);
	free(out);
	out = xt_sh_out("%s link del nosuch 2>&1; echo rc=$?", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "nosuch") && xt_contains(out, "rc=1"), "%s", out);
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("link-common");
	TCase *tc = xt_tcase(s, "link-common", true);

	tcase_add_test(tc, get_reads_what_ip_made);
	tcase_add_test(tc, list_matches_ip);
	tcase_add_test(tc, list_callback_aborts);
	tcase_add_test(tc, modify_up_mtu_rename);
	tcase_add_test(tc, delete_by_name_index_link);
	tcase_add_test(tc, addresses);
	tcase_add_test(tc, disable_policy_both_families);
	tcase_add_test(tc, disable_policy6_in_ctx_netns);
	tcase_add_test(tc, move_by_name_path_fd);
	tcase_add_test(tc, add_refusals_before_the_kernel);
	tcase_add_test(tc, cli_generic);
	return xt_run_suite(s);
}
