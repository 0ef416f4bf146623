/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The inside of an xfrmif_sa, shared by the sa*.c files and white-box tests. */
#ifndef LIBXFRMIF_SA_PRIV_H
#define LIBXFRMIF_SA_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/xfrm.h>

#include <libxfrmif/sa.h>

#include "addr.h"

/* One algorithm: the kernel's name, the key (bytes) and ICV/truncation. */
struct xfrmif__alg {
	char name[64];          /* NUL-terminated; the kernel's alg_name size */
	uint32_t key_len;       /* bytes */
	uint32_t len_bits;      /* AEAD ICV or auth truncation; 0 for others */
	bool has_key;           /* false when a listing hid the key */
	uint8_t key[XFRMIF_SA_KEY_MAX];
};

/* Bits of xfrmif_sa.set: which fields the caller (or the kernel) gave. */
enum {
	SA_F_SRC = 1u << 0,
	SA_F_DST = 1u << 1,
	SA_F_PROTO = 1u << 2,
	SA_F_SPI = 1u << 3,
	SA_F_IF_ID = 1u << 4,
	SA_F_MARK = 1u << 5,
	SA_F_OMARK = 1u << 6,
	SA_F_AEAD = 1u << 7,
	SA_F_ENC = 1u << 8,
	SA_F_AUTH = 1u << 9,
	SA_F_COMP = 1u << 10,
	SA_F_REPLAY_SEQ = 1u << 11,
	SA_F_ENCAP = 1u << 12,
	SA_F_SEL_SRC = 1u << 13,
	SA_F_SEL_DST = 1u << 14,
	SA_F_SEL_PROTO = 1u << 15,
	SA_F_SEL_SPORT = 1u << 16,
	SA_F_SEL_DPORT = 1u << 17,
	SA_F_TFCPAD = 1u << 18,
	SA_F_DIR = 1u << 19,
	SA_F_KERNEL = 1u << 20, /* read from the kernel: counters are valid */
	SA_F_XFLAGS = 1u << 21,
};

#define XFRMIF__SA_NLIMITS 8

struct xfrmif_sa {
	uint32_t set;
	struct xfrmif__argerr argerr;
	int src_family, dst_family;
	xfrm_address_t src, dst;
	uint8_t proto, mode, dir;
	uint32_t spi, reqid, if_id; /* spi in host order */
	struct xfrm_mark mark, omark;
	struct xfrmif__alg aead, enc, auth;
	char comp[64];
	uint32_t replay_window;
	uint64_t oseq, seq;
	uint16_t encap_type, encap_sport, encap_dport; /* host order */
	int encap_oa_family;
	xfrm_address_t encap_oa;
	uint64_t limits[XFRMIF__SA_NLIMITS];
	struct xfrm_selector sel;
	uint32_t flags, xflags, tfcpad;
	struct xfrm_lifetime_cur cur;
	struct xfrm_stats stats;
};

/* Puts an object into its freshly allocated state, wiping keys first. */
void xfrmif__sa_reset(xfrmif_sa *sa);

/* Wipes the key bytes of all three algorithms (objects, listings). */
void xfrmif__sa_wipe_keys(xfrmif_sa *sa);

/* Algorithm kinds, as in xfrmif_sa_alg_check(). */
enum { XFRMIF__ALG_AEAD = 0, XFRMIF__ALG_ENC = 1, XFRMIF__ALG_AUTH = 2,
       XFRMIF__ALG_COMP = 3 };

/* Checks one algorithm against the table (sa_alg.c); on a wrong length
 * writes the reason into why and returns -EINVAL; 1 known, 0 unknown. */
int xfrmif__alg_check(int kind, const char *name, size_t key_len,
		      uint32_t len_bits, char *why, size_t why_size);

/* The truncation length the kernel uses when none is given (0: unknown). */
uint32_t xfrmif__alg_default_trunc(const char *name);

/* A kernel without XFRMA_SA_DIR would ignore the attribute and install an
 * SA without a direction: refuses (-EOPNOTSUPP) when sa has a dir and the
 * kernel does not know it. */
int xfrmif__sa_check_dir(xfrmif_ctx *ctx, const xfrmif_sa *sa,
			 const char *what);

#endif
