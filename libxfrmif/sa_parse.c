/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one SA parser: GET replies, dump parts and (later) events all come
 * through xfrmif__sa_parse(). Every attribute is checked against its length
 * before it is read.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "kcompat.h"
#include "sa_priv.h"

#define SA_ATTR_MAX XFRMA_SA_DIR

/* The attribute's payload if it is at least `min` bytes long, else NULL. */
static const void *attr(struct nlattr **tb, int type, size_t min, size_t *len)
{
	if (!tb[type] || (size_t)nla_len(tb[type]) < min)
		return NULL;
	if (len)
		*len = (size_t)nla_len(tb[type]);
	return nla_data(tb[type]);
}

/* Copies one algorithm; `hdr` is the size of the kernel struct before the
 * key. The key must fit in the attribute and in our buffer. */
static int parse_alg(struct nlattr **tb, int type, struct xfrmif__alg *a,
		     bool keys)
{
	const struct xfrm_algo_aead *aead;
	const struct xfrm_algo_auth *auth;
	const struct xfrm_algo *plain;
	size_t len, hdr, key_bits;
	const uint8_t *p = attr(tb, type, sizeof(struct xfrm_algo), &len);

	if (!p)
		return tb[type] ? -EBADMSG : 0;
	switch (type) {
	case XFRMA_ALG_AEAD:
		if (len < sizeof(*aead))
			return -EBADMSG;
		aead = (const void *)p;
		hdr = sizeof(*aead);
		key_bits = aead->alg_key_len;
		a->len_bits = aead->alg_icv_len;
		break;
	case XFRMA_ALG_AUTH_TRUNC:
		if (len < sizeof(*auth))
			return -EBADMSG;
		auth = (const void *)p;
		hdr = sizeof(*auth);
		key_bits = auth->alg_key_len;
		a->len_bits = auth->alg_trunc_len;
		break;
	default:
		plain = (const void *)p;
		hdr = sizeof(*plain);
		key_bits = plain->alg_key_len;
		a->len_bits = 0;
		break;
	}
	if ((key_bits + 7) / 8 > len - hdr || (key_bits + 7) / 8 > XFRMIF_SA_KEY_MAX)
		return -EBADMSG;
	memcpy(a->name, p, sizeof(a->name) - 1);
	a->name[sizeof(a->name) - 1] = '\0';
	a->key_len = (uint32_t)((key_bits + 7) / 8);
	a->has_key = keys;
	if (keys)
		memcpy(a->key, p + hdr, a->key_len);
	return 1;
}

static void parse_info(const struct xfrm_usersa_info *p, xfrmif_sa *sa)
{
	/* A selector without a family has the SA's (larval SAs, af-unspec). */
	int fam = p->sel.family ? p->sel.family : p->family;

	sa->sel = p->sel;
	if (p->sel.prefixlen_s || !xfrmif__addr_is_any(fam, &p->sel.saddr))
		sa->set |= SA_F_SEL_SRC;
	if (p->sel.prefixlen_d || !xfrmif__addr_is_any(fam, &p->sel.daddr))
		sa->set |= SA_F_SEL_DST;
	if (p->sel.proto)
		sa->set |= SA_F_SEL_PROTO;
	if (p->sel.sport_mask)
		sa->set |= SA_F_SEL_SPORT;
	if (p->sel.dport_mask)
		sa->set |= SA_F_SEL_DPORT;
	sa->dst = p->id.daddr;
	sa->spi = ntohl(p->id.spi);
	sa->proto = p->id.proto;
	sa->src = p->saddr;
	sa->src_family = sa->dst_family = p->family;
	sa->limits[XFRMIF_SA_LIMIT_SOFT_BYTES] = p->lft.soft_byte_limit;
	sa->limits[XFRMIF_SA_LIMIT_HARD_BYTES] = p->lft.hard_byte_limit;
	sa->limits[XFRMIF_SA_LIMIT_SOFT_PACKETS] = p->lft.soft_packet_limit;
	sa->limits[XFRMIF_SA_LIMIT_HARD_PACKETS] = p->lft.hard_packet_limit;
	sa->limits[XFRMIF_SA_LIMIT_SOFT_ADD_SECONDS] = p->lft.soft_add_expires_seconds;
	sa->limits[XFRMIF_SA_LIMIT_HARD_ADD_SECONDS] = p->lft.hard_add_expires_seconds;
	sa->limits[XFRMIF_SA_LIMIT_SOFT_USE_SECONDS] = p->lft.soft_use_expires_seconds;
	sa->limits[XFRMIF_SA_LIMIT_HARD_USE_SECONDS] = p->lft.hard_use_expires_seconds;
	sa->cur = p->curlft;
	sa->stats = p->stats;
	sa->reqid = p->reqid;
	sa->mode = p->mode;
	sa->replay_window = p->replay_window;
	sa->flags = p->flags;
	sa->set |= SA_F_SRC | SA_F_DST | SA_F_PROTO | SA_F_SPI | SA_F_KERNEL;
}

static int parse_replay(struct nlattr **tb, xfrmif_sa *sa)
{
	const struct xfrm_replay_state_esn *esn;
	const struct xfrm_replay_state *rs;

	if ((esn = attr(tb, XFRMA_REPLAY_ESN_VAL, sizeof(*esn), NULL))) {
		sa->replay_window = esn->replay_window;
		sa->oseq = esn->oseq;
		sa->seq = esn->seq;
		if (sa->flags & XFRMIF_SA_FLAG_ESN) {
			sa->oseq |= (uint64_t)esn->oseq_hi << 32;
			sa->seq |= (uint64_t)esn->seq_hi << 32;
		}
		sa->set |= SA_F_REPLAY_SEQ;
	} else if ((rs = attr(tb, XFRMA_REPLAY_VAL, sizeof(*rs), NULL))) {
		sa->oseq = rs->oseq;
		sa->seq = rs->seq;
		sa->set |= SA_F_REPLAY_SEQ;
	} else if (tb[XFRMA_REPLAY_ESN_VAL] || tb[XFRMA_REPLAY_VAL]) {
		return -EBADMSG;
	}
	return 0;
}

static int parse_u32(struct nlattr **tb, int type, uint32_t *out)
{
	const uint32_t *v = attr(tb, type, sizeof(*v), NULL);

	if (!v)
		return tb[type] ? -EBADMSG : 0;
	memcpy(out, v, sizeof(*out));
	return 1;
}

static int parse_attrs(struct nlattr **tb, xfrmif_sa *sa, bool keys)
{
	const struct xfrm_encap_tmpl *e;
	const struct xfrm_mark *m;
	const uint8_t *dir;
	int r;

	r = parse_alg(tb, XFRMA_ALG_AEAD, &sa->aead, keys);
	if (r > 0)
		sa->set |= SA_F_AEAD;
	if (r >= 0 && (r = parse_alg(tb, XFRMA_ALG_CRYPT, &sa->enc, keys)) > 0)
		sa->set |= SA_F_ENC;
	/* The kernel sends both the legacy and the truncated auth form. */
	if (r >= 0) {
		int t = tb[XFRMA_ALG_AUTH_TRUNC] ? XFRMA_ALG_AUTH_TRUNC : XFRMA_ALG_AUTH;
		if ((r = parse_alg(tb, t, &sa->auth, keys)) > 0)
			sa->set |= SA_F_AUTH;
	}
	if (r >= 0) {
		struct xfrmif__alg comp;
		if ((r = parse_alg(tb, XFRMA_ALG_COMP, &comp, false)) > 0) {
			memcpy(sa->comp, comp.name, sizeof(sa->comp));
			sa->set |= SA_F_COMP;
		}
	}
	if (r < 0)
		return r;
	if (tb[XFRMA_ENCAP]) {
		if (!(e = attr(tb, XFRMA_ENCAP, sizeof(*e), NULL)))
			return -EBADMSG;
		sa->encap_type = e->encap_type;
		sa->encap_sport = ntohs(e->encap_sport);
		sa->encap_dport = ntohs(e->encap_dport);
		sa->encap_oa = e->encap_oa;
		sa->encap_oa_family = xfrmif__addr_is_any(sa->src_family, &e->encap_oa)
					      ? 0 : sa->src_family;
		sa->set |= SA_F_ENCAP;
	}
	if (tb[XFRMA_MARK]) {
		if (!(m = attr(tb, XFRMA_MARK, sizeof(*m), NULL)))
			return -EBADMSG;
		sa->mark = *m;
		sa->set |= SA_F_MARK;
	}
	if ((r = parse_u32(tb, XFRMA_SET_MARK, &sa->omark.v)) > 0) {
		sa->omark.m = 0xffffffffu; /* the kernel's default mask */
		sa->set |= SA_F_OMARK;
		r = parse_u32(tb, XFRMA_SET_MARK_MASK, &sa->omark.m);
	}
	if (r >= 0 && (r = parse_u32(tb, XFRMA_IF_ID, &sa->if_id)) > 0)
		sa->set |= SA_F_IF_ID;
	if (r >= 0 && (r = parse_u32(tb, XFRMA_SA_EXTRA_FLAGS, &sa->xflags)) > 0)
		sa->set |= SA_F_XFLAGS;
	if (r >= 0 && (r = parse_u32(tb, XFRMA_TFCPAD, &sa->tfcpad)) > 0)
		sa->set |= SA_F_TFCPAD;
	if (r < 0)
		return r;
	if (tb[XFRMA_SA_DIR]) {
		if (!(dir = attr(tb, XFRMA_SA_DIR, 1, NULL)))
			return -EBADMSG;
		sa->dir = *dir;
		sa->set |= SA_F_DIR;
	}
	return parse_replay(tb, sa);
}

int xfrmif__sa_parse(const struct nlmsghdr *nlh, xfrmif_sa *out, bool keys)
{
	struct nlattr *tb[SA_ATTR_MAX + 1];
	struct xfrm_usersa_info info;
	size_t hdr;
	int r;

	xfrmif__sa_reset(out);
	/* Where the fixed part ends and the attributes begin. */
	switch (nlh->nlmsg_type) {
	case XFRM_MSG_NEWSA:
	case XFRM_MSG_UPDSA:
		hdr = sizeof(info);
		break;
	case XFRM_MSG_EXPIRE: /* the state, then the hard flag */
		hdr = sizeof(struct xfrm_user_expire);
		break;
	case XFRM_MSG_DELSA: /* the id; the state travels in XFRMA_SA */
		hdr = sizeof(struct xfrm_usersa_id);
		break;
	default:
		return -EBADMSG;
	}
	if (nlh->nlmsg_len < NLMSG_LENGTH(hdr))
		return -EBADMSG;
	if (nlmsg_parse((struct nlmsghdr *)nlh, (int)hdr, tb, SA_ATTR_MAX,
			NULL) < 0)
		return -EBADMSG;
	if (nlh->nlmsg_type == XFRM_MSG_DELSA) {
		const void *p = attr(tb, XFRMA_SA, sizeof(info), NULL);

		if (!p)
			return -EBADMSG;
		memcpy(&info, p, sizeof(info));
	} else {
		memcpy(&info, NLMSG_DATA(nlh), sizeof(info));
	}
	if (!xfrmif__addr_len(info.family))
		return -EBADMSG;
	parse_info(&info, out);
	r = parse_attrs(tb, out, keys);
	if (r < 0) {
		xfrmif__sa_reset(out);
		return r;
	}
	return 0;
}
