/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * SA request messages: whole-object validation and the builders that
 * add/update, delete/get, allocate SPIs. Kept apart from sending so that a
 * batch can queue the same messages.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "kcompat.h"
#include "sa_priv.h"

/* Windows up to this size fit the legacy 32-bit bitmap (XFRMA_REPLAY_VAL). */
#define LEGACY_WINDOW 32

static int need(xfrmif_ctx *ctx, const xfrmif_sa *sa, uint32_t bit,
		const char *field, const char *what)
{
	if (!(sa->set & bit))
		return xfrmif__err(ctx, -EINVAL, "%s: %s is missing", what, field);
	return 0;
}

/* The checks every message naming an SA needs: addresses and protocol. */
static int validate_id(xfrmif_ctx *ctx, const xfrmif_sa *sa, bool want_src,
		       const char *what)
{
	int r;

	if (!sa)
		return xfrmif__err(ctx, -EINVAL, "%s: sa must not be NULL", what);
	r = xfrmif__argerr_check(ctx, &sa->argerr, what);
	if (!r && want_src)
		r = need(ctx, sa, SA_F_SRC, "src", what);
	r = r ?: need(ctx, sa, SA_F_DST, "dst", what);
	r = r ?: need(ctx, sa, SA_F_PROTO, "proto", what);
	if (r)
		return r;
	if (want_src && sa->src_family != sa->dst_family)
		return xfrmif__err(ctx, -EINVAL, "%s: src is %s but dst is %s; "
				   "both must be of one family", what,
				   xfrmif__family_name(sa->src_family),
				   xfrmif__family_name(sa->dst_family));
	return 0;
}

static int validate_spi(xfrmif_ctx *ctx, const xfrmif_sa *sa, const char *what)
{
	int r = need(ctx, sa, SA_F_SPI, "spi", what);

	if (r)
		return r;
	if (sa->spi == 0 && sa->proto != IPPROTO_COMP)
		return xfrmif__err(ctx, -EINVAL, "%s: spi: 0 is reserved for "
				   "esp and ah", what);
	if (sa->proto == IPPROTO_COMP && sa->spi > 0xffff)
		return xfrmif__err(ctx, -EINVAL, "%s: spi: an IPComp CPI is 16 "
				   "bits (got 0x%x)", what, sa->spi);
	return 0;
}

/* Which algorithms each protocol may carry. */
static int validate_algs(xfrmif_ctx *ctx, const xfrmif_sa *sa, const char *what)
{
	uint32_t s = sa->set;

	if ((s & SA_F_AEAD) && (s & (SA_F_ENC | SA_F_AUTH)))
		return xfrmif__err(ctx, -EINVAL, "%s: aead: an AEAD algorithm "
				   "cannot be combined with enc or auth", what);
	switch (sa->proto) {
	case IPPROTO_ESP:
		if (s & SA_F_COMP)
			return xfrmif__err(ctx, -EINVAL, "%s: comp: esp cannot "
					   "compress; use proto comp", what);
		if (!(s & (SA_F_AEAD | SA_F_ENC)))
			return xfrmif__err(ctx, -EINVAL, "%s: esp needs aead or "
					   "enc", what);
		break;
	case IPPROTO_AH:
		if (s & (SA_F_AEAD | SA_F_ENC | SA_F_COMP))
			return xfrmif__err(ctx, -EINVAL, "%s: ah authenticates "
					   "only: no aead, enc or comp", what);
		if (!(s & SA_F_AUTH))
			return xfrmif__err(ctx, -EINVAL, "%s: ah needs auth",
					   what);
		break;
	case IPPROTO_COMP:
		if (s & (SA_F_AEAD | SA_F_ENC | SA_F_AUTH))
			return xfrmif__err(ctx, -EINVAL, "%s: comp carries no "
					   "aead, enc or auth", what);
		if (!(s & SA_F_COMP))
			return xfrmif__err(ctx, -EINVAL, "%s: proto comp needs "
					   "comp", what);
		break;
	}
	return 0;
}

int xfrmif__sa_validate(xfrmif_ctx *ctx, const xfrmif_sa *sa, const char *what)
{
	int r;

	r = validate_id(ctx, sa, true, what);
	r = r ?: validate_spi(ctx, sa, what);
	r = r ?: validate_algs(ctx, sa, what);
	if (r)
		return r;
	if ((sa->set & SA_F_ENCAP) && sa->proto != IPPROTO_ESP)
		return xfrmif__err(ctx, -EINVAL, "%s: encap: NAT-T encapsulation "
				   "needs proto esp", what);
	if ((sa->flags & XFRMIF_SA_FLAG_ESN) && sa->proto == IPPROTO_COMP)
		return xfrmif__err(ctx, -EINVAL, "%s: flag esn: only esp and ah "
				   "have sequence numbers", what);
	if (sa->replay_window > LEGACY_WINDOW && sa->proto == IPPROTO_COMP)
		return xfrmif__err(ctx, -EINVAL, "%s: replay-window: proto comp "
				   "has no sequence numbers", what);
	if (sa->encap_oa_family && sa->encap_oa_family != sa->src_family)
		return xfrmif__err(ctx, -EINVAL, "%s: encap: the original "
				   "address is %s but the SA is %s", what,
				   xfrmif__family_name(sa->encap_oa_family),
				   xfrmif__family_name(sa->src_family));
	return xfrmif__sel_validate(ctx, &sa->sel,
				    sa->set & (SA_F_SEL_SPORT | SA_F_SEL_DPORT),
				    false, what);
}

/* Appends one algorithm attribute: header struct, then the key bytes. The
 * staging buffer held the key and is wiped. */
static int put_alg(struct nl_msg *msg, int type, const struct xfrmif__alg *a)
{
	union {
		struct xfrm_algo plain;
		struct xfrm_algo_auth auth;
		struct xfrm_algo_aead aead;
		uint8_t raw[sizeof(struct xfrm_algo_auth) + XFRMIF_SA_KEY_MAX];
	} buf;
	size_t hdr;
	int r;

	memset(&buf, 0, sizeof(buf));
	switch (type) {
	case XFRMA_ALG_AEAD:
		hdr = sizeof(buf.aead);
		memcpy(buf.aead.alg_name, a->name, sizeof(a->name));
		buf.aead.alg_key_len = a->key_len * 8;
		buf.aead.alg_icv_len = a->len_bits;
		break;
	case XFRMA_ALG_AUTH_TRUNC:
		hdr = sizeof(buf.auth);
		memcpy(buf.auth.alg_name, a->name, sizeof(a->name));
		buf.auth.alg_key_len = a->key_len * 8;
		buf.auth.alg_trunc_len = a->len_bits;
		break;
	default:
		hdr = sizeof(buf.plain);
		memcpy(buf.plain.alg_name, a->name, sizeof(a->name));
		buf.plain.alg_key_len = a->key_len * 8;
		break;
	}
	memcpy(buf.raw + hdr, a->key, a->key_len);
	r = nla_put(msg, type, (int)(hdr + a->key_len), &buf);
	explicit_bzero(&buf, sizeof(buf));
	return r;
}

static int put_replay(struct nl_msg *msg, const xfrmif_sa *sa,
		      struct xfrm_usersa_info *info)
{
	bool esn = sa->flags & XFRMIF_SA_FLAG_ESN;

	if (esn || sa->replay_window > LEGACY_WINDOW) {
		struct xfrm_replay_state_esn rs = {
			.bmp_len = (sa->replay_window + 31) / 32,
			.replay_window = sa->replay_window,
			.oseq = (uint32_t)sa->oseq,
			.seq = (uint32_t)sa->seq,
			.oseq_hi = esn ? (uint32_t)(sa->oseq >> 32) : 0,
			.seq_hi = esn ? (uint32_t)(sa->seq >> 32) : 0,
		};
		/* The kernel refuses both windows at once. */
		info->replay_window = 0;
		return nla_put(msg, XFRMA_REPLAY_ESN_VAL, sizeof(rs), &rs);
	}
	info->replay_window = (uint8_t)sa->replay_window;
	if (sa->set & SA_F_REPLAY_SEQ) {
		struct xfrm_replay_state rs = {
			.oseq = (uint32_t)sa->oseq,
			.seq = (uint32_t)sa->seq,
		};
		return nla_put(msg, XFRMA_REPLAY_VAL, sizeof(rs), &rs);
	}
	return 0;
}

static void fill_info(const xfrmif_sa *sa, struct xfrm_usersa_info *info)
{
	memset(info, 0, sizeof(*info));
	info->sel = sa->sel;
	info->id.daddr = sa->dst;
	info->id.spi = htonl(sa->spi);
	info->id.proto = sa->proto;
	info->saddr = sa->src;
	info->lft.soft_byte_limit = sa->limits[XFRMIF_SA_LIMIT_SOFT_BYTES];
	info->lft.hard_byte_limit = sa->limits[XFRMIF_SA_LIMIT_HARD_BYTES];
	info->lft.soft_packet_limit = sa->limits[XFRMIF_SA_LIMIT_SOFT_PACKETS];
	info->lft.hard_packet_limit = sa->limits[XFRMIF_SA_LIMIT_HARD_PACKETS];
	info->lft.soft_add_expires_seconds =
		sa->limits[XFRMIF_SA_LIMIT_SOFT_ADD_SECONDS];
	info->lft.hard_add_expires_seconds =
		sa->limits[XFRMIF_SA_LIMIT_HARD_ADD_SECONDS];
	info->lft.soft_use_expires_seconds =
		sa->limits[XFRMIF_SA_LIMIT_SOFT_USE_SECONDS];
	info->lft.hard_use_expires_seconds =
		sa->limits[XFRMIF_SA_LIMIT_HARD_USE_SECONDS];
	/* .seq stays 0: it belongs to ACQUIRE completion and forces the
	 * kernel's slow path. */
	info->reqid = sa->reqid;
	info->family = (uint16_t)sa->src_family;
	info->mode = sa->mode;
	info->flags = (uint8_t)sa->flags;
}

static int put_mark(struct nl_msg *msg, const struct xfrm_mark *m)
{
	return nla_put(msg, XFRMA_MARK, sizeof(*m), m);
}

static int put_encap(struct nl_msg *msg, const xfrmif_sa *sa)
{
	struct xfrm_encap_tmpl e = {
		.encap_type = sa->encap_type,
		.encap_sport = htons(sa->encap_sport),
		.encap_dport = htons(sa->encap_dport),
		.encap_oa = sa->encap_oa,
	};

	return nla_put(msg, XFRMA_ENCAP, sizeof(e), &e);
}

static int oom(xfrmif_ctx *ctx, struct nl_msg *msg, const char *what)
{
	xfrmif__msg_free(msg);
	return xfrmif__err(ctx, -ENOMEM, "%s: out of memory building the "
			   "message", what);
}

/* What an add can need, so that the message (which libnl zeroes whole)
 * is not much bigger than the request. */
static size_t add_size(const xfrmif_sa *sa)
{
	size_t n = sizeof(struct xfrm_usersa_info) + 256; /* small attributes */

	n += NLA_HDRLEN + sizeof(struct xfrm_replay_state_esn) +
	     (sa->replay_window + 31) / 32 * 4;
	n += 3 * (NLA_HDRLEN + sizeof(struct xfrm_algo_auth)) + sa->aead.key_len +
	     sa->enc.key_len + sa->auth.key_len;
	n += NLA_HDRLEN + sizeof(struct xfrm_algo); /* comp */
	return n;
}

int xfrmif__sa_build_add(xfrmif_ctx *ctx, const xfrmif_sa *sa, int type,
			 struct nl_msg **out)
{
	const char *what = type == XFRM_MSG_UPDSA ? "sa update" : "sa add";
	struct xfrm_usersa_info info;
	struct nl_msg *msg;
	uint32_t s;
	int r;

	*out = NULL;
	r = xfrmif__sa_validate(ctx, sa, what);
	if (r)
		return r;
	s = sa->set;
	msg = xfrmif__msg_new(type, type == XFRM_MSG_NEWSA ? NLM_F_CREATE | NLM_F_EXCL : 0,
			      add_size(sa));
	if (!msg)
		return oom(ctx, NULL, what);
	fill_info(sa, &info);
	/* The usersa_info goes in first; put_replay may still change its
	 * replay_window, so reserve it and fill it at the end. */
	void *hdr = nlmsg_reserve(msg, sizeof(info), NLMSG_ALIGNTO);
	r = hdr ? 0 : -1;
	r = r ?: put_replay(msg, sa, &info);
	if (!r && (s & SA_F_AEAD))
		r = put_alg(msg, XFRMA_ALG_AEAD, &sa->aead);
	if (!r && (s & SA_F_ENC))
		r = put_alg(msg, XFRMA_ALG_CRYPT, &sa->enc);
	if (!r && (s & SA_F_AUTH))
		r = put_alg(msg, sa->auth.len_bits ? XFRMA_ALG_AUTH_TRUNC
						   : XFRMA_ALG_AUTH, &sa->auth);
	if (!r && (s & SA_F_COMP)) {
		struct xfrmif__alg comp = { .key_len = 0 };
		memcpy(comp.name, sa->comp, sizeof(comp.name));
		r = put_alg(msg, XFRMA_ALG_COMP, &comp);
	}
	if (!r && (s & SA_F_ENCAP))
		r = put_encap(msg, sa);
	if (!r && (s & SA_F_MARK))
		r = put_mark(msg, &sa->mark);
	if (!r && (s & SA_F_OMARK)) {
		r = nla_put_u32(msg, XFRMA_SET_MARK, sa->omark.v);
		r = r ?: nla_put_u32(msg, XFRMA_SET_MARK_MASK, sa->omark.m);
	}
	if (!r && (s & SA_F_IF_ID))
		r = nla_put_u32(msg, XFRMA_IF_ID, sa->if_id);
	if (!r && sa->xflags)
		r = nla_put_u32(msg, XFRMA_SA_EXTRA_FLAGS, sa->xflags);
	if (!r && (s & SA_F_TFCPAD))
		r = nla_put_u32(msg, XFRMA_TFCPAD, sa->tfcpad);
	if (!r && (s & SA_F_DIR))
		r = nla_put_u8(msg, XFRMA_SA_DIR, sa->dir);
	if (r)
		return oom(ctx, msg, what);
	memcpy(hdr, &info, sizeof(info));
	*out = msg;
	return 0;
}

int xfrmif__sa_build_id(xfrmif_ctx *ctx, const xfrmif_sa *key, int type,
			struct nl_msg **out)
{
	const char *what = type == XFRM_MSG_DELSA ? "sa del" : "sa get";
	struct xfrm_usersa_id id;
	struct nl_msg *msg;
	int r;

	*out = NULL;
	r = validate_id(ctx, key, false, what);
	r = r ?: validate_spi(ctx, key, what);
	if (r)
		return r;
	memset(&id, 0, sizeof(id));
	id.daddr = key->dst;
	id.spi = htonl(key->spi);
	id.family = (uint16_t)key->dst_family;
	id.proto = key->proto;
	msg = xfrmif__msg_new(type, 0, 0);
	if (!msg)
		return oom(ctx, NULL, what);
	r = nlmsg_append(msg, &id, sizeof(id), NLMSG_ALIGNTO);
	if (!r && (key->set & SA_F_MARK))
		r = put_mark(msg, &key->mark);
	if (r)
		return oom(ctx, msg, what);
	*out = msg;
	return 0;
}

int xfrmif__sa_build_allocspi(xfrmif_ctx *ctx, const xfrmif_sa *sa,
			      uint32_t min, uint32_t max, struct nl_msg **out)
{
	const char *what = "sa allocspi";
	struct xfrm_userspi_info spi;
	struct nl_msg *msg;
	int r;

	*out = NULL;
	r = validate_id(ctx, sa, true, what);
	if (r)
		return r;
	if (min > max)
		return xfrmif__err(ctx, -EINVAL, "%s: min 0x%x is above max 0x%x",
				   what, min, max);
	if (sa->proto == IPPROTO_COMP && max > 0xffff)
		return xfrmif__err(ctx, -EINVAL, "%s: max: an IPComp CPI is 16 "
				   "bits (got 0x%x)", what, max);
	if (sa->proto != IPPROTO_COMP && min == 0)
		return xfrmif__err(ctx, -EINVAL, "%s: min: SPI 0 is reserved",
				   what);
	memset(&spi, 0, sizeof(spi));
	fill_info(sa, &spi.info);
	spi.min = min;
	spi.max = max;
	msg = xfrmif__msg_new(XFRM_MSG_ALLOCSPI, 0, 0);
	if (!msg)
		return oom(ctx, NULL, what);
	r = nlmsg_append(msg, &spi, sizeof(spi), NLMSG_ALIGNTO);
	if (!r && (sa->set & SA_F_MARK))
		r = put_mark(msg, &sa->mark);
	if (!r && (sa->set & SA_F_IF_ID))
		r = nla_put_u32(msg, XFRMA_IF_ID, sa->if_id);
	if (r)
		return oom(ctx, msg, what);
	*out = msg;
	return 0;
}

int xfrmif__sa_build_flush(xfrmif_ctx *ctx, uint8_t proto, struct nl_msg **out)
{
	struct xfrm_usersa_flush f = { .proto = proto };
	struct nl_msg *msg;

	*out = NULL;
	if (proto && proto != IPPROTO_ESP && proto != IPPROTO_AH &&
	    proto != IPPROTO_COMP)
		return xfrmif__err(ctx, -EINVAL, "sa flush: proto %u is not esp, "
				   "ah or comp", proto);
	msg = xfrmif__msg_new(XFRM_MSG_FLUSHSA, 0, 0);
	if (!msg || nlmsg_append(msg, &f, sizeof(f), NLMSG_ALIGNTO) < 0)
		return oom(ctx, msg, "sa flush");
	*out = msg;
	return 0;
}
