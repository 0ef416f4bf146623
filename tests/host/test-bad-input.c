/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The bad-input table: malformed calls through the C API and the CLI. Each
 * must fail with the expected negative errno (or exit status), leave a
 * message that names the argument, and change nothing in the kernel: links,
 * SAs and policies are dumped with iproute2 before and after every row.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

#define KEY20 "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14"

static unsigned char v4a[4], v4b[4], v6a[16], v6b[16];

static void init_addrs(void)
{
	inet_pton(AF_INET, "192.0.2.1", v4a);
	inet_pton(AF_INET, "192.0.2.2", v4b);
	inet_pton(AF_INET6, "2001:db8::1", v6a);
	inet_pton(AF_INET6, "2001:db8::2", v6b);
}

/* ---- baselines each row spoils in one way ---- */

static xfrmif_link *xfrm_link(void)
{
	xfrmif_link *l = NULL;

	xfrmif_link_new(&l);
	xfrmif_link_set_name(l, "xbad0");
	xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_if_id(l, 9);
	return l;
}

static xfrmif_link *vti_link(uint32_t kind)
{
	xfrmif_link *l = NULL;

	xfrmif_link_new(&l);
	xfrmif_link_set_name(l, "vbad0");
	xfrmif_link_set_kind(l, kind);
	xfrmif_link_set_key(l, 5);
	return l;
}

static xfrmif_sa *esp_sa(void)
{
	xfrmif_sa *sa = NULL;

	xfrmif_sa_new(&sa);
	xfrmif_sa_set_src(sa, AF_INET, v4a);
	xfrmif_sa_set_dst(sa, AF_INET, v4b);
	xfrmif_sa_set_proto(sa, IPPROTO_ESP);
	xfrmif_sa_set_spi(sa, 0x100);
	xfrmif_sa_set_mode(sa, XFRMIF_SA_MODE_TUNNEL);
	xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", KEY20, 20, 128);
	return sa;
}

static xfrmif_policy *out_policy(void)
{
	xfrmif_policy *p = NULL;

	xfrmif_policy_new(&p);
	xfrmif_policy_set_src(p, AF_INET, v4a, 24);
	xfrmif_policy_set_dst(p, AF_INET, v4b, 24);
	xfrmif_policy_set_dir(p, XFRMIF_POLICY_DIR_OUT);
	return p;
}

static int add_link(xfrmif_ctx *ctx, xfrmif_link *l)
{
	int r = xfrmif_link_add(ctx, l, NULL);

	xfrmif_link_free(l);
	return r;
}

static int add_sa(xfrmif_ctx *ctx, xfrmif_sa *sa)
{
	int r = xfrmif_sa_add(ctx, sa);

	xfrmif_sa_free(sa);
	return r;
}

static int add_policy(xfrmif_ctx *ctx, xfrmif_policy *p)
{
	int r = xfrmif_policy_add(ctx, p);

	xfrmif_policy_free(p);
	return r;
}

static int ignore_obj(const void *o, void *arg)
{
	(void)o;
	(void)arg;
	return 0;
}

/* ---- the rows ---- */

#define ROW(name) static int name(xfrmif_ctx *ctx)

/* context */
ROW(ctx_log_priority) { return xfrmif_ctx_set_log_priority(ctx, 42); }
ROW(probe_null_out) { return xfrmif_probe(ctx, NULL); }

/* links */
ROW(link_add_null) { return xfrmif_link_add(ctx, NULL, NULL); }
ROW(link_no_name)
{
	xfrmif_link *l = xfrm_link();
	xfrmif_link_free(l);
	xfrmif_link_new(&l);
	xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_if_id(l, 9);
	return add_link(ctx, l);
}
ROW(link_name_too_long)
{
	xfrmif_link *l = xfrm_link();
	xfrmif_link_set_name(l, "abcdefghijklmnop");
	return add_link(ctx, l);
}
ROW(link_name_slash) { xfrmif_link *l = xfrm_link(); xfrmif_link_set_name(l, "a/b"); return add_link(ctx, l); }
ROW(link_name_space) { xfrmif_link *l = xfrm_link(); xfrmif_link_set_name(l, "a b"); return add_link(ctx, l); }
ROW(link_name_control) { xfrmif_link *l = xfrm_link(); xfrmif_link_set_name(l, "a\x01" "b"); return add_link(ctx, l); }
ROW(link_name_bad_utf8) { xfrmif_link *l = xfrm_link(); xfrmif_link_set_name(l, "a\xff\xfe"); return add_link(ctx, l); }
ROW(link_name_dotdot) { xfrmif_link *l = xfrm_link(); xfrmif_link_set_name(l, ".."); return add_link(ctx, l); }
ROW(link_if_id_zero) { xfrmif_link *l = xfrm_link(); xfrmif_link_set_if_id(l, 0); return add_link(ctx, l); }
ROW(link_external_with_if_id) { xfrmif_link *l = xfrm_link(); xfrmif_link_set_external(l, 1); return add_link(ctx, l); }
ROW(link_external_with_dev)
{
	xfrmif_link *l = NULL;
	xfrmif_link_new(&l);
	xfrmif_link_set_name(l, "xbad0");
	xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_external(l, 1);
	xfrmif_link_set_dev(l, "lo");
	return add_link(ctx, l);
}
ROW(link_unknown_dev) { xfrmif_link *l = xfrm_link(); xfrmif_link_set_dev(l, "nosuchdev0"); return add_link(ctx, l); }
ROW(link_kind_absurd) { xfrmif_link *l = xfrm_link(); xfrmif_link_set_kind(l, 99); return add_link(ctx, l); }
ROW(link_mtu_zero) { xfrmif_link *l = xfrm_link(); xfrmif_link_set_mtu(l, 0); return add_link(ctx, l); }
ROW(vti_mixed_families)
{
	xfrmif_link *l = vti_link(XFRMIF_LINK_KIND_VTI);
	xfrmif_link_set_local(l, AF_INET, v4a);
	xfrmif_link_set_remote(l, AF_INET6, v6b);
	return add_link(ctx, l);
}
ROW(vti_with_ipv6)
{
	xfrmif_link *l = vti_link(XFRMIF_LINK_KIND_VTI);
	xfrmif_link_set_local(l, AF_INET6, v6a);
	xfrmif_link_set_remote(l, AF_INET6, v6b);
	return add_link(ctx, l);
}
ROW(vti6_with_ipv4)
{
	xfrmif_link *l = vti_link(XFRMIF_LINK_KIND_VTI6);
	xfrmif_link_set_local(l, AF_INET, v4a);
	xfrmif_link_set_remote(l, AF_INET, v4b);
	return add_link(ctx, l);
}
ROW(vti_family_absurd) { xfrmif_link *l = vti_link(XFRMIF_LINK_KIND_VTI); xfrmif_link_set_local(l, 77, v4a); return add_link(ctx, l); }
ROW(link_addr_prefix_too_long)
{
	xfrmif_link *l = NULL;
	int r;
	xfrmif_link_new(&l);
	xfrmif_link_set_name(l, "lo");
	r = xfrmif_link_addr_add(ctx, l, AF_INET, v4a, 33);
	xfrmif_link_free(l);
	return r;
}
ROW(link_addr_family_absurd)
{
	xfrmif_link *l = NULL;
	int r;
	xfrmif_link_new(&l);
	xfrmif_link_set_name(l, "lo");
	r = xfrmif_link_addr_add(ctx, l, 99, v4a, 8);
	xfrmif_link_free(l);
	return r;
}
ROW(link_get_null_name) { xfrmif_link *l = NULL; return xfrmif_link_get_by_name(&l, ctx, NULL); }
ROW(link_del_empty_name) { return xfrmif_link_del_by_name(ctx, ""); }
ROW(link_list_null_fn) { return xfrmif_link_list(ctx, NULL, NULL, NULL); }
ROW(link_list_bad_filter_size)
{
	struct xfrmif_link_filter f = { .sz = 1 };
	return xfrmif_link_list(ctx, &f, (xfrmif_link_list_fn)ignore_obj, NULL);
}
ROW(link_move_null_target)
{
	xfrmif_link *l = xfrm_link();
	int r = xfrmif_link_move(ctx, l, NULL);
	xfrmif_link_free(l);
	return r;
}

/* SAs */
ROW(sa_add_null) { return xfrmif_sa_add(ctx, NULL); }
ROW(sa_spi_zero) { xfrmif_sa *sa = esp_sa(); xfrmif_sa_set_spi(sa, 0); return add_sa(ctx, sa); }
ROW(sa_mixed_families) { xfrmif_sa *sa = esp_sa(); xfrmif_sa_set_dst(sa, AF_INET6, v6b); return add_sa(ctx, sa); }
ROW(sa_family_absurd) { xfrmif_sa *sa = esp_sa(); xfrmif_sa_set_src(sa, 12345, v4a); return add_sa(ctx, sa); }
ROW(sa_aead_and_enc)
{
	xfrmif_sa *sa = esp_sa();
	xfrmif_sa_set_enc(sa, "cbc(aes)", KEY20, 16);
	return add_sa(ctx, sa);
}
ROW(sa_gcm_key_short) { xfrmif_sa *sa = esp_sa(); xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", KEY20, 16, 128); return add_sa(ctx, sa); }
ROW(sa_gcm_icv_bad) { xfrmif_sa *sa = esp_sa(); xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", KEY20, 20, 100); return add_sa(ctx, sa); }
ROW(sa_cbc_key_odd)
{
	xfrmif_sa *sa = NULL;
	xfrmif_sa_new(&sa);
	xfrmif_sa_set_src(sa, AF_INET, v4a);
	xfrmif_sa_set_dst(sa, AF_INET, v4b);
	xfrmif_sa_set_proto(sa, IPPROTO_ESP);
	xfrmif_sa_set_spi(sa, 0x101);
	xfrmif_sa_set_enc(sa, "cbc(aes)", KEY20, 7);
	return add_sa(ctx, sa);
}
ROW(sa_trunc_too_long)
{
	xfrmif_sa *sa = NULL;
	xfrmif_sa_new(&sa);
	xfrmif_sa_set_src(sa, AF_INET, v4a);
	xfrmif_sa_set_dst(sa, AF_INET, v4b);
	xfrmif_sa_set_proto(sa, IPPROTO_AH);
	xfrmif_sa_set_spi(sa, 0x102);
	xfrmif_sa_set_auth(sa, "hmac(sha256)", KEY20, 20, 300);
	return add_sa(ctx, sa);
}
ROW(sa_oversized_key)
{
	static unsigned char big[100000];
	xfrmif_sa *sa = esp_sa();
	xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", big, sizeof(big), 128);
	return add_sa(ctx, sa);
}
ROW(sa_alg_name_too_long)
{
	xfrmif_sa *sa = esp_sa();
	xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))-with-a-name-far-longer-than-the-64-bytes-the-kernel-allows",
			   KEY20, 20, 128);
	return add_sa(ctx, sa);
}
ROW(sa_mode_absurd) { xfrmif_sa *sa = esp_sa(); xfrmif_sa_set_mode(sa, 99); return add_sa(ctx, sa); }
ROW(sa_proto_absurd) { xfrmif_sa *sa = esp_sa(); xfrmif_sa_set_proto(sa, 99); return add_sa(ctx, sa); }
ROW(sa_encap_with_ah)
{
	xfrmif_sa *sa = NULL;
	xfrmif_sa_new(&sa);
	xfrmif_sa_set_src(sa, AF_INET, v4a);
	xfrmif_sa_set_dst(sa, AF_INET, v4b);
	xfrmif_sa_set_proto(sa, IPPROTO_AH);
	xfrmif_sa_set_spi(sa, 0x103);
	xfrmif_sa_set_auth(sa, "hmac(sha256)", KEY20, 20, 128);
	xfrmif_sa_set_encap(sa, XFRMIF_SA_ENCAP_ESPINUDP, 4500, 4500, AF_INET, v4a);
	return add_sa(ctx, sa);
}
ROW(sa_replay_window_absurd) { xfrmif_sa *sa = esp_sa(); xfrmif_sa_set_replay_window(sa, 0x80000000u); return add_sa(ctx, sa); }
ROW(sa_get_null_key) { xfrmif_sa *got = NULL; return xfrmif_sa_get(&got, ctx, NULL); }
ROW(sa_list_null_fn) { return xfrmif_sa_list(ctx, NULL, NULL, NULL); }
ROW(sa_allocspi_range_reversed)
{
	xfrmif_sa *sa = esp_sa();
	int r = xfrmif_sa_allocspi(ctx, sa, 0x2000, 0x1000);
	xfrmif_sa_free(sa);
	return r;
}

/* policies */
ROW(policy_add_null) { return xfrmif_policy_add(ctx, NULL); }
ROW(policy_prefix_v4_33) { xfrmif_policy *p = out_policy(); xfrmif_policy_set_src(p, AF_INET, v4a, 33); return add_policy(ctx, p); }
ROW(policy_prefix_v6_129)
{
	xfrmif_policy *p = NULL;
	xfrmif_policy_new(&p);
	xfrmif_policy_set_src(p, AF_INET6, v6a, 129);
	xfrmif_policy_set_dst(p, AF_INET6, v6b, 64);
	xfrmif_policy_set_dir(p, XFRMIF_POLICY_DIR_OUT);
	return add_policy(ctx, p);
}
ROW(policy_mixed_families) { xfrmif_policy *p = out_policy(); xfrmif_policy_set_dst(p, AF_INET6, v6b, 64); return add_policy(ctx, p); }
ROW(policy_ports_without_proto) { xfrmif_policy *p = out_policy(); xfrmif_policy_set_dport(p, 443); return add_policy(ctx, p); }
ROW(policy_ports_with_icmp)
{
	xfrmif_policy *p = out_policy();
	xfrmif_policy_set_proto(p, IPPROTO_ICMP);
	xfrmif_policy_set_sport(p, 80);
	return add_policy(ctx, p);
}
ROW(policy_dir_absurd) { xfrmif_policy *p = out_policy(); xfrmif_policy_set_dir(p, 7); return add_policy(ctx, p); }
ROW(policy_action_absurd) { xfrmif_policy *p = out_policy(); xfrmif_policy_set_action(p, 9); return add_policy(ctx, p); }
ROW(policy_if_id_zero) { xfrmif_policy *p = out_policy(); xfrmif_policy_set_if_id(p, 0); return add_policy(ctx, p); }
ROW(policy_tmpl_family_change_transport)
{
	xfrmif_policy *p = out_policy();
	xfrmif_tmpl *t = NULL;
	xfrmif_tmpl_new(&t);
	xfrmif_tmpl_set_src(t, AF_INET6, v6a);
	xfrmif_tmpl_set_dst(t, AF_INET6, v6b);
	xfrmif_tmpl_set_proto(t, IPPROTO_ESP);
	xfrmif_tmpl_set_mode(t, XFRMIF_TMPL_MODE_TRANSPORT);
	xfrmif_policy_add_tmpl(p, t);
	xfrmif_tmpl_free(t);
	return add_policy(ctx, p);
}
ROW(policy_too_many_tmpls)
{
	xfrmif_policy *p = out_policy();
	xfrmif_tmpl *t = NULL;
	int r = 0;
	xfrmif_tmpl_new(&t);
	xfrmif_tmpl_set_proto(t, IPPROTO_ESP);
	for (int i = 0; i < 7 && r == 0; i++)
		r = xfrmif_policy_add_tmpl(p, t);
	xfrmif_tmpl_free(t);
	xfrmif_policy_free(p);
	return r;
}
ROW(policy_index_wrong_dir) { xfrmif_policy *p = out_policy(); xfrmif_policy_set_index(p, 8); return add_policy(ctx, p); }
ROW(policy_get_null_key) { xfrmif_policy *got = NULL; return xfrmif_policy_get(&got, ctx, NULL); }
ROW(policy_list_newer_filter)
{
	struct {
		struct xfrmif_policy_filter f;
		uint64_t future;
	} f;
	memset(&f, 0, sizeof(f));
	f.f.sz = sizeof(f);
	f.future = 1;
	return xfrmif_policy_list(ctx, &f.f, (xfrmif_policy_list_fn)ignore_obj, NULL);
}
ROW(spd_default_dir_absurd) { return xfrmif_spd_set_default(ctx, 9, XFRMIF_POLICY_BLOCK); }
ROW(spd_default_action_absurd) { return xfrmif_spd_set_default(ctx, XFRMIF_POLICY_DIR_IN, 5); }
ROW(spd_hthresh_too_long) { return xfrmif_spd_set_hthresh(ctx, AF_INET, 33, 32); }

struct row {
	const char *name;
	int (*fn)(xfrmif_ctx *ctx);
	int err;          /* the negative errno expected */
	const char *word; /* what the errmsg must mention */
};

#define R(fn, err, word) { #fn, fn, err, word }
static const struct row rows[] = {
	R(ctx_log_priority, -EINVAL, "priority"),
	R(probe_null_out, -EINVAL, "features"),
	R(link_add_null, -EINVAL, "link"),
	R(link_no_name, -EINVAL, "name"),
	R(link_name_too_long, -EINVAL, "name"),
	R(link_name_slash, -EINVAL, "name"),
	R(link_name_space, -EINVAL, "name"),
	R(link_name_control, -EINVAL, "name"),
	R(link_name_bad_utf8, -EINVAL, "name"),
	R(link_name_dotdot, -EINVAL, "name"),
	R(link_if_id_zero, -EINVAL, "if_id"),
	R(link_external_with_if_id, -EINVAL, "if_id"),
	R(link_external_with_dev, -EINVAL, "dev"),
	R(link_unknown_dev, -ENODEV, "nosuchdev0"),
	R(link_kind_absurd, -EINVAL, "kind"),
	R(link_mtu_zero, -EINVAL, "mtu"),
	R(vti_mixed_families, -EINVAL, "remote"),
	R(vti_with_ipv6, -EINVAL, "local"),
	R(vti6_with_ipv4, -EINVAL, "local"),
	R(vti_family_absurd, -EINVAL, "local"),
	R(link_addr_prefix_too_long, -EINVAL, "prefix"),
	R(link_addr_family_absurd, -EINVAL, "family"),
	R(link_get_null_name, -EINVAL, "name"),
	R(link_del_empty_name, -EINVAL, "name"),
	R(link_list_null_fn, -EINVAL, "fn"),
	R(link_list_bad_filter_size, -EINVAL, "sz"),
	R(link_move_null_target, -EINVAL, "target"),
	R(sa_add_null, -EINVAL, "sa"),
	R(sa_spi_zero, -EINVAL, "spi"),
	R(sa_mixed_families, -EINVAL, "dst"),
	R(sa_family_absurd, -EINVAL, "src"),
	R(sa_aead_and_enc, -EINVAL, "aead"),
	R(sa_gcm_key_short, -EINVAL, "key"),
	R(sa_gcm_icv_bad, -EINVAL, "ICV"),
	R(sa_cbc_key_odd, -EINVAL, "key"),
	R(sa_trunc_too_long, -EINVAL, "trunc"),
	R(sa_oversized_key, -EINVAL, "key"),
	R(sa_alg_name_too_long, -EINVAL, "name"),
	R(sa_mode_absurd, -EINVAL, "mode"),
	R(sa_proto_absurd, -EINVAL, "proto"),
	R(sa_encap_with_ah, -EINVAL, "encap"),
	R(sa_replay_window_absurd, -EINVAL, "replay"),
	R(sa_get_null_key, -EINVAL, "sa must not be NULL"),
	R(sa_list_null_fn, -EINVAL, "fn"),
	R(sa_allocspi_range_reversed, -EINVAL, "min"),
	R(policy_add_null, -EINVAL, "policy"),
	R(policy_prefix_v4_33, -EINVAL, "prefix"),
	R(policy_prefix_v6_129, -EINVAL, "prefix"),
	R(policy_mixed_families, -EINVAL, "dst"),
	R(policy_ports_without_proto, -EINVAL, "port"),
	R(policy_ports_with_icmp, -EINVAL, "port"),
	R(policy_dir_absurd, -EINVAL, "dir"),
	R(policy_action_absurd, -EINVAL, "action"),
	R(policy_if_id_zero, -EINVAL, "if_id"),
	R(policy_tmpl_family_change_transport, -EINVAL, "tmpl"),
	R(policy_too_many_tmpls, -E2BIG, "tmpl"),
	R(policy_index_wrong_dir, -EINVAL, "index"),
	R(policy_get_null_key, -EINVAL, "key"),
	R(policy_list_newer_filter, -EINVAL, "newer"),
	R(spd_default_dir_absurd, -EINVAL, "dir"),
	R(spd_default_action_absurd, -EINVAL, "action"),
	R(spd_hthresh_too_long, -EINVAL, "thresholds"),
};

static char *kernel_state(void)
{
	return xt_sh_out("ip -d link show; ip xfrm state; ip xfrm policy; "
			 "ip xfrm policy count");
}

START_TEST(c_api_rows)
{
	const struct row *row = &rows[_i];
	xfrmif_ctx *ctx = NULL;
	char *before, *after;
	int r;

	init_addrs();
	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	before = kernel_state();
	r = row->fn(ctx);
	after = kernel_state();
	ck_assert_msg(r == row->err, "%s: returned %d (%s), want %d; errmsg '%s'",
		      row->name, r, strerror(-r), row->err, xfrmif_ctx_errmsg(ctx));
	/* The errors that a plain object setter reports have no context to
	 * write to; everything else must explain itself. */
	if (row->err != -E2BIG)
		ck_assert_msg(xt_contains(xfrmif_ctx_errmsg(ctx), row->word),
			      "%s: errmsg '%s' does not mention '%s'", row->name,
			      xfrmif_ctx_errmsg(ctx), row->word);
	ck_assert_msg(!strcmp(before, after), "%s changed the kernel", row->name);
	free(before);
	free(after);
	xfrmif_ctx_unref(ctx);
}
END_TEST

struct cli_row {
	const char *args;
	int status;       /* 1: refused value or kernel; 2: usage */
	const char *word; /* what stderr must mention */
};

static const struct cli_row cli_rows[] = {
	{ "", 2, "usage" },
	{ "-n", 2, "-n" },
	{ "--frobnicate probe", 2, "--frobnicate" },
	{ "probe extra", 2, "extra" },
	{ "link add", 2, "link" },
	{ "link add xbad0 type xfrm", 1, "if_id" },
	{ "link add 'bad name' type xfrm if_id 1", 1, "name" },
	{ "link add xbad0 type xfrm if_id 0", 1, "if_id" },
	{ "link add xbad0 type vti local 192.0.2.1 remote 2001:db8::2 key 1", 1, "remote" },
	{ "link add xbad0 type warp if_id 1", 2, "warp" },
	{ "sa add src 192.0.2.1 dst 2001:db8::1 proto esp spi 1 mode tunnel "
	  "aead 'rfc4106(gcm(aes))' 0x0102030405060708090a0b0c0d0e0f1011121314 128", 1, "dst" },
	{ "sa add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0 mode tunnel "
	  "aead 'rfc4106(gcm(aes))' 0x0102030405060708090a0b0c0d0e0f1011121314 128", 1, "spi" },
	{ "sa add src 192.0.2.1 dst 192.0.2.2 proto esp spi 5 mode sideways", 2, "sideways" },
	{ "policy add src 192.0.2.0/33 dst 192.0.2.0/24 dir out", 1, "prefix length 33" },
	{ "policy add src 192.0.2.0/24 dst 192.0.2.0/24 dir sideways", 2, "sideways" },
	{ "policy add src 192.0.2.0/24 dst 192.0.2.0/24 dir out dport 80", 1, "port" },
};

START_TEST(cli_rows_refused)
{
	const struct cli_row *row = &cli_rows[_i];
	char *before, *after, *out;
	char want[16];

	before = kernel_state();
	out = xt_sh_out("%s %s 2>&1; echo rc=$?", XFRMIFCTL, row->args);
	after = kernel_state();
	snprintf(want, sizeof(want), "rc=%d", row->status);
	ck_assert_msg(xt_contains(out, want) && xt_contains(out, row->word),
		      "'%s': want %s and '%s' in: %s", row->args, want, row->word,
		      out);
	ck_assert_msg(!strcmp(before, after), "'%s' changed the kernel", row->args);
	free(before);
	free(after);
	free(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bad-input");
	TCase *tc = xt_tcase(s, "bad-input", true);

	tcase_add_loop_test(tc, c_api_rows, 0, (int)(sizeof(rows) / sizeof(rows[0])));
	tcase_add_loop_test(tc, cli_rows_refused, 0,
			    (int)(sizeof(cli_rows) / sizeof(cli_rows[0])));
	return xt_run_suite(s);
}
