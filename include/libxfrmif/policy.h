/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrmif: XFRM security policies (the SPD), their templates, SPD counts
 * and hash thresholds, and the default policy per direction.
 *
 * A policy is keyed by its selector, direction, mark, if_id and policy type
 * (or by its index with the same mark, if_id and type). Delete and get build
 * that whole key from the object you pass, so deleting with the very object
 * that was added always finds the policy: the kernel silently misses a
 * policy whose mark or if_id is left out of the key.
 *
 * Addresses are (int family, const void *addr) with addr pointing to a
 * struct in_addr (AF_INET) or struct in6_addr (AF_INET6); getters copy the
 * address into a caller buffer of 16 bytes.
 *
 * Threading: a context and the objects used with it belong to one thread at
 * a time; give each thread its own context.
 */
#ifndef LIBXFRMIF_POLICY_H
#define LIBXFRMIF_POLICY_H

#include <libxfrmif/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xfrmif_policy xfrmif_policy;
/* One template: the SA (protocol, mode, endpoints) a policy requires. */
typedef struct xfrmif_tmpl xfrmif_tmpl;

/* Directions: the kernel's XFRM_POLICY_IN/OUT/FWD numbers. */
enum xfrmif_policy_dir {
	XFRMIF_POLICY_DIR_IN = 0,
	XFRMIF_POLICY_DIR_OUT = 1,
	XFRMIF_POLICY_DIR_FWD = 2,
};

/* Actions: the kernel's XFRM_POLICY_ALLOW/BLOCK numbers. */
enum xfrmif_policy_action {
	XFRMIF_POLICY_ALLOW = 0,
	XFRMIF_POLICY_BLOCK = 1,
};

/* Policy types: the kernel's XFRM_POLICY_TYPE_MAIN/SUB numbers. Sub
 * policies need CONFIG_XFRM_SUB_POLICY. */
enum xfrmif_policy_type {
	XFRMIF_POLICY_TYPE_MAIN = 0,
	XFRMIF_POLICY_TYPE_SUB = 1,
};

/* Policy flags: the kernel's XFRM_POLICY_LOCALOK/ICMP bits. */
enum {
	XFRMIF_POLICY_FLAG_LOCALOK = 1u << 0,
	XFRMIF_POLICY_FLAG_ICMP = 1u << 1,
};

/* Configured lifetime limits. Byte and packet limits default to
 * XFRMIF_POLICY_LFT_INF (no limit), the seconds to 0 (no limit). */
enum xfrmif_policy_lft {
	XFRMIF_POLICY_LFT_SOFT_BYTES = 0,
	XFRMIF_POLICY_LFT_HARD_BYTES = 1,
	XFRMIF_POLICY_LFT_SOFT_PACKETS = 2,
	XFRMIF_POLICY_LFT_HARD_PACKETS = 3,
	XFRMIF_POLICY_LFT_SOFT_ADD_SECONDS = 4,
	XFRMIF_POLICY_LFT_HARD_ADD_SECONDS = 5,
	XFRMIF_POLICY_LFT_SOFT_USE_SECONDS = 6,
	XFRMIF_POLICY_LFT_HARD_USE_SECONDS = 7,
};
#define XFRMIF_POLICY_LFT_INF UINT64_MAX

/* Current lifetime values the kernel reports (read only). Times are in
 * seconds since the epoch; 0 means never. */
enum xfrmif_policy_cur {
	XFRMIF_POLICY_CUR_BYTES = 0,
	XFRMIF_POLICY_CUR_PACKETS = 1,
	XFRMIF_POLICY_CUR_ADD_TIME = 2,
	XFRMIF_POLICY_CUR_USE_TIME = 3,
};

/* Template modes: the kernel's XFRM_MODE_* numbers. */
enum xfrmif_tmpl_mode {
	XFRMIF_TMPL_MODE_TRANSPORT = 0,
	XFRMIF_TMPL_MODE_TUNNEL = 1,
	XFRMIF_TMPL_MODE_BEET = 4,
};

/* Template levels. "use" is the kernel's `optional` flag: the template may
 * be skipped when no SA matches it. */
enum xfrmif_tmpl_level {
	XFRMIF_TMPL_LEVEL_REQUIRED = 0,
	XFRMIF_TMPL_LEVEL_USE = 1,
};

/* The kernel takes at most this many templates per policy. */
#define XFRMIF_POLICY_MAX_TMPLS 6

/* ---- the policy object ---- */

/*
 * xfrmif_policy_new - a new, empty policy: no selector, direction unset,
 * action allow, priority 0, type main, no templates, no limits.
 * Returns 0, -EINVAL (NULL @ret) or -ENOMEM.
 * Since: 1.0
 */
int xfrmif_policy_new(xfrmif_policy **ret);

/*
 * xfrmif_policy_free - free a policy. NULL-safe.
 * Since: 1.0
 */
void xfrmif_policy_free(xfrmif_policy *p);

/*
 * xfrmif_policy_dup - a copy of @src (for keeping one that a list callback
 * only borrowed). Returns 0, -EINVAL or -ENOMEM.
 * Since: 1.0
 */
int xfrmif_policy_dup(xfrmif_policy **ret, const xfrmif_policy *src);

/*
 * xfrmif_policy_set_src / _set_dst - the selector's source or destination
 * prefix. The first address sets the selector family; the other must match.
 * Returns 0 or -EINVAL (NULL argument, family neither AF_INET nor AF_INET6,
 * prefix longer than the family's address, family differs from the
 * selector's).
 * Since: 1.0
 */
int xfrmif_policy_set_src(xfrmif_policy *p, int family, const void *addr,
			  uint8_t prefixlen);
int xfrmif_policy_set_dst(xfrmif_policy *p, int family, const void *addr,
			  uint8_t prefixlen);

/*
 * xfrmif_policy_get_src / _get_dst - the selector's source or destination.
 * @addr receives 4 or 16 bytes (give 16). Returns 0, -EINVAL (NULL
 * argument) or -ENODATA (not set).
 * Since: 1.0
 */
int xfrmif_policy_get_src(const xfrmif_policy *p, int *family, void *addr,
			  uint8_t *prefixlen);
int xfrmif_policy_get_dst(const xfrmif_policy *p, int *family, void *addr,
			  uint8_t *prefixlen);

/*
 * xfrmif_policy_set_family - the selector family alone, for a selector that
 * matches every address of that family (no src/dst given). Returns 0 or
 * -EINVAL (not AF_INET/AF_INET6, or differs from the addresses').
 * Since: 1.0
 */
int xfrmif_policy_set_family(xfrmif_policy *p, int family);

/*
 * xfrmif_policy_get_family - the selector family (AF_INET/AF_INET6).
 * Returns the family, -EINVAL (NULL @p) or -ENODATA (not set).
 * Since: 1.0
 */
int xfrmif_policy_get_family(const xfrmif_policy *p);

/*
 * xfrmif_policy_set_proto / _get_proto - the selector's upper-layer
 * protocol (IPPROTO_*; 0 = any). The getter returns -ENODATA when unset.
 * Returns 0 or -EINVAL.
 * Since: 1.0
 */
int xfrmif_policy_set_proto(xfrmif_policy *p, uint8_t proto);
int xfrmif_policy_get_proto(const xfrmif_policy *p, uint8_t *proto);

/*
 * xfrmif_policy_set_sport / _set_dport - an exact source or destination
 * port (host order). Needs proto tcp, udp, sctp, dccp or udplite, which
 * add/update check. Getters return -ENODATA when unset. Returns 0 or
 * -EINVAL (NULL @p, or an ICMP type/code is already set).
 * Since: 1.0
 */
int xfrmif_policy_set_sport(xfrmif_policy *p, uint16_t port);
int xfrmif_policy_set_dport(xfrmif_policy *p, uint16_t port);
int xfrmif_policy_get_sport(const xfrmif_policy *p, uint16_t *port);
int xfrmif_policy_get_dport(const xfrmif_policy *p, uint16_t *port);

/*
 * xfrmif_policy_set_icmp / _get_icmp - an ICMP type and code. Needs proto
 * icmp, ipv6-icmp or mh, which add/update check. Returns 0, -EINVAL (NULL
 * argument, or ports are already set) or, for the getter, -ENODATA.
 * Since: 1.0
 */
int xfrmif_policy_set_icmp(xfrmif_policy *p, uint8_t type, uint8_t code);
int xfrmif_policy_get_icmp(const xfrmif_policy *p, uint8_t *type,
			   uint8_t *code);

/*
 * xfrmif_policy_set_ifindex / _get_ifindex - restrict the selector to one
 * interface (0 = any, the default). Returns 0 or -EINVAL (negative index).
 * Since: 1.0
 */
int xfrmif_policy_set_ifindex(xfrmif_policy *p, int ifindex);
int xfrmif_policy_get_ifindex(const xfrmif_policy *p, int *ifindex);

/*
 * xfrmif_policy_set_dir / _get_dir - the direction (enum
 * xfrmif_policy_dir); add, update, delete and get need it. Returns 0,
 * -EINVAL (unknown direction) or, for the getter, -ENODATA.
 * Since: 1.0
 */
int xfrmif_policy_set_dir(xfrmif_policy *p, int dir);
int xfrmif_policy_get_dir(const xfrmif_policy *p, int *dir);

/*
 * xfrmif_policy_set_action / _get_action - allow (default) or block.
 * Returns 0 or -EINVAL (unknown action).
 * Since: 1.0
 */
int xfrmif_policy_set_action(xfrmif_policy *p, int action);
int xfrmif_policy_get_action(const xfrmif_policy *p, int *action);

/*
 * xfrmif_policy_set_priority / _get_priority - lower values win; default 0.
 * Returns 0 or -EINVAL.
 * Since: 1.0
 */
int xfrmif_policy_set_priority(xfrmif_policy *p, uint32_t priority);
int xfrmif_policy_get_priority(const xfrmif_policy *p, uint32_t *priority);

/*
 * xfrmif_policy_set_index / _get_index - the policy's index. Unset on add,
 * the kernel picks one. The kernel keeps the direction in the low three
 * bits: an index whose low bits differ from the direction is refused by
 * add. Returns 0, -EINVAL (0 is not an index) or, for the getter, -ENODATA.
 * Since: 1.0
 */
int xfrmif_policy_set_index(xfrmif_policy *p, uint32_t index);
int xfrmif_policy_get_index(const xfrmif_policy *p, uint32_t *index);

/*
 * xfrmif_policy_set_if_id / _get_if_id - the xfrm interface id the policy
 * belongs to. Returns 0, -EINVAL (0: the kernel rejects it; leave it unset
 * instead) or, for the getter, -ENODATA.
 * Since: 1.0
 */
int xfrmif_policy_set_if_id(xfrmif_policy *p, uint32_t if_id);
int xfrmif_policy_get_if_id(const xfrmif_policy *p, uint32_t *if_id);

/*
 * xfrmif_policy_set_mark / _get_mark - the mark value and mask. Returns 0,
 * -EINVAL or, for the getter, -ENODATA.
 * Since: 1.0
 */
int xfrmif_policy_set_mark(xfrmif_policy *p, uint32_t value, uint32_t mask);
int xfrmif_policy_get_mark(const xfrmif_policy *p, uint32_t *value,
			   uint32_t *mask);

/*
 * xfrmif_policy_set_flags / _get_flags - XFRMIF_POLICY_FLAG_* bits
 * (default 0). Returns 0 or -EINVAL (unknown bits).
 * Since: 1.0
 */
int xfrmif_policy_set_flags(xfrmif_policy *p, uint32_t flags);
int xfrmif_policy_get_flags(const xfrmif_policy *p, uint32_t *flags);

/*
 * xfrmif_policy_set_lifetime / _get_lifetime - one configured limit (enum
 * xfrmif_policy_lft). Returns 0 or -EINVAL (unknown @which).
 * Since: 1.0
 */
int xfrmif_policy_set_lifetime(xfrmif_policy *p, int which, uint64_t value);
int xfrmif_policy_get_lifetime(const xfrmif_policy *p, int which,
			       uint64_t *value);

/*
 * xfrmif_policy_get_current - a current lifetime value the kernel reported
 * (enum xfrmif_policy_cur); 0 for a policy not read from the kernel.
 * Returns 0 or -EINVAL (unknown @which).
 * Since: 1.0
 */
int xfrmif_policy_get_current(const xfrmif_policy *p, int which,
			      uint64_t *value);

/*
 * xfrmif_policy_set_type / _get_type - main (default) or sub. Returns 0 or
 * -EINVAL (unknown type).
 * Since: 1.0
 */
int xfrmif_policy_set_type(xfrmif_policy *p, int type);
int xfrmif_policy_get_type(const xfrmif_policy *p, int *type);

/*
 * xfrmif_policy_add_tmpl - append a copy of @t to the policy's templates
 * (they apply in order). Returns 0, -EINVAL (NULL argument, or @t had a bad
 * setter argument) or -E2BIG (already XFRMIF_POLICY_MAX_TMPLS).
 * Since: 1.0
 */
int xfrmif_policy_add_tmpl(xfrmif_policy *p, const xfrmif_tmpl *t);

/*
 * xfrmif_policy_clear_tmpls - remove every template. Returns 0 or -EINVAL.
 * Since: 1.0
 */
int xfrmif_policy_clear_tmpls(xfrmif_policy *p);

/*
 * xfrmif_policy_get_tmpl_count - the number of templates, or -EINVAL.
 * Since: 1.0
 */
int xfrmif_policy_get_tmpl_count(const xfrmif_policy *p);

/*
 * xfrmif_policy_get_tmpl - template number @idx (from 0), borrowed: valid
 * while @p is and unchanged. Returns 0, -EINVAL or -ENOENT (no such index).
 * Since: 1.0
 */
int xfrmif_policy_get_tmpl(const xfrmif_policy *p, unsigned int idx,
			   const xfrmif_tmpl **ret);

/* For __attribute__((cleanup(xfrmif_policy_freep))). Since: 1.0 */
static inline void xfrmif_policy_freep(xfrmif_policy **p)
{
	if (p)
		xfrmif_policy_free(*p);
}

/* ---- templates ---- */

/*
 * xfrmif_tmpl_new - a new template: proto esp, mode transport, level
 * required, SPI and reqid 0 (any), no addresses, every algorithm allowed.
 * Returns 0, -EINVAL (NULL @ret) or -ENOMEM.
 * Since: 1.0
 */
int xfrmif_tmpl_new(xfrmif_tmpl **ret);

/*
 * xfrmif_tmpl_free - free a template. NULL-safe.
 * Since: 1.0
 */
void xfrmif_tmpl_free(xfrmif_tmpl *t);

/*
 * xfrmif_tmpl_set_src / _set_dst - the SA's endpoints. Both must be of one
 * family. A template without addresses (any) takes the policy's family.
 * A template of another family than the selector (or the template before
 * it) is allowed in tunnel and beet mode only; add/update check that.
 * Returns 0 or -EINVAL (NULL argument, unknown family, family differs from
 * the template's other address).
 * Since: 1.0
 */
int xfrmif_tmpl_set_src(xfrmif_tmpl *t, int family, const void *addr);
int xfrmif_tmpl_set_dst(xfrmif_tmpl *t, int family, const void *addr);

/*
 * xfrmif_tmpl_get_src / _get_dst - the endpoints; @addr receives 16 bytes.
 * @family is the template's family (0 when it takes the policy's).
 * Returns 0, -EINVAL or -ENODATA (not set).
 * Since: 1.0
 */
int xfrmif_tmpl_get_src(const xfrmif_tmpl *t, int *family, void *addr);
int xfrmif_tmpl_get_dst(const xfrmif_tmpl *t, int *family, void *addr);

/*
 * xfrmif_tmpl_set_proto / _get_proto - IPPROTO_ESP (default), IPPROTO_AH
 * or IPPROTO_COMP. Returns 0 or -EINVAL (another protocol).
 * Since: 1.0
 */
int xfrmif_tmpl_set_proto(xfrmif_tmpl *t, uint8_t proto);
int xfrmif_tmpl_get_proto(const xfrmif_tmpl *t, uint8_t *proto);

/*
 * xfrmif_tmpl_set_spi / _get_spi - the SPI (host order; 0 = any SA).
 * Returns 0 or -EINVAL.
 * Since: 1.0
 */
int xfrmif_tmpl_set_spi(xfrmif_tmpl *t, uint32_t spi);
int xfrmif_tmpl_get_spi(const xfrmif_tmpl *t, uint32_t *spi);

/*
 * xfrmif_tmpl_set_reqid / _get_reqid - the request id (0 = any SA).
 * Returns 0 or -EINVAL.
 * Since: 1.0
 */
int xfrmif_tmpl_set_reqid(xfrmif_tmpl *t, uint32_t reqid);
int xfrmif_tmpl_get_reqid(const xfrmif_tmpl *t, uint32_t *reqid);

/*
 * xfrmif_tmpl_set_mode / _get_mode - enum xfrmif_tmpl_mode. Returns 0 or
 * -EINVAL (unknown mode).
 * Since: 1.0
 */
int xfrmif_tmpl_set_mode(xfrmif_tmpl *t, int mode);
int xfrmif_tmpl_get_mode(const xfrmif_tmpl *t, int *mode);

/*
 * xfrmif_tmpl_set_level / _get_level - enum xfrmif_tmpl_level. The kernel
 * refuses an outbound policy with a tunnel or beet template of level use
 * (Linux 6.5 and stable kernels). Returns 0 or -EINVAL (unknown level).
 * Since: 1.0
 */
int xfrmif_tmpl_set_level(xfrmif_tmpl *t, int level);
int xfrmif_tmpl_get_level(const xfrmif_tmpl *t, int *level);

/*
 * xfrmif_tmpl_set_algo_masks / _get_algo_masks - bit masks of the kernel's
 * SADB algorithm numbers an SA may use for authentication, encryption and
 * compression (bit n = algorithm n). Default all ones. Returns 0 or -EINVAL.
 * Since: 1.0
 */
int xfrmif_tmpl_set_algo_masks(xfrmif_tmpl *t, uint32_t auth, uint32_t enc,
			       uint32_t comp);
int xfrmif_tmpl_get_algo_masks(const xfrmif_tmpl *t, uint32_t *auth,
			       uint32_t *enc, uint32_t *comp);

/* For __attribute__((cleanup(xfrmif_tmpl_freep))). Since: 1.0 */
static inline void xfrmif_tmpl_freep(xfrmif_tmpl **t)
{
	if (t)
		xfrmif_tmpl_free(*t);
}

/* ---- operations ---- */

/*
 * xfrmif_policy_add / _update - install @p (add fails with -EEXIST when a
 * policy with the same key exists; update replaces it or adds it).
 * Everything is checked before anything is sent: a selector with a bad
 * prefix, ports without a protocol that has them, a template family change
 * outside tunnel/beet mode, an unset direction or an index that does not
 * carry the direction give -EINVAL with the argument named in the errmsg.
 * Returns 0, -EINVAL, -ENOMEM, or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_policy_add(xfrmif_ctx *ctx, const xfrmif_policy *p);
int xfrmif_policy_update(xfrmif_ctx *ctx, const xfrmif_policy *p);

/*
 * xfrmif_policy_del - delete the policy keyed by @key's selector,
 * direction, mark, if_id and type (pass the object that was added).
 * Returns 0, -EINVAL (no direction or no selector family), -ENOENT (no such
 * policy), or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_policy_del(xfrmif_ctx *ctx, const xfrmif_policy *key);

/*
 * xfrmif_policy_get - read the policy keyed like xfrmif_policy_del() into
 * a new object in *@ret (free it with xfrmif_policy_free()).
 * Returns 0, -EINVAL, -ENOENT, -ENOMEM or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_policy_get(xfrmif_policy **ret, xfrmif_ctx *ctx,
		      const xfrmif_policy *key);

/*
 * xfrmif_policy_del_by_index / _get_by_index - the same, keyed by @key's
 * index, mark, if_id and type (the selector is ignored; the direction is
 * taken from the index when unset). Returns as above; -EINVAL when no index
 * is set.
 * Since: 1.0
 */
int xfrmif_policy_del_by_index(xfrmif_ctx *ctx, const xfrmif_policy *key);
int xfrmif_policy_get_by_index(xfrmif_policy **ret, xfrmif_ctx *ctx,
			       const xfrmif_policy *key);

/* struct xfrmif_policy_filter.flags: which fields to match. */
enum {
	XFRMIF_POLICY_FILTER_IF_ID = 1u << 0,  /* if_id equal (0: none) */
	XFRMIF_POLICY_FILTER_MARK = 1u << 1,   /* mark value and mask equal */
	XFRMIF_POLICY_FILTER_DIR = 1u << 2,
	XFRMIF_POLICY_FILTER_ACTION = 1u << 3,
	XFRMIF_POLICY_FILTER_TYPE = 1u << 4,
};

/* Which policies a list or flush touches; zero flags = all. */
struct xfrmif_policy_filter {
	size_t sz;          /* sizeof(struct xfrmif_policy_filter) */
	uint32_t flags;     /* XFRMIF_POLICY_FILTER_* */
	uint32_t if_id;
	uint32_t mark;
	uint32_t mark_mask;
	uint8_t dir;        /* enum xfrmif_policy_dir */
	uint8_t action;     /* enum xfrmif_policy_action */
	uint8_t type;       /* enum xfrmif_policy_type */
};

/*
 * List callback: @p is borrowed, valid only during the call (use
 * xfrmif_policy_dup() to keep it). Return 0 to go on, >0 to stop, <0 to
 * abort the list with that error.
 */
typedef int (*xfrmif_policy_list_fn)(const xfrmif_policy *p, void *arg);

/*
 * xfrmif_policy_list - stream the policies matching @filter (NULL = all)
 * to @fn. Returns the number of policies passed to @fn, or -EINVAL (bad
 * filter), the callback's negative value, -EAGAIN (the SPD changed during
 * the dump; list again), or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_policy_list(xfrmif_ctx *ctx,
		       const struct xfrmif_policy_filter *filter,
		       xfrmif_policy_list_fn fn, void *arg);

/*
 * xfrmif_policy_flush - remove policies. With @filter NULL (or only
 * XFRMIF_POLICY_FILTER_TYPE) the kernel flushes every policy of the type
 * (main by default) in one step and 0 is returned. With any other filter
 * the matching policies are listed and deleted one by one by their exact
 * key (index, mark, if_id, type), so only those are removed; the count
 * removed is returned (policies that vanished meanwhile are skipped).
 * Returns the count (or 0), -EINVAL, or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_policy_flush(xfrmif_ctx *ctx,
			const struct xfrmif_policy_filter *filter);

/* ---- the SPD as a whole ---- */

/* SPD counters and hash thresholds (XFRM_MSG_GETSPDINFO). */
struct xfrmif_spd_info {
	size_t sz;             /* sizeof(struct xfrmif_spd_info) */
	uint32_t in, out, fwd; /* policies per direction */
	uint32_t in_sock, out_sock, fwd_sock; /* per-socket policies */
	uint32_t hash_buckets, hash_max;      /* SPD hash table size, limit */
	uint8_t lbits4, rbits4; /* IPv4 local/remote prefix hash thresholds */
	uint8_t lbits6, rbits6; /* IPv6 local/remote prefix hash thresholds */
};

/*
 * xfrmif_spd_get_info - fill @info (set info->sz first; fields beyond it are
 * not written). Returns 0, -EINVAL (NULL or bad sz) or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_spd_get_info(xfrmif_ctx *ctx, struct xfrmif_spd_info *info);

/*
 * xfrmif_spd_set_hthresh - set the prefix-length thresholds below which
 * policies of @family (AF_INET/AF_INET6) are kept out of the SPD hash.
 * Returns 0, -EINVAL (unknown family, bits longer than the address) or the
 * kernel's errno.
 * Since: 1.0
 */
int xfrmif_spd_set_hthresh(xfrmif_ctx *ctx, int family, uint8_t lbits,
			   uint8_t rbits);

/*
 * xfrmif_spd_get_default - what happens to traffic of direction @dir that
 * no policy matches: XFRMIF_POLICY_ALLOW or XFRMIF_POLICY_BLOCK in *@action.
 * Returns 0, -EINVAL (unknown direction) or the kernel's errno
 * (-EOPNOTSUPP-like errors before Linux 5.16).
 * Since: 1.0
 */
int xfrmif_spd_get_default(xfrmif_ctx *ctx, int dir, int *action);

/*
 * xfrmif_spd_set_default - set the default for direction @dir; the other
 * directions are left as they are. Returns 0, -EINVAL or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_spd_set_default(xfrmif_ctx *ctx, int dir, int action);

#ifdef __cplusplus
}
#endif

#endif
