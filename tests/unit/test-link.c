/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * xfrmif_link without a kernel: setters and getters, building messages
 * and parsing them back attribute by attribute, and the validation that
 * runs before anything is sent.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/rtnetlink.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include <libxfrmif/xfrmif.h>

#include "internal.h"
#include "xtest.h"

static xfrmif_link *new_link(void)
{
	xfrmif_link *l = NULL;

	XT_ASSERT_OK(xfrmif_link_new(&l));
	return l;
}

/* Builds RTM_NEWLINK from l and parses it into a fresh link. */
static xfrmif_link *round_trip(const xfrmif_link *l, struct nl_msg **keep)
{
	struct nl_msg *msg = NULL;
	xfrmif_link *back = new_link();

	XT_ASSERT_OK(xfrmif__link_build_new(l, NLM_F_CREATE | NLM_F_EXCL, -1, &msg));
	XT_ASSERT_OK(xfrmif__link_parse(nlmsg_hdr(msg), back));
	if (keep)
		*keep = msg;
	else
		xfrmif__msg_free(msg);
	return back;
}

START_TEST(xfrm_round_trip)
{
	xfrmif_link *l = new_link(), *b;
	uint32_t v;
	int on;

	XT_ASSERT_OK(xfrmif_link_set_name(l, "xfrm7"));
	XT_ASSERT_OK(xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_XFRM));
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 0xdeadbeef));
	XT_ASSERT_OK(xfrmif_link_set_dev_index(l, 42));
	XT_ASSERT_OK(xfrmif_link_set_mtu(l, 1400));
	XT_ASSERT_OK(xfrmif_link_set_up(l, 1));
	b = round_trip(l, NULL);
	ck_assert_str_eq(xfrmif_link_get_name(b), "xfrm7");
	XT_ASSERT_OK(xfrmif_link_get_kind(b, &v));
	ck_assert_uint_eq(v, XFRMIF_LINK_KIND_XFRM);
	ck_assert_str_eq(xfrmif_link_get_kind_name(b), "xfrm");
	XT_ASSERT_OK(xfrmif_link_get_if_id(b, &v));
	ck_assert_uint_eq(v, 0xdeadbeef);
	XT_ASSERT_OK(xfrmif_link_get_dev_index(b, &v));
	ck_assert_uint_eq(v, 42);
	XT_ASSERT_OK(xfrmif_link_get_mtu(b, &v));
	ck_assert_uint_eq(v, 1400);
	XT_ASSERT_OK(xfrmif_link_get_up(b, &on));
	ck_assert_int_eq(on, 1);
	XT_ASSERT_OK(xfrmif_link_get_external(b, &on));
	ck_assert_int_eq(on, 0);
	ck_assert_int_eq(xfrmif_link_get_ikey(b, &v), -ENODATA);
	ck_assert_int_eq(xfrmif_link_get_link_netnsid(b, (int32_t *)&v), -ENODATA);
	xfrmif_link_free(l);
	xfrmif_link_free(b);
}
END_TEST

/* libnl 3.7 has no IFLA_XFRM_COLLECT_METADATA: the library puts the flag
 * (an attribute with no payload) itself. */
START_TEST(xfrm_external_flag_on_the_wire)
{
	xfrmif_link *l = new_link(), *b;
	struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1],
		*xd[IFLA_XFRM_MAX + 1];
	struct nl_msg *msg;
	int on;

	XT_ASSERT_OK(xfrmif_link_set_name(l, "ext0"));
	XT_ASSERT_OK(xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_XFRM));
	XT_ASSERT_OK(xfrmif_link_set_external(l, 1));
	b = round_trip(l, &msg);
	XT_ASSERT_OK(xfrmif_link_get_external(b, &on));
	ck_assert_int_eq(on, 1);
	ck_assert_int_eq(nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg),
				     tb, IFLA_MAX, NULL), 0);
	ck_assert_int_eq(nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO],
					  NULL), 0);
	ck_assert_str_eq(nla_data(li[IFLA_INFO_KIND]), "xfrm");
	ck_assert_int_eq(nla_parse_nested(xd, IFLA_XFRM_MAX, li[IFLA_INFO_DATA],
					  NULL), 0);
	ck_assert_ptr_nonnull(xd[IFLA_XFRM_COLLECT_METADATA]);
	ck_assert_int_eq(nla_len(xd[IFLA_XFRM_COLLECT_METADATA]), 0);
	ck_assert_ptr_null(xd[IFLA_XFRM_IF_ID]);
	ck_assert_ptr_null(xd[IFLA_XFRM_LINK]);
	xfrmif__msg_free(msg);
	xfrmif_link_free(l);
	xfrmif_link_free(b);
}
END_TEST

static void vti_round_trip(uint32_t kind, int family, const char *la,
			   const char *ra)
{
	unsigned char local[16], remote[16], got[16];
	struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1],
		*vd[IFLA_VTI_MAX + 1];
	xfrmif_link *l = new_link(), *b;
	struct nl_msg *msg;
	uint32_t v;
	int fam;

	inet_pton(family, la, local);
	inet_pton(family, ra, remote);
	XT_ASSERT_OK(xfrmif_link_set_name(l, "vti9"));
	XT_ASSERT_OK(xfrmif_link_set_kind(l, kind));
	XT_ASSERT_OK(xfrmif_link_set_local(l, family, local));
	XT_ASSERT_OK(xfrmif_link_set_remote(l, family, remote));
	XT_ASSERT_OK(xfrmif_link_set_ikey(l, 0x01020304));
	XT_ASSERT_OK(xfrmif_link_set_okey(l, 7));
	XT_ASSERT_OK(xfrmif_link_set_fwmark(l, 0x55));
	XT_ASSERT_OK(xfrmif_link_set_dev_index(l, 3));
	b = round_trip(l, &msg);
	XT_ASSERT_OK(xfrmif_link_get_kind(b, &v));
	ck_assert_uint_eq(v, kind);
	XT_ASSERT_OK(xfrmif_link_get_local(b, &fam, got));
	ck_assert_int_eq(fam, family);
	ck_assert_mem_eq(got, local, family == AF_INET ? 4 : 16);
	XT_ASSERT_OK(xfrmif_link_get_remote(b, &fam, got));
	ck_assert_int_eq(fam, family);
	ck_assert_mem_eq(got, remote, family == AF_INET ? 4 : 16);
	XT_ASSERT_OK(xfrmif_link_get_ikey(b, &v));
	ck_assert_uint_eq(v, 0x01020304);
	XT_ASSERT_OK(xfrmif_link_get_okey(b, &v));
	ck_assert_uint_eq(v, 7);
	XT_ASSERT_OK(xfrmif_link_get_fwmark(b, &v));
	ck_assert_uint_eq(v, 0x55);
	XT_ASSERT_OK(xfrmif_link_get_dev_index(b, &v));
	ck_assert_uint_eq(v, 3);
	ck_assert_int_eq(xfrmif_link_get_if_id(b, &v), -ENODATA);
	/* Keys travel big-endian, addresses at their own length. */
	ck_assert_int_eq(nlmsg_parse(nlmsg_hdr(msg), sizeof(struct ifinfomsg),
				     tb, IFLA_MAX, NULL), 0);
	ck_assert_int_eq(nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO],
					  NULL), 0);
	ck_assert_int_eq(nla_parse_nested(vd, IFLA_VTI_MAX, li[IFLA_INFO_DATA],
					  NULL), 0);
	ck_assert_uint_eq(nla_get_u32(vd[IFLA_VTI_IKEY]), htonl(0x01020304));
	ck_assert_int_eq(nla_len(vd[IFLA_VTI_LOCAL]), family == AF_INET ? 4 : 16);
	xfrmif__msg_free(msg);
	xfrmif_link_free(l);
	xfrmif_link_free(b);
}

START_TEST(vti_round_trip4)
{
	vti_round_trip(XFRMIF_LINK_KIND_VTI, AF_INET, "192.0.2.1", "198.51.100.2");
}
END_TEST

START_TEST(vti_round_trip6)
{
	vti_round_trip(XFRMIF_LINK_KIND_VTI6, AF_INET6, "2001:db8::1",
		       "2001:db8:1::2");
}
END_TEST

START_TEST(del_and_get_builders)
{
	struct nlattr *tb[IFLA_MAX + 1];
	struct nl_msg *msg;
	struct ifinfomsg *ifi;

	XT_ASSERT_OK(xfrmif__link_build_del("abc", 0, &msg));
	ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_type, RTM_DELLINK);
	ck_assert_int_eq(nlmsg_parse(nlmsg_hdr(msg), sizeof(*ifi), tb, IFLA_MAX,
				     NULL), 0);
	ck_assert_str_eq(nla_get_string(tb[IFLA_IFNAME]), "abc");
	xfrmif__msg_free(msg);
	XT_ASSERT_OK(xfrmif__link_build_del("abc", 17, &msg));
	ifi = nlmsg_data(nlmsg_hdr(msg));
	ck_assert_int_eq(ifi->ifi_index, 17);
	ck_assert_int_eq(nlmsg_parse(nlmsg_hdr(msg), sizeof(*ifi), tb, IFLA_MAX,
				     NULL), 0);
	ck_assert_ptr_null(tb[IFLA_IFNAME]);
	xfrmif__msg_free(msg);
	XT_ASSERT_OK(xfrmif__link_build_get("abc", 0, &msg));
	ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_type, RTM_GETLINK);
	xfrmif__msg_free(msg);
	XT_ASSERT_OK(xfrmif__link_build_disable_policy4(5, true, &msg));
	ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_type, RTM_NEWLINK);
	xfrmif__msg_free(msg);
}
END_TEST

START_TEST(parse_rejects_short_attributes)
{
	struct nl_msg *msg = xfrmif__msg_new(RTM_NEWLINK, 0, 0);
	struct ifinfomsg ifi = { .ifi_index = 1 };
	xfrmif_link *l = new_link();
	uint16_t two = 2;

	ck_assert_int_eq(nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO), 0);
	ck_assert_int_eq(nla_put(msg, IFLA_MTU, sizeof(two), &two), 0);
	ck_assert_int_eq(xfrmif__link_parse(nlmsg_hdr(msg), l), -EBADMSG);
	xfrmif__msg_free(msg);
	xfrmif_link_free(l);
}
END_TEST

START_TEST(setters_refuse_bad_values)
{
	xfrmif_link *l = new_link();
	unsigned char a[16] = { 0 };
	uint32_t v;

	ck_assert_int_eq(xfrmif_link_set_name(l, ""), -EINVAL);
	ck_assert_int_eq(xfrmif_link_set_name(l, "0123456789abcdef"), -EINVAL);
	ck_assert_int_eq(xfrmif_link_set_name(l, "a/b"), -EINVAL);
	ck_assert_int_eq(xfrmif_link_set_name(l, "a b"), -EINVAL);
	ck_assert_int_eq(xfrmif_link_set_name(l, ".."), -EINVAL);
	ck_assert_int_eq(xfrmif_link_set_name(l, NULL), -EINVAL);
	ck_assert_ptr_null(xfrmif_link_get_name(l));
	XT_ASSERT_OK(xfrmif_link_set_name(l, "0123456789abcde"));
	ck_assert_int_eq(xfrmif_link_set_if_id(l, 0), -EINVAL);
	ck_assert_int_eq(xfrmif_link_get_if_id(l, &v), -ENODATA);
	ck_assert_int_eq(xfrmif_link_set_kind(l, 99), -EINVAL);
	ck_assert_int_eq(xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_OTHER), -EINVAL);
	ck_assert_int_eq(xfrmif_link_set_local(l, AF_UNIX, a), -EINVAL);
	ck_assert_int_eq(xfrmif_link_set_remote(l, AF_INET, NULL), -EINVAL);
	ck_assert_int_eq(xfrmif_link_set_mtu(l, 0), -EINVAL);
	ck_assert_int_eq(xfrmif_link_set_ifindex(l, 0), -EINVAL);
	ck_assert_int_eq(xfrmif_link_set_dev(l, "x y"), -EINVAL);
	ck_assert_int_eq(xfrmif_link_set_dev_index(l, 0), -EINVAL);
	ck_assert_int_eq(xfrmif_link_new(NULL), -EINVAL);
	xfrmif_link_free(NULL);
	xfrmif_link_free(l);
}
END_TEST

START_TEST(dup_copies_everything)
{
	xfrmif_link *l = new_link(), *d = NULL;
	uint32_t v;
	{
		__attribute__((cleanup(xfrmif_link_freep))) xfrmif_link *t = new_link();
		(void)t;
	}
	XT_ASSERT_OK(xfrmif_link_set_name(l, "x"));
	XT_ASSERT_OK(xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_XFRM));
	XT_ASSERT_OK(xfrmif_link_set_if_id(l, 9));
	XT_ASSERT_OK(xfrmif_link_dup(&d, l));
	xfrmif_link_free(l);
	ck_assert_str_eq(xfrmif_link_get_name(d), "x");
	XT_ASSERT_OK(xfrmif_link_get_if_id(d, &v));
	ck_assert_uint_eq(v, 9);
	xfrmif_link_free(d);
}
END_TEST

START_TEST(kind_names)
{
	ck_assert_str_eq(xfrmif_link_kind_name(XFRMIF_LINK_KIND_VTI6), "vti6");
	ck_assert_ptr_null(xfrmif_link_kind_name(XFRMIF_LINK_KIND_OTHER));
	ck_assert_uint_eq(xfrmif_link_kind_from_name("vti"), XFRMIF_LINK_KIND_VTI);
	ck_assert_uint_eq(xfrmif_link_kind_from_name("dummy"), 0);
	ck_assert_uint_eq(xfrmif_link_kind_from_name(NULL), 0);
}
END_TEST

/* Validation refuses before sending: a context in this namespace needs no
 * privileges for that. */
static void expect_refusal(xfrmif_link *l, const char *needle)
{
	xfrmif_ctx *ctx = NULL;
	int r;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	r = xfrmif_link_add(ctx, l, NULL);
	ck_assert_int_eq(r, -EINVAL);
	ck_assert_msg(strstr(xfrmif_ctx_errmsg(ctx), needle),
		      "errmsg '%s' lacks '%s'", xfrmif_ctx_errmsg(ctx), needle);
	xfrmif_ctx_unref(ctx);
	xfrmif_link_free(l);
}

static xfrmif_link *named(uint32_t kind)
{
	xfrmif_link *l = new_link();

	XT_ASSERT_OK(xfrmif_link_set_name(l, "t0"));
	if (kind)
		XT_ASSERT_OK(xfrmif_link_set_kind(l, kind));
	return l;
}

START_TEST(validation_messages)
{
	struct in_addr a4 = { htonl(0xc0000201) };
	struct in6_addr a6 = IN6ADDR_LOOPBACK_INIT;
	xfrmif_link *l;

	l = named(XFRMIF_LINK_KIND_XFRM);
	expect_refusal(l, "if_id");
	l = named(XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_if_id(l, 0);
	expect_refusal(l, "if_id: 0");
	l = named(XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_external(l, 1);
	xfrmif_link_set_if_id(l, 4);
	expect_refusal(l, "external");
	l = named(XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_external(l, 1);
	xfrmif_link_set_dev(l, "lo");
	expect_refusal(l, "external: an external xfrm interface takes no dev");
	l = named(XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_if_id(l, 4);
	xfrmif_link_set_ikey(l, 4);
	expect_refusal(l, "ikey");
	l = named(XFRMIF_LINK_KIND_VTI);
	xfrmif_link_set_local(l, AF_INET6, &a6);
	expect_refusal(l, "local: an ipv6 address for a vti");
	l = named(XFRMIF_LINK_KIND_VTI6);
	xfrmif_link_set_remote(l, AF_INET, &a4);
	expect_refusal(l, "remote: an ipv4 address for a vti6");
	l = named(XFRMIF_LINK_KIND_VTI);
	xfrmif_link_set_local(l, AF_INET, &a4);
	xfrmif_link_set_remote(l, AF_INET6, &a6);
	expect_refusal(l, "mixed families");
	l = named(XFRMIF_LINK_KIND_VTI);
	xfrmif_link_set_if_id(l, 4);
	expect_refusal(l, "if_id: only xfrm");
	l = named(0);
	expect_refusal(l, "kind: required");
	l = new_link();
	xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_name(l, "bad name");
	expect_refusal(l, "name: 'bad name'");
	l = new_link();
	xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_name(l, "0123456789abcdefg");
	expect_refusal(l, "IFNAMSIZ");
}
END_TEST

START_TEST(opts_checked)
{
	struct big {
		struct xfrmif_link_add_opts o;
		uint64_t extra;
	} b = { { sizeof(b), 0, NULL }, 1 };
	xfrmif_ctx *ctx = NULL;
	xfrmif_link *l = named(XFRMIF_LINK_KIND_XFRM);

	xfrmif_link_set_if_id(l, 1);
	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	ck_assert_int_eq(xfrmif_link_add(ctx, l, &b.o), -EINVAL);
	b.extra = 0;
	b.o.flags = 0x80;
	ck_assert_int_eq(xfrmif_link_add(ctx, l, &b.o), -EINVAL);
	ck_assert_ptr_nonnull(strstr(xfrmif_ctx_errmsg(ctx), "flags"));
	ck_assert_int_eq(xfrmif_link_list(ctx, NULL, NULL, NULL), -EINVAL);
	ck_assert_int_eq(xfrmif_link_del_by_index(ctx, 0), -EINVAL);
	ck_assert_int_eq(xfrmif_link_del_by_name(ctx, ""), -EINVAL);
	ck_assert_int_eq(xfrmif_link_addr_add(ctx, l, AF_INET, NULL, 8), -EINVAL);
	ck_assert_int_eq(xfrmif_link_disable_policy(ctx, l, AF_UNIX, 1), -EINVAL);
	xfrmif_ctx_unref(ctx);
	xfrmif_link_free(l);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("link");
	TCase *tc = xt_tcase(s, "link", false);

	tcase_add_test(tc, xfrm_round_trip);
	tcase_add_test(tc, xfrm_external_flag_on_the_wire);
	tcase_add_test(tc, vti_round_trip4);
	tcase_add_test(tc, vti_round_trip6);
	tcase_add_test(tc, del_and_get_builders);
	tcase_add_test(tc, parse_rejects_short_attributes);
	tcase_add_test(tc, setters_refuse_bad_values);
	tcase_add_test(tc, dup_copies_everything);
	tcase_add_test(tc, kind_names);
	tcase_add_test(tc, validation_messages);
	tcase_add_test(tc, opts_checked);
	return xt_run_suite(s);
}
