/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The context: namespace, sockets, last error and logging. */
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <netlink/netlink.h>
#include <netlink/socket.h>

#include "internal.h"

/* Large enough for the biggest dump datagram the kernel builds (it caps
 * them near 32 KiB) with room to spare. */
#define RXBUF_SIZE (64u * 1024u)
/* Generous socket buffers let a batch keep many requests in flight. */
#define SOCK_BUF_SIZE (1024 * 1024)

XFRMIF_EXPORT const char *xfrmif_version(void)
{
	return XFRMIF_VERSION_STRING;
}

int xfrmif__err(xfrmif_ctx *ctx, int err, const char *fmt, ...)
{
	va_list ap;

	if (!ctx)
		return err;
	va_start(ap, fmt);
	vsnprintf(ctx->errmsg, sizeof(ctx->errmsg), fmt, ap);
	va_end(ap);
	xfrmif__log(ctx, LOG_DEBUG, __FILE__, __LINE__, __func__, "error %d: %s",
		    err, ctx->errmsg);
	return err;
}

void xfrmif__log(xfrmif_ctx *ctx, int priority, const char *file, int line,
		 const char *fn, const char *fmt, ...)
{
	va_list ap;

	if (!ctx || !ctx->log_fn || priority > ctx->log_priority)
		return;
	va_start(ap, fmt);
	ctx->log_fn(ctx, priority, file, line, fn, fmt, ap, ctx->log_data);
	va_end(ap);
}

int xfrmif__opts_check(xfrmif_ctx *ctx, const void *opts, size_t known,
		       const char *what)
{
	const unsigned char *p = opts;
	size_t sz, i;

	if (!opts)
		return 0;
	memcpy(&sz, opts, sizeof(sz));
	if (sz < sizeof(size_t))
		return xfrmif__err(ctx, -EINVAL,
				   "%s: sz is %zu; set it to sizeof the struct "
				   "(use XFRMIF_OPTS)", what, sz);
	for (i = known; i < sz; i++)
		if (p[i])
			return xfrmif__err(ctx, -EINVAL,
					   "%s: the struct is newer than this "
					   "library and sets a field it does "
					   "not know (byte %zu)", what, i);
	return 0;
}

int xfrmif__in_netns(int netns_fd, int (*fn)(void *arg), void *arg)
{
	int self, r, back;

	self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (self < 0)
		return -errno;
	if (setns(netns_fd, CLONE_NEWNET) < 0) {
		r = -errno;
		close(self);
		return r;
	}
	r = fn(arg);
	back = setns(self, CLONE_NEWNET);
	close(self);
	/* Failing to return would leave the thread in a foreign namespace:
	 * nothing sane can go on from there. */
	if (back < 0)
		abort();
	return r;
}

static int open_sock(struct xfrmif__sock *s, int protocol)
{
	const struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	int r, one = 1;

	s->nl = nl_socket_alloc();
	if (!s->nl)
		return -ENOMEM;
	/* We match replies ourselves; libnl's auto-ack and seq checks would
	 * only get in the way of pipelining. */
	nl_socket_disable_auto_ack(s->nl);
	nl_socket_disable_seq_check(s->nl);
	r = nl_connect(s->nl, protocol);
	if (r < 0)
		return xfrmif__nle_to_errno(r);
	s->fd = nl_socket_get_fd(s->nl);
	s->port = nl_socket_get_local_port(s->nl);
	/* Connected to the kernel's port 0: the kernel then refuses
	 * (ECONNREFUSED) anything other sockets send to our port, so every
	 * datagram we read is the kernel's, and send/recv need no address. */
	if (connect(s->fd, (const struct sockaddr *)&kernel, sizeof(kernel)) < 0)
		return -errno;
	s->seq = (uint32_t)time(NULL);
	r = nl_socket_set_buffer_size(s->nl, SOCK_BUF_SIZE, SOCK_BUF_SIZE);
	if (r < 0)
		return xfrmif__nle_to_errno(r);
	/* Extended ACKs carry the kernel's own words; capped ACKs keep a
	 * failed request's payload (possibly keys) out of the reply. */
	if (setsockopt(s->fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) < 0 ||
	    setsockopt(s->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)) < 0)
		return -errno;
	return 0;
}

static int open_socks(void *arg)
{
	xfrmif_ctx *ctx = arg;
	int r;

	r = open_sock(&ctx->sock[XFRMIF__RTNL], NETLINK_ROUTE);
	if (r < 0)
		return r;
	return open_sock(&ctx->sock[XFRMIF__XFRM], NETLINK_XFRM);
}

int xfrmif__netns_open(xfrmif_ctx *ctx, const char *prefix, const char *name,
		       const char *path, int fd, bool use_fd, int *out)
{
	char buf[PATH_MAX];
	int r;

	*out = -1;
	if (!!name + !!path + use_fd != 1)
		return xfrmif__err(ctx, -EINVAL,
				   "%s: give exactly one of netns_name, "
				   "netns_path and netns_fd", prefix);
	if (use_fd) {
		if (fd < 0)
			return xfrmif__err(ctx, -EBADF,
					   "%s.netns_fd: %d is not a file "
					   "descriptor", prefix, fd);
		r = fcntl(fd, F_DUPFD_CLOEXEC, 3);
		if (r < 0)
			return xfrmif__err(ctx, -errno, "%s.netns_fd: %s",
					   prefix, strerror(errno));
	} else if (name) {
		if (!*name || strchr(name, '/') || !strcmp(name, ".") ||
		    !strcmp(name, "..") || strlen(name) > NAME_MAX)
			return xfrmif__err(ctx, -EINVAL,
					   "%s.netns_name: '%s' is not a "
					   "namespace name", prefix, name);
		snprintf(buf, sizeof(buf), "/run/netns/%s", name);
		r = open(buf, O_RDONLY | O_CLOEXEC);
		if (r < 0)
			return xfrmif__err(ctx, -errno,
					   "%s.netns_name: cannot open "
					   "namespace '%s' (%s): %s", prefix,
					   name, buf, strerror(errno));
	} else {
		r = open(path, O_RDONLY | O_CLOEXEC);
		if (r < 0)
			return xfrmif__err(ctx, -errno,
					   "%s.netns_path: cannot open '%s': %s",
					   prefix, path, strerror(errno));
	}
	*out = r;
	return 0;
}

static int open_netns(xfrmif_ctx *ctx, const struct xfrmif_ctx_opts *o)
{
	int given = 0, fd;

	if (o) {
		given = !!o->netns_name + !!o->netns_path +
			!!(o->flags & XFRMIF_CTX_NETNS_FD);
		if (o->flags & ~(uint32_t)XFRMIF_CTX_NETNS_FD)
			return xfrmif__err(ctx, -EINVAL,
					   "opts.flags: unknown bits 0x%x",
					   o->flags & ~(uint32_t)XFRMIF_CTX_NETNS_FD);
	}
	if (given > 1)
		return xfrmif__err(ctx, -EINVAL,
				   "opts: give only one of netns_name, "
				   "netns_path and netns_fd");
	if (given)
		return xfrmif__netns_open(ctx, "opts", o->netns_name,
					  o->netns_path, o->netns_fd,
					  o->flags & XFRMIF_CTX_NETNS_FD,
					  &ctx->netns_fd);
	fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return xfrmif__err(ctx, -errno, "cannot open the namespace: %s",
				   strerror(errno));
	ctx->netns_fd = fd;
	return 0;
}

struct reopen {
	struct xfrmif__sock *s;
	int protocol;
};

static int reopen_in_netns(void *arg)
{
	struct reopen *ro = arg;
	struct xfrmif__sock fresh = { 0 };
	int r = open_sock(&fresh, ro->protocol);

	if (r < 0) {
		if (fresh.nl)
			nl_socket_free(fresh.nl);
		return r;
	}
	fresh.seq = ro->s->seq;
	nl_socket_free(ro->s->nl);
	*ro->s = fresh;
	return 0;
}

int xfrmif__sock_reopen(xfrmif_ctx *ctx, enum xfrmif__proto proto)
{
	struct reopen ro = {
		.s = &ctx->sock[proto],
		.protocol = proto == XFRMIF__RTNL ? NETLINK_ROUTE : NETLINK_XFRM,
	};

	return xfrmif__in_netns(ctx->netns_fd, reopen_in_netns, &ro);
}

static void close_socks(xfrmif_ctx *ctx)
{
	for (size_t i = 0; i < XFRMIF__NPROTO; i++)
		if (ctx->sock[i].nl)
			nl_socket_free(ctx->sock[i].nl); /* closes the fd */
}

static void ctx_free(xfrmif_ctx *ctx)
{
	close_socks(ctx);
	if (ctx->netns_fd >= 0)
		close(ctx->netns_fd);
	if (ctx->rxbuf) {
		explicit_bzero(ctx->rxbuf, ctx->rxbuf_size);
		free(ctx->rxbuf);
	}
	xfrmif__msg_free(ctx->scratch);
	free(ctx);
}

XFRMIF_EXPORT int xfrmif_ctx_new(xfrmif_ctx **ret,
				 const struct xfrmif_ctx_opts *opts)
{
	struct xfrmif_ctx_opts o = { 0 };
	xfrmif_ctx *ctx;
	int r;

	if (!ret)
		return -EINVAL;
	*ret = NULL;
	ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return -ENOMEM;
	ctx->refs = 1;
	ctx->netns_fd = -1;
	ctx->log_priority = LOG_ERR;

	/* Copied first so that even a rejected struct can name its errbuf. */
	if (opts)
		memcpy(&o, opts, opts->sz < sizeof(o) ? opts->sz : sizeof(o));
	r = xfrmif__opts_check(ctx, opts, sizeof(o), "xfrmif_ctx_opts");
	if (r < 0)
		goto fail;
	r = open_netns(ctx, opts ? &o : NULL);
	if (r < 0)
		goto fail;
	ctx->rxbuf_size = RXBUF_SIZE;
	ctx->rxbuf = malloc(ctx->rxbuf_size);
	if (!ctx->rxbuf) {
		r = -ENOMEM;
		goto fail;
	}
	r = xfrmif__in_netns(ctx->netns_fd, open_socks, ctx);
	if (r < 0)
		goto fail;
	*ret = ctx;
	return 0;
fail:
	if (opts && o.errbuf && o.errbuf_size) {
		snprintf(o.errbuf, o.errbuf_size, "%s",
			 ctx->errmsg[0] ? ctx->errmsg : strerror(-r));
	}
	ctx_free(ctx);
	return r;
}

XFRMIF_EXPORT xfrmif_ctx *xfrmif_ctx_ref(xfrmif_ctx *ctx)
{
	if (ctx)
		ctx->refs++;
	return ctx;
}

XFRMIF_EXPORT xfrmif_ctx *xfrmif_ctx_unref(xfrmif_ctx *ctx)
{
	if (ctx && --ctx->refs == 0)
		ctx_free(ctx);
	return NULL;
}

XFRMIF_EXPORT const char *xfrmif_ctx_errmsg(const xfrmif_ctx *ctx)
{
	return ctx ? ctx->errmsg : "no context";
}

XFRMIF_EXPORT int xfrmif_ctx_netns_fd(const xfrmif_ctx *ctx)
{
	return ctx ? ctx->netns_fd : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_ctx_set_log_fn(xfrmif_ctx *ctx, xfrmif_log_fn fn,
					void *userdata)
{
	if (!ctx)
		return -EINVAL;
	ctx->log_fn = fn;
	ctx->log_data = userdata;
	return 0;
}

XFRMIF_EXPORT int xfrmif_ctx_set_log_priority(xfrmif_ctx *ctx, int priority)
{
	if (!ctx)
		return -EINVAL;
	if (priority < LOG_EMERG || priority > LOG_DEBUG)
		return xfrmif__err(ctx, -EINVAL,
				   "priority: %d is not a syslog priority "
				   "(0..7)", priority);
	ctx->log_priority = priority;
	return 0;
}

XFRMIF_EXPORT int xfrmif_ctx_get_log_priority(const xfrmif_ctx *ctx)
{
	return ctx ? ctx->log_priority : -EINVAL;
}
