/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrmif: the context.
 *
 * A context is bound to one network namespace for its whole life. It owns a
 * NETLINK_ROUTE and a NETLINK_XFRM socket opened inside that namespace, the
 * text of the last failure and the logging callback.
 *
 * Threading: a context and the objects used with it belong to one thread at a
 * time; give each thread its own context.
 */
#ifndef LIBXFRMIF_CTX_H
#define LIBXFRMIF_CTX_H

#include <stdarg.h>
#include <libxfrmif/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* xfrmif_ctx_opts.flags */
enum {
	/* netns_fd holds an open namespace file descriptor to use. */
	XFRMIF_CTX_NETNS_FD = 1u << 0,
};

/*
 * Where the context lives. At most one of netns_name, netns_path and
 * (flags & XFRMIF_CTX_NETNS_FD) may be given; none means the calling thread's
 * namespace at the time of xfrmif_ctx_new().
 */
struct xfrmif_ctx_opts {
	size_t sz;              /* sizeof(struct xfrmif_ctx_opts) */
	const char *netns_name; /* a name under /run/netns, as `ip netns` uses */
	const char *netns_path; /* any path to a namespace file */
	int netns_fd;           /* with XFRMIF_CTX_NETNS_FD; duplicated */
	uint32_t flags;         /* XFRMIF_CTX_* */
	/* Where xfrmif_ctx_new() copies the reason when it fails (a context
	 * that failed to come into being has no errmsg of its own). */
	char *errbuf;
	size_t errbuf_size;
};

/*
 * xfrmif_ctx_new - create a context with one reference.
 * @ret: receives the context.
 * @opts: NULL or the namespace to use (see struct xfrmif_ctx_opts).
 *
 * The sockets are opened inside the namespace; the calling thread's own
 * namespace is restored before the call returns.
 *
 * Returns 0, or -EINVAL (bad argument or option struct), -ENOENT (no such
 * namespace), -EPERM/-EACCES (not allowed to enter it), -ENOMEM, or the
 * errno of a failing socket call. The reason, naming the bad argument, is
 * copied to opts->errbuf when the caller gave one.
 * Since: 1.0
 */
int xfrmif_ctx_new(xfrmif_ctx **ret, const struct xfrmif_ctx_opts *opts);

/*
 * xfrmif_ctx_ref - take one more reference. Returns @ctx (NULL-safe).
 * Since: 1.0
 */
xfrmif_ctx *xfrmif_ctx_ref(xfrmif_ctx *ctx);

/*
 * xfrmif_ctx_unref - drop one reference; the last one closes the sockets
 * and frees the context. NULL-safe. Always returns NULL.
 * Since: 1.0
 */
xfrmif_ctx *xfrmif_ctx_unref(xfrmif_ctx *ctx);

/*
 * xfrmif_ctx_errmsg - the text of the context's last failure: the kernel's
 * extended-ACK message, or the library's message naming the bad argument.
 * Returns "" when nothing has failed yet; never NULL for a non-NULL @ctx.
 * The string stays valid until the next call on @ctx.
 * Since: 1.0
 */
const char *xfrmif_ctx_errmsg(const xfrmif_ctx *ctx);

/*
 * xfrmif_ctx_netns_fd - a file descriptor of the context's namespace, owned
 * by the context (do not close it). Returns the fd, or -EINVAL for NULL.
 * Since: 1.0
 */
int xfrmif_ctx_netns_fd(const xfrmif_ctx *ctx);

/*
 * Logging callback. @priority is a syslog priority (LOG_ERR .. LOG_DEBUG).
 * Since: 1.0
 */
typedef void (*xfrmif_log_fn)(xfrmif_ctx *ctx, int priority, const char *file,
			      int line, const char *fn, const char *format,
			      va_list args, void *userdata);

/*
 * xfrmif_ctx_set_log_fn - install (or with NULL remove) the logging
 * callback. A new context is silent. Returns 0 or -EINVAL for a NULL @ctx.
 * Since: 1.0
 */
int xfrmif_ctx_set_log_fn(xfrmif_ctx *ctx, xfrmif_log_fn fn, void *userdata);

/*
 * xfrmif_ctx_set_log_priority - log messages up to and including @priority
 * (default LOG_ERR). Returns 0 or -EINVAL (NULL @ctx, priority outside
 * LOG_EMERG..LOG_DEBUG).
 * Since: 1.0
 */
int xfrmif_ctx_set_log_priority(xfrmif_ctx *ctx, int priority);

/*
 * xfrmif_ctx_get_log_priority - the current priority, or -EINVAL for NULL.
 * Since: 1.0
 */
int xfrmif_ctx_get_log_priority(const xfrmif_ctx *ctx);

/*
 * xfrmif_version - the library's version string, e.g. "0.1.0".
 * Since: 1.0
 */
const char *xfrmif_version(void);

/* For __attribute__((cleanup(xfrmif_ctx_unrefp))). Since: 1.0 */
static inline void xfrmif_ctx_unrefp(xfrmif_ctx **ctx)
{
	if (ctx)
		xfrmif_ctx_unref(*ctx);
}

#ifdef __cplusplus
}
#endif

#endif
