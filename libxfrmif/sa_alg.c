/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The algorithms the library knows, by the kernel's names, with the key
 * lengths and ICV/truncation lengths the kernel accepts for them. Names not
 * in the table are passed through: the kernel answers ENOSYS if it lacks
 * them. Facts from the kernel's xfrm_algo.c and the ESP RFCs.
 */
#include <stdio.h>
#include <string.h>

#include "sa_priv.h"

#define ANY_KEY 0xffffu /* a key of any length (HMACs) */

struct alg_info {
	const char *name;
	int kind;
	/* Allowed key lengths in bits, 0-terminated; ANY_KEY for any. */
	uint16_t key_bits[4];
	/* AEAD: allowed ICV lengths (bits), 0-terminated.
	 * Auth: the truncation range and the kernel's default. */
	uint16_t icv_bits[4];
	uint16_t trunc_min, trunc_max, trunc_default;
};

static const struct alg_info algs[] = {
	/* AEAD keys carry a salt: 4 bytes for GCM/ChaCha, 3 for CCM. */
	{ "rfc4106(gcm(aes))", XFRMIF__ALG_AEAD, { 160, 224, 288 }, { 64, 96, 128 }, 0, 0, 0 },
	{ "rfc4309(ccm(aes))", XFRMIF__ALG_AEAD, { 152, 216, 280 }, { 64, 96, 128 }, 0, 0, 0 },
	{ "rfc4543(gcm(aes))", XFRMIF__ALG_AEAD, { 160, 224, 288 }, { 128 }, 0, 0, 0 },
	{ "rfc7539esp(chacha20,poly1305)", XFRMIF__ALG_AEAD, { 288 }, { 128 }, 0, 0, 0 },
	{ "cbc(aes)", XFRMIF__ALG_ENC, { 128, 192, 256 }, { 0 }, 0, 0, 0 },
	{ "rfc3686(ctr(aes))", XFRMIF__ALG_ENC, { 160, 224, 288 }, { 0 }, 0, 0, 0 },
	{ "cbc(des3_ede)", XFRMIF__ALG_ENC, { 192 }, { 0 }, 0, 0, 0 },
	{ "cbc(des)", XFRMIF__ALG_ENC, { 64 }, { 0 }, 0, 0, 0 },
	{ "cbc(camellia)", XFRMIF__ALG_ENC, { 128, 192, 256 }, { 0 }, 0, 0, 0 },
	{ "cbc(twofish)", XFRMIF__ALG_ENC, { 128, 192, 256 }, { 0 }, 0, 0, 0 },
	{ "cbc(serpent)", XFRMIF__ALG_ENC, { 128, 192, 256 }, { 0 }, 0, 0, 0 },
	{ "ecb(cipher_null)", XFRMIF__ALG_ENC, { 0xfffe }, { 0 }, 0, 0, 0 },
	{ "hmac(md5)", XFRMIF__ALG_AUTH, { ANY_KEY }, { 0 }, 96, 128, 96 },
	{ "hmac(sha1)", XFRMIF__ALG_AUTH, { ANY_KEY }, { 0 }, 96, 160, 96 },
	{ "hmac(sha256)", XFRMIF__ALG_AUTH, { ANY_KEY }, { 0 }, 96, 256, 96 },
	{ "hmac(sha384)", XFRMIF__ALG_AUTH, { ANY_KEY }, { 0 }, 192, 384, 192 },
	{ "hmac(sha512)", XFRMIF__ALG_AUTH, { ANY_KEY }, { 0 }, 256, 512, 256 },
	{ "hmac(rmd160)", XFRMIF__ALG_AUTH, { ANY_KEY }, { 0 }, 96, 160, 96 },
	{ "xcbc(aes)", XFRMIF__ALG_AUTH, { 128 }, { 0 }, 96, 128, 96 },
	{ "cmac(aes)", XFRMIF__ALG_AUTH, { 128 }, { 0 }, 96, 128, 96 },
	{ "digest_null", XFRMIF__ALG_AUTH, { 0xfffe }, { 0 }, 0, 0, 0 },
	{ "deflate", XFRMIF__ALG_COMP, { 0xfffe }, { 0 }, 0, 0, 0 },
	{ "lzs", XFRMIF__ALG_COMP, { 0xfffe }, { 0 }, 0, 0, 0 },
	{ "lzjh", XFRMIF__ALG_COMP, { 0xfffe }, { 0 }, 0, 0, 0 },
};

/* 0xfffe in key_bits: a key-less algorithm (only length 0 fits). */
static bool key_fits(const struct alg_info *a, size_t bits)
{
	if (a->key_bits[0] == ANY_KEY)
		return true;
	if (a->key_bits[0] == 0xfffe)
		return bits == 0;
	for (int i = 0; i < 4 && a->key_bits[i]; i++)
		if (a->key_bits[i] == bits)
			return true;
	return false;
}

static void list_bits(const uint16_t *v, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; i < 4 && v[i] && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%u", i ? "/" : "",
				      v[i]);
}

static const struct alg_info *find(int kind, const char *name)
{
	for (size_t i = 0; i < XFRMIF_ARRAY_SIZE(algs); i++)
		if (algs[i].kind == kind && !strcmp(algs[i].name, name))
			return &algs[i];
	return NULL;
}

int xfrmif__alg_check(int kind, const char *name, size_t key_len,
		      uint32_t len_bits, char *why, size_t why_size)
{
	const struct alg_info *a = find(kind, name);
	char list[32];

	if (!a) {
		/* Unknown to us: only what the kernel's structures force. */
		if (kind == XFRMIF__ALG_AEAD && len_bits % 8) {
			snprintf(why, why_size, "ICV length %u is not a whole "
				 "number of bytes", len_bits);
			return -EINVAL;
		}
		if (kind == XFRMIF__ALG_AUTH && len_bits % 8) {
			snprintf(why, why_size, "truncation length %u is not a "
				 "whole number of bytes", len_bits);
			return -EINVAL;
		}
		return 0;
	}
	if (!key_fits(a, key_len * 8)) {
		if (a->key_bits[0] == 0xfffe)
			snprintf(why, why_size, "%s takes no key (got %zu bits)",
				 name, key_len * 8);
		else {
			list_bits(a->key_bits, list, sizeof(list));
			snprintf(why, why_size, "%s needs a key of %s bits (got "
				 "%zu)", name, list, key_len * 8);
		}
		return -EINVAL;
	}
	if (kind == XFRMIF__ALG_AEAD) {
		for (int i = 0; i < 4 && a->icv_bits[i]; i++)
			if (a->icv_bits[i] == len_bits)
				return 1;
		list_bits(a->icv_bits, list, sizeof(list));
		snprintf(why, why_size, "%s allows ICV lengths of %s bits (got "
			 "%u)", name, list, len_bits);
		return -EINVAL;
	}
	if (kind == XFRMIF__ALG_AUTH && len_bits &&
	    (len_bits < a->trunc_min || len_bits > a->trunc_max ||
	     len_bits % 8)) {
		snprintf(why, why_size, "%s allows truncation to %u..%u bits in "
			 "whole bytes (got %u)", name, a->trunc_min,
			 a->trunc_max, len_bits);
		return -EINVAL;
	}
	return 1;
}

uint32_t xfrmif__alg_default_trunc(const char *name)
{
	const struct alg_info *a = find(XFRMIF__ALG_AUTH, name);

	return a ? a->trunc_default : 0;
}

XFRMIF_EXPORT int xfrmif_sa_alg_check(int kind, const char *name,
				      size_t key_len, uint32_t len_bits)
{
	char why[128];

	if (!name || kind < XFRMIF__ALG_AEAD || kind > XFRMIF__ALG_COMP)
		return -EINVAL;
	return xfrmif__alg_check(kind, name, key_len, len_bits, why, sizeof(why));
}
