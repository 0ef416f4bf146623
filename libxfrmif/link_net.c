/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What a link needs around it: moving it between namespaces, its
 * addresses, and the disable_policy switch that VTIs need.
 */
#include <net/if.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <linux/rtnetlink.h>

#include <netlink/msg.h>

#include "link_priv.h"

/* The interface a link names, read from the kernel. */
static int find(xfrmif_ctx *ctx, const xfrmif_link *link, const char *what,
		xfrmif_link *cur)
{
	int r;

	if (!ctx)
		return -EINVAL;
	if (!link)
		return xfrmif__err(ctx, -EINVAL, "%s: link must not be NULL",
				   what);
	r = xfrmif__argerr_check(ctx, &link->argerr, what);
	if (r < 0)
		return r;
	if (!(link->set & (LINK_F_NAME | LINK_F_IFINDEX)))
		return xfrmif__err(ctx, -EINVAL, "%s: name or ifindex: "
				   "required to find the interface", what);
	return xfrmif__link_lookup(ctx, link->name,
				   (link->set & LINK_F_IFINDEX) ? link->ifindex : 0,
				   cur);
}

XFRMIF_EXPORT int xfrmif_link_move(xfrmif_ctx *ctx, const xfrmif_link *link,
				   const struct xfrmif_link_netns_opts *target)
{
	const char *what = "link move";
	xfrmif_link cur, m;
	struct nl_msg *msg;
	int fd, r;

	if (ctx && !target)
		return xfrmif__err(ctx, -EINVAL, "%s: target: must not be NULL",
				   what);
	r = find(ctx, link, what, &cur);
	if (r < 0)
		return r;
	r = xfrmif__link_open_target(ctx, target, "link move: target", &fd);
	if (r < 0)
		return r;
	memset(&m, 0, sizeof(m));
	m.ifindex = cur.ifindex;
	m.set = LINK_F_IFINDEX;
	r = xfrmif__link_build_new(&m, 0, fd, &msg);
	r = xfrmif__link_send(ctx, msg, r, what, NULL, NULL, 0);
	close(fd);
	if (r == -EEXIST)
		return xfrmif__err(ctx, r, "%s: the target namespace has an "
				   "interface named '%s' already", what,
				   cur.name);
	return r;
}

static int addr_op(xfrmif_ctx *ctx, const xfrmif_link *link, int type,
		   int family, const void *addr, uint8_t prefixlen)
{
	const char *what = type == RTM_NEWADDR ? "link addr add" :
						 "link addr del";
	size_t len = xfrmif__addr_len(family);
	xfrmif_link cur;
	struct nl_msg *msg;
	int r;

	if (!ctx)
		return -EINVAL;
	if (!len)
		return xfrmif__err(ctx, -EINVAL, "%s: family: %d is neither "
				   "AF_INET nor AF_INET6", what, family);
	if (!addr)
		return xfrmif__err(ctx, -EINVAL, "%s: addr: must not be NULL",
				   what);
	if (prefixlen > len * 8)
		return xfrmif__err(ctx, -EINVAL, "%s: prefixlen: %u is longer "
				   "than an %s address", what, prefixlen,
				   xfrmif__family_name(family));
	r = find(ctx, link, what, &cur);
	if (r < 0)
		return r;
	r = xfrmif__link_build_addr(type, cur.ifindex, family, addr, prefixlen,
				    &msg);
	return xfrmif__link_send(ctx, msg, r, what, NULL, NULL, 0);
}

XFRMIF_EXPORT int xfrmif_link_addr_add(xfrmif_ctx *ctx, const xfrmif_link *link,
				       int family, const void *addr,
				       uint8_t prefixlen)
{
	return addr_op(ctx, link, RTM_NEWADDR, family, addr, prefixlen);
}

XFRMIF_EXPORT int xfrmif_link_addr_del(xfrmif_ctx *ctx, const xfrmif_link *link,
				       int family, const void *addr,
				       uint8_t prefixlen)
{
	return addr_op(ctx, link, RTM_DELADDR, family, addr, prefixlen);
}

struct sysctl_write {
	char path[128];
	const char *value;
	int err;
};

/* Runs inside the context's namespace: /proc/sys/net shows the namespace
 * of the thread that opens it. */
static int write_sysctl(void *arg)
{
	struct sysctl_write *w = arg;
	size_t n = strlen(w->value);
	int fd = open(w->path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (write(fd, w->value, n) != (ssize_t)n)
		w->err = -errno;
	close(fd);
	return w->err;
}

XFRMIF_EXPORT int xfrmif_link_disable_policy(xfrmif_ctx *ctx,
					     const xfrmif_link *link,
					     int family, int on)
{
	const char *what = "link disable_policy";
	struct sysctl_write w = { .value = on ? "1\n" : "0\n" };
	xfrmif_link cur;
	struct nl_msg *msg;
	int r;

	if (!ctx)
		return -EINVAL;
	if (family != AF_INET && family != AF_INET6)
		return xfrmif__err(ctx, -EINVAL, "%s: family: %d is neither "
				   "AF_INET nor AF_INET6", what, family);
	r = find(ctx, link, what, &cur);
	if (r < 0)
		return r;
	if (family == AF_INET) {
		r = xfrmif__link_build_disable_policy4(cur.ifindex, on != 0, &msg);
		return xfrmif__link_send(ctx, msg, r, what, NULL, NULL, 0);
	}
	/* Linux accepts only the token and the address generation mode in
	 * AF_INET6's IFLA_AF_SPEC, so IPv6 devconf goes through sysctl. */
	snprintf(w.path, sizeof(w.path), "/proc/sys/net/ipv6/conf/%s/disable_policy",
		 cur.name);
	r = xfrmif__in_netns(ctx->netns_fd, write_sysctl, &w);
	if (r == -ENOENT)
		return xfrmif__err(ctx, -EAFNOSUPPORT, "%s: '%s' has no IPv6 "
				   "(%s is missing)", what, cur.name, w.path);
	if (r < 0)
		return xfrmif__err(ctx, r, "%s: writing %s: %s", what, w.path,
				   strerror(-r));
	return 0;
}
