/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
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
ssize_t __real_sendmsg(int fd, const struct msghdr *m, int flags);
ssize_t __real_recvmsg(int fd, struct msghdr *m, int flags);
int __real_nl_connect(struct nl_sock *sk, int protocol);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
struct nl_msg *__wrap_nlmsg_alloc_size(size_t n);
ssize_t __wrap_sendmsg(int fd, const struct msghdr *m, int flags);
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

ssize_t __wrap_sendmsg(int fd, const struct msghdr *m, int flags)
{
	if (should_fail()) {
		errno = ENOBUFS;
		return -1;
	}
	return __real_sendmsg(fd, m, flags);
}


ssize_t __wrap_recvmsg(int fd, struct msghdr *m, int flags)
{
	ssize_t n;

	if (should_fail()) {
		errno = EIO;
		return -1;
	}
	if (xfault_enobufs) {
		errno = ENOBUFS;
		return -1;
	}
	n = __real_recvmsg(fd, m, flags);
	if (n > 0 && xfault_mark_dump_intr) {
		size_t len = (size_t)n;
		for (struct nlmsghdr *h = m->msg_iov[0].iov_base; NLMSG_OK(h, len);
		     h = NLMSG_NEXT(h, len))
			if (h->nlmsg_flags & NLM_F_MULTI)
				h->nlmsg_flags |= NLM_F_DUMP_INTR;
	}
	return n;
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

