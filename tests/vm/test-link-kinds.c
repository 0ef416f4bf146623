/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrm, vti and vti6 interfaces against a kernel that has them (the vm
 * suite's guest): every create is read back with `ip -d -j link show`,
 * every read is of an interface `ip link add` made, every refusal leaves
 * the interface table as it was.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

#define KEY20 "0x0102030405060708090a0b0c0d0e0f1011121314"

static xfrmif_ctx *ctx_here(void)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	return ctx;
}

static xfrmif_link *mk(const char *name, uint32_t kind)
{
	xfrmif_link *l = NULL;

	XT_ASSERT_OK(xfrmif_link_new(&l));
	XT_ASSERT_OK(xfrmif_link_set_name(l, name));
	if (kind)
		XT_ASSERT_OK(xfrmif_link_set_kind(l, kind));
	return l;
}

static void addr4(xfrmif_link *l, const char *lo, const char *re)
{
	struct in_addr a;

	if (lo) {
		inet_pton(AF_INET, lo, &a);
		XT_ASSERT_OK(xfrmif_link_set_local(l, AF_INET, &a));
	}
	if (re) {
		inet_pton(AF_INET, re, &a);
		XT_ASSERT_OK(xfrmif_link_set_remote(l, AF_INET, &a));
	}
}

static void addr6(xfrmif_link *l, const char *lo, const char *re)
{
	struct in6_addr a;

	if (lo) {
		inet_pton(AF_INET6, lo, &a);
		XT_ASSERT_OK(xfrmif_link_set_local(l, AF_INET6, &a));
	}
	if (re) {
		inet_pton(AF_INET6, re, &a);
		XT_ASSERT_OK(xfrmif_link_set_remote(l, AF_INET6, &a));
	}
}

static unsigned ip_ifindex(const char *name)
{
	char *out = xt_sh_out("ip -o link show dev %s | cut -d: -f1", name);
	unsigned v = (unsigned)strtoul(out, NULL, 10);

	free(out);
	return v;
}

/* Asserts that `ip -d -j link show dev NAME` contains every needle. */
static void ip_has(const char *name, const char *const *needles)
{
	char *out = xt_sh_out("ip -d -j link show dev %s", name);

	for (; *needles; needles++)
		ck_assert_msg(xt_contains(out, *needles), "%s: no '%s' in %s",
			      name, *needles, out);
	free(out);
}

static void veth(void)
{
	ck_assert_int_eq(xt_sh("ip link add d0 type veth peer name d1"), 0);
}

START_TEST(xfrm_add_checked_by_ip)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l = mk("xa", XFRMIF_LINK_KIND_XFRM);

	veth();
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 42));
	XT_ASSERT_OK(xfrmif_link_set_dev(l, "d0"));
	XT_ASSERT_OK(xfrmif_link_set_mtu(l, 1400));
	XT_ASSERT_OK(xfrmif_link_set_up(l, 1));
	XT_ASSERT_OK(xfrmif_link_add(ctx, l, NULL));
	ip_has("xa", (const char *[]){ "\"link\":\"d0\"", "\"mtu\":1400",
				      "\"UP\"",
				      "\"info_kind\":\"xfrm\",\"info_data\":{\"if_id\":\"0x2a\"}",
				      NULL });
	xfrmif_link_free(l);
	/* dev by index works the same. */
	l = mk("xb", XFRMIF_LINK_KIND_XFRM);
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 0xfffffffe));
	XT_ASSERT_OK(xfrmif_link_set_dev_index(l, ip_ifindex("d1")));
	XT_ASSERT_OK(xfrmif_link_add(ctx, l, NULL));
	ip_has("xb", (const char *[]){ "\"link\":\"d1\"", "\"if_id\":\"0xfffffffe\"",
				      NULL });
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(xfrm_external)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l = mk("xe", XFRMIF_LINK_KIND_XFRM), *g = NULL;
	uint32_t v;
	int on;

	XT_ASSERT_OK(xfrmif_link_set_external(l, 1));
	XT_ASSERT_OK(xfrmif_link_add(ctx, l, NULL));
	ck_assert_int_eq(xt_sh("ip -d link show dev xe | grep -q 'xfrm external'"), 0);
	XT_ASSERT_OK(xfrmif_link_get_by_name(&g, ctx, "xe"));
	XT_ASSERT_OK(xfrmif_link_get_external(g, &on));
	ck_assert_int_eq(on, 1);
	ck_assert_int_eq(xfrmif_link_get_if_id(g, &v), -ENODATA);
	ck_assert_int_eq(xfrmif_link_get_dev_index(g, &v), -ENODATA);
	xfrmif_link_free(g);
	xfrmif_link_free(l);
	/* One per namespace. */
	l = mk("xf", XFRMIF_LINK_KIND_XFRM);
	XT_ASSERT_OK(xfrmif_link_set_external(l, 1));
	ck_assert_int_eq(xfrmif_link_add(ctx, l, NULL), -EEXIST);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "external"));
	ck_assert_int_ne(xt_sh("ip link show dev xf 2>/dev/null >/dev/null"), 0);
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(xfrm_read_what_ip_made)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *g = NULL;
	uint32_t v;
	int on;

	veth();
	ck_assert_int_eq(xt_sh("ip link add x1 type xfrm if_id 42 dev d0 && "
			       "ip link set x1 mtu 1300 up"), 0);
	XT_ASSERT_OK(xfrmif_link_get_by_name(&g, ctx, "x1"));
	XT_ASSERT_OK(xfrmif_link_get_kind(g, &v));
	ck_assert_uint_eq(v, XFRMIF_LINK_KIND_XFRM);
	XT_ASSERT_OK(xfrmif_link_get_if_id(g, &v));
	ck_assert_uint_eq(v, 42);
	XT_ASSERT_OK(xfrmif_link_get_dev_index(g, &v));
	ck_assert_uint_eq(v, ip_ifindex("d0"));
	XT_ASSERT_OK(xfrmif_link_get_external(g, &on));
	ck_assert_int_eq(on, 0);
	XT_ASSERT_OK(xfrmif_link_get_mtu(g, &v));
	ck_assert_uint_eq(v, 1300);
	XT_ASSERT_OK(xfrmif_link_get_up(g, &on));
	ck_assert_int_eq(on, 1);
	XT_ASSERT_OK(xfrmif_link_get_ifindex(g, &v));
	ck_assert_uint_eq(v, ip_ifindex("x1"));
	ck_assert_int_eq(xfrmif_link_get_link_netnsid(g, (int32_t *)&v), -ENODATA);
	xfrmif_link_free(g);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(vti_add_checked_by_ip)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l = mk("va", XFRMIF_LINK_KIND_VTI);

	veth();
	addr4(l, "192.0.2.1", "192.0.2.2");
	XT_ASSERT_OK(xfrmif_link_set_ikey(l, 5));
	XT_ASSERT_OK(xfrmif_link_set_okey(l, 0x01020304));
	XT_ASSERT_OK(xfrmif_link_set_dev(l, "d0"));
	XT_ASSERT_OK(xfrmif_link_set_fwmark(l, 0x10));
	XT_ASSERT_OK(xfrmif_link_add(ctx, l, NULL));
	ip_has("va", (const char *[]){ "\"info_kind\":\"vti\"",
				      "\"remote\":\"192.0.2.2\"",
				      "\"local\":\"192.0.2.1\"", "\"link\":\"d0\"",
				      "\"ikey\":\"0.0.0.5\"", "\"okey\":\"1.2.3.4\"",
				      "\"fwmark\":\"0x10\"", NULL });
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(vti6_add_checked_by_ip)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l = mk("v6a", XFRMIF_LINK_KIND_VTI6);

	veth();
	addr6(l, "2001:db8::1", "2001:db8:1::2");
	XT_ASSERT_OK(xfrmif_link_set_key(l, 7));
	XT_ASSERT_OK(xfrmif_link_set_dev(l, "d1"));
	XT_ASSERT_OK(xfrmif_link_set_fwmark(l, 0x20));
	XT_ASSERT_OK(xfrmif_link_set_mtu(l, 1300));
	XT_ASSERT_OK(xfrmif_link_add(ctx, l, NULL));
	ip_has("v6a", (const char *[]){ "\"info_kind\":\"vti6\"",
				       "\"remote\":\"2001:db8:1::2\"",
				       "\"local\":\"2001:db8::1\"", "\"link\":\"d1\"",
				       "\"ikey\":\"0.0.0.7\"", "\"okey\":\"0.0.0.7\"",
				       "\"fwmark\":\"0x20\"", "\"mtu\":1300", NULL });
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}
END_TEST

static void check_vti_read(const char *name, int family, const char *lo,
			   const char *re, uint32_t ikey, uint32_t okey,
			   uint32_t fwmark, const char *dev, uint32_t kind)
{
	xfrmif_ctx *ctx = ctx_here();
	unsigned char got[16], want[16];
	xfrmif_link *g = NULL;
	uint32_t v;
	int fam;

	XT_ASSERT_OK(xfrmif_link_get_by_name(&g, ctx, name));
	XT_ASSERT_OK(xfrmif_link_get_kind(g, &v));
	ck_assert_uint_eq(v, kind);
	XT_ASSERT_OK(xfrmif_link_get_local(g, &fam, got));
	ck_assert_int_eq(fam, family);
	inet_pton(family, lo, want);
	ck_assert_mem_eq(got, want, family == AF_INET ? 4 : 16);
	XT_ASSERT_OK(xfrmif_link_get_remote(g, &fam, got));
	inet_pton(family, re, want);
	ck_assert_mem_eq(got, want, family == AF_INET ? 4 : 16);
	XT_ASSERT_OK(xfrmif_link_get_ikey(g, &v));
	ck_assert_uint_eq(v, ikey);
	XT_ASSERT_OK(xfrmif_link_get_okey(g, &v));
	ck_assert_uint_eq(v, okey);
	XT_ASSERT_OK(xfrmif_link_get_fwmark(g, &v));
	ck_assert_uint_eq(v, fwmark);
	if (dev) {
		XT_ASSERT_OK(xfrmif_link_get_dev_index(g, &v));
		ck_assert_uint_eq(v, ip_ifindex(dev));
	} else {
		ck_assert_int_eq(xfrmif_link_get_dev_index(g, &v), -ENODATA);
	}
	ck_assert_int_eq(xfrmif_link_get_if_id(g, &v), -ENODATA);
	xfrmif_link_free(g);
	xfrmif_ctx_unref(ctx);
}

START_TEST(vti_read_what_ip_made)
{
	veth();
	ck_assert_int_eq(xt_sh("ip link add v1 type vti local 192.0.2.1 remote "
			       "198.51.100.2 ikey 5 okey 1.2.3.4 dev d0 "
			       "fwmark 0x10"), 0);
	check_vti_read("v1", AF_INET, "192.0.2.1", "198.51.100.2", 5,
		       0x01020304, 0x10, "d0", XFRMIF_LINK_KIND_VTI);
	ck_assert_int_eq(xt_sh("ip link add v6 type vti6 local 2001:db8::1 "
			       "remote 2001:db8::2 key 7"), 0);
	check_vti_read("v6", AF_INET6, "2001:db8::1", "2001:db8::2", 7, 7, 0,
		       NULL, XFRMIF_LINK_KIND_VTI6);
}
END_TEST

START_TEST(modify_keeps_what_it_does_not_change)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l;

	veth();
	ck_assert_int_eq(xt_sh("ip link add x1 type xfrm if_id 42 dev d0"), 0);
	l = mk("x1", 0);
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 43));
	XT_ASSERT_OK(xfrmif_link_modify(ctx, l));
	ip_has("x1", (const char *[]){ "\"if_id\":\"0x2b\"", "\"link\":\"d0\"", NULL });
	xfrmif_link_free(l);

	ck_assert_int_eq(xt_sh("ip link add v1 type vti local 192.0.2.1 remote "
			       "192.0.2.2 ikey 5 okey 6 dev d0 fwmark 3"), 0);
	l = mk("v1", XFRMIF_LINK_KIND_VTI);
	XT_ASSERT_OK(xfrmif_link_set_okey(l, 9));
	XT_ASSERT_OK(xfrmif_link_set_mtu(l, 1280));
	XT_ASSERT_OK(xfrmif_link_modify(ctx, l));
	ip_has("v1", (const char *[]){ "\"remote\":\"192.0.2.2\"",
				      "\"local\":\"192.0.2.1\"", "\"link\":\"d0\"",
				      "\"ikey\":\"0.0.0.5\"", "\"okey\":\"0.0.0.9\"",
				      "\"fwmark\":\"0x3\"", "\"mtu\":1280", NULL });
	xfrmif_link_free(l);
	/* A kind that is not the interface's. */
	l = mk("v1", XFRMIF_LINK_KIND_XFRM);
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 4));
	ck_assert_int_eq(xfrmif_link_modify(ctx, l), -EOPNOTSUPP);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "kind"));
	xfrmif_link_free(l);
	/* if_id taken by another interface: the kernel's EEXIST. */
	ck_assert_int_eq(xt_sh("ip link add x2 type xfrm if_id 50"), 0);
	l = mk("x1", 0);
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 50));
	ck_assert_int_eq(xfrmif_link_modify(ctx, l), -EEXIST);
	ip_has("x1", (const char *[]){ "\"if_id\":\"0x2b\"", NULL });
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(replace_flag)
{
	xfrmif_ctx *ctx = ctx_here();
	XFRMIF_OPTS(xfrmif_link_add_opts, rep, .flags = XFRMIF_LINK_ADD_REPLACE);
	xfrmif_link *l = mk("x1", XFRMIF_LINK_KIND_XFRM);

	ck_assert_int_eq(xt_sh("ip link add x1 type xfrm if_id 42"), 0);
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 77));
	ck_assert_int_eq(xfrmif_link_add(ctx, l, NULL), -EEXIST);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "name"));
	ip_has("x1", (const char *[]){ "\"if_id\":\"0x2a\"", NULL });
	XT_ASSERT_OK(xfrmif_link_add(ctx, l, &rep));
	ip_has("x1", (const char *[]){ "\"if_id\":\"0x4d\"", NULL });
	/* A new name with the flag is a plain create. */
	XT_ASSERT_OK(xfrmif_link_set_name(l, "x9"));
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 78));
	XT_ASSERT_OK(xfrmif_link_add(ctx, l, &rep));
	ip_has("x9", (const char *[]){ "\"if_id\":\"0x4e\"", NULL });
	xfrmif_link_free(l);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* Each refusal: the right errno, the argument named, nothing changed. */
static void refuse(xfrmif_ctx *ctx, xfrmif_link *l, int err, const char *needle)
{
	char *before = xt_sh_out("ip -d -o link show"), *after;

	ck_assert_int_eq(xfrmif_link_add(ctx, l, NULL), err);
	ck_assert_msg(strstr(xfrmif_ctx_errmsg(ctx), needle),
		      "errmsg '%s' lacks '%s'", xfrmif_ctx_errmsg(ctx), needle);
	after = xt_sh_out("ip -d -o link show");
	ck_assert_str_eq(before, after);
	free(before);
	free(after);
	xfrmif_link_free(l);
}

START_TEST(rejections)
{
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_link *l;

	veth();
	ck_assert_int_eq(xt_sh("ip link add x1 type xfrm if_id 42"), 0);
	l = mk("xn", XFRMIF_LINK_KIND_XFRM);
	refuse(ctx, l, -EINVAL, "if_id");
	l = mk("xn", XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_if_id(l, 0);
	refuse(ctx, l, -EINVAL, "if_id: 0");
	l = mk("xn", XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_external(l, 1);
	xfrmif_link_set_if_id(l, 5);
	refuse(ctx, l, -EINVAL, "external");
	l = mk("xn", XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_external(l, 1);
	xfrmif_link_set_dev(l, "d0");
	refuse(ctx, l, -EINVAL, "external: an external xfrm interface takes no dev");
	l = mk("xn", XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_name(l, "0123456789abcdef");
	refuse(ctx, l, -EINVAL, "name:");
	l = mk("xn", XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_name(l, "x/y");
	refuse(ctx, l, -EINVAL, "name:");
	l = mk("xn", XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_name(l, "x y");
	refuse(ctx, l, -EINVAL, "name:");
	l = mk("vn", XFRMIF_LINK_KIND_VTI);
	addr6(l, "2001:db8::1", NULL);
	refuse(ctx, l, -EINVAL, "local: an ipv6 address for a vti");
	l = mk("vn", XFRMIF_LINK_KIND_VTI6);
	addr4(l, "192.0.2.1", "192.0.2.2");
	refuse(ctx, l, -EINVAL, "local: an ipv4 address for a vti6");
	l = mk("vn", XFRMIF_LINK_KIND_VTI6);
	addr6(l, "2001:db8::1", NULL);
	addr4(l, NULL, "192.0.2.2");
	refuse(ctx, l, -EINVAL, "mixed families");
	l = mk("xn", XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_if_id(l, 5);
	xfrmif_link_set_dev(l, "nodev");
	refuse(ctx, l, -ENODEV, "dev: no interface 'nodev'");
	l = mk("x1", XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_if_id(l, 5);
	refuse(ctx, l, -EEXIST, "name: an interface 'x1' exists");
	l = mk("d0", XFRMIF_LINK_KIND_VTI);
	refuse(ctx, l, -EEXIST, "name: an interface 'd0' exists");
	l = mk("xn", XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_if_id(l, 42);
	refuse(ctx, l, -EEXIST, "if_id");
	xfrmif_ctx_unref(ctx);
}
END_TEST

static int count_cb(const xfrmif_link *l, void *arg)
{
	(void)l;
	++*(int *)arg;
	return 0;
}

START_TEST(list_by_kind)
{
	static const char *const kinds[] = { NULL, "xfrm", "vti", "vti6" };
	xfrmif_ctx *ctx = ctx_here();
	char *out;

	ck_assert_int_eq(xt_sh("ip link add x1 type xfrm if_id 1 && "
			       "ip link add x2 type xfrm if_id 2 && "
			       "ip link add v1 type vti local 192.0.2.1 remote 192.0.2.2 && "
			       "ip link add v6 type vti6 local 2001:db8::1 remote 2001:db8::2"), 0);
	for (uint32_t k = XFRMIF_LINK_KIND_XFRM; k <= XFRMIF_LINK_KIND_VTI6; k++) {
		XFRMIF_OPTS(xfrmif_link_filter, f, .kind = k);
		int n = 0;

		/* The fallback devices (ip_vti0, ip6_vti0) count too. */
		out = xt_sh_out("ip -o link show type %s | wc -l", kinds[k]);
		ck_assert_int_eq(xfrmif_link_list(ctx, &f, count_cb, &n), atoi(out));
		ck_assert_int_eq(n, atoi(out));
		free(out);
	}
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(create_in_target_netns)
{
	const char *ns = xt_named_netns("tgt");
	XFRMIF_OPTS(xfrmif_link_netns_opts, t, .netns_name = ns);
	XFRMIF_OPTS(xfrmif_link_add_opts, o, .netns = &t);
	XFRMIF_OPTS(xfrmif_ctx_opts, co, .netns_name = ns);
	xfrmif_ctx *ctx = ctx_here(), *nctx = NULL;
	xfrmif_link *l = mk("xt", XFRMIF_LINK_KIND_XFRM), *g = NULL;
	uint32_t v;

	ck_assert_int_eq(xt_sh("ip netns add %s", ns), 0);
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 9));
	XT_ASSERT_OK(xfrmif_link_set_up(l, 1));
	XT_ASSERT_OK(xfrmif_link_add(ctx, l, &o));
	ck_assert_int_ne(xt_sh("ip link show dev xt 2>/dev/null >/dev/null"), 0);
	ck_assert_int_eq(xt_sh("ip -n %s -d link show dev xt | grep -q 'xfrm if_id 0x9'",
			       ns), 0);
	/* Exists there now: refused by name, in that namespace. */
	ck_assert_int_eq(xfrmif_link_add(ctx, l, &o), -EEXIST);
	XT_ASSERT_OK(xfrmif_ctx_new(&nctx, &co));
	XT_ASSERT_OK(xfrmif_link_get_by_name(&g, nctx, "xt"));
	XT_ASSERT_OK(xfrmif_link_get_if_id(g, &v));
	ck_assert_uint_eq(v, 9);
	xfrmif_link_free(g);
	/* A vti6 there too, with its underlying device there. */
	ck_assert_int_eq(xt_sh("ip -n %s link add e0 type veth peer name e1", ns), 0);
	xfrmif_link_free(l);
	l = mk("vt", XFRMIF_LINK_KIND_VTI6);
	addr6(l, "2001:db8::1", "2001:db8::2");
	XT_ASSERT_OK(xfrmif_link_set_dev(l, "e0"));
	XT_ASSERT_OK(xfrmif_link_add(ctx, l, &o));
	ck_assert_int_eq(xt_sh("ip -n %s -d link show dev vt | grep -q 'dev e0'", ns), 0);
	xfrmif_link_free(l);
	xfrmif_ctx_unref(nctx);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/*
 * The xfrm interface lives in namespace B, its SA and policy in A (where it
 * was created): a packet sent through it in B is encrypted by A's SA.
 */
START_TEST(interface_and_sa_in_different_namespaces)
{
	const char *nsb = xt_named_netns("b");
	XFRMIF_OPTS(xfrmif_link_netns_opts, t, .netns_name = nsb);
	XFRMIF_OPTS(xfrmif_ctx_opts, co, .netns_name = nsb);
	xfrmif_ctx *ctx = ctx_here(), *bctx = NULL;
	xfrmif_link *l = mk("xab", XFRMIF_LINK_KIND_XFRM), *g = NULL;
	int32_t nsid;
	char *out;

	ck_assert_int_eq(xt_sh("ip netns add %s", nsb), 0);
	veth();
	ck_assert_int_eq(xt_sh("ip link set d0 up && ip link set d1 up && "
			       "ip addr add 192.0.2.1/24 dev d0"), 0);
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 42));
	XT_ASSERT_OK(xfrmif_link_set_dev(l, "d0"));
	XT_ASSERT_OK(xfrmif_link_add(ctx, l, NULL));
	XT_ASSERT_OK(xfrmif_link_move(ctx, l, &t));
	ck_assert_int_eq(xt_sh("ip xfrm state add src 192.0.2.1 dst 192.0.2.2 "
			       "proto esp spi 0x100 mode tunnel if_id 42 aead "
			       "'rfc4106(gcm(aes))' " KEY20 " 128"), 0);
	ck_assert_int_eq(xt_sh("ip xfrm policy add dir out src 0.0.0.0/0 dst "
			       "0.0.0.0/0 if_id 42 tmpl src 192.0.2.1 dst "
			       "192.0.2.2 proto esp mode tunnel"), 0);
	/* B sees the link namespace (A) by id, as ip does. */
	XT_ASSERT_OK(xfrmif_ctx_new(&bctx, &co));
	XT_ASSERT_OK(xfrmif_link_get_by_name(&g, bctx, "xab"));
	XT_ASSERT_OK(xfrmif_link_get_link_netnsid(g, &nsid));
	out = xt_sh_out("ip -n %s -j link show dev xab | grep -o "
			"'\"link_netnsid\":[0-9]*' | cut -d: -f2", nsb);
	ck_assert_int_eq(nsid, atoi(out));
	free(out);
	xfrmif_link_free(g);
	/* Up and addressed in B, through B's context. */
	xfrmif_link_free(l);
	l = mk("xab", 0);
	XT_ASSERT_OK(xfrmif_link_set_up(l, 1));
	XT_ASSERT_OK(xfrmif_link_modify(bctx, l));
	{
		struct in_addr a;
		inet_pton(AF_INET, "203.0.113.1", &a);
		XT_ASSERT_OK(xfrmif_link_addr_add(bctx, l, AF_INET, &a, 24));
	}
	ck_assert_int_eq(xt_sh("ip netns exec %s bash -c 'echo hi > "
			       "/dev/udp/203.0.113.2/9' 2>/dev/null; true", nsb), 0);
	out = xt_sh_out("ip -s xfrm state");
	ck_assert_msg(!xt_contains(out, " 0(packets)") &&
			      xt_contains(out, "(packets)"), "%s", out);
	free(out);
	xfrmif_link_free(l);
	xfrmif_ctx_unref(bctx);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(cli_kinds_json)
{
	char *out, want[128];

	veth();
	ck_assert_int_eq(xt_sh("%s link add x1 type xfrm if_id 42 dev d0", XFRMIFCTL), 0);
	ip_has("x1", (const char *[]){ "\"if_id\":\"0x2a\"", "\"link\":\"d0\"", NULL });
	ck_assert_int_eq(xt_sh("%s link add v1 type vti local 192.0.2.1 remote "
			       "192.0.2.2 ikey 5 okey 6 dev d0 fwmark 16", XFRMIFCTL), 0);
	ip_has("v1", (const char *[]){ "\"ikey\":\"0.0.0.5\"", "\"okey\":\"0.0.0.6\"",
				      "\"fwmark\":\"0x10\"", "\"link\":\"d0\"", NULL });
	ck_assert_int_eq(xt_sh("%s link add v6 type vti6 local 2001:db8::1 remote "
			       "2001:db8::2 key 7", XFRMIFCTL), 0);
	ip_has("v6", (const char *[]){ "\"ikey\":\"0.0.0.7\"", "\"okey\":\"0.0.0.7\"", NULL });
	ck_assert_int_eq(xt_sh("%s link add xe type xfrm external", XFRMIFCTL), 0);
	ck_assert_int_eq(xt_sh("ip -d link show dev xe | grep -q 'xfrm external'"), 0);
	out = xt_sh_out("%s -j link show x1", XFRMIFCTL);
	snprintf(want, sizeof(want), "\"dev_index\":%u,\"dev\":\"d0\",\"if_id\":42,"
		 "\"external\":false", ip_ifindex("d0"));
	ck_assert_msg(xt_contains(out, want) && xt_contains(out, "\"kind\":\"xfrm\""),
		      "%s", out);
	free(out);
	out = xt_sh_out("%s -j link show v1", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "\"local\":\"192.0.2.1\",\"remote\":\"192.0.2.2\","
				  "\"ikey\":5,\"okey\":6,\"fwmark\":16"), "%s", out);
	free(out);
	out = xt_sh_out("%s -j link show type vti6", XFRMIFCTL);
	ck_assert_msg(out[0] == '[' && xt_contains(out, "\"name\":\"v6\"") &&
			      !xt_contains(out, "\"name\":\"v1\""), "%s", out);
	free(out);
	ck_assert_int_eq(xt_sh("%s link set x1 if_id 43 mtu 1400 up", XFRMIFCTL), 0);
	ip_has("x1", (const char *[]){ "\"if_id\":\"0x2b\"", "\"mtu\":1400", "\"UP\"",
				      NULL });
	out = xt_sh_out("%s link add x0 type xfrm if_id 0 2>&1; echo rc=$?", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "if_id") && xt_contains(out, "rc=1"), "%s", out);
	free(out);
	ck_assert_int_eq(xt_sh("%s link del v1", XFRMIFCTL), 0);
	ck_assert_int_ne(xt_sh("ip link show dev v1 2>/dev/null >/dev/null"), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("link-kinds");
	TCase *tc = xt_tcase(s, "link-kinds", true);

	tcase_add_test(tc, xfrm_add_checked_by_ip);
	tcase_add_test(tc, xfrm_external);
	tcase_add_test(tc, xfrm_read_what_ip_made);
	tcase_add_test(tc, vti_add_checked_by_ip);
	tcase_add_test(tc, vti6_add_checked_by_ip);
	tcase_add_test(tc, vti_read_what_ip_made);
	tcase_add_test(tc, modify_keeps_what_it_does_not_change);
	tcase_add_test(tc, replace_flag);
	tcase_add_test(tc, rejections);
	tcase_add_test(tc, list_by_kind);
	tcase_add_test(tc, create_in_target_netns);
	tcase_add_test(tc, interface_and_sa_in_different_namespaces);
	tcase_add_test(tc, cli_kinds_json);
	return xt_run_suite(s);
}
