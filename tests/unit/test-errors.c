/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * White-box: decoding the kernel's error messages (errno, extended-ACK text
 * and attribute offset) and mapping libnl's own codes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/netlink.h>
#include <netlink/errno.h>

#include "internal.h"
#include "xtest.h"

/* Builds an NLMSG_ERROR answering a 40-byte request: capped or echoing the
 * request, with optional MSG and OFFS TLVs. Returns the length used. */
static size_t build_err(unsigned char *buf, size_t size, int err, bool capped,
			const char *text, long offs)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nlmsgerr *e;
	size_t off;
	struct nlattr *a;

	memset(buf, 0, size);
	nlh->nlmsg_type = NLMSG_ERROR;
	e = NLMSG_DATA(nlh);
	e->error = err;
	e->msg.nlmsg_len = 40;
	e->msg.nlmsg_type = 0x10;
	off = NLMSG_LENGTH(sizeof(*e));
	if (capped)
		nlh->nlmsg_flags |= NLM_F_CAPPED;
	else
		off += 40 - sizeof(struct nlmsghdr); /* echoed payload */
	if (text || offs >= 0)
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	if (text) {
		a = (struct nlattr *)(buf + off);
		a->nla_type = NLMSGERR_ATTR_MSG;
		a->nla_len = (uint16_t)(NLA_HDRLEN + strlen(text) + 1);
		memcpy(buf + off + NLA_HDRLEN, text, strlen(text) + 1);
		off += NLA_ALIGN(a->nla_len);
	}
	if (offs >= 0) {
		uint32_t v = (uint32_t)offs;
		a = (struct nlattr *)(buf + off);
		a->nla_type = NLMSGERR_ATTR_OFFS;
		a->nla_len = NLA_HDRLEN + 4;
		memcpy(buf + off + NLA_HDRLEN, &v, 4);
		off += NLA_ALIGN(a->nla_len);
	}
	nlh->nlmsg_len = (uint32_t)off;
	ck_assert_uint_le(off, size);
	return off;
}

static xfrmif_ctx *fake_ctx(void)
{
	static xfrmif_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.log_priority = LOG_ERR;
	return &ctx;
}

START_TEST(error_with_extack_text)
{
	unsigned char buf[512];
	xfrmif_ctx *ctx = fake_ctx();
	long offs;

	build_err(buf, sizeof(buf), -EINVAL, _i & 1, "if_id must be non-zero", 36);
	ck_assert_int_eq(xfrmif__parse_error(ctx, (void *)buf, "link add", &offs),
			 -EINVAL);
	ck_assert_str_eq(ctx->errmsg, "link add: if_id must be non-zero");
	ck_assert_int_eq(offs, 36);
}
END_TEST

START_TEST(error_without_text_uses_strerror)
{
	unsigned char buf[512];
	xfrmif_ctx *ctx = fake_ctx();
	long offs;

	build_err(buf, sizeof(buf), -EEXIST, true, NULL, -1);
	ck_assert_int_eq(xfrmif__parse_error(ctx, (void *)buf, "sa add", &offs),
			 -EEXIST);
	ck_assert_str_eq(ctx->errmsg, "sa add: File exists");
	ck_assert_int_eq(offs, -1);
}
END_TEST

START_TEST(ack_is_zero)
{
	unsigned char buf[512];
	xfrmif_ctx *ctx = fake_ctx();

	build_err(buf, sizeof(buf), 0, true, NULL, -1);
	ck_assert_int_eq(xfrmif__parse_error(ctx, (void *)buf, "x", NULL), 0);
	ck_assert_str_eq(ctx->errmsg, "");
}
END_TEST

START_TEST(truncated_and_bogus_errors)
{
	unsigned char buf[512];
	xfrmif_ctx *ctx = fake_ctx();
	struct nlmsghdr *nlh = (void *)buf;
	size_t len;

	build_err(buf, sizeof(buf), -EINVAL, true, NULL, -1);
	nlh->nlmsg_len = NLMSG_HDRLEN + 2;
	ck_assert_int_eq(xfrmif__parse_error(ctx, nlh, "x", NULL), -EBADMSG);

	build_err(buf, sizeof(buf), 5, true, NULL, -1);
	ck_assert_int_eq(xfrmif__parse_error(ctx, nlh, "x", NULL), -EBADMSG);

	/* A TLV that claims more than the message holds is not read. */
	len = build_err(buf, sizeof(buf), -EPERM, true, "abc", -1);
	nlh->nlmsg_len = (uint32_t)len - 4;
	ck_assert_int_eq(xfrmif__parse_error(ctx, nlh, "x", NULL), -EPERM);
	ck_assert_str_eq(ctx->errmsg, "x: Operation not permitted");

	/* Text without its terminating NUL is ignored. */
	len = build_err(buf, sizeof(buf), -EPERM, true, "abcd", -1);
	buf[NLMSG_LENGTH(sizeof(struct nlmsgerr)) + NLA_HDRLEN + 4] = 'x';
	((struct nlattr *)(buf + NLMSG_LENGTH(sizeof(struct nlmsgerr))))->nla_len =
		NLA_HDRLEN + 4;
	ck_assert_int_eq(xfrmif__parse_error(ctx, nlh, "x", NULL), -EPERM);
	ck_assert_str_eq(ctx->errmsg, "x: Operation not permitted");
}
END_TEST

START_TEST(nle_mapping)
{
	ck_assert_int_eq(xfrmif__nle_to_errno(NLE_NOMEM), -ENOMEM);
	ck_assert_int_eq(xfrmif__nle_to_errno(-NLE_EXIST), -EEXIST);
	ck_assert_int_eq(xfrmif__nle_to_errno(NLE_PERM), -EPERM);
	ck_assert_int_eq(xfrmif__nle_to_errno(NLE_OBJ_NOTFOUND), -ENOENT);
	ck_assert_int_eq(xfrmif__nle_to_errno(NLE_DUMP_INTR), -EAGAIN);
	ck_assert_int_eq(xfrmif__nle_to_errno(0), 0);
	ck_assert_int_eq(xfrmif__nle_to_errno(9999), -EIO);
}
END_TEST

START_TEST(opts_check)
{
	xfrmif_ctx *ctx = fake_ctx();
	struct {
		size_t sz;
		int a;
		int b;
	} o = { .sz = sizeof(o) };

	ck_assert_int_eq(xfrmif__opts_check(ctx, NULL, 8, "o"), 0);
	ck_assert_int_eq(xfrmif__opts_check(ctx, &o, sizeof(o), "o"), 0);
	o.b = 1;
	ck_assert_int_eq(xfrmif__opts_check(ctx, &o, offsetof(__typeof__(o), b), "my_opts"),
			 -EINVAL);
	ck_assert_msg(strstr(ctx->errmsg, "my_opts"), "%s", ctx->errmsg);
	o.sz = 3;
	ck_assert_int_eq(xfrmif__opts_check(ctx, &o, sizeof(o), "o"), -EINVAL);
}
END_TEST

START_TEST(feature_names)
{
	static const struct {
		uint32_t bit;
		const char *name, *option;
	} want[] = {
		{ XFRMIF_FEATURE_XFRM_INTERFACE, "xfrm_interface", "CONFIG_XFRM_INTERFACE" },
		{ XFRMIF_FEATURE_XFRM_EXTERNAL, "xfrm_interface_external", "CONFIG_XFRM_INTERFACE" },
		{ XFRMIF_FEATURE_VTI, "vti", "CONFIG_NET_IPVTI" },
		{ XFRMIF_FEATURE_VTI6, "vti6", "CONFIG_IPV6_VTI" },
		{ XFRMIF_FEATURE_ESP4, "esp4", "CONFIG_INET_ESP" },
		{ XFRMIF_FEATURE_ESP6, "esp6", "CONFIG_INET6_ESP" },
		{ XFRMIF_FEATURE_SA_DIR, "sa_dir", "6.10" },
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		ck_assert_str_eq(xfrmif_feature_name(want[i].bit), want[i].name);
		ck_assert_ptr_nonnull(strstr(xfrmif_feature_kernel_option(want[i].bit),
					     want[i].option));
	}
	ck_assert_ptr_null(xfrmif_feature_name(0));
	ck_assert_ptr_null(xfrmif_feature_name(3));
	ck_assert_ptr_null(xfrmif_feature_kernel_option(1u << 31));
}
END_TEST

START_TEST(probe_null_arguments)
{
	xfrmif_ctx *ctx = NULL;

	ck_assert_int_eq(xfrmif_probe(NULL, NULL), -EINVAL);
	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	ck_assert_int_eq(xfrmif_probe(ctx, NULL), -EINVAL);
	ck_assert_msg(strstr(xfrmif_ctx_errmsg(ctx), "features"), "%s",
		      xfrmif_ctx_errmsg(ctx));
	xfrmif_ctx_unref(ctx);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("errors");
	TCase *tc = xt_tcase(s, "errors", false);

	tcase_add_loop_test(tc, error_with_extack_text, 0, 2);
	tcase_add_test(tc, error_without_text_uses_strerror);
	tcase_add_test(tc, ack_is_zero);
	tcase_add_test(tc, truncated_and_bogus_errors);
	tcase_add_test(tc, nle_mapping);
	tcase_add_test(tc, opts_check);
	tcase_add_test(tc, feature_names);
	tcase_add_test(tc, probe_null_arguments);
	return xt_run_suite(s);
}
