/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The xfrmif_sa object: lifecycle, setters and getters. Building messages,
 * parsing them and talking to the kernel live in sa_build.c, sa_parse.c and
 * sa_ops.c.
 */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "sa_priv.h"

void xfrmif__sa_wipe_keys(xfrmif_sa *sa)
{
	explicit_bzero(sa->aead.key, sizeof(sa->aead.key));
	explicit_bzero(sa->enc.key, sizeof(sa->enc.key));
	explicit_bzero(sa->auth.key, sizeof(sa->auth.key));
	sa->aead.has_key = sa->enc.has_key = sa->auth.has_key = false;
}

void xfrmif__sa_reset(xfrmif_sa *sa)
{
	explicit_bzero(sa, sizeof(*sa));
	sa->mode = XFRMIF_SA_MODE_TRANSPORT;
	for (int i = 0; i < 4; i++)
		sa->limits[i] = UINT64_MAX; /* bytes and packets: infinite */
}

XFRMIF_EXPORT int xfrmif_sa_new(xfrmif_sa **ret)
{
	xfrmif_sa *sa;

	if (!ret)
		return -EINVAL;
	*ret = NULL;
	sa = malloc(sizeof(*sa));
	if (!sa)
		return -ENOMEM;
	xfrmif__sa_reset(sa);
	*ret = sa;
	return 0;
}

XFRMIF_EXPORT void xfrmif_sa_free(xfrmif_sa *sa)
{
	if (!sa)
		return;
	explicit_bzero(sa, sizeof(*sa)); /* keys, and everything else */
	free(sa);
}

XFRMIF_EXPORT int xfrmif_sa_dup(xfrmif_sa **ret, const xfrmif_sa *src)
{
	int r;

	if (!ret || !src)
		return -EINVAL;
	r = xfrmif_sa_new(ret);
	if (r < 0)
		return r;
	memcpy(*ret, src, sizeof(*src));
	return 0;
}

/* ---- addresses ---- */

static int set_addr(xfrmif_sa *sa, uint32_t bit, const char *field,
		    int family, const void *addr, int *fam, xfrm_address_t *dst)
{
	if (!sa)
		return -EINVAL;
	if (!xfrmif__addr_len(family))
		return xfrmif__argerr_set(&sa->argerr, "%s: family %d is neither "
					  "AF_INET nor AF_INET6", field, family);
	if (!addr)
		return xfrmif__argerr_set(&sa->argerr, "%s: address must not be "
					  "NULL", field);
	*fam = family;
	xfrmif__addr_from(dst, family, addr);
	return XFRMIF__ACCEPT(sa, set, bit, field);
}

static int get_addr(const xfrmif_sa *sa, uint32_t bit, int fam,
		    const xfrm_address_t *src, int *family, void *addr)
{
	if (!sa || !family || !addr)
		return -EINVAL;
	if (!(sa->set & bit))
		return -ENODATA;
	*family = fam;
	memset(addr, 0, 16);
	xfrmif__addr_to(addr, fam, src);
	return 0;
}

XFRMIF_EXPORT int xfrmif_sa_set_src(xfrmif_sa *sa, int family, const void *addr)
{
	return set_addr(sa, SA_F_SRC, "src", family, addr,
			sa ? &sa->src_family : NULL, sa ? &sa->src : NULL);
}

XFRMIF_EXPORT int xfrmif_sa_get_src(const xfrmif_sa *sa, int *family, void *addr)
{
	return sa ? get_addr(sa, SA_F_SRC, sa->src_family, &sa->src, family, addr)
		  : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_sa_set_dst(xfrmif_sa *sa, int family, const void *addr)
{
	return set_addr(sa, SA_F_DST, "dst", family, addr,
			sa ? &sa->dst_family : NULL, sa ? &sa->dst : NULL);
}

XFRMIF_EXPORT int xfrmif_sa_get_dst(const xfrmif_sa *sa, int *family, void *addr)
{
	return sa ? get_addr(sa, SA_F_DST, sa->dst_family, &sa->dst, family, addr)
		  : -EINVAL;
}

/* ---- plain numbers ---- */

/* A getter of one field guarded by an is-set bit (0 = always set). */
#define SA_GETTER(fn, type, bit, expr)                                         \
	XFRMIF_EXPORT int xfrmif_sa_get_##fn(const xfrmif_sa *sa, type *out)   \
	{                                                                      \
		return XFRMIF__GET(sa, set, bit, expr, out);                   \
	}

XFRMIF_EXPORT int xfrmif_sa_set_proto(xfrmif_sa *sa, uint8_t proto)
{
	if (!sa)
		return -EINVAL;
	if (proto != IPPROTO_ESP && proto != IPPROTO_AH && proto != IPPROTO_COMP)
		return xfrmif__argerr_set(&sa->argerr, "proto: %u is not esp "
					  "(50), ah (51) or comp (108)", proto);
	sa->proto = proto;
	return XFRMIF__ACCEPT(sa, set, SA_F_PROTO, "proto");
}
SA_GETTER(proto, uint8_t, SA_F_PROTO, sa->proto)

XFRMIF_EXPORT int xfrmif_sa_set_spi(xfrmif_sa *sa, uint32_t spi)
{
	if (!sa)
		return -EINVAL;
	sa->spi = spi;
	sa->set |= SA_F_SPI;
	return 0;
}
SA_GETTER(spi, uint32_t, SA_F_SPI, sa->spi)

XFRMIF_EXPORT int xfrmif_sa_set_reqid(xfrmif_sa *sa, uint32_t reqid)
{
	if (!sa)
		return -EINVAL;
	sa->reqid = reqid;
	return 0;
}
SA_GETTER(reqid, uint32_t, 0, sa->reqid)

XFRMIF_EXPORT int xfrmif_sa_set_mode(xfrmif_sa *sa, uint8_t mode)
{
	if (!sa)
		return -EINVAL;
	if (mode != XFRMIF_SA_MODE_TRANSPORT && mode != XFRMIF_SA_MODE_TUNNEL &&
	    mode != XFRMIF_SA_MODE_BEET)
		return xfrmif__argerr_set(&sa->argerr, "mode: %u is not "
					  "transport (0), tunnel (1) or beet "
					  "(4)", mode);
	sa->mode = mode;
	return XFRMIF__ACCEPT(sa, set, 0, "mode");
}
SA_GETTER(mode, uint8_t, 0, sa->mode)

XFRMIF_EXPORT int xfrmif_sa_set_if_id(xfrmif_sa *sa, uint32_t if_id)
{
	if (!sa)
		return -EINVAL;
	if (!if_id)
		return xfrmif__argerr_set(&sa->argerr, "if_id: 0 is not a valid "
					  "interface id");
	sa->if_id = if_id;
	return XFRMIF__ACCEPT(sa, set, SA_F_IF_ID, "if_id");
}
SA_GETTER(if_id, uint32_t, SA_F_IF_ID, sa->if_id)

static int set_mark(xfrmif_sa *sa, struct xfrm_mark *m, uint32_t bit,
		    const char *field, uint32_t value, uint32_t mask)
{
	if (value & ~mask)
		return xfrmif__argerr_set(&sa->argerr, "%s: value 0x%x has bits "
					  "outside the mask 0x%x", field, value,
					  mask);
	m->v = value;
	m->m = mask;
	return XFRMIF__ACCEPT(sa, set, bit, field);
}

static int get_mark(const xfrmif_sa *sa, const struct xfrm_mark *m,
		    uint32_t bit, uint32_t *value, uint32_t *mask)
{
	if (!(sa->set & bit))
		return -ENODATA;
	if (value)
		*value = m->v;
	if (mask)
		*mask = m->m;
	return 0;
}

XFRMIF_EXPORT int xfrmif_sa_set_mark(xfrmif_sa *sa, uint32_t value, uint32_t mask)
{
	return sa ? set_mark(sa, &sa->mark, SA_F_MARK, "mark", value, mask)
		  : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_sa_get_mark(const xfrmif_sa *sa, uint32_t *value,
				     uint32_t *mask)
{
	return sa ? get_mark(sa, &sa->mark, SA_F_MARK, value, mask) : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_sa_set_output_mark(xfrmif_sa *sa, uint32_t value,
					    uint32_t mask)
{
	return sa ? set_mark(sa, &sa->omark, SA_F_OMARK, "output-mark", value,
			     mask)
		  : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_sa_get_output_mark(const xfrmif_sa *sa,
					    uint32_t *value, uint32_t *mask)
{
	return sa ? get_mark(sa, &sa->omark, SA_F_OMARK, value, mask) : -EINVAL;
}

/* ---- algorithms ---- */

static const char *alg_field[] = { "aead", "enc", "auth", "comp" };

/* Stores one algorithm after checking it; the old key is wiped first. */
static int set_alg(xfrmif_sa *sa, int kind, struct xfrmif__alg *a, uint32_t bit,
		   const char *name, const void *key, size_t key_len,
		   uint32_t len_bits)
{
	const char *field = alg_field[kind];
	char why[128];

	if (!sa)
		return -EINVAL;
	if (!name || !*name)
		return xfrmif__argerr_set(&sa->argerr, "%s: the algorithm name "
					  "must not be empty", field);
	if (strlen(name) >= sizeof(a->name))
		return xfrmif__argerr_set(&sa->argerr, "%s: algorithm name longer "
					  "than %zu characters", field,
					  sizeof(a->name) - 1);
	if (key_len > XFRMIF_SA_KEY_MAX)
		return xfrmif__argerr_set(&sa->argerr, "%s: a %zu-byte key is "
					  "longer than %d bytes", field, key_len,
					  XFRMIF_SA_KEY_MAX);
	if (key_len && !key)
		return xfrmif__argerr_set(&sa->argerr, "%s: key must not be NULL",
					  field);
	if (xfrmif__alg_check(kind, name, key_len, len_bits, why,
			      sizeof(why)) < 0)
		return xfrmif__argerr_set(&sa->argerr, "%s: %s", field, why);
	explicit_bzero(a, sizeof(*a));
	memcpy(a->name, name, strlen(name));
	if (key_len)
		memcpy(a->key, key, key_len);
	a->key_len = (uint32_t)key_len;
	a->len_bits = len_bits;
	a->has_key = true;
	return XFRMIF__ACCEPT(sa, set, bit, field);
}

static int get_alg(const xfrmif_sa *sa, const struct xfrmif__alg *a,
		   uint32_t bit, const char **name, const uint8_t **key,
		   size_t *key_len, uint32_t *len_bits)
{
	if (!sa)
		return -EINVAL;
	if (!(sa->set & bit))
		return -ENODATA;
	if (name)
		*name = a->name;
	if (key)
		*key = a->has_key ? a->key : NULL;
	if (key_len)
		*key_len = a->key_len;
	if (len_bits)
		*len_bits = a->len_bits;
	return 0;
}

XFRMIF_EXPORT int xfrmif_sa_set_aead(xfrmif_sa *sa, const char *name,
				     const void *key, size_t key_len,
				     uint32_t icv_bits)
{
	return set_alg(sa, XFRMIF__ALG_AEAD, sa ? &sa->aead : NULL, SA_F_AEAD,
		       name, key, key_len, icv_bits);
}

XFRMIF_EXPORT int xfrmif_sa_get_aead(const xfrmif_sa *sa, const char **name,
				     const uint8_t **key, size_t *key_len,
				     uint32_t *icv_bits)
{
	return get_alg(sa, sa ? &sa->aead : NULL, SA_F_AEAD, name, key, key_len,
		       icv_bits);
}

XFRMIF_EXPORT int xfrmif_sa_set_enc(xfrmif_sa *sa, const char *name,
				    const void *key, size_t key_len)
{
	return set_alg(sa, XFRMIF__ALG_ENC, sa ? &sa->enc : NULL, SA_F_ENC, name,
		       key, key_len, 0);
}

XFRMIF_EXPORT int xfrmif_sa_get_enc(const xfrmif_sa *sa, const char **name,
				    const uint8_t **key, size_t *key_len)
{
	return get_alg(sa, sa ? &sa->enc : NULL, SA_F_ENC, name, key, key_len,
		       NULL);
}

XFRMIF_EXPORT int xfrmif_sa_set_auth(xfrmif_sa *sa, const char *name,
				     const void *key, size_t key_len,
				     uint32_t trunc_bits)
{
	int r;

	r = set_alg(sa, XFRMIF__ALG_AUTH, sa ? &sa->auth : NULL, SA_F_AUTH, name,
		    key, key_len, trunc_bits);
	if (r == 0 && !trunc_bits)
		sa->auth.len_bits = xfrmif__alg_default_trunc(name);
	return r;
}

XFRMIF_EXPORT int xfrmif_sa_get_auth(const xfrmif_sa *sa, const char **name,
				     const uint8_t **key, size_t *key_len,
				     uint32_t *trunc_bits)
{
	return get_alg(sa, sa ? &sa->auth : NULL, SA_F_AUTH, name, key, key_len,
		       trunc_bits);
}

XFRMIF_EXPORT int xfrmif_sa_set_comp(xfrmif_sa *sa, const char *name)
{
	char why[128];

	if (!sa)
		return -EINVAL;
	if (!name || !*name || strlen(name) >= sizeof(sa->comp))
		return xfrmif__argerr_set(&sa->argerr, "comp: the algorithm name "
					  "must be 1 to %zu characters",
					  sizeof(sa->comp) - 1);
	if (xfrmif__alg_check(XFRMIF__ALG_COMP, name, 0, 0, why, sizeof(why)) < 0)
		return xfrmif__argerr_set(&sa->argerr, "comp: %s", why);
	memset(sa->comp, 0, sizeof(sa->comp));
	memcpy(sa->comp, name, strlen(name));
	return XFRMIF__ACCEPT(sa, set, SA_F_COMP, "comp");
}
SA_GETTER(comp, const char *, SA_F_COMP, sa->comp)

/* ---- replay ---- */

XFRMIF_EXPORT int xfrmif_sa_set_replay_window(xfrmif_sa *sa, uint32_t window)
{
	if (!sa)
		return -EINVAL;
	/* The kernel's bitmap holds at most XFRMA_REPLAY_ESN_MAX bits. */
	if (window > XFRMA_REPLAY_ESN_MAX)
		return xfrmif__argerr_set(&sa->argerr, "replay-window: %u is "
					  "above the kernel's limit of %d "
					  "packets", window,
					  XFRMA_REPLAY_ESN_MAX);
	sa->replay_window = window;
	return XFRMIF__ACCEPT(sa, set, 0, "replay-window");
}
SA_GETTER(replay_window, uint32_t, 0, sa->replay_window)

XFRMIF_EXPORT int xfrmif_sa_set_replay_seq(xfrmif_sa *sa, uint64_t oseq,
					   uint64_t seq)
{
	if (!sa)
		return -EINVAL;
	sa->oseq = oseq;
	sa->seq = seq;
	sa->set |= SA_F_REPLAY_SEQ;
	return 0;
}

XFRMIF_EXPORT int xfrmif_sa_get_replay_seq(const xfrmif_sa *sa, uint64_t *oseq,
					   uint64_t *seq)
{
	if (!sa)
		return -EINVAL;
	if (!(sa->set & SA_F_REPLAY_SEQ))
		return -ENODATA;
	if (oseq)
		*oseq = sa->oseq;
	if (seq)
		*seq = sa->seq;
	return 0;
}

/* ---- encapsulation ---- */

XFRMIF_EXPORT int xfrmif_sa_set_encap(xfrmif_sa *sa, uint16_t type,
				      uint16_t sport, uint16_t dport,
				      int oa_family, const void *oa)
{
	if (!sa)
		return -EINVAL;
	if (type != XFRMIF_SA_ENCAP_ESPINUDP &&
	    type != XFRMIF_SA_ENCAP_ESPINUDP_NONIKE &&
	    type != XFRMIF_SA_ENCAP_ESPINTCP)
		return xfrmif__argerr_set(&sa->argerr, "encap: type %u is not "
					  "espinudp (2), espinudp-nonike (1) or "
					  "espintcp (7)", type);
	if (oa_family && (!xfrmif__addr_len(oa_family) || !oa))
		return xfrmif__argerr_set(&sa->argerr, "encap: the original "
					  "address needs AF_INET or AF_INET6 "
					  "and a non-NULL pointer");
	sa->encap_type = type;
	sa->encap_sport = sport;
	sa->encap_dport = dport;
	sa->encap_oa_family = oa_family;
	memset(&sa->encap_oa, 0, sizeof(sa->encap_oa));
	if (oa_family)
		xfrmif__addr_from(&sa->encap_oa, oa_family, oa);
	return XFRMIF__ACCEPT(sa, set, SA_F_ENCAP, "encap");
}

XFRMIF_EXPORT int xfrmif_sa_get_encap(const xfrmif_sa *sa, uint16_t *type,
				      uint16_t *sport, uint16_t *dport,
				      int *oa_family, void *oa)
{
	if (!sa)
		return -EINVAL;
	if (!(sa->set & SA_F_ENCAP))
		return -ENODATA;
	if (type)
		*type = sa->encap_type;
	if (sport)
		*sport = sa->encap_sport;
	if (dport)
		*dport = sa->encap_dport;
	if (oa_family)
		*oa_family = sa->encap_oa_family;
	if (oa) {
		memset(oa, 0, 16);
		xfrmif__addr_to(oa, sa->encap_oa_family, &sa->encap_oa);
	}
	return 0;
}

/* ---- lifetimes ---- */

XFRMIF_EXPORT int xfrmif_sa_set_limit(xfrmif_sa *sa, int which, uint64_t value)
{
	if (!sa)
		return -EINVAL;
	if (which < 0 || which >= XFRMIF__SA_NLIMITS)
		return xfrmif__argerr_set(&sa->argerr, "limit: unknown limit %d",
					  which);
	sa->limits[which] = value;
	/* As with every setter, a value set properly drops the field's
	 * earlier complaint (the complaint names the field, not the index). */
	return XFRMIF__ACCEPT(sa, set, 0, "limit");
}

XFRMIF_EXPORT int xfrmif_sa_get_limit(const xfrmif_sa *sa, int which,
				      uint64_t *value)
{
	if (!sa || !value || which < 0 || which >= XFRMIF__SA_NLIMITS)
		return -EINVAL;
	*value = sa->limits[which];
	return 0;
}

/* ---- selector ---- */

static int set_sel_addr(xfrmif_sa *sa, bool src, int family, const void *addr,
			uint8_t prefixlen)
{
	const char *field = src ? "sel-src" : "sel-dst";
	struct xfrm_selector tmp;
	int r;

	if (!sa)
		return -EINVAL;
	tmp = sa->sel;
	/* A family change is allowed while the other side is unset. */
	if (!(sa->set & (src ? SA_F_SEL_DST : SA_F_SEL_SRC)))
		tmp.family = 0;
	r = xfrmif__sel_set_addr(&tmp, src, family, addr, prefixlen,
				 &sa->argerr, field);
	if (r < 0)
		return r;
	sa->sel = tmp;
	return XFRMIF__ACCEPT(sa, set, src ? SA_F_SEL_SRC : SA_F_SEL_DST,
			      field);
}

static int get_sel_addr(const xfrmif_sa *sa, bool src, int *family, void *addr,
			uint8_t *prefixlen)
{
	if (!sa || !family || !addr)
		return -EINVAL;
	if (!(sa->set & (src ? SA_F_SEL_SRC : SA_F_SEL_DST)))
		return -ENODATA;
	*family = sa->sel.family ? sa->sel.family : sa->src_family;
	memset(addr, 0, 16);
	xfrmif__addr_to(addr, *family, src ? &sa->sel.saddr : &sa->sel.daddr);
	if (prefixlen)
		*prefixlen = src ? sa->sel.prefixlen_s : sa->sel.prefixlen_d;
	return 0;
}

XFRMIF_EXPORT int xfrmif_sa_set_sel_src(xfrmif_sa *sa, int family,
					const void *addr, uint8_t prefixlen)
{
	return set_sel_addr(sa, true, family, addr, prefixlen);
}

XFRMIF_EXPORT int xfrmif_sa_get_sel_src(const xfrmif_sa *sa, int *family,
					void *addr, uint8_t *prefixlen)
{
	return get_sel_addr(sa, true, family, addr, prefixlen);
}

XFRMIF_EXPORT int xfrmif_sa_set_sel_dst(xfrmif_sa *sa, int family,
					const void *addr, uint8_t prefixlen)
{
	return set_sel_addr(sa, false, family, addr, prefixlen);
}

XFRMIF_EXPORT int xfrmif_sa_get_sel_dst(const xfrmif_sa *sa, int *family,
					void *addr, uint8_t *prefixlen)
{
	return get_sel_addr(sa, false, family, addr, prefixlen);
}

XFRMIF_EXPORT int xfrmif_sa_set_sel_proto(xfrmif_sa *sa, uint8_t proto)
{
	if (!sa)
		return -EINVAL;
	xfrmif__sel_set_proto(&sa->sel, proto);
	sa->set |= SA_F_SEL_PROTO;
	return 0;
}
SA_GETTER(sel_proto, uint8_t, SA_F_SEL_PROTO, sa->sel.proto)

XFRMIF_EXPORT int xfrmif_sa_set_sel_sport(xfrmif_sa *sa, uint16_t port)
{
	if (!sa)
		return -EINVAL;
	xfrmif__sel_set_port(&sa->sel, true, port);
	sa->set |= SA_F_SEL_SPORT;
	return 0;
}
SA_GETTER(sel_sport, uint16_t, SA_F_SEL_SPORT, ntohs(sa->sel.sport))

XFRMIF_EXPORT int xfrmif_sa_set_sel_dport(xfrmif_sa *sa, uint16_t port)
{
	if (!sa)
		return -EINVAL;
	xfrmif__sel_set_port(&sa->sel, false, port);
	sa->set |= SA_F_SEL_DPORT;
	return 0;
}
SA_GETTER(sel_dport, uint16_t, SA_F_SEL_DPORT, ntohs(sa->sel.dport))

/* ---- flags and the rest ---- */

#define SA_ALL_FLAGS 0xffu
#define SA_ALL_XFLAGS 0x3u

XFRMIF_EXPORT int xfrmif_sa_set_flags(xfrmif_sa *sa, uint32_t flags)
{
	if (!sa)
		return -EINVAL;
	if (flags & ~SA_ALL_FLAGS)
		return xfrmif__argerr_set(&sa->argerr, "flags: unknown bits "
					  "0x%x", flags & ~SA_ALL_FLAGS);
	sa->flags = flags;
	return XFRMIF__ACCEPT(sa, set, 0, "flags");
}
SA_GETTER(flags, uint32_t, 0, sa->flags)

XFRMIF_EXPORT int xfrmif_sa_set_xflags(xfrmif_sa *sa, uint32_t xflags)
{
	if (!sa)
		return -EINVAL;
	if (xflags & ~SA_ALL_XFLAGS)
		return xfrmif__argerr_set(&sa->argerr, "extra-flags: unknown bits "
					  "0x%x", xflags & ~SA_ALL_XFLAGS);
	sa->xflags = xflags;
	return XFRMIF__ACCEPT(sa, set, SA_F_XFLAGS, "extra-flags");
}
SA_GETTER(xflags, uint32_t, 0, sa->xflags)

XFRMIF_EXPORT int xfrmif_sa_set_tfcpad(xfrmif_sa *sa, uint32_t pad)
{
	if (!sa)
		return -EINVAL;
	sa->tfcpad = pad;
	sa->set |= SA_F_TFCPAD;
	return 0;
}
SA_GETTER(tfcpad, uint32_t, SA_F_TFCPAD, sa->tfcpad)

XFRMIF_EXPORT int xfrmif_sa_set_dir(xfrmif_sa *sa, uint8_t dir)
{
	if (!sa)
		return -EINVAL;
	if (dir != XFRMIF_SA_DIR_IN && dir != XFRMIF_SA_DIR_OUT)
		return xfrmif__argerr_set(&sa->argerr, "dir: %u is neither in (1) "
					  "nor out (2)", dir);
	sa->dir = dir;
	return XFRMIF__ACCEPT(sa, set, SA_F_DIR, "dir");
}
SA_GETTER(dir, uint8_t, SA_F_DIR, sa->dir)

XFRMIF_EXPORT int xfrmif_sa_get_counter(const xfrmif_sa *sa, int which,
					uint64_t *value)
{
	if (!sa || !value)
		return -EINVAL;
	if (!(sa->set & SA_F_KERNEL))
		return -ENODATA;
	switch (which) {
	case XFRMIF_SA_CUR_BYTES: *value = sa->cur.bytes; break;
	case XFRMIF_SA_CUR_PACKETS: *value = sa->cur.packets; break;
	case XFRMIF_SA_CUR_ADD_TIME: *value = sa->cur.add_time; break;
	case XFRMIF_SA_CUR_USE_TIME: *value = sa->cur.use_time; break;
	case XFRMIF_SA_STATS_REPLAY_WINDOW: *value = sa->stats.replay_window; break;
	case XFRMIF_SA_STATS_REPLAY: *value = sa->stats.replay; break;
	case XFRMIF_SA_STATS_INTEGRITY: *value = sa->stats.integrity_failed; break;
	default: return -EINVAL;
	}
	return 0;
}
