/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The event monitor: netlink sockets subscribed to the XFRM multicast
 * groups and to rtnetlink's link group, opened in the context's namespace,
 * behind one epoll file descriptor for the caller's loop. Dispatch reads
 * datagrams without blocking and decodes each message into the monitor's
 * one event object (event.c, event_acquire.c).
 *
 * A dispatch that its callback stops keeps the rest of the datagram it was
 * reading; an eventfd in the epoll set keeps the monitor's fd readable
 * until a later dispatch has delivered it.
 */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/rtnetlink.h>

#include "event_priv.h"

/* One kernel multicast datagram holds one message; links are the largest
 * (a few KiB with statistics). */
#define MON_BUF_SIZE (64u * 1024u)
#define MON_RCVBUF_DEFAULT (1024u * 1024u)
#define MON_XFRM_GROUPS 0xffu /* XFRMIF_MONITOR_ACQUIRE .. _MAPPING */

struct mon_sock {
	int fd; /* -1 when no group of this family was asked for */
	uint32_t groups; /* XFRMIF_MONITOR_* bits this socket serves */
	bool secret;     /* datagrams may carry keys: wipe them */
	uint8_t *buf;
	size_t len, off; /* the datagram being delivered: [off, len) */
};

struct xfrmif_monitor {
	xfrmif_ctx *ctx;
	uint32_t flags;
	uint32_t rcvbuf;
	int epfd;
	int evfd; /* readable while a stopped dispatch left events behind */
	struct mon_sock sock[XFRMIF__NPROTO];
	xfrmif_event ev;
};

static int set_rcvbuf(int fd, uint32_t want)
{
	int v = (int)(want ? want : MON_RCVBUF_DEFAULT);

	if (want && want > INT32_MAX)
		return -EINVAL;
	/* Privileged callers may exceed net.core.rmem_max; others get what
	 * the system allows. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof(v)) == 0)
		return 0;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v)) < 0)
		return -errno;
	return 0;
}

/* Opens one socket of `protocol` (in the namespace the thread is in now)
 * and joins the kernel groups of s->groups. */
static int open_one(struct mon_sock *s, int protocol, uint32_t rcvbuf)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	int r, grp;

	s->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
		       protocol);
	if (s->fd < 0)
		return -errno;
	r = set_rcvbuf(s->fd, rcvbuf);
	if (r < 0)
		return r;
	if (bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -errno;
	for (unsigned int bit = 0; bit < 32; bit++) {
		if (!(s->groups & (1u << bit)))
			continue;
		/* XFRM groups are numbered in the order of our bits, from 1. */
		grp = protocol == NETLINK_XFRM ? (int)bit + XFRMNLGRP_ACQUIRE
					       : RTNLGRP_LINK;
		if (setsockopt(s->fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &grp,
			       sizeof(grp)) < 0)
			return -errno;
	}
	return 0;
}

static int open_socks(void *arg)
{
	xfrmif_monitor *m = arg;
	int r = 0;

	if (m->sock[XFRMIF__XFRM].groups)
		r = open_one(&m->sock[XFRMIF__XFRM], NETLINK_XFRM, m->rcvbuf);
	if (r == 0 && m->sock[XFRMIF__RTNL].groups)
		r = open_one(&m->sock[XFRMIF__RTNL], NETLINK_ROUTE, m->rcvbuf);
	return r;
}

static int epoll_add(int epfd, int fd)
{
	struct epoll_event e = { .events = EPOLLIN, .data.fd = fd };

	return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &e) < 0 ? -errno : 0;
}

XFRMIF_EXPORT void xfrmif_monitor_free(xfrmif_monitor *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < XFRMIF__NPROTO; i++) {
		struct mon_sock *s = &m->sock[i];

		if (s->fd >= 0)
			close(s->fd);
		if (s->buf) {
			explicit_bzero(s->buf, MON_BUF_SIZE);
			free(s->buf);
		}
	}
	if (m->epfd >= 0)
		close(m->epfd);
	if (m->evfd >= 0)
		close(m->evfd);
	xfrmif__event_fini(&m->ev);
	xfrmif_ctx_unref(m->ctx);
	free(m);
}

/* Builds everything but the sockets; those need the namespace. */
static int setup(xfrmif_monitor *m)
{
	int r;

	m->epfd = epoll_create1(EPOLL_CLOEXEC);
	if (m->epfd < 0)
		return xfrmif__err(m->ctx, -errno, "monitor: epoll_create1: %s",
				   strerror(errno));
	m->evfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (m->evfd < 0)
		return xfrmif__err(m->ctx, -errno, "monitor: eventfd: %s",
				   strerror(errno));
	r = epoll_add(m->epfd, m->evfd);
	if (r < 0)
		return xfrmif__err(m->ctx, r, "monitor: epoll_ctl: %s",
				   strerror(-r));
	for (size_t i = 0; i < XFRMIF__NPROTO; i++) {
		if (!m->sock[i].groups)
			continue;
		m->sock[i].buf = malloc(MON_BUF_SIZE);
		if (!m->sock[i].buf)
			return -ENOMEM;
	}
	return xfrmif__event_init(&m->ev);
}

XFRMIF_EXPORT int xfrmif_monitor_new(xfrmif_monitor **ret, xfrmif_ctx *ctx,
				     uint32_t groups,
				     const struct xfrmif_monitor_opts *opts)
{
	struct xfrmif_monitor_opts o = { 0 };
	xfrmif_monitor *m;
	int r;

	if (!ret || !ctx)
		return -EINVAL;
	*ret = NULL;
	r = xfrmif__opts_check(ctx, opts, sizeof(o), "xfrmif_monitor_opts");
	if (r < 0)
		return r;
	if (opts)
		memcpy(&o, opts, opts->sz < sizeof(o) ? opts->sz : sizeof(o));
	if (!groups || (groups & ~(uint32_t)XFRMIF_MONITOR_ALL))
		return xfrmif__err(ctx, -EINVAL,
				   "monitor: groups: 0x%x is not a set of "
				   "XFRMIF_MONITOR_* bits", groups);
	if (o.flags & ~(uint32_t)XFRMIF_MONITOR_KEYS)
		return xfrmif__err(ctx, -EINVAL,
				   "monitor: opts.flags: unknown bits 0x%x",
				   o.flags & ~(uint32_t)XFRMIF_MONITOR_KEYS);
	if (o.rcvbuf > INT32_MAX / 2)
		return xfrmif__err(ctx, -EINVAL,
				   "monitor: opts.rcvbuf: %u bytes is too large",
				   o.rcvbuf);
	m = calloc(1, sizeof(*m));
	if (!m)
		return -ENOMEM;
	m->ctx = xfrmif_ctx_ref(ctx);
	m->flags = o.flags;
	m->rcvbuf = o.rcvbuf;
	m->epfd = m->evfd = -1;
	for (size_t i = 0; i < XFRMIF__NPROTO; i++)
		m->sock[i].fd = -1;
	m->sock[XFRMIF__XFRM].groups = groups & MON_XFRM_GROUPS;
	m->sock[XFRMIF__XFRM].secret = true; /* SA events carry keys */
	m->sock[XFRMIF__RTNL].groups = groups & XFRMIF_MONITOR_LINK;

	r = setup(m);
	if (r < 0)
		goto fail;
	r = xfrmif__in_netns(ctx->netns_fd, open_socks, m);
	if (r < 0) {
		xfrmif__err(ctx, r, "monitor: cannot open or subscribe the "
			    "netlink sockets: %s", strerror(-r));
		goto fail;
	}
	for (size_t i = 0; i < XFRMIF__NPROTO && r == 0; i++)
		if (m->sock[i].fd >= 0)
			r = epoll_add(m->epfd, m->sock[i].fd);
	if (r < 0) {
		xfrmif__err(ctx, r, "monitor: epoll_ctl: %s", strerror(-r));
		goto fail;
	}
	*ret = m;
	return 0;
fail:
	xfrmif_monitor_free(m);
	return r;
}

XFRMIF_EXPORT int xfrmif_monitor_get_fd(const xfrmif_monitor *m)
{
	return m ? m->epfd : -EINVAL;
}

enum { GOT_NOTHING = 0, GOT_DATAGRAM = 1, GOT_LOST = 2 };

/* Reads one datagram into s->buf without blocking. */
static int fill(xfrmif_monitor *m, struct mon_sock *s)
{
	struct sockaddr_nl from;
	struct iovec iov = { .iov_base = s->buf, .iov_len = MON_BUF_SIZE };
	struct msghdr mh = {
		.msg_name = &from,
		.msg_namelen = sizeof(from),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t n;

	s->len = s->off = 0;
	do
		n = recvmsg(s->fd, &mh, MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			return GOT_NOTHING;
		/* The kernel dropped events for want of buffer space. */
		if (errno == ENOBUFS)
			return GOT_LOST;
		return xfrmif__err(m->ctx, -errno, "monitor: receiving: %s",
				   strerror(errno));
	}
	if (mh.msg_flags & MSG_TRUNC) {
		/* Cannot happen with our buffer size; if it does, the message
		 * is lost like an overflow. */
		if (s->secret)
			explicit_bzero(s->buf, MON_BUF_SIZE);
		return GOT_LOST;
	}
	/* Anyone may send to our port; only the kernel's words count. */
	if (mh.msg_namelen != sizeof(from) || from.nl_pid != 0) {
		xfrmif__dbg(m->ctx, "monitor: dropped a datagram from port %u",
			    from.nl_pid);
		if (s->secret)
			explicit_bzero(s->buf, (size_t)n);
		return GOT_DATAGRAM;
	}
	s->len = (size_t)n;
	return GOT_DATAGRAM;
}

/* The next message of the pending datagram, or NULL when it is used up
 * (then its bytes are wiped if they may hold keys). */
static const struct nlmsghdr *next_msg(struct mon_sock *s)
{
	const struct nlmsghdr *nlh;
	size_t rest = s->len - s->off;

	nlh = (const struct nlmsghdr *)(s->buf + s->off);
	if (s->off < s->len && NLMSG_OK(nlh, rest)) {
		size_t step = NLMSG_ALIGN(nlh->nlmsg_len);

		s->off += step < rest ? step : rest;
		return nlh;
	}
	if (s->secret && s->len)
		explicit_bzero(s->buf, s->len);
	s->len = s->off = 0;
	return NULL;
}

/* Decodes one message into m->ev: 0 event, 1 nothing to report. */
static int decode(xfrmif_monitor *m, int proto, const struct nlmsghdr *nlh)
{
	int r;

	if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
		return 1; /* NOOP, ERROR, DONE: not events */
	if (proto == XFRMIF__XFRM)
		r = xfrmif__event_parse_xfrm(&m->ev, nlh,
					     m->flags & XFRMIF_MONITOR_KEYS);
	else
		r = xfrmif__event_parse_link(&m->ev, nlh);
	if (r < 0) {
		xfrmif__info(m->ctx, "monitor: skipped a malformed message of "
			     "type %u", nlh->nlmsg_type);
		xfrmif__event_clear(&m->ev);
		return 1;
	}
	return r;
}

/* Hands m->ev to the callback, then wipes it. */
static int deliver(xfrmif_monitor *m, xfrmif_event_fn fn, void *arg)
{
	int r = fn(&m->ev, arg);

	xfrmif__event_clear(&m->ev);
	return r;
}

/* Delivers the events of one socket until it is drained or the callback
 * stops; *count counts them. Returns 0 drained, else the callback's value
 * or a negative errno. */
static int drain(xfrmif_monitor *m, int proto, xfrmif_event_fn fn, void *arg,
		 int *count)
{
	struct mon_sock *s = &m->sock[proto];
	const struct nlmsghdr *nlh;
	int r;

	for (;;) {
		nlh = next_msg(s);
		if (!nlh) {
			r = fill(m, s);
			if (r == GOT_NOTHING)
				return 0;
			if (r < 0)
				return r;
			if (r == GOT_LOST) {
				xfrmif__event_clear(&m->ev);
				m->ev.type = XFRMIF_EVENT_LOST;
				m->ev.lost = s->groups;
				++*count;
				r = deliver(m, fn, arg);
				if (r)
					return r;
			}
			continue;
		}
		if (decode(m, proto, nlh))
			continue;
		++*count;
		r = deliver(m, fn, arg);
		if (r)
			return r;
	}
}

XFRMIF_EXPORT int xfrmif_monitor_dispatch(xfrmif_monitor *m,
					  xfrmif_event_fn fn, void *arg)
{
	uint64_t v;
	int count = 0, r = 0;

	if (!m || !fn)
		return -EINVAL;
	/* Reset the "events left behind" signal; set again below if so. */
	if (read(m->evfd, &v, sizeof(v)) < 0 && errno != EAGAIN)
		return xfrmif__err(m->ctx, -errno, "monitor: eventfd: %s",
				   strerror(errno));
	for (int proto = 0; proto < XFRMIF__NPROTO && r == 0; proto++)
		if (m->sock[proto].fd >= 0)
			r = drain(m, proto, fn, arg, &count);
	if (r > 0 || (r < 0 && count)) {
		/* Stopped early: keep the fd readable for what is left. A
		 * spurious wake-up only makes a dispatch that finds nothing. */
		v = 1;
		if (write(m->evfd, &v, sizeof(v)) < 0)
			xfrmif__dbg(m->ctx, "monitor: eventfd write failed");
	}
	return r < 0 ? r : count;
}

XFRMIF_EXPORT int xfrmif_monitor_wait(xfrmif_monitor *m, int timeout_ms)
{
	struct pollfd p;
	int n;

	if (!m)
		return -EINVAL;
	p.fd = m->epfd;
	p.events = POLLIN;
	n = poll(&p, 1, timeout_ms);
	if (n < 0)
		return -errno;
	return n > 0 ? 1 : 0;
}

XFRMIF_EXPORT int xfrmif_monitor_run(xfrmif_monitor *m, int timeout_ms,
				     xfrmif_event_fn fn, void *arg)
{
	int r;

	if (!m || !fn)
		return -EINVAL;
	r = xfrmif_monitor_wait(m, timeout_ms);
	if (r <= 0)
		return r;
	return xfrmif_monitor_dispatch(m, fn, arg);
}
