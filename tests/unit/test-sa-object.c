/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The SA object without a kernel: setters and getters, every attribute
 * through the message builder and back through the parser, the bad-input
 * table, and the wiping of key material (white-box).
 */
#include <arpa/inet.h>
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <netlink/msg.h>

#include "batch_engine.h"
#include "internal.h"
#include "kcompat.h"
#include "sa_priv.h"
#include "xkeyscan.h"
#include "xtest.h"

/* Key hygiene: freed blocks are scanned for this key (xkeyscan.c). */
#define KEY XK_KEY
#define holds_key xk_holds_key

START_TEST(free_hook_sees_keys)
{
	/* Called through a volatile pointer: the compiler may not drop the
	 * stores into a block it knows is about to be freed. */
	void (*volatile release)(void *) = free;
	uint8_t *b = malloc(64);

	/* The detector itself works: a block with the key is noticed. */
	xk_scan_begin();
	memcpy(b + 10, KEY, sizeof(XK_KEY));
	release(b);
	if (xk_hook_active()) /* not under valgrind or ASan */
		ck_assert_int_eq(xk_scan_end(), 1);
	xk_scan_end();
}
END_TEST

/* ---- helpers ---- */

static void addr4(const char *s, void *a) { ck_assert_int_eq(inet_pton(AF_INET, s, a), 1); }
static void addr6(const char *s, void *a) { ck_assert_int_eq(inet_pton(AF_INET6, s, a), 1); }

/* A complete ESP SA with every field set. */
static xfrmif_sa *full_sa(void)
{
	xfrmif_sa *sa = NULL;
	unsigned char a[16];

	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	addr4("192.0.2.1", a);
	XT_ASSERT_OK(xfrmif_sa_set_src(sa, AF_INET, a));
	addr4("192.0.2.2", a);
	XT_ASSERT_OK(xfrmif_sa_set_dst(sa, AF_INET, a));
	XT_ASSERT_OK(xfrmif_sa_set_proto(sa, IPPROTO_ESP));
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, 0xc0ffee01));
	XT_ASSERT_OK(xfrmif_sa_set_reqid(sa, 77));
	XT_ASSERT_OK(xfrmif_sa_set_mode(sa, XFRMIF_SA_MODE_TUNNEL));
	XT_ASSERT_OK(xfrmif_sa_set_if_id(sa, 42));
	XT_ASSERT_OK(xfrmif_sa_set_mark(sa, 0x10, 0xf0));
	XT_ASSERT_OK(xfrmif_sa_set_output_mark(sa, 0x200, 0xf00));
	XT_ASSERT_OK(xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", KEY, 20, 96));
	XT_ASSERT_OK(xfrmif_sa_set_replay_window(sa, 128));
	XT_ASSERT_OK(xfrmif_sa_set_replay_seq(sa, 0x100000005ull, 0x200000007ull));
	addr4("198.51.100.9", a);
	XT_ASSERT_OK(xfrmif_sa_set_encap(sa, XFRMIF_SA_ENCAP_ESPINUDP, 4500, 4501,
					 AF_INET, a));
	for (int i = 0; i < 8; i++)
		XT_ASSERT_OK(xfrmif_sa_set_limit(sa, i, 1000 + (uint64_t)i));
	addr6("2001:db8:1::", a);
	XT_ASSERT_OK(xfrmif_sa_set_sel_src(sa, AF_INET6, a, 48));
	addr6("2001:db8:2::", a);
	XT_ASSERT_OK(xfrmif_sa_set_sel_dst(sa, AF_INET6, a, 64));
	XT_ASSERT_OK(xfrmif_sa_set_sel_proto(sa, IPPROTO_UDP));
	XT_ASSERT_OK(xfrmif_sa_set_sel_sport(sa, 53));
	XT_ASSERT_OK(xfrmif_sa_set_sel_dport(sa, 5353));
	XT_ASSERT_OK(xfrmif_sa_set_flags(sa, XFRMIF_SA_FLAG_NOECN |
					 XFRMIF_SA_FLAG_ESN |
					 XFRMIF_SA_FLAG_ALIGN4));
	XT_ASSERT_OK(xfrmif_sa_set_xflags(sa, XFRMIF_SA_XFLAG_OSEQ_MAY_WRAP));
	XT_ASSERT_OK(xfrmif_sa_set_tfcpad(sa, 512));
	XT_ASSERT_OK(xfrmif_sa_set_dir(sa, XFRMIF_SA_DIR_OUT));
	return sa;
}

static xfrmif_ctx *ctx_new(void)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	return ctx;
}

/* Builds an add message for sa and parses it back into a new object. */
static xfrmif_sa *round_trip(xfrmif_ctx *ctx, const xfrmif_sa *sa)
{
	struct nl_msg *msg = NULL;
	xfrmif_sa *back = NULL;

	XT_ASSERT_OK(xfrmif__sa_build_add(ctx, sa, XFRM_MSG_NEWSA, &msg));
	XT_ASSERT_OK(xfrmif_sa_new(&back));
	XT_ASSERT_OK(xfrmif__sa_parse(nlmsg_hdr(msg), back, true));
	xfrmif__msg_free(msg);
	return back;
}

/* Stop-and-undo derives the delete from the add message: it must be the
 * very message xfrmif__sa_build_id() makes for the SA (with and without
 * a mark). */
START_TEST(undo_derived_from_add_is_the_id_delete)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *sa = full_sa();
	struct nl_msg *add = NULL, *key = NULL, *undo = NULL;
	struct nlmsghdr *hk, *hu;

	if (_i)
		sa->set &= ~(uint32_t)SA_F_MARK;
	XT_ASSERT_OK(xfrmif__sa_build_add(ctx, sa, XFRM_MSG_NEWSA, &add));
	XT_ASSERT_OK(xfrmif__sa_build_id(ctx, sa, XFRM_MSG_DELSA, &key));
	XT_ASSERT_OK(xfrmif__batch_undo_build(nlmsg_hdr(add), &undo));
	hk = nlmsg_hdr(key);
	hu = nlmsg_hdr(undo);
	ck_assert_uint_eq(hu->nlmsg_len, hk->nlmsg_len);
	ck_assert_mem_eq(hu, hk, hk->nlmsg_len);
	xfrmif__msg_free(add);
	xfrmif__msg_free(key);
	xfrmif__msg_free(undo);
	xfrmif_sa_free(sa);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(round_trip_every_field)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *sa = full_sa(), *b;
	unsigned char a[16], want[16];
	const char *name;
	const uint8_t *key;
	size_t klen;
	uint32_t u, m;
	uint64_t o, s;
	uint16_t t, sp, dp;
	uint8_t u8, plen;
	int fam;

	b = round_trip(ctx, sa);
	XT_ASSERT_OK(xfrmif_sa_get_src(b, &fam, a));
	addr4("192.0.2.1", want);
	ck_assert(fam == AF_INET && !memcmp(a, want, 4));
	XT_ASSERT_OK(xfrmif_sa_get_dst(b, &fam, a));
	addr4("192.0.2.2", want);
	ck_assert(fam == AF_INET && !memcmp(a, want, 4));
	XT_ASSERT_OK(xfrmif_sa_get_proto(b, &u8));
	ck_assert_uint_eq(u8, IPPROTO_ESP);
	XT_ASSERT_OK(xfrmif_sa_get_spi(b, &u));
	ck_assert_uint_eq(u, 0xc0ffee01);
	XT_ASSERT_OK(xfrmif_sa_get_reqid(b, &u));
	ck_assert_uint_eq(u, 77);
	XT_ASSERT_OK(xfrmif_sa_get_mode(b, &u8));
	ck_assert_uint_eq(u8, XFRMIF_SA_MODE_TUNNEL);
	XT_ASSERT_OK(xfrmif_sa_get_if_id(b, &u));
	ck_assert_uint_eq(u, 42);
	XT_ASSERT_OK(xfrmif_sa_get_mark(b, &u, &m));
	ck_assert(u == 0x10 && m == 0xf0);
	XT_ASSERT_OK(xfrmif_sa_get_output_mark(b, &u, &m));
	ck_assert(u == 0x200 && m == 0xf00);
	XT_ASSERT_OK(xfrmif_sa_get_aead(b, &name, &key, &klen, &u));
	ck_assert_str_eq(name, "rfc4106(gcm(aes))");
	ck_assert(klen == 20 && key && !memcmp(key, KEY, 20) && u == 96);
	ck_assert_int_eq(xfrmif_sa_get_enc(b, &name, &key, &klen), -ENODATA);
	XT_ASSERT_OK(xfrmif_sa_get_replay_window(b, &u));
	ck_assert_uint_eq(u, 128);
	XT_ASSERT_OK(xfrmif_sa_get_replay_seq(b, &o, &s));
	ck_assert(o == 0x100000005ull && s == 0x200000007ull);
	XT_ASSERT_OK(xfrmif_sa_get_encap(b, &t, &sp, &dp, &fam, a));
	addr4("198.51.100.9", want);
	ck_assert(t == XFRMIF_SA_ENCAP_ESPINUDP && sp == 4500 && dp == 4501 &&
		  fam == AF_INET && !memcmp(a, want, 4));
	for (int i = 0; i < 8; i++) {
		XT_ASSERT_OK(xfrmif_sa_get_limit(b, i, &o));
		ck_assert_uint_eq(o, 1000 + (uint64_t)i);
	}
	XT_ASSERT_OK(xfrmif_sa_get_sel_src(b, &fam, a, &plen));
	addr6("2001:db8:1::", want);
	ck_assert(fam == AF_INET6 && plen == 48 && !memcmp(a, want, 16));
	XT_ASSERT_OK(xfrmif_sa_get_sel_dst(b, &fam, a, &plen));
	addr6("2001:db8:2::", want);
	ck_assert(fam == AF_INET6 && plen == 64 && !memcmp(a, want, 16));
	XT_ASSERT_OK(xfrmif_sa_get_sel_proto(b, &u8));
	ck_assert_uint_eq(u8, IPPROTO_UDP);
	XT_ASSERT_OK(xfrmif_sa_get_sel_sport(b, &t));
	ck_assert_uint_eq(t, 53);
	XT_ASSERT_OK(xfrmif_sa_get_sel_dport(b, &t));
	ck_assert_uint_eq(t, 5353);
	XT_ASSERT_OK(xfrmif_sa_get_flags(b, &u));
	ck_assert_uint_eq(u, XFRMIF_SA_FLAG_NOECN | XFRMIF_SA_FLAG_ESN |
				     XFRMIF_SA_FLAG_ALIGN4);
	XT_ASSERT_OK(xfrmif_sa_get_xflags(b, &u));
	ck_assert_uint_eq(u, XFRMIF_SA_XFLAG_OSEQ_MAY_WRAP);
	XT_ASSERT_OK(xfrmif_sa_get_tfcpad(b, &u));
	ck_assert_uint_eq(u, 512);
	XT_ASSERT_OK(xfrmif_sa_get_dir(b, &u8));
	ck_assert_uint_eq(u8, XFRMIF_SA_DIR_OUT);
	xfrmif_sa_free(b);
	xfrmif_sa_free(sa);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* The message itself: the kernel's structures, not just our parser's view. */
START_TEST(message_layout)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *sa = full_sa();
	struct nl_msg *msg = NULL;
	struct nlattr *tb[XFRMA_SA_DIR + 1];
	struct xfrm_usersa_info *info;
	struct xfrm_replay_state_esn *esn;
	struct xfrm_algo_aead *aead;

	XT_ASSERT_OK(xfrmif__sa_build_add(ctx, sa, XFRM_MSG_NEWSA, &msg));
	info = nlmsg_data(nlmsg_hdr(msg));
	ck_assert_uint_eq(info->seq, 0); /* no slow path */
	ck_assert_uint_eq(info->replay_window, 0); /* ESN attribute instead */
	ck_assert_uint_eq(ntohl(info->id.spi), 0xc0ffee01);
	ck_assert_int_ge(nlmsg_parse(nlmsg_hdr(msg), sizeof(*info), tb,
				     XFRMA_SA_DIR, NULL), 0);
	ck_assert_ptr_nonnull(tb[XFRMA_REPLAY_ESN_VAL]);
	esn = nla_data(tb[XFRMA_REPLAY_ESN_VAL]);
	ck_assert(esn->replay_window == 128 && esn->bmp_len == 4 &&
		  esn->oseq_hi == 1 && esn->oseq == 5);
	aead = nla_data(tb[XFRMA_ALG_AEAD]);
	ck_assert(aead->alg_key_len == 160 && aead->alg_icv_len == 96);
	ck_assert_int_eq(nla_len(tb[XFRMA_ALG_AEAD]), (int)sizeof(*aead) + 20);
	ck_assert_ptr_null(tb[XFRMA_ALG_CRYPT]);
	ck_assert_uint_eq(nla_get_u32(tb[XFRMA_IF_ID]), 42);
	ck_assert_uint_eq(nla_get_u32(tb[XFRMA_SET_MARK]), 0x200);
	ck_assert_uint_eq(nla_get_u32(tb[XFRMA_SET_MARK_MASK]), 0xf00);
	ck_assert_uint_eq(nla_get_u32(tb[XFRMA_SA_EXTRA_FLAGS]), 2);
	ck_assert_uint_eq(nla_get_u32(tb[XFRMA_TFCPAD]), 512);
	ck_assert_uint_eq(nla_get_u8(tb[XFRMA_SA_DIR]), XFRM_SA_DIR_OUT);
	xfrmif__msg_free(msg);
	xfrmif_sa_free(sa);
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* enc + auth-trunc, and a small window: the legacy replay attribute. */
START_TEST(round_trip_enc_auth)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *sa = NULL, *b;
	unsigned char a[16], k[32];
	struct nl_msg *msg = NULL;
	struct nlattr *tb[XFRMA_SA_DIR + 1];
	const char *name;
	const uint8_t *key;
	size_t klen;
	uint32_t u;

	memset(k, 0x5c, sizeof(k));
	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	addr6("2001:db8::1", a);
	XT_ASSERT_OK(xfrmif_sa_set_src(sa, AF_INET6, a));
	addr6("2001:db8::2", a);
	XT_ASSERT_OK(xfrmif_sa_set_dst(sa, AF_INET6, a));
	XT_ASSERT_OK(xfrmif_sa_set_proto(sa, IPPROTO_ESP));
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, 0x1234));
	XT_ASSERT_OK(xfrmif_sa_set_enc(sa, "cbc(aes)", k, 32));
	XT_ASSERT_OK(xfrmif_sa_set_auth(sa, "hmac(sha256)", k, 32, 128));
	XT_ASSERT_OK(xfrmif_sa_set_replay_window(sa, 32));
	XT_ASSERT_OK(xfrmif__sa_build_add(ctx, sa, XFRM_MSG_UPDSA, &msg));
	ck_assert_uint_eq(nlmsg_hdr(msg)->nlmsg_type, XFRM_MSG_UPDSA);
	ck_assert_int_ge(nlmsg_parse(nlmsg_hdr(msg), sizeof(struct xfrm_usersa_info),
				     tb, XFRMA_SA_DIR, NULL), 0);
	ck_assert_ptr_nonnull(tb[XFRMA_ALG_AUTH_TRUNC]);
	ck_assert_ptr_null(tb[XFRMA_ALG_AUTH]);
	ck_assert_ptr_null(tb[XFRMA_REPLAY_ESN_VAL]);
	ck_assert_ptr_null(tb[XFRMA_IF_ID]);
	ck_assert_ptr_null(tb[XFRMA_SA_DIR]);
	ck_assert_uint_eq(((struct xfrm_usersa_info *)nlmsg_data(nlmsg_hdr(msg)))->replay_window, 32);
	xfrmif__msg_free(msg);
	b = round_trip(ctx, sa);
	XT_ASSERT_OK(xfrmif_sa_get_enc(b, &name, &key, &klen));
	ck_assert(!strcmp(name, "cbc(aes)") && klen == 32 && !memcmp(key, k, 32));
	XT_ASSERT_OK(xfrmif_sa_get_auth(b, &name, &key, &klen, &u));
	ck_assert(!strcmp(name, "hmac(sha256)") && klen == 32 && u == 128);
	XT_ASSERT_OK(xfrmif_sa_get_replay_window(b, &u));
	ck_assert_uint_eq(u, 32);
	ck_assert_int_eq(xfrmif_sa_get_if_id(b, &u), -ENODATA);
	/* Parsing without keys keeps the lengths, not the bytes. */
	XT_ASSERT_OK(xfrmif__sa_build_add(ctx, sa, XFRM_MSG_NEWSA, &msg));
	XT_ASSERT_OK(xfrmif__sa_parse(nlmsg_hdr(msg), b, false));
	XT_ASSERT_OK(xfrmif_sa_get_enc(b, &name, &key, &klen));
	ck_assert(key == NULL && klen == 32);
	xfrmif__msg_free(msg);
	xfrmif_sa_free(b);
	xfrmif_sa_free(sa);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(getters_unset_and_defaults)
{
	xfrmif_sa *sa = NULL;
	unsigned char a[16];
	uint64_t v;
	uint32_t u;
	uint8_t m;
	int fam;

	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	ck_assert_int_eq(xfrmif_sa_get_src(sa, &fam, a), -ENODATA);
	ck_assert_int_eq(xfrmif_sa_get_spi(sa, &u), -ENODATA);
	ck_assert_int_eq(xfrmif_sa_get_if_id(sa, &u), -ENODATA);
	ck_assert_int_eq(xfrmif_sa_get_dir(sa, &m), -ENODATA);
	ck_assert_int_eq(xfrmif_sa_get_counter(sa, XFRMIF_SA_CUR_BYTES, &v), -ENODATA);
	XT_ASSERT_OK(xfrmif_sa_get_mode(sa, &m));
	ck_assert_uint_eq(m, XFRMIF_SA_MODE_TRANSPORT);
	XT_ASSERT_OK(xfrmif_sa_get_limit(sa, XFRMIF_SA_LIMIT_HARD_BYTES, &v));
	ck_assert_uint_eq(v, UINT64_MAX);
	XT_ASSERT_OK(xfrmif_sa_get_limit(sa, XFRMIF_SA_LIMIT_HARD_ADD_SECONDS, &v));
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(xfrmif_sa_new(NULL), -EINVAL);
	xfrmif_sa_free(NULL);
	xfrmif_sa_free(sa);
}
END_TEST

/* ---- the bad-input table: nothing is built, the errmsg names the field ---- */

typedef void (*spoil_fn)(xfrmif_sa *sa);

static void s_key_len(xfrmif_sa *sa) { xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", KEY, 16, 128); }
static void s_icv(xfrmif_sa *sa) { xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", KEY, 20, 100); }
static void s_chacha_key(xfrmif_sa *sa) { xfrmif_sa_set_aead(sa, "rfc7539esp(chacha20,poly1305)", KEY, 20, 128); }
static void s_cbc_key(xfrmif_sa *sa) { xfrmif_sa_set_enc(sa, "cbc(aes)", KEY, 20); }
static void s_trunc(xfrmif_sa *sa) { xfrmif_sa_set_auth(sa, "hmac(sha256)", KEY, 20, 64); }
static void s_trunc_big(xfrmif_sa *sa) { xfrmif_sa_set_auth(sa, "hmac(sha1)", KEY, 20, 192); }
static void s_spi0(xfrmif_sa *sa) { xfrmif_sa_set_spi(sa, 0); }
static void s_family(xfrmif_sa *sa)
{
	unsigned char a[16];
	addr6("2001:db8::2", a);
	xfrmif_sa_set_dst(sa, AF_INET6, a);
}
static void s_aead_enc(xfrmif_sa *sa) { xfrmif_sa_set_enc(sa, "cbc(aes)", KEY, 16); }
static void s_mode(xfrmif_sa *sa) { xfrmif_sa_set_mode(sa, 7); }
static void s_proto(xfrmif_sa *sa) { xfrmif_sa_set_proto(sa, 17); }
static void s_replay(xfrmif_sa *sa) { xfrmif_sa_set_replay_window(sa, 4097); }
static void s_encap_ah(xfrmif_sa *sa)
{
	xfrmif_sa_set_encap(sa, XFRMIF_SA_ENCAP_ESPINUDP, 4500, 4500, 0, NULL);
	xfrmif_sa_set_proto(sa, IPPROTO_AH);
}
static void s_if_id0(xfrmif_sa *sa) { xfrmif_sa_set_if_id(sa, 0); }
static void s_mark(xfrmif_sa *sa) { xfrmif_sa_set_mark(sa, 0x11, 0x10); }
static void s_dir(xfrmif_sa *sa) { xfrmif_sa_set_dir(sa, 3); }
static void s_comp_spi(xfrmif_sa *sa)
{
	xfrmif_sa_set_proto(sa, IPPROTO_COMP);
	xfrmif_sa_set_spi(sa, 0x10000);
}
static void s_ah_enc(xfrmif_sa *sa) { xfrmif_sa_set_proto(sa, IPPROTO_AH); }
static void s_no_spi(xfrmif_sa *sa) { sa->set &= ~(uint32_t)SA_F_SPI; }
static void s_ports(xfrmif_sa *sa) { xfrmif_sa_set_sel_sport(sa, 80); }
static void s_flags(xfrmif_sa *sa) { xfrmif_sa_set_flags(sa, 0x100); }

static const struct {
	spoil_fn fn;
	const char *needle; /* what the errmsg must contain */
} bad[] = {
	{ s_key_len, "aead: rfc4106(gcm(aes)) needs a key of 160/224/288" },
	{ s_icv, "ICV lengths of 64/96/128" },
	{ s_chacha_key, "key of 288 bits" },
	{ s_cbc_key, "enc: cbc(aes) needs a key of 128/192/256" },
	{ s_trunc, "auth: hmac(sha256) allows truncation to 96..256" },
	{ s_trunc_big, "96..160" },
	{ s_spi0, "spi: 0 is reserved" },
	{ s_family, "src is ipv4 but dst is ipv6" },
	{ s_aead_enc, "cannot be combined with enc or auth" },
	{ s_mode, "mode: 7 is not" },
	{ s_proto, "proto: 17 is not" },
	{ s_replay, "replay-window: 4097 is above" },
	{ s_encap_ah, "ah authenticates only" },
	{ s_if_id0, "if_id: 0" },
	{ s_mark, "mark: value 0x11" },
	{ s_dir, "dir: 3" },
	{ s_comp_spi, "CPI is 16 bits" },
	{ s_ah_enc, "ah authenticates only" },
	{ s_no_spi, "spi is missing" },
	{ s_ports, "ports need proto" },
	{ s_flags, "flags: unknown bits" },
};

START_TEST(bad_input_table)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *sa = NULL;
	struct nl_msg *msg;
	unsigned char a[16];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		XT_ASSERT_OK(xfrmif_sa_new(&sa));
		addr4("192.0.2.1", a);
		xfrmif_sa_set_src(sa, AF_INET, a);
		addr4("192.0.2.2", a);
		xfrmif_sa_set_dst(sa, AF_INET, a);
		xfrmif_sa_set_proto(sa, IPPROTO_ESP);
		xfrmif_sa_set_spi(sa, 0x100);
		xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", KEY, 20, 128);
		bad[i].fn(sa);
		msg = (struct nl_msg *)1;
		ck_assert_int_eq(xfrmif__sa_build_add(ctx, sa, XFRM_MSG_NEWSA, &msg),
				 -EINVAL);
		ck_assert_ptr_null(msg);
		ck_assert_msg(strstr(xfrmif_ctx_errmsg(ctx), bad[i].needle),
			      "case %zu: '%s' lacks '%s'", i,
			      xfrmif_ctx_errmsg(ctx), bad[i].needle);
		/* The public call refuses the same way before sending. */
		ck_assert_int_eq(xfrmif_sa_add(ctx, sa), -EINVAL);
		ck_assert_msg(strstr(xfrmif_ctx_errmsg(ctx), "sa add: "), "%s",
			      xfrmif_ctx_errmsg(ctx));
		xfrmif_sa_free(sa);
	}
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(unknown_algorithm_passes)
{
	ck_assert_int_eq(xfrmif_sa_alg_check(0, "rfc4106(gcm(aes))", 20, 128), 1);
	ck_assert_int_eq(xfrmif_sa_alg_check(0, "rfc4106(gcm(aes))", 20, 120), -EINVAL);
	ck_assert_int_eq(xfrmif_sa_alg_check(1, "cbc(nosuch)", 7, 0), 0);
	ck_assert_int_eq(xfrmif_sa_alg_check(2, "hmac(sha256)", 1, 0), 1);
	ck_assert_int_eq(xfrmif_sa_alg_check(2, "hmac(sha512)", 64, 256), 1);
	ck_assert_int_eq(xfrmif_sa_alg_check(3, "deflate", 0, 0), 1);
	ck_assert_int_eq(xfrmif_sa_alg_check(9, "deflate", 0, 0), -EINVAL);
}
END_TEST

/* A setter's complaint is cleared when the field is set again properly. */
START_TEST(argerr_cleared_by_fix)
{
	xfrmif_sa *sa = NULL;

	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	ck_assert_int_eq(xfrmif_sa_set_mode(sa, 9), -EINVAL);
	ck_assert(sa->argerr.msg[0]);
	XT_ASSERT_OK(xfrmif_sa_set_mode(sa, XFRMIF_SA_MODE_BEET));
	ck_assert(!sa->argerr.msg[0]);
	ck_assert_int_eq(xfrmif_sa_set_limit(sa, 99, 1), -EINVAL);
	ck_assert(sa->argerr.msg[0]);
	XT_ASSERT_OK(xfrmif_sa_set_limit(sa, XFRMIF_SA_LIMIT_SOFT_BYTES, 1));
	ck_assert(!sa->argerr.msg[0]);
	xfrmif_sa_free(sa);
}
END_TEST

/* ---- secrets ---- */

START_TEST(rekey_wipes_old_key)
{
	xfrmif_sa *sa = NULL;
	uint8_t other[16];

	memset(other, 0x33, sizeof(other));
	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	XT_ASSERT_OK(xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", KEY, 20, 128));
	ck_assert(holds_key(sa, sizeof(*sa)));
	/* A shorter key must not leave the old tail behind. */
	XT_ASSERT_OK(xfrmif_sa_set_aead(sa, "cbc(nosuch-aead)", other, 4, 128));
	ck_assert(!holds_key(sa, sizeof(*sa)));
	XT_ASSERT_OK(xfrmif_sa_set_enc(sa, "cbc(aes)", KEY, 16));
	XT_ASSERT_OK(xfrmif_sa_set_enc(sa, "cbc(aes)", other, 16));
	ck_assert(!memmem(sa, sizeof(*sa), KEY, 16));
	xfrmif_sa_free(sa);
}
END_TEST

START_TEST(freed_objects_and_messages_hold_no_key)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_sa *sa, *copy = NULL;
	struct nl_msg *msg = NULL;

	xk_scan_begin();
	sa = full_sa();
	XT_ASSERT_OK(xfrmif_sa_dup(&copy, sa));
	/* request messages: built, then freed by the request path */
	XT_ASSERT_OK(xfrmif__sa_build_add(ctx, sa, XFRM_MSG_NEWSA, &msg));
	ck_assert(holds_key(nlmsg_hdr(msg), nlmsg_hdr(msg)->nlmsg_len));
	xfrmif__msg_free(msg);
	/* re-key, then free both objects */
	XT_ASSERT_OK(xfrmif_sa_set_aead(copy, "rfc4106(gcm(aes))", KEY, 20, 64));
	xfrmif_sa_free(copy);
	xfrmif_sa_free(sa);
	xfrmif_ctx_unref(ctx);
	ck_assert_int_eq(xk_scan_end(), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sa");
	TCase *tc = xt_tcase(s, "sa", false);

	tcase_add_test(tc, free_hook_sees_keys);
	tcase_add_test(tc, round_trip_every_field);
	tcase_add_loop_test(tc, undo_derived_from_add_is_the_id_delete, 0, 2);
	tcase_add_test(tc, message_layout);
	tcase_add_test(tc, round_trip_enc_auth);
	tcase_add_test(tc, getters_unset_and_defaults);
	tcase_add_test(tc, bad_input_table);
	tcase_add_test(tc, unknown_algorithm_passes);
	tcase_add_test(tc, argerr_cleared_by_fix);
	tcase_add_test(tc, rekey_wipes_old_key);
	tcase_add_test(tc, freed_objects_and_messages_hold_no_key);
	return xt_run_suite(s);
}
