/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netlink/errno.h>
#include <netlink/msg.h>
#include <netlink/socket.h>

#include "xfault.h"

static int fault_at;    /* 0: disarmed; N: the Nth call fails */
static int fault_calls; /* calls counted since arming */
int xfault_fired;
int xfault_mark_dump_intr;
int xfault_enobufs;

static int should_fail(void)
{
	if (!fault_at || ++fault_calls != fault_at)
		return 0;
	xfault_fired = 1;
	return 1;
}

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
struct nl_msg *__real_nlmsg_alloc_size(size_t n);
ssize_t __real_send(int fd, const void *buf, size_t len, int flags);
ssize_t __real_recv(int fd, void *buf, size_t len, int flags);
int __real_connect(int fd, const struct sockaddr *a, socklen_t len);
ssize_t __real_recvmsg(int fd, struct msghdr *m, int flags);
int __real_nl_connect(struct nl_sock *sk, int protocol);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
struct nl_msg *__wrap_nlmsg_alloc_size(size_t n);
ssize_t __wrap_send(int fd, const void *buf, size_t len, int flags);
ssize_t __wrap_recv(int fd, void *buf, size_t len, int flags);
int __wrap_connect(int fd, const struct sockaddr *a, socklen_t len);
ssize_t __wrap_recvmsg(int fd, struct msghdr *m, int flags);
int __wrap_nl_connect(struct nl_sock *sk, int protocol);

void *__wrap_malloc(size_t n)
{
	if (should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	if (should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	if (should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	if (should_fail()) {
		errno = ENOMEM;
		return NULL;
	}
	return __real_strdup(s);
}

struct nl_msg *__wrap_nlmsg_alloc_size(size_t n)
{
	return should_fail() ? NULL : __real_nlmsg_alloc_size(n);
}

ssize_t __wrap_send(int fd, const void *buf, size_t len, int flags)
{
	if (should_fail()) {
		errno = ENOBUFS;
		return -1;
	}
	return __real_send(fd, buf, len, flags);
}

/* A receive that fails: the injected failure, or a lost-answer overflow. */
static bool receive_fails(void)
{
	if (should_fail()) {
		errno = EIO;
		return true;
	}
	if (xfault_enobufs) {
		errno = ENOBUFS;
		return true;
	}
	return false;
}

/* Dump messages received may be marked as interrupted. */
static ssize_t received(ssize_t n, void *buf)
{
	if (n > 0 && xfault_mark_dump_intr) {
		size_t len = (size_t)n;
		for (struct nlmsghdr *h = buf; NLMSG_OK(h, len);
		     h = NLMSG_NEXT(h, len))
			if (h->nlmsg_flags & NLM_F_MULTI)
				h->nlmsg_flags |= NLM_F_DUMP_INTR;
	}
	return n;
}

ssize_t __wrap_recv(int fd, void *buf, size_t len, int flags)
{
	if (receive_fails())
		return -1;
	return received(__real_recv(fd, buf, len, flags), buf);
}

ssize_t __wrap_recvmsg(int fd, struct msghdr *m, int flags)
{
	if (receive_fails())
		return -1;
	return received(__real_recvmsg(fd, m, flags), m->msg_iov[0].iov_base);
}

int __wrap_connect(int fd, const struct sockaddr *a, socklen_t len)
{
	if (should_fail()) {
		errno = ENOMEM;
		return -1;
	}
	return __real_connect(fd, a, len);
}

int __wrap_nl_connect(struct nl_sock *sk, int protocol)
{
	return should_fail() ? -NLE_NOMEM : __real_nl_connect(sk, protocol);
}

void xfault_arm(int n)
{
	fault_at = n;
	fault_calls = 0;
	xfault_fired = 0;
}

void xfault_disarm(void)
{
	fault_at = 0;
}

