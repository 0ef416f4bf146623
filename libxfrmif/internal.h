/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* libxfrmif internals shared by the library's source files. Not installed. */
#ifndef LIBXFRMIF_INTERNAL_H
#define LIBXFRMIF_INTERNAL_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <syslog.h>

#include <linux/netlink.h>

#include <libxfrmif/xfrmif.h>

struct nl_msg;
struct nl_sock;

/* Marks a definition as part of the ABI (the build hides everything else). */
#define XFRMIF_EXPORT __attribute__((visibility("default")))

#define XFRMIF_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The body of a getter of one field, so that every object's getters answer
 * alike: -EINVAL for a NULL obj or out, -ENODATA while `bit` is clear in
 * obj->setfield (bit 0: the field always holds a value), else 0 with
 * *out = value. A macro, not a function, so that it serves any field type,
 * and `value` is evaluated only after the checks (it may dereference obj).
 * Use: return XFRMIF__GET(sa, set, SA_F_SPI, sa->spi, spi);
 */
#define XFRMIF__GET(obj, setfield, bit, value, out)                            \
	(!(obj) || !(out) ? -EINVAL                                            \
	 : (bit) != 0 && !((obj)->setfield & (bit)) ? -ENODATA                 \
	 : (*(out) = (value), 0))

/* The two netlink families a context talks to. */
enum xfrmif__proto {
	XFRMIF__RTNL = 0,
	XFRMIF__XFRM = 1,
	XFRMIF__NPROTO
};

struct xfrmif__sock {
	struct nl_sock *nl; /* libnl owns the fd and the bound port */
	int fd;
	uint32_t port;
	uint32_t seq; /* last sequence number used */
};

#define XFRMIF__ERRMSG_MAX 512

struct xfrmif_ctx {
	int refs;
	int netns_fd;
	struct xfrmif__sock sock[XFRMIF__NPROTO];
	/* One receive buffer, reused; wiped after each datagram that may carry
	 * key material. */
	uint8_t *rxbuf;
	size_t rxbuf_size;
	/* One request message reused by single calls that build into it
	 * (XFRMIF__REQ_SCRATCH): no allocation per call. Never holds keys. */
	struct nl_msg *scratch;
	xfrmif_log_fn log_fn;
	void *log_data;
	int log_priority;
	char errmsg[XFRMIF__ERRMSG_MAX];
	/* NLMSGERR_ATTR_OFFS of the last failed request, or -1: which
	 * attribute the kernel objected to. */
	long last_attr_offset;
	/* The last request went out (or may have) but its answer never came
	 * (the exchange broke): the kernel may or may not have applied it.
	 * Callers that roll back (tunnel up) then clean it up too. */
	bool outcome_unknown;
};

/* ---- errors and logging (ctx.c) ---- */

/* Records a formatted message as the context's last failure and returns err
 * (a negative errno) so that callers can `return xfrmif__err(...)`. */
int xfrmif__err(xfrmif_ctx *ctx, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

void xfrmif__log(xfrmif_ctx *ctx, int priority, const char *file, int line,
		 const char *fn, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

#define xfrmif__dbg(ctx, ...)                                                  \
	xfrmif__log(ctx, LOG_DEBUG, __FILE__, __LINE__, __func__, __VA_ARGS__)
#define xfrmif__info(ctx, ...)                                                 \
	xfrmif__log(ctx, LOG_INFO, __FILE__, __LINE__, __func__, __VA_ARGS__)

/* Maps a libnl NLE_* code (positive or negative) to a negative errno: the one
 * table for the errors that do not come from the kernel itself. */
int xfrmif__nle_to_errno(int nle);

/* Checks a versioned option struct: NULL is fine, sz must cover the first
 * member, and bytes past `known` (what this library knows) must be zero. */
int xfrmif__opts_check(xfrmif_ctx *ctx, const void *opts, size_t known,
		       const char *what);

/* Opens the namespace given by exactly one of name (under /run/netns), path
 * or fd (duplicated; with use_fd) into *out. Messages name the argument as
 * "<prefix>.netns_name" etc. Returns 0 or a negative errno. */
int xfrmif__netns_open(xfrmif_ctx *ctx, const char *prefix, const char *name,
		       const char *path, int fd, bool use_fd, int *out);

/* Runs fn(arg) with the calling thread inside the namespace `netns_fd`, then
 * returns to the thread's own namespace. */
int xfrmif__in_netns(int netns_fd, int (*fn)(void *arg), void *arg);

/*
 * Replaces a request socket with a fresh one in the context's namespace
 * (keeping the sequence counter). Used after an exchange broke half-way:
 * an unfinished dump would otherwise keep the socket busy (EBUSY) and its
 * answers would trail into the next request. On failure the old socket
 * stays.
 */
int xfrmif__sock_reopen(xfrmif_ctx *ctx, enum xfrmif__proto proto);

/* ---- the request path (request.c) ---- */

/*
 * Called for each data message that answers a request (GET replies, dump
 * parts). Returns 0 to go on, a positive value to stop the dump early
 * (the rest is drained), or a negative errno to fail.
 */
typedef int (*xfrmif__reply_fn)(xfrmif_ctx *ctx, const struct nlmsghdr *nlh,
				void *arg);

enum {
	/* The request or its replies may carry key material: wipe the buffers
	 * that held them. */
	XFRMIF__REQ_SECRET = 1u << 0,
	/* A dump: NLM_F_DUMP is set and replies end with NLMSG_DONE. */
	XFRMIF__REQ_DUMP = 1u << 1,
	/* req->msg is the context's scratch message (ctx->scratch): the
	 * request path leaves it to the context instead of freeing it. */
	XFRMIF__REQ_SCRATCH = 1u << 2,
};

/* One request on its way to the kernel. */
struct xfrmif__req {
	enum xfrmif__proto proto;
	struct nl_msg *msg;
	uint32_t flags;        /* XFRMIF__REQ_* */
	xfrmif__reply_fn on_reply; /* may be NULL */
	void *arg;
	const char *what;      /* names the operation in error messages */
};

/* Allocates a request message of `type` with room for `size` bytes of
 * fixed header plus attributes (at least 240; 0 means 1 KiB). Returns NULL
 * on ENOMEM. */
struct nl_msg *xfrmif__msg_new(int type, int flags, size_t size);

/* Frees a message, wiping its bytes first (they may be keys). NULL-safe. */
void xfrmif__msg_free(struct nl_msg *msg);

/* Empties a message from xfrmif__msg_new() for reuse as a new request of
 * `type` (its old bytes wiped; its room unchanged), so that a caller
 * building many requests allocates one message, not one each. */
void xfrmif__msg_reset(struct nl_msg *msg, int type, int flags);

/*
 * The single path every request takes. With batch == NULL it sends the
 * message and waits for the kernel's answer; replies reach req->on_reply.
 * Returns 0 (or, for dumps, the number of messages passed to on_reply), or
 * the kernel's negative errno with its extended-ACK text in the ctx errmsg.
 * The message is consumed (freed and wiped) in every case.
 */
int xfrmif__submit(xfrmif_ctx *ctx, struct xfrmif__req *req);

/* xfrmif__submit() of one message on the XFRM socket, for the callers that
 * need no other request fields. A NULL msg (its allocation failed) fails
 * with -ENOMEM and "<what>: out of memory" in the errmsg. */
int xfrmif__xfrm_req(xfrmif_ctx *ctx, struct nl_msg *msg, uint32_t flags,
		     const char *what, xfrmif__reply_fn fn, void *arg);

/* Low-level pieces that the batch reuses. */
int xfrmif__send_raw(xfrmif_ctx *ctx, enum xfrmif__proto proto,
		     const void *buf, size_t len);

/*
 * Receives one datagram and hands each netlink message in it to fn. The
 * socket is connected to the kernel (sender port 0), which refuses every
 * other sender, so whatever arrives is the kernel's. Messages whose
 * sequence number the caller does not expect are the callback's to ignore.
 * Wipes the received bytes when `secret`. Returns the callback's first
 * non-zero value, 0, or a negative errno from recv.
 */
typedef int (*xfrmif__msg_fn)(xfrmif_ctx *ctx, const struct nlmsghdr *nlh,
			      void *arg);
int xfrmif__recv_once(xfrmif_ctx *ctx, enum xfrmif__proto proto, bool secret,
		      xfrmif__msg_fn fn, void *arg);

/* Decodes an NLMSG_ERROR: returns its (negative) errno, 0 for an ACK, and
 * puts the extended-ACK text (if any) into the ctx errmsg, prefixed by
 * `what`. `attr_offset` (may be NULL) receives NLMSGERR_ATTR_OFFS or -1. */
int xfrmif__parse_error(xfrmif_ctx *ctx, const struct nlmsghdr *nlh,
			const char *what, long *attr_offset);

/* ---- links (link*.c) ---- */

/* Builders: each makes one complete rtnetlink request (not yet numbered or
 * sent), so that a batch can queue what send-and-wait sends. They do not
 * validate: callers check the link first (xfrmif__link_validate). Each
 * returns 0 or -ENOMEM with *out NULL. */

/* RTM_NEWLINK from the fields set in `link` (ifindex, name, mtu, up/down,
 * kind and kind data with the underlying device by index only). nlflags:
 * NLM_F_CREATE|NLM_F_EXCL to create, 0 to change. netns_fd >= 0 adds
 * IFLA_NET_NS_FD: create in, or move to, that namespace. */
int xfrmif__link_build_new(const xfrmif_link *link, int nlflags, int netns_fd,
			   struct nl_msg **out);
/* RTM_DELLINK, or RTM_GETLINK, of one interface by ifindex (when not 0),
 * else by name. */
int xfrmif__link_build_del(const char *name, uint32_t ifindex,
			   struct nl_msg **out);
int xfrmif__link_build_get(const char *name, uint32_t ifindex,
			   struct nl_msg **out);
/* RTM_DELLINK of every interface in link group `group` (not 0). */
int xfrmif__link_build_del_group(uint32_t group, struct nl_msg **out);
/* RTM_GETLINK dump, asking the kernel to filter on `kind` when it is one of
 * the three (0: all). */
int xfrmif__link_build_dump(uint32_t kind, struct nl_msg **out);
/* RTM_NEWADDR / RTM_DELADDR (type) of family/addr/prefixlen on ifindex. */
int xfrmif__link_build_addr(int type, uint32_t ifindex, int family,
			    const void *addr, uint8_t prefixlen,
			    struct nl_msg **out);
/* RTM_NEWLINK on ifindex setting IPv4 devconf disable_policy. */
int xfrmif__link_build_disable_policy4(uint32_t ifindex, bool on,
				       struct nl_msg **out);

/* Parses an RTM_NEWLINK message (reply, dump part, event) or an
 * RTM_DELLINK event into `out` (reset first). Returns 0 or -EBADMSG for a malformed message. */
int xfrmif__link_parse(const struct nlmsghdr *nlh, xfrmif_link *out);

/* Checks a link before add (create) or modify; the errmsg names the bad
 * argument and starts with `what`. */
int xfrmif__link_validate(xfrmif_ctx *ctx, const xfrmif_link *link,
			  bool create, const char *what);

/* Reads the interface named by ifindex (when not 0) or name into out.
 * -ENODEV when there is none. */
int xfrmif__link_lookup(xfrmif_ctx *ctx, const char *name, uint32_t ifindex,
			xfrmif_link *out);

/* Opens the namespace a struct xfrmif_link_netns_opts names (fd -1 for
 * NULL opts); messages name it as `prefix`. */
int xfrmif__link_open_target(xfrmif_ctx *ctx,
			     const struct xfrmif_link_netns_opts *t,
			     const char *prefix, int *fd);
/* ---- security associations (sa_build.c, sa_parse.c, spi.c, sad.c) ---- */

struct xfrmif_sa;

/* Checks an SA as a whole before it is sent (what names the operation).
 * Returns 0 or -EINVAL with the reason in the ctx errmsg. */
int xfrmif__sa_validate(xfrmif_ctx *ctx, const struct xfrmif_sa *sa,
			const char *what);

/* Builds an XFRM_MSG_NEWSA or XFRM_MSG_UPDSA (`type`) for sa, validating it
 * first. Returns 0 with *out set, or a negative errno (ctx errmsg set). */
int xfrmif__sa_build_add(xfrmif_ctx *ctx, const struct xfrmif_sa *sa, int type,
			 struct nl_msg **out);

/* Builds an XFRM_MSG_DELSA or XFRM_MSG_GETSA naming the SA by dst, proto,
 * SPI and mark (the kernel's lookup key). */
int xfrmif__sa_build_id(xfrmif_ctx *ctx, const struct xfrmif_sa *key, int type,
			struct nl_msg **out);

/* Builds an XFRM_MSG_ALLOCSPI for the SA's addresses within [min, max]. */
int xfrmif__sa_build_allocspi(xfrmif_ctx *ctx, const struct xfrmif_sa *sa,
			      uint32_t min, uint32_t max, struct nl_msg **out);

/* Builds an XFRM_MSG_FLUSHSA for proto (0: all). */
int xfrmif__sa_build_flush(xfrmif_ctx *ctx, uint8_t proto, struct nl_msg **out);

/*
 * Parses an XFRM_MSG_NEWSA/UPDSA message (GET reply, dump part, event), or
 * a DELSA or EXPIRE event, into out, which is reset first (its old keys wiped). With keys false the key
 * bytes are not copied (their lengths are). Returns 0 or -EBADMSG.
 */
int xfrmif__sa_parse(const struct nlmsghdr *nlh, struct xfrmif_sa *out,
		     bool keys);

/* Whether the kernel knows XFRMA_SA_DIR (the probe's check, reusable). */
int xfrmif__probe_sa_dir(xfrmif_ctx *ctx, bool *has);
/* ---- policies (policy_build.c, policy_parse.c) ---- */

/* Builds XFRM_MSG_NEWPOLICY (or UPDPOLICY when `update`) for @p after
 * checking it whole; nothing is built when it is bad. Returns 0 with the
 * message in *out, or a negative errno with the ctx errmsg set. */
int xfrmif__policy_build_add(xfrmif_ctx *ctx, const xfrmif_policy *p,
			     bool update, struct nl_msg **out);

/* Builds XFRM_MSG_DELPOLICY or GETPOLICY (`type`) keyed by @key's selector
 * and direction, or by its index when `by_index`, plus its mark, if_id and
 * policy type: the same key the add used. */
int xfrmif__policy_build_key(xfrmif_ctx *ctx, const xfrmif_policy *key,
			     int type, bool by_index, struct nl_msg **out);

/* Builds XFRM_MSG_FLUSHPOLICY for policies of type `ptype`. */
int xfrmif__policy_build_flush(xfrmif_ctx *ctx, uint8_t ptype,
			       struct nl_msg **out);

/* Parses XFRM_MSG_NEWPOLICY/UPDPOLICY (dumps, get replies, events) and
 * DELPOLICY, POLEXPIRE, ACQUIRE (its policy) and MIGRATE (selector and
 * direction) events into @out, overwriting all of it. Returns 0, or
 * -EBADMSG for a short or malformed message, -ENOMSG for another type. */
int xfrmif__policy_parse(const struct nlmsghdr *nlh, xfrmif_policy *out);

/* ---- SPD and SAD information (spd.c, sad.c) ---- */

/* Reply parsers (xfrmif__reply_fn): XFRM_MSG_NEWSPDINFO into a struct
 * xfrmif_spd_info, XFRM_MSG_NEWSADINFO into a struct xfrmif__sad_info. */
int xfrmif__spd_info_parse(xfrmif_ctx *ctx, const struct nlmsghdr *nlh,
			   void *arg);

struct xfrmif__sad_info {
	uint32_t count, buckets, max;
	bool got;
};
int xfrmif__sad_info_parse(xfrmif_ctx *ctx, const struct nlmsghdr *nlh,
			   void *arg);
#endif
