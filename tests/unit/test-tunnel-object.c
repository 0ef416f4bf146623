/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The tunnel description without a kernel: setters and getters, refused
 * values named by the call that uses the tunnel, and up() refusing
 * incomplete or contradictory descriptions before it sends anything (the
 * context here has no namespace of its own to change: the checks come
 * first).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

static const uint8_t key[20] = { 1 };

static xfrmif_tunnel *complete(void)
{
	xfrmif_tunnel *t;
	xfrmif_sa *sa;
	struct in_addr a;

	XT_ASSERT_OK(xfrmif_tunnel_new(&t));
	XT_ASSERT_OK(xfrmif_tunnel_set_name(t, "tun0"));
	XT_ASSERT_OK(xfrmif_tunnel_set_kind(t, XFRMIF_LINK_KIND_XFRM));
	XT_ASSERT_OK(xfrmif_tunnel_set_if_id(t, 9));
	inet_pton(AF_INET, "198.51.100.1", &a);
	XT_ASSERT_OK(xfrmif_tunnel_set_local(t, AF_INET, &a));
	inet_pton(AF_INET, "198.51.100.2", &a);
	XT_ASSERT_OK(xfrmif_tunnel_set_remote(t, AF_INET, &a));
	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, 0x100));
	XT_ASSERT_OK(xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", key, 20, 128));
	XT_ASSERT_OK(xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_OUT, sa));
	XT_ASSERT_OK(xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_IN, sa));
	xfrmif_sa_free(sa);
	return t;
}

START_TEST(fields_round_trip)
{
	xfrmif_tunnel *t = complete(), *d = NULL;
	unsigned char a[16], want[16];
	uint32_t v;
	uint8_t m, plen;
	int fam;

	ck_assert_str_eq(xfrmif_tunnel_get_name(t), "tun0");
	XT_ASSERT_OK(xfrmif_tunnel_get_if_id(t, &v));
	ck_assert_uint_eq(v, 9);
	XT_ASSERT_OK(xfrmif_tunnel_get_reqid(t, &v));
	ck_assert_uint_eq(v, 9); /* defaults to the if_id */
	XT_ASSERT_OK(xfrmif_tunnel_get_mode(t, &m));
	ck_assert_uint_eq(m, XFRMIF_SA_MODE_TUNNEL);
	ck_assert_int_eq(xfrmif_tunnel_get_ikey(t, &v), -ENODATA);
	XT_ASSERT_OK(xfrmif_tunnel_get_local(t, &fam, a));
	inet_pton(AF_INET, "198.51.100.1", want);
	ck_assert_int_eq(fam, AF_INET);
	ck_assert_mem_eq(a, want, 4);
	inet_pton(AF_INET6, "2001:db8::/64", want);
	inet_pton(AF_INET6, "2001:db8::", want);
	XT_ASSERT_OK(xfrmif_tunnel_add_ts(t, XFRMIF_TUNNEL_REMOTE, AF_INET6, want, 64));
	ck_assert_int_eq(xfrmif_tunnel_get_ts_count(t, XFRMIF_TUNNEL_REMOTE), 1);
	XT_ASSERT_OK(xfrmif_tunnel_dup(&d, t));
	XT_ASSERT_OK(xfrmif_tunnel_get_ts(d, XFRMIF_TUNNEL_REMOTE, 0, &fam, a, &plen));
	ck_assert_int_eq(fam, AF_INET6);
	ck_assert_uint_eq(plen, 64);
	ck_assert_mem_eq(a, want, 16);
	ck_assert_int_eq(xfrmif_tunnel_get_ts(d, XFRMIF_TUNNEL_REMOTE, 1, &fam, a,
					      &plen), -ENOENT);
	XT_ASSERT_OK(xfrmif_tunnel_set_link_netns(d, "blue"));
	ck_assert_str_eq(xfrmif_tunnel_get_link_netns(d), "blue");
	xfrmif_tunnel_free(d);
	xfrmif_tunnel_free(t);
	xfrmif_tunnel_free(NULL);
}
END_TEST

/* up() must refuse these before it sends anything. */
static void refused(xfrmif_tunnel *t, int err, const char *needle)
{
	xfrmif_ctx *ctx;
	int r;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	r = xfrmif_tunnel_up(ctx, t);
	ck_assert_msg(r == err, "up: %d, want %d (%s)", r, err,
		      xfrmif_ctx_errmsg(ctx));
	ck_assert_msg(xt_contains(xfrmif_ctx_errmsg(ctx), needle),
		      "errmsg '%s' lacks '%s'", xfrmif_ctx_errmsg(ctx), needle);
	xfrmif_ctx_unref(ctx);
	xfrmif_tunnel_free(t);
}

START_TEST(refusals)
{
	xfrmif_tunnel *t;
	struct in6_addr a6;
	struct in_addr a4;

	t = complete();
	ck_assert_int_eq(xfrmif_tunnel_set_name(t, "a/b"), -EINVAL);
	refused(t, -EINVAL, "name");
	t = complete();
	ck_assert_int_eq(xfrmif_tunnel_set_if_id(t, 0), -EINVAL);
	refused(t, -EINVAL, "if_id");
	t = complete();
	ck_assert_int_eq(xfrmif_tunnel_set_kind(t, 77), -EINVAL);
	refused(t, -EINVAL, "kind");
	t = complete();
	inet_pton(AF_INET6, "2001:db8::1", &a6);
	ck_assert_int_eq(xfrmif_tunnel_set_remote(t, AF_INET6, &a6), -EINVAL);
	refused(t, -EINVAL, "remote");
	t = complete();
	XT_ASSERT_OK(xfrmif_tunnel_set_kind(t, XFRMIF_LINK_KIND_VTI));
	refused(t, -EINVAL, "ikey/okey");
	t = complete();
	XT_ASSERT_OK(xfrmif_tunnel_set_kind(t, XFRMIF_LINK_KIND_VTI6));
	XT_ASSERT_OK(xfrmif_tunnel_set_key(t, 5));
	refused(t, -EINVAL, "vti6 needs ipv6");
	t = complete();
	XT_ASSERT_OK(xfrmif_tunnel_set_kind(t, XFRMIF_LINK_KIND_VTI));
	XT_ASSERT_OK(xfrmif_tunnel_set_key(t, 5));
	XT_ASSERT_OK(xfrmif_tunnel_set_link_netns(t, "blue"));
	refused(t, -EOPNOTSUPP, "link_netns");
	t = complete();
	inet_pton(AF_INET, "192.0.2.0", &a4);
	XT_ASSERT_OK(xfrmif_tunnel_add_ts(t, XFRMIF_TUNNEL_LOCAL, AF_INET, &a4, 24));
	refused(t, -EINVAL, "remote_ts");
	t = complete();
	XT_ASSERT_OK(xfrmif_tunnel_add_ts(t, XFRMIF_TUNNEL_LOCAL, AF_INET, &a4, 24));
	XT_ASSERT_OK(xfrmif_tunnel_add_ts(t, XFRMIF_TUNNEL_REMOTE, AF_INET6, &a6, 64));
	refused(t, -EINVAL, "no pair of one family");
	t = complete();
	ck_assert_int_eq(xfrmif_tunnel_add_route(t, AF_INET, &a4, 33), -EINVAL);
	refused(t, -EINVAL, "route");
	XT_ASSERT_OK(xfrmif_tunnel_new(&t));
	XT_ASSERT_OK(xfrmif_tunnel_set_name(t, "tun0"));
	refused(t, -EINVAL, "kind");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tunnel-object");
	TCase *tc = xt_tcase(s, "tunnel-object", false);

	tcase_add_test(tc, fields_round_trip);
	tcase_add_test(tc, refusals);
	return xt_run_suite(s);
}
