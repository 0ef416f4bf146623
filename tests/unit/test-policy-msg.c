/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * White-box: policy messages built and parsed back attribute by attribute,
 * the keys of delete/get, the bad-input table (nothing is built), and the
 * parser's refusal of short or malformed messages.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <linux/xfrm.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "batch_engine.h"
#include "internal.h"
#include "policy_int.h"
#include "xtest.h"

static xfrmif_ctx *fake_ctx(void)
{
	static xfrmif_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.log_priority = LOG_ERR;
	return &ctx;
}

static void a4(void *dst, const char *s)
{
	ck_assert_int_eq(inet_pton(AF_INET, s, dst), 1);
}

static void a6(void *dst, const char *s)
{
	ck_assert_int_eq(inet_pton(AF_INET6, s, dst), 1);
}

/* A policy using every field. */
static xfrmif_policy *full_policy(void)
{
	xfrmif_policy *p = NULL;
	xfrmif_tmpl *t = NULL;
	unsigned char a[16];

	XT_ASSERT_OK(xfrmif_policy_new(&p));
	a4(a, "192.0.2.0");
	XT_ASSERT_OK(xfrmif_policy_set_src(p, AF_INET, a, 24));
	a4(a, "198.51.100.0");
	XT_ASSERT_OK(xfrmif_policy_set_dst(p, AF_INET, a, 25));
	XT_ASSERT_OK(xfrmif_policy_set_proto(p, IPPROTO_TCP));
	XT_ASSERT_OK(xfrmif_policy_set_sport(p, 22));
	XT_ASSERT_OK(xfrmif_policy_set_dport(p, 443));
	XT_ASSERT_OK(xfrmif_policy_set_ifindex(p, 1));
	XT_ASSERT_OK(xfrmif_policy_set_dir(p, XFRMIF_POLICY_DIR_FWD));
	XT_ASSERT_OK(xfrmif_policy_set_action(p, XFRMIF_POLICY_BLOCK));
	XT_ASSERT_OK(xfrmif_policy_set_priority(p, 77));
	XT_ASSERT_OK(xfrmif_policy_set_index(p, 0x1002));
	XT_ASSERT_OK(xfrmif_policy_set_if_id(p, 42));
	XT_ASSERT_OK(xfrmif_policy_set_mark(p, 0x10, 0xf0));
	XT_ASSERT_OK(xfrmif_policy_set_flags(p, XFRMIF_POLICY_FLAG_LOCALOK |
						       XFRMIF_POLICY_FLAG_ICMP));
	for (int i = 0; i < 8; i++)
		XT_ASSERT_OK(xfrmif_policy_set_lifetime(p, i, 1000 + (uint64_t)i));
	XT_ASSERT_OK(xfrmif_policy_set_type(p, XFRMIF_POLICY_TYPE_SUB));

	XT_ASSERT_OK(xfrmif_tmpl_new(&t));
	a4(a, "192.0.2.1");
	XT_ASSERT_OK(xfrmif_tmpl_set_src(t, AF_INET, a));
	a4(a, "192.0.2.2");
	XT_ASSERT_OK(xfrmif_tmpl_set_dst(t, AF_INET, a));
	XT_ASSERT_OK(xfrmif_tmpl_set_proto(t, IPPROTO_AH));
	XT_ASSERT_OK(xfrmif_tmpl_set_reqid(t, 9));
	XT_ASSERT_OK(xfrmif_policy_add_tmpl(p, t));
	xfrmif_tmpl_free(t);

	XT_ASSERT_OK(xfrmif_tmpl_new(&t));
	a6(a, "2001:db8::1");
	XT_ASSERT_OK(xfrmif_tmpl_set_src(t, AF_INET6, a));
	a6(a, "2001:db8::2");
	XT_ASSERT_OK(xfrmif_tmpl_set_dst(t, AF_INET6, a));
	XT_ASSERT_OK(xfrmif_tmpl_set_spi(t, 0x1234));
	XT_ASSERT_OK(xfrmif_tmpl_set_reqid(t, 10));
	XT_ASSERT_OK(xfrmif_tmpl_set_mode(t, XFRMIF_TMPL_MODE_TUNNEL));
	XT_ASSERT_OK(xfrmif_tmpl_set_level(t, XFRMIF_TMPL_LEVEL_USE));
	XT_ASSERT_OK(xfrmif_tmpl_set_algo_masks(t, 1, 2, 4));
	XT_ASSERT_OK(xfrmif_policy_add_tmpl(p, t));
	xfrmif_tmpl_free(t);
	return p;
}

START_TEST(build_add_parse_round_trip)
{
	xfrmif_ctx *ctx = fake_ctx();
	xfrmif_policy *p = full_policy(), *q = NULL;
	const xfrmif_tmpl *t;
	struct nl_msg *msg = NULL;
	unsigned char a[16], want[16];
	int family, x;
	uint8_t plen, pr;
	uint16_t port;
	uint32_t n, m, am, em, cm;
	uint64_t u;

	XT_ASSERT_OK(xfrmif__policy_build_add(ctx, p, _i, &msg));
	ck_assert_ptr_nonnull(msg);
	ck_assert_int_eq(nlmsg_hdr(msg)->nlmsg_type,
			 _i ? XFRM_MSG_UPDPOLICY : XFRM_MSG_NEWPOLICY);
	XT_ASSERT_OK(xfrmif_policy_new(&q));
	XT_ASSERT_OK(xfrmif__policy_parse(nlmsg_hdr(msg), q));

	XT_ASSERT_OK(xfrmif_policy_get_src(q, &family, a, &plen));
	a4(want, "192.0.2.0");
	ck_assert_int_eq(family, AF_INET);
	ck_assert_mem_eq(a, want, 4);
	ck_assert_uint_eq(plen, 24);
	XT_ASSERT_OK(xfrmif_policy_get_dst(q, &family, a, &plen));
	a4(want, "198.51.100.0");
	ck_assert_mem_eq(a, want, 4);
	ck_assert_uint_eq(plen, 25);
	ck_assert_int_eq(xfrmif_policy_get_family(q), AF_INET);
	XT_ASSERT_OK(xfrmif_policy_get_proto(q, &pr));
	ck_assert_uint_eq(pr, IPPROTO_TCP);
	XT_ASSERT_OK(xfrmif_policy_get_sport(q, &port));
	ck_assert_uint_eq(port, 22);
	XT_ASSERT_OK(xfrmif_policy_get_dport(q, &port));
	ck_assert_uint_eq(port, 443);
	ck_assert_int_eq(xfrmif_policy_get_icmp(q, &pr, &pr), -ENODATA);
	XT_ASSERT_OK(xfrmif_policy_get_ifindex(q, &x));
	ck_assert_int_eq(x, 1);
	XT_ASSERT_OK(xfrmif_policy_get_dir(q, &x));
	ck_assert_int_eq(x, XFRMIF_POLICY_DIR_FWD);
	XT_ASSERT_OK(xfrmif_policy_get_action(q, &x));
	ck_assert_int_eq(x, XFRMIF_POLICY_BLOCK);
	XT_ASSERT_OK(xfrmif_policy_get_priority(q, &n));
	ck_assert_uint_eq(n, 77);
	XT_ASSERT_OK(xfrmif_policy_get_index(q, &n));
	ck_assert_uint_eq(n, 0x1002);
	XT_ASSERT_OK(xfrmif_policy_get_if_id(q, &n));
	ck_assert_uint_eq(n, 42);
	XT_ASSERT_OK(xfrmif_policy_get_mark(q, &n, &m));
	ck_assert_uint_eq(n, 0x10);
	ck_assert_uint_eq(m, 0xf0);
	XT_ASSERT_OK(xfrmif_policy_get_flags(q, &n));
	ck_assert_uint_eq(n, XFRMIF_POLICY_FLAG_LOCALOK | XFRMIF_POLICY_FLAG_ICMP);
	for (int i = 0; i < 8; i++) {
		XT_ASSERT_OK(xfrmif_policy_get_lifetime(q, i, &u));
		ck_assert_uint_eq(u, 1000 + (uint64_t)i);
	}
	XT_ASSERT_OK(xfrmif_policy_get_type(q, &x));
	ck_assert_int_eq(x, XFRMIF_POLICY_TYPE_SUB);

	ck_assert_int_eq(xfrmif_policy_get_tmpl_count(q), 2);
	XT_ASSERT_OK(xfrmif_policy_get_tmpl(q, 0, &t));
	XT_ASSERT_OK(xfrmif_tmpl_get_src(t, &family, a));
	a4(want, "192.0.2.1");
	ck_assert_int_eq(family, AF_INET);
	ck_assert_mem_eq(a, want, 4);
	XT_ASSERT_OK(xfrmif_tmpl_get_proto(t, &pr));
	ck_assert_uint_eq(pr, IPPROTO_AH);
	XT_ASSERT_OK(xfrmif_tmpl_get_mode(t, &x));
	ck_assert_int_eq(x, XFRMIF_TMPL_MODE_TRANSPORT);
	XT_ASSERT_OK(xfrmif_tmpl_get_algo_masks(t, &am, &em, &cm));
	ck_assert_uint_eq(am & em & cm, UINT32_MAX);
	XT_ASSERT_OK(xfrmif_policy_get_tmpl(q, 1, &t));
	XT_ASSERT_OK(xfrmif_tmpl_get_dst(t, &family, a));
	a6(want, "2001:db8::2");
	ck_assert_int_eq(family, AF_INET6);
	ck_assert_mem_eq(a, want, 16);
	XT_ASSERT_OK(xfrmif_tmpl_get_spi(t, &n));
	ck_assert_uint_eq(n, 0x1234);
	XT_ASSERT_OK(xfrmif_tmpl_get_reqid(t, &n));
	ck_assert_uint_eq(n, 10);
	XT_ASSERT_OK(xfrmif_tmpl_get_mode(t, &x));
	ck_assert_int_eq(x, XFRMIF_TMPL_MODE_TUNNEL);
	XT_ASSERT_OK(xfrmif_tmpl_get_level(t, &x));
	ck_assert_int_eq(x, XFRMIF_TMPL_LEVEL_USE);
	XT_ASSERT_OK(xfrmif_tmpl_get_algo_masks(t, &am, &em, &cm));
	ck_assert_uint_eq(am, 1);
	ck_assert_uint_eq(em, 2);
	ck_assert_uint_eq(cm, 4);
	ck_assert_int_eq(xfrmif_policy_get_tmpl(q, 2, &t), -ENOENT);

	xfrmif__msg_free(msg);
	xfrmif_policy_free(p);
	xfrmif_policy_free(q);
}
END_TEST

/* Finds attribute @type in a built message whose fixed part is @hdrlen. */
static struct nlattr *find_attr(struct nl_msg *msg, size_t hdrlen, int type)
{
	return nlmsg_find_attr(nlmsg_hdr(msg), (int)hdrlen, type);
}

START_TEST(key_carries_mark_if_id_and_type)
{
	xfrmif_ctx *ctx = fake_ctx();
	xfrmif_policy *p = full_policy();
	bool by_index = _i;
	struct nl_msg *msg = NULL;
	struct xfrm_userpolicy_id id;
	struct xfrm_mark mk;
	struct nlattr *a;

	XT_ASSERT_OK(xfrmif__policy_build_key(ctx, p, XFRM_MSG_DELPOLICY,
					      by_index, &msg));
	ck_assert_int_eq(nlmsg_hdr(msg)->nlmsg_type, XFRM_MSG_DELPOLICY);
	memcpy(&id, nlmsg_data(nlmsg_hdr(msg)), sizeof(id));
	ck_assert_uint_eq(id.dir, XFRMIF_POLICY_DIR_FWD);
	if (by_index) {
		ck_assert_uint_eq(id.index, 0x1002);
		ck_assert_uint_eq(id.sel.family, 0);
	} else {
		ck_assert_uint_eq(id.index, 0);
		ck_assert_mem_eq(&id.sel, &p->info.sel, sizeof(id.sel));
	}
	a = find_attr(msg, sizeof(id), XFRMA_MARK);
	ck_assert_ptr_nonnull(a);
	memcpy(&mk, nla_data(a), sizeof(mk));
	ck_assert_uint_eq(mk.v, 0x10);
	ck_assert_uint_eq(mk.m, 0xf0);
	a = find_attr(msg, sizeof(id), XFRMA_IF_ID);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(nla_get_u32(a), 42);
	a = find_attr(msg, sizeof(id), XFRMA_POLICY_TYPE);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(((struct xfrm_userpolicy_type *)nla_data(a))->type,
			  XFRM_POLICY_TYPE_SUB);
	xfrmif__msg_free(msg);
	xfrmif_policy_free(p);
}
END_TEST

/* Stop-and-undo derives the delete from the add message: it must be the
 * very message the key builder makes for the policy. */
START_TEST(undo_derived_from_add_is_the_key_delete)
{
	xfrmif_ctx *ctx = fake_ctx();
	xfrmif_policy *p = full_policy();
	struct nl_msg *add = NULL, *key = NULL, *undo = NULL;
	struct nlmsghdr *hk, *hu;

	if (_i) /* and without mark, if_id and type */
		p->isset &= ~(uint32_t)(POL_MARK | POL_IF_ID);
	if (_i)
		p->type = XFRM_POLICY_TYPE_MAIN;
	XT_ASSERT_OK(xfrmif__policy_build_add(ctx, p, false, &add));
	XT_ASSERT_OK(xfrmif__policy_build_key(ctx, p, XFRM_MSG_DELPOLICY,
					      false, &key));
	XT_ASSERT_OK(xfrmif__batch_undo_build(nlmsg_hdr(add), &undo));
	hk = nlmsg_hdr(key);
	hu = nlmsg_hdr(undo);
	ck_assert_uint_eq(hu->nlmsg_len, hk->nlmsg_len);
	ck_assert_mem_eq(hu, hk, hk->nlmsg_len);
	xfrmif__msg_free(add);
	xfrmif__msg_free(key);
	xfrmif__msg_free(undo);
	xfrmif_policy_free(p);
}
END_TEST

START_TEST(key_by_index_takes_dir_from_index)
{
	xfrmif_ctx *ctx = fake_ctx();
	xfrmif_policy *p = NULL;
	struct nl_msg *msg = NULL;
	struct xfrm_userpolicy_id id;

	XT_ASSERT_OK(xfrmif_policy_new(&p));
	ck_assert_int_eq(xfrmif__policy_build_key(ctx, p, XFRM_MSG_GETPOLICY,
						  true, &msg), -EINVAL);
	ck_assert(xt_contains(ctx->errmsg, "index"));
	XT_ASSERT_OK(xfrmif_policy_set_index(p, 0x209));
	XT_ASSERT_OK(xfrmif__policy_build_key(ctx, p, XFRM_MSG_GETPOLICY, true,
					      &msg));
	memcpy(&id, nlmsg_data(nlmsg_hdr(msg)), sizeof(id));
	ck_assert_uint_eq(id.dir, 1);
	ck_assert_ptr_null(find_attr(msg, sizeof(id), XFRMA_MARK));
	ck_assert_ptr_null(find_attr(msg, sizeof(id), XFRMA_IF_ID));
	ck_assert_ptr_null(find_attr(msg, sizeof(id), XFRMA_POLICY_TYPE));
	xfrmif__msg_free(msg);
	xfrmif_policy_free(p);
}
END_TEST

/* A minimal valid policy to spoil one way or another. */
static xfrmif_policy *base_policy(int family)
{
	xfrmif_policy *p = NULL;
	unsigned char a[16] = { 0 };

	XT_ASSERT_OK(xfrmif_policy_new(&p));
	if (family == AF_INET)
		a4(a, "192.0.2.0");
	else
		a6(a, "2001:db8::");
	XT_ASSERT_OK(xfrmif_policy_set_src(p, family, a, 24));
	XT_ASSERT_OK(xfrmif_policy_set_dst(p, family, a, 24));
	XT_ASSERT_OK(xfrmif_policy_set_dir(p, XFRMIF_POLICY_DIR_IN));
	return p;
}

static xfrmif_tmpl *tmpl_of(int family, int mode)
{
	xfrmif_tmpl *t = NULL;
	unsigned char a[16];

	XT_ASSERT_OK(xfrmif_tmpl_new(&t));
	if (family == AF_INET)
		a4(a, "203.0.113.1");
	else if (family == AF_INET6)
		a6(a, "2001:db8::9");
	if (family) {
		XT_ASSERT_OK(xfrmif_tmpl_set_src(t, family, a));
		XT_ASSERT_OK(xfrmif_tmpl_set_dst(t, family, a));
	}
	XT_ASSERT_OK(xfrmif_tmpl_set_mode(t, mode));
	return t;
}

static void add_tmpl(xfrmif_policy *p, int family, int mode)
{
	xfrmif_tmpl *t = tmpl_of(family, mode);

	XT_ASSERT_OK(xfrmif_policy_add_tmpl(p, t));
	xfrmif_tmpl_free(t);
}

/* Builds and expects -EINVAL, no message, and `word` in the errmsg. */
static void expect_rejected(xfrmif_policy *p, const char *word)
{
	xfrmif_ctx *ctx = fake_ctx();
	struct nl_msg *msg = (struct nl_msg *)&msg; /* must be reset */

	ck_assert_int_eq(xfrmif__policy_build_add(ctx, p, false, &msg), -EINVAL);
	ck_assert_ptr_null(msg);
	ck_assert_msg(xt_contains(ctx->errmsg, word), "errmsg '%s' lacks '%s'",
		      ctx->errmsg, word);
	xfrmif_policy_free(p);
}

static void expect_built(xfrmif_policy *p)
{
	xfrmif_ctx *ctx = fake_ctx();
	struct nl_msg *msg = NULL;

	ck_assert_msg(xfrmif__policy_build_add(ctx, p, false, &msg) == 0, "%s",
		      ctx->errmsg);
	xfrmif__msg_free(msg);
	xfrmif_policy_free(p);
}

START_TEST(bad_input_table)
{
	xfrmif_policy *p;
	xfrmif_tmpl *t;
	unsigned char a[16] = { 0 };

	/* Prefix longer than the family allows. */
	p = base_policy(AF_INET);
	ck_assert_int_eq(xfrmif_policy_set_src(p, AF_INET, a, 33), -EINVAL);
	expect_rejected(p, "src: prefix length 33");
	p = base_policy(AF_INET6);
	ck_assert_int_eq(xfrmif_policy_set_dst(p, AF_INET6, a, 129), -EINVAL);
	expect_rejected(p, "dst: prefix length 129");
	/* Mixed selector families. */
	p = base_policy(AF_INET);
	ck_assert_int_eq(xfrmif_policy_set_dst(p, AF_INET6, a, 64), -EINVAL);
	expect_rejected(p, "dst");
	/* Ports with a protocol that has none, or no protocol. */
	p = base_policy(AF_INET);
	XT_ASSERT_OK(xfrmif_policy_set_proto(p, IPPROTO_ICMP));
	XT_ASSERT_OK(xfrmif_policy_set_dport(p, 80));
	expect_rejected(p, "ports");
	p = base_policy(AF_INET);
	XT_ASSERT_OK(xfrmif_policy_set_sport(p, 80));
	expect_rejected(p, "ports");
	p = base_policy(AF_INET);
	XT_ASSERT_OK(xfrmif_policy_set_proto(p, IPPROTO_TCP));
	XT_ASSERT_OK(xfrmif_policy_set_icmp(p, 8, 0));
	expect_rejected(p, "type/code");
	p = base_policy(AF_INET6);
	XT_ASSERT_OK(xfrmif_policy_set_proto(p, IPPROTO_ICMP));
	XT_ASSERT_OK(xfrmif_policy_set_icmp(p, 128, 0));
	expect_rejected(p, "ipv6-icmp");
	/* Ports and a type at once. */
	p = base_policy(AF_INET);
	XT_ASSERT_OK(xfrmif_policy_set_sport(p, 1));
	ck_assert_int_eq(xfrmif_policy_set_icmp(p, 8, 0), -EINVAL);
	expect_rejected(p, "icmp");
	/* Unknown direction, action, type, flags; missing direction. */
	p = base_policy(AF_INET);
	ck_assert_int_eq(xfrmif_policy_set_dir(p, 3), -EINVAL);
	expect_rejected(p, "dir: 3");
	p = base_policy(AF_INET);
	ck_assert_int_eq(xfrmif_policy_set_action(p, 2), -EINVAL);
	expect_rejected(p, "action: 2");
	p = base_policy(AF_INET);
	ck_assert_int_eq(xfrmif_policy_set_type(p, 2), -EINVAL);
	expect_rejected(p, "type: 2");
	p = base_policy(AF_INET);
	ck_assert_int_eq(xfrmif_policy_set_flags(p, 0x80), -EINVAL);
	expect_rejected(p, "flags");
	XT_ASSERT_OK(xfrmif_policy_new(&p));
	XT_ASSERT_OK(xfrmif_policy_set_family(p, AF_INET));
	expect_rejected(p, "dir: not set");
	XT_ASSERT_OK(xfrmif_policy_new(&p));
	XT_ASSERT_OK(xfrmif_policy_set_dir(p, XFRMIF_POLICY_DIR_OUT));
	expect_rejected(p, "no family");
	/* if_id 0, index 0, index not carrying the direction. */
	p = base_policy(AF_INET);
	ck_assert_int_eq(xfrmif_policy_set_if_id(p, 0), -EINVAL);
	expect_rejected(p, "if_id: 0");
	p = base_policy(AF_INET);
	ck_assert_int_eq(xfrmif_policy_set_index(p, 0), -EINVAL);
	expect_rejected(p, "index: 0");
	p = base_policy(AF_INET);
	XT_ASSERT_OK(xfrmif_policy_set_index(p, 0x101)); /* dir out, not in */
	expect_rejected(p, "index: 0x101");
	/* Template problems. */
	XT_ASSERT_OK(xfrmif_tmpl_new(&t));
	ck_assert_int_eq(xfrmif_tmpl_set_proto(t, IPPROTO_TCP), -EINVAL);
	ck_assert_int_eq(xfrmif_tmpl_set_mode(t, 7), -EINVAL);
	a4(a, "192.0.2.1");
	XT_ASSERT_OK(xfrmif_tmpl_set_src(t, AF_INET, a));
	ck_assert_int_eq(xfrmif_tmpl_set_dst(t, AF_INET6, a), -EINVAL);
	p = base_policy(AF_INET);
	ck_assert_int_eq(xfrmif_policy_add_tmpl(p, t), -EINVAL);
	xfrmif_tmpl_free(t);
	expect_rejected(p, "tmpl: template 0: proto: 6");
	/* Template family change outside tunnel/beet mode. */
	p = base_policy(AF_INET);
	add_tmpl(p, AF_INET6, XFRMIF_TMPL_MODE_TRANSPORT);
	expect_rejected(p, "tmpl 0: ipv6 addresses after ipv4");
	p = base_policy(AF_INET);
	add_tmpl(p, AF_INET6, XFRMIF_TMPL_MODE_TUNNEL);
	add_tmpl(p, AF_INET, XFRMIF_TMPL_MODE_TRANSPORT);
	expect_rejected(p, "tmpl 1: ipv4 addresses after ipv6");
	/* An address-less template takes the selector's family: after a
	 * v6 tunnel, that is still a change in transport mode. */
	p = base_policy(AF_INET);
	add_tmpl(p, AF_INET6, XFRMIF_TMPL_MODE_TUNNEL);
	add_tmpl(p, 0, XFRMIF_TMPL_MODE_TRANSPORT);
	expect_rejected(p, "tmpl 1");
	/* Too many templates. */
	p = base_policy(AF_INET);
	for (int i = 0; i < XFRMIF_POLICY_MAX_TMPLS; i++)
		add_tmpl(p, AF_INET, XFRMIF_TMPL_MODE_TRANSPORT);
	t = tmpl_of(AF_INET, XFRMIF_TMPL_MODE_TRANSPORT);
	ck_assert_int_eq(xfrmif_policy_add_tmpl(p, t), -E2BIG);
	xfrmif_tmpl_free(t);
	expect_built(p);
}
END_TEST

START_TEST(good_family_changes)
{
	xfrmif_policy *p;

	/* The af-unspec escape: no addresses, the selector's family. */
	p = base_policy(AF_INET6);
	add_tmpl(p, 0, XFRMIF_TMPL_MODE_TRANSPORT);
	expect_built(p);
	/* Tunnel and beet may change the family. */
	p = base_policy(AF_INET);
	add_tmpl(p, AF_INET, XFRMIF_TMPL_MODE_TRANSPORT);
	add_tmpl(p, AF_INET6, XFRMIF_TMPL_MODE_TUNNEL);
	expect_built(p);
	p = base_policy(AF_INET6);
	add_tmpl(p, AF_INET, XFRMIF_TMPL_MODE_BEET);
	add_tmpl(p, AF_INET, XFRMIF_TMPL_MODE_TRANSPORT);
	expect_built(p);
}
END_TEST

START_TEST(setter_fix_clears_complaint)
{
	xfrmif_policy *p = base_policy(AF_INET);
	unsigned char a[16] = { 0 };

	ck_assert_int_eq(xfrmif_policy_set_src(p, AF_INET, a, 40), -EINVAL);
	XT_ASSERT_OK(xfrmif_policy_set_src(p, AF_INET, a, 8));
	ck_assert_int_eq(xfrmif_policy_set_if_id(p, 0), -EINVAL);
	XT_ASSERT_OK(xfrmif_policy_set_if_id(p, 5));
	ck_assert_int_eq(xfrmif_policy_set_lifetime(p, 99, 1), -EINVAL);
	XT_ASSERT_OK(xfrmif_policy_set_lifetime(p, XFRMIF_POLICY_LFT_SOFT_BYTES,
						1000));
	expect_built(p);
}
END_TEST

START_TEST(getters_report_unset)
{
	xfrmif_policy *p = NULL, *d = NULL;
	unsigned char a[16];
	int family, x;
	uint8_t plen, pr;
	uint16_t port;
	uint32_t n, m;
	uint64_t u;

	XT_ASSERT_OK(xfrmif_policy_new(&p));
	ck_assert_int_eq(xfrmif_policy_get_src(p, &family, a, &plen), -ENODATA);
	ck_assert_int_eq(xfrmif_policy_get_family(p), -ENODATA);
	ck_assert_int_eq(xfrmif_policy_get_proto(p, &pr), -ENODATA);
	ck_assert_int_eq(xfrmif_policy_get_sport(p, &port), -ENODATA);
	ck_assert_int_eq(xfrmif_policy_get_dir(p, &x), -ENODATA);
	ck_assert_int_eq(xfrmif_policy_get_index(p, &n), -ENODATA);
	ck_assert_int_eq(xfrmif_policy_get_if_id(p, &n), -ENODATA);
	ck_assert_int_eq(xfrmif_policy_get_mark(p, &n, &m), -ENODATA);
	XT_ASSERT_OK(xfrmif_policy_get_lifetime(p, XFRMIF_POLICY_LFT_HARD_BYTES, &u));
	ck_assert(u == XFRMIF_POLICY_LFT_INF);
	XT_ASSERT_OK(xfrmif_policy_get_lifetime(p, XFRMIF_POLICY_LFT_HARD_ADD_SECONDS, &u));
	ck_assert(u == 0);
	ck_assert_int_eq(xfrmif_policy_get_lifetime(p, 8, &u), -EINVAL);
	ck_assert_int_eq(xfrmif_policy_get_current(p, 4, &u), -EINVAL);
	XT_ASSERT_OK(xfrmif_policy_get_action(p, &x));
	ck_assert_int_eq(x, XFRMIF_POLICY_ALLOW);
	XT_ASSERT_OK(xfrmif_policy_dup(&d, p));
	ck_assert_int_eq(xfrmif_policy_get_tmpl_count(d), 0);
	xfrmif_policy_free(d);
	xfrmif_policy_free(p);
	xfrmif_policy_free(NULL);
	xfrmif_tmpl_free(NULL);
}
END_TEST

/* Copies a built message into a buffer so that it can be spoiled. */
static size_t msg_copy(struct nl_msg *msg, unsigned char *buf, size_t size)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	ck_assert_uint_le(nlh->nlmsg_len, size);
	memcpy(buf, nlh, nlh->nlmsg_len);
	return nlh->nlmsg_len;
}

START_TEST(parser_rejects_malformed)
{
	xfrmif_ctx *ctx = fake_ctx();
	xfrmif_policy *p = full_policy(), *q = NULL;
	struct nl_msg *msg = NULL;
	unsigned char buf[4096];
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	size_t len, hdr = NLMSG_LENGTH(sizeof(struct xfrm_userpolicy_info));
	struct nlattr *a;

	XT_ASSERT_OK(xfrmif_policy_new(&q));
	XT_ASSERT_OK(xfrmif__policy_build_add(ctx, p, false, &msg));
	len = msg_copy(msg, buf, sizeof(buf));

	/* Truncated fixed part. */
	nlh->nlmsg_len = (uint32_t)hdr - 4;
	ck_assert_int_eq(xfrmif__policy_parse(nlh, q), -EBADMSG);
	/* A cut-off attribute. */
	nlh->nlmsg_len = (uint32_t)(hdr + 6);
	ck_assert_int_eq(xfrmif__policy_parse(nlh, q), -EBADMSG);
	nlh->nlmsg_len = (uint32_t)len;
	XT_ASSERT_OK(xfrmif__policy_parse(nlh, q));
	/* A template array that is not a whole number of templates. */
	a = nlmsg_find_attr(nlh, sizeof(struct xfrm_userpolicy_info), XFRMA_TMPL);
	ck_assert_ptr_nonnull(a);
	a->nla_len -= 4;
	ck_assert_int_eq(xfrmif__policy_parse(nlh, q), -EBADMSG);
	a->nla_len += 4;
	/* A short mark. */
	a = nlmsg_find_attr(nlh, sizeof(struct xfrm_userpolicy_info), XFRMA_MARK);
	ck_assert_ptr_nonnull(a);
	a->nla_len = NLA_HDRLEN + 4;
	ck_assert_int_eq(xfrmif__policy_parse(nlh, q), -EBADMSG);
	/* Another message type. */
	nlh->nlmsg_type = XFRM_MSG_NEWSA;
	ck_assert_int_eq(xfrmif__policy_parse(nlh, q), -ENOMSG);

	xfrmif__msg_free(msg);
	xfrmif_policy_free(p);
	xfrmif_policy_free(q);
}
END_TEST

START_TEST(flush_message)
{
	xfrmif_ctx *ctx = fake_ctx();
	struct nl_msg *msg = NULL;
	struct nlattr *a;

	XT_ASSERT_OK(xfrmif__policy_build_flush(ctx, XFRM_POLICY_TYPE_MAIN, &msg));
	ck_assert_int_eq(nlmsg_hdr(msg)->nlmsg_type, XFRM_MSG_FLUSHPOLICY);
	ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_len, NLMSG_HDRLEN);
	xfrmif__msg_free(msg);
	XT_ASSERT_OK(xfrmif__policy_build_flush(ctx, XFRM_POLICY_TYPE_SUB, &msg));
	a = nlmsg_find_attr(nlmsg_hdr(msg), 0, XFRMA_POLICY_TYPE);
	ck_assert_ptr_nonnull(a);
	ck_assert_uint_eq(((struct xfrm_userpolicy_type *)nla_data(a))->type,
			  XFRM_POLICY_TYPE_SUB);
	xfrmif__msg_free(msg);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("policy-msg");
	TCase *tc = xt_tcase(s, "policy", false);

	tcase_add_loop_test(tc, build_add_parse_round_trip, 0, 2);
	tcase_add_loop_test(tc, key_carries_mark_if_id_and_type, 0, 2);
	tcase_add_test(tc, key_by_index_takes_dir_from_index);
	tcase_add_loop_test(tc, undo_derived_from_add_is_the_key_delete, 0, 2);
	tcase_add_test(tc, bad_input_table);
	tcase_add_test(tc, good_family_changes);
	tcase_add_test(tc, setter_fix_clears_complaint);
	tcase_add_test(tc, getters_report_unset);
	tcase_add_test(tc, parser_rejects_malformed);
	tcase_add_test(tc, flush_message);
	return xt_run_suite(s);
}
