/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrmif: security associations (XFRM states).
 *
 * An xfrmif_sa describes one SA: addresses, protocol, SPI, mode, the if_id
 * or mark that ties it to an xfrm interface, algorithms and keys, replay
 * protection, NAT-T encapsulation, lifetimes, selector and flags. Fill one
 * with the setters and install it with xfrmif_sa_add(); read SAs back with
 * xfrmif_sa_get() or xfrmif_sa_list().
 *
 * Keys are secrets: the library copies them into the object and wipes every
 * copy (objects on free and on re-key, request messages, the receive buffer
 * after GET and dump answers). Listing hides keys unless the filter asks.
 *
 * Setters validate their argument and return 0 or -EINVAL; the complaint is
 * kept in the object and reported (naming the field) by the call that later
 * submits the object, which then sends nothing. Getters return -ENODATA for
 * fields that were never set unless a default is documented.
 *
 * Threading: a context and the objects used with it belong to one thread at
 * a time.
 */
#ifndef LIBXFRMIF_SA_H
#define LIBXFRMIF_SA_H

#include <libxfrmif/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xfrmif_sa xfrmif_sa;

/* Modes: the kernel's XFRM_MODE_* numbers. */
enum xfrmif_sa_mode {
	XFRMIF_SA_MODE_TRANSPORT = 0,
	XFRMIF_SA_MODE_TUNNEL = 1,
	XFRMIF_SA_MODE_BEET = 4,
};

/* SA flags: the kernel's XFRM_STATE_* bits. */
enum xfrmif_sa_flag {
	XFRMIF_SA_FLAG_NOECN = 1u << 0,
	XFRMIF_SA_FLAG_DECAP_DSCP = 1u << 1,
	XFRMIF_SA_FLAG_NOPMTUDISC = 1u << 2,
	XFRMIF_SA_FLAG_WILDRECV = 1u << 3,
	XFRMIF_SA_FLAG_ICMP = 1u << 4,
	XFRMIF_SA_FLAG_AF_UNSPEC = 1u << 5,
	XFRMIF_SA_FLAG_ALIGN4 = 1u << 6,
	XFRMIF_SA_FLAG_ESN = 1u << 7, /* extended sequence numbers */
};

/* Extra flags: the kernel's XFRM_SA_XFLAG_* bits. */
enum xfrmif_sa_xflag {
	XFRMIF_SA_XFLAG_DONT_ENCAP_DSCP = 1u << 0,
	XFRMIF_SA_XFLAG_OSEQ_MAY_WRAP = 1u << 1,
};

/* Direction (Linux 6.10 and later). */
enum xfrmif_sa_dir {
	XFRMIF_SA_DIR_IN = 1,
	XFRMIF_SA_DIR_OUT = 2,
};

/* Encapsulation types: the kernel's UDP_ENCAP_* / TCP_ENCAP numbers. */
enum xfrmif_sa_encap {
	XFRMIF_SA_ENCAP_ESPINUDP_NONIKE = 1,
	XFRMIF_SA_ENCAP_ESPINUDP = 2,
	XFRMIF_SA_ENCAP_ESPINTCP = 7,
};

/* Lifetime limits (xfrmif_sa_set_limit). Byte and packet limits default to
 * "infinite" (UINT64_MAX); time limits (seconds) default to 0 = none. */
enum xfrmif_sa_limit {
	XFRMIF_SA_LIMIT_SOFT_BYTES = 0,
	XFRMIF_SA_LIMIT_HARD_BYTES = 1,
	XFRMIF_SA_LIMIT_SOFT_PACKETS = 2,
	XFRMIF_SA_LIMIT_HARD_PACKETS = 3,
	XFRMIF_SA_LIMIT_SOFT_ADD_SECONDS = 4,
	XFRMIF_SA_LIMIT_HARD_ADD_SECONDS = 5,
	XFRMIF_SA_LIMIT_SOFT_USE_SECONDS = 6,
	XFRMIF_SA_LIMIT_HARD_USE_SECONDS = 7,
};

/* Counters of an installed SA, read from the kernel (xfrmif_sa_get_counter). */
enum xfrmif_sa_counter {
	XFRMIF_SA_CUR_BYTES = 0,
	XFRMIF_SA_CUR_PACKETS = 1,
	XFRMIF_SA_CUR_ADD_TIME = 2, /* seconds since the epoch */
	XFRMIF_SA_CUR_USE_TIME = 3, /* seconds since the epoch, 0 = unused */
	XFRMIF_SA_STATS_REPLAY_WINDOW = 4, /* packets outside the window */
	XFRMIF_SA_STATS_REPLAY = 5,        /* replayed packets */
	XFRMIF_SA_STATS_INTEGRITY = 6,     /* integrity check failures */
};

/* The longest key the library stores, in bytes. */
#define XFRMIF_SA_KEY_MAX 256

/*
 * xfrmif_sa_new - allocate an empty SA description.
 * Defaults: mode transport, replay window 0, infinite byte/packet limits.
 * Returns 0 or -EINVAL (NULL @ret), -ENOMEM.
 * Since: 1.0
 */
int xfrmif_sa_new(xfrmif_sa **ret);

/*
 * xfrmif_sa_free - wipe (keys included) and free. NULL-safe.
 * Since: 1.0
 */
void xfrmif_sa_free(xfrmif_sa *sa);

/*
 * xfrmif_sa_dup - a copy of @src (keys included, if @src holds them).
 * Returns 0 or -EINVAL, -ENOMEM.
 * Since: 1.0
 */
int xfrmif_sa_dup(xfrmif_sa **ret, const xfrmif_sa *src);

/* For __attribute__((cleanup(xfrmif_sa_freep))). Since: 1.0 */
static inline void xfrmif_sa_freep(xfrmif_sa **p)
{
	if (p)
		xfrmif_sa_free(*p);
}

/*
 * Outer source and destination: @family AF_INET or AF_INET6, @addr a struct
 * in_addr or in6_addr. Both must have the same family. The getters copy into
 * a 16-byte buffer. Errors: -EINVAL (bad family, NULL), -ENODATA (unset).
 * Since: 1.0
 */
int xfrmif_sa_set_src(xfrmif_sa *sa, int family, const void *addr);
int xfrmif_sa_get_src(const xfrmif_sa *sa, int *family, void *addr);
int xfrmif_sa_set_dst(xfrmif_sa *sa, int family, const void *addr);
int xfrmif_sa_get_dst(const xfrmif_sa *sa, int *family, void *addr);

/*
 * Protocol: IPPROTO_ESP (50), IPPROTO_AH (51) or IPPROTO_COMP (108).
 * Errors: -EINVAL (another protocol), -ENODATA (unset).
 * Since: 1.0
 */
int xfrmif_sa_set_proto(xfrmif_sa *sa, uint8_t proto);
int xfrmif_sa_get_proto(const xfrmif_sa *sa, uint8_t *proto);

/*
 * SPI in host byte order (for IPComp the 16-bit CPI). 0 is refused for ESP
 * and AH when the SA is submitted. Errors: -EINVAL, -ENODATA (unset).
 * Since: 1.0
 */
int xfrmif_sa_set_spi(xfrmif_sa *sa, uint32_t spi);
int xfrmif_sa_get_spi(const xfrmif_sa *sa, uint32_t *spi);

/*
 * Request id tying the SA to policy templates. Default 0.
 * Since: 1.0
 */
int xfrmif_sa_set_reqid(xfrmif_sa *sa, uint32_t reqid);
int xfrmif_sa_get_reqid(const xfrmif_sa *sa, uint32_t *reqid);

/*
 * Mode (enum xfrmif_sa_mode). Default transport. Errors: -EINVAL (unknown).
 * Since: 1.0
 */
int xfrmif_sa_set_mode(xfrmif_sa *sa, uint8_t mode);
int xfrmif_sa_get_mode(const xfrmif_sa *sa, uint8_t *mode);

/*
 * if_id of the xfrm interface the SA belongs to (XFRMA_IF_ID); 0 is
 * refused. Errors: -EINVAL, -ENODATA (unset).
 * Since: 1.0
 */
int xfrmif_sa_set_if_id(xfrmif_sa *sa, uint32_t if_id);
int xfrmif_sa_get_if_id(const xfrmif_sa *sa, uint32_t *if_id);

/*
 * Mark (value, mask) the SA matches (XFRMA_MARK); part of the kernel's
 * lookup key. Errors: -EINVAL (value outside the mask), -ENODATA (unset).
 * Since: 1.0
 */
int xfrmif_sa_set_mark(xfrmif_sa *sa, uint32_t value, uint32_t mask);
int xfrmif_sa_get_mark(const xfrmif_sa *sa, uint32_t *value, uint32_t *mask);

/*
 * Output mark (value, mask) set on packets the SA produces
 * (XFRMA_SET_MARK, XFRMA_SET_MARK_MASK). Errors: -EINVAL, -ENODATA.
 * Since: 1.0
 */
int xfrmif_sa_set_output_mark(xfrmif_sa *sa, uint32_t value, uint32_t mask);
int xfrmif_sa_get_output_mark(const xfrmif_sa *sa, uint32_t *value,
			      uint32_t *mask);

/*
 * AEAD algorithm (kernel name, e.g. "rfc4106(gcm(aes))"), key bytes and ICV
 * length in bits. Known algorithms have their key and ICV lengths checked
 * (see xfrmif_sa_alg_check()); unknown names go to the kernel as they are.
 * Setting a new key wipes the old one. The getter returns pointers into the
 * object (valid until it changes); *key is NULL when the key was hidden by a
 * listing, *key_len then still tells its length.
 * Errors: -EINVAL (NULL, name too long, key longer than XFRMIF_SA_KEY_MAX,
 * wrong length for a known algorithm), -ENODATA (unset).
 * Since: 1.0
 */
int xfrmif_sa_set_aead(xfrmif_sa *sa, const char *name, const void *key,
		       size_t key_len, uint32_t icv_bits);
int xfrmif_sa_get_aead(const xfrmif_sa *sa, const char **name,
		       const uint8_t **key, size_t *key_len, uint32_t *icv_bits);

/*
 * Encryption algorithm ("cbc(aes)", ...) and key bytes; see
 * xfrmif_sa_set_aead() for the checks, errors and the getter's pointers.
 * Since: 1.0
 */
int xfrmif_sa_set_enc(xfrmif_sa *sa, const char *name, const void *key,
		      size_t key_len);
int xfrmif_sa_get_enc(const xfrmif_sa *sa, const char **name,
		      const uint8_t **key, size_t *key_len);

/*
 * Authentication algorithm ("hmac(sha256)", ...), key bytes and truncation
 * length in bits (sent as XFRMA_ALG_AUTH_TRUNC); 0 means the algorithm's
 * usual length (96 for hmac(sha1)/hmac(md5), half the digest for SHA-2).
 * Since: 1.0
 */
int xfrmif_sa_set_auth(xfrmif_sa *sa, const char *name, const void *key,
		       size_t key_len, uint32_t trunc_bits);
int xfrmif_sa_get_auth(const xfrmif_sa *sa, const char **name,
		       const uint8_t **key, size_t *key_len,
		       uint32_t *trunc_bits);

/*
 * Compression algorithm for IPComp ("deflate", "lzs", "lzjh").
 * Since: 1.0
 */
int xfrmif_sa_set_comp(xfrmif_sa *sa, const char *name);
int xfrmif_sa_get_comp(const xfrmif_sa *sa, const char **name);

/*
 * Replay window in packets (0..4096). Windows above 32, and any window with
 * XFRMIF_SA_FLAG_ESN, are sent as XFRMA_REPLAY_ESN_VAL. Default 0.
 * Errors: -EINVAL (above 4096).
 * Since: 1.0
 */
int xfrmif_sa_set_replay_window(xfrmif_sa *sa, uint32_t window);
int xfrmif_sa_get_replay_window(const xfrmif_sa *sa, uint32_t *window);

/*
 * Replay state: the last outbound and inbound sequence numbers (64 bits
 * with ESN, else the low 32 bits) for SAs that move between hosts. Filled
 * by get/list from the kernel. Errors: -ENODATA (unset).
 * Since: 1.0
 */
int xfrmif_sa_set_replay_seq(xfrmif_sa *sa, uint64_t oseq, uint64_t seq);
int xfrmif_sa_get_replay_seq(const xfrmif_sa *sa, uint64_t *oseq,
			     uint64_t *seq);

/*
 * NAT traversal encapsulation (ESP only): @type (enum xfrmif_sa_encap),
 * source and destination ports (host order), original address (family 0 and
 * NULL for none). Errors: -EINVAL, -ENODATA (unset).
 * Since: 1.0
 */
int xfrmif_sa_set_encap(xfrmif_sa *sa, uint16_t type, uint16_t sport,
			uint16_t dport, int oa_family, const void *oa);
int xfrmif_sa_get_encap(const xfrmif_sa *sa, uint16_t *type, uint16_t *sport,
			uint16_t *dport, int *oa_family, void *oa);

/*
 * Lifetime limit @which (enum xfrmif_sa_limit). Errors: -EINVAL (unknown
 * @which). The getter returns the default for unset limits.
 * Since: 1.0
 */
int xfrmif_sa_set_limit(xfrmif_sa *sa, int which, uint64_t value);
int xfrmif_sa_get_limit(const xfrmif_sa *sa, int which, uint64_t *value);

/*
 * Selector: the inner traffic the SA may carry. Source/destination with
 * prefix length; upper protocol; ports (host order, exact match). Unset
 * means any. Errors: -EINVAL (bad family/prefix, families differ),
 * -ENODATA (unset).
 * Since: 1.0
 */
int xfrmif_sa_set_sel_src(xfrmif_sa *sa, int family, const void *addr,
			  uint8_t prefixlen);
int xfrmif_sa_get_sel_src(const xfrmif_sa *sa, int *family, void *addr,
			  uint8_t *prefixlen);
int xfrmif_sa_set_sel_dst(xfrmif_sa *sa, int family, const void *addr,
			  uint8_t prefixlen);
int xfrmif_sa_get_sel_dst(const xfrmif_sa *sa, int *family, void *addr,
			  uint8_t *prefixlen);
int xfrmif_sa_set_sel_proto(xfrmif_sa *sa, uint8_t proto);
int xfrmif_sa_get_sel_proto(const xfrmif_sa *sa, uint8_t *proto);
int xfrmif_sa_set_sel_sport(xfrmif_sa *sa, uint16_t port);
int xfrmif_sa_get_sel_sport(const xfrmif_sa *sa, uint16_t *port);
int xfrmif_sa_set_sel_dport(xfrmif_sa *sa, uint16_t port);
int xfrmif_sa_get_sel_dport(const xfrmif_sa *sa, uint16_t *port);

/*
 * Flags (enum xfrmif_sa_flag) and extra flags (enum xfrmif_sa_xflag),
 * replacing what was set. Default 0. Errors: -EINVAL (unknown bits).
 * Since: 1.0
 */
int xfrmif_sa_set_flags(xfrmif_sa *sa, uint32_t flags);
int xfrmif_sa_get_flags(const xfrmif_sa *sa, uint32_t *flags);
int xfrmif_sa_set_xflags(xfrmif_sa *sa, uint32_t xflags);
int xfrmif_sa_get_xflags(const xfrmif_sa *sa, uint32_t *xflags);

/*
 * TFC padding length (XFRMA_TFCPAD). Errors: -ENODATA (unset).
 * Since: 1.0
 */
int xfrmif_sa_set_tfcpad(xfrmif_sa *sa, uint32_t pad);
int xfrmif_sa_get_tfcpad(const xfrmif_sa *sa, uint32_t *pad);

/*
 * Direction (enum xfrmif_sa_dir; XFRMA_SA_DIR). Submitting an SA with a
 * direction to a kernel older than 6.10 fails with -EOPNOTSUPP.
 * Errors: -EINVAL (unknown), -ENODATA (unset).
 * Since: 1.0
 */
int xfrmif_sa_set_dir(xfrmif_sa *sa, uint8_t dir);
int xfrmif_sa_get_dir(const xfrmif_sa *sa, uint8_t *dir);

/*
 * xfrmif_sa_get_counter - a counter of an SA read from the kernel
 * (enum xfrmif_sa_counter). Errors: -EINVAL (unknown @which or NULL),
 * -ENODATA (the object did not come from the kernel).
 * Since: 1.0
 */
int xfrmif_sa_get_counter(const xfrmif_sa *sa, int which, uint64_t *value);

/*
 * xfrmif_sa_alg_check - check an algorithm name and lengths against the
 * library's table. @kind: 0 AEAD (@len_bits = ICV), 1 encryption, 2
 * authentication (@len_bits = truncation, 0 = default), 3 compression.
 * Returns 1 when the algorithm is known and the lengths fit, 0 when the name
 * is unknown (the kernel decides), -EINVAL when a length is wrong.
 * Since: 1.0
 */
int xfrmif_sa_alg_check(int kind, const char *name, size_t key_len,
			uint32_t len_bits);

/*
 * xfrmif_sa_add / xfrmif_sa_update - install a new SA, or replace the
 * parameters of an existing one (same dst, proto, SPI and mark).
 * Everything is checked before anything is sent: missing src/dst/proto/SPI,
 * families that differ, SPI 0 for ESP/AH, key or ICV/truncation lengths,
 * AEAD together with enc/auth, algorithms the protocol cannot have,
 * encapsulation without ESP; bad input gives -EINVAL and installs nothing.
 * Returns 0, -EINVAL, -EOPNOTSUPP (a direction on a kernel without
 * XFRMA_SA_DIR), or the kernel's errno: -EEXIST (add of an existing SA),
 * -ESRCH (update of a missing one), -ENOSYS (algorithm unknown to the
 * kernel), -EPROTONOSUPPORT (no ESP/AH/IPComp in the kernel), ...
 * Since: 1.0
 */
int xfrmif_sa_add(xfrmif_ctx *ctx, const xfrmif_sa *sa);
int xfrmif_sa_update(xfrmif_ctx *ctx, const xfrmif_sa *sa);

/*
 * xfrmif_sa_del - remove the SA that @key names: dst, proto, SPI and (when
 * set) mark are the kernel's lookup key. The kernel does not look SAs up by
 * if_id; when @key has one, the library reads the SA first and answers
 * -ESRCH if its if_id differs.
 * Returns 0, -EINVAL (key incomplete), -ESRCH (no such SA), ...
 * Since: 1.0
 */
int xfrmif_sa_del(xfrmif_ctx *ctx, const xfrmif_sa *key);

/*
 * xfrmif_sa_get - read the SA that @key names (as for xfrmif_sa_del) into a
 * new object, keys and counters included. Returns 0, -EINVAL, -ESRCH, ...
 * Since: 1.0
 */
int xfrmif_sa_get(xfrmif_sa **ret, xfrmif_ctx *ctx, const xfrmif_sa *key);

/* xfrmif_sa_filter.flags: which fields filter, and whether keys are shown. */
enum {
	XFRMIF_SA_FILTER_IF_ID = 1u << 0,
	XFRMIF_SA_FILTER_MARK = 1u << 1,   /* (mark & mark_mask) == value */
	XFRMIF_SA_FILTER_REQID = 1u << 2,
	XFRMIF_SA_FILTER_PROTO = 1u << 3,
	XFRMIF_SA_FILTER_FAMILY = 1u << 4,
	XFRMIF_SA_FILTER_KEYS = 1u << 5,   /* hand keys to the callback */
};

struct xfrmif_sa_filter {
	size_t sz; /* sizeof(struct xfrmif_sa_filter) */
	uint32_t flags;
	uint32_t if_id;
	uint32_t mark;      /* compared with the SA's mark value ... */
	uint32_t mark_mask; /* ... after masking both with this */
	uint32_t reqid;
	uint8_t proto;
	int family;
};

/*
 * Called once per SA; @sa is borrowed (valid during the call only; use
 * xfrmif_sa_dup() to keep it). Return 0 to go on, >0 to stop, <0 to abort
 * the listing with that error.
 */
typedef int (*xfrmif_sa_list_fn)(const xfrmif_sa *sa, void *arg);

/*
 * xfrmif_sa_list - stream the SAs of the context's namespace through @fn,
 * one object in memory at a time. @filter may be NULL (all SAs, keys hidden).
 * Returns the number of SAs passed to @fn, or -EINVAL (bad filter), the
 * callback's negative value, -EAGAIN (the table changed during the dump), or
 * the kernel's errno.
 * Since: 1.0
 */
int xfrmif_sa_list(xfrmif_ctx *ctx, const struct xfrmif_sa_filter *filter,
		   xfrmif_sa_list_fn fn, void *arg);

/*
 * xfrmif_sa_flush - remove all SAs (@proto 0) or those of one protocol.
 * Returns 0, -EINVAL (unknown protocol), or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_sa_flush(xfrmif_ctx *ctx, uint8_t proto);

/*
 * xfrmif_sa_allocspi - have the kernel pick an unused SPI in [@min, @max]
 * for the SA @sa describes (src, dst, proto; mode, reqid, mark and if_id
 * when set). The kernel keeps a larval SA under that SPI; complete it with
 * xfrmif_sa_update(). On success the SPI is stored in @sa.
 * Returns 0, -EINVAL (incomplete @sa, min > max, CPI range above 0xffff),
 * -ENOENT (no free SPI in the range), or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_sa_allocspi(xfrmif_ctx *ctx, xfrmif_sa *sa, uint32_t min,
		       uint32_t max);

/*
 * xfrmif_sad_info - the kernel's SA database counters: the number of SAs,
 * hash buckets in use and the maximum. Any pointer may be NULL.
 * Returns 0 or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_sad_info(xfrmif_ctx *ctx, uint32_t *count, uint32_t *hash_buckets,
		    uint32_t *hash_max);

#ifdef __cplusplus
}
#endif

#endif
