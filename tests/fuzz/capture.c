/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Writes real kernel replies as fuzz seeds: every message of an SA dump, a
 * policy dump and a link dump, and the error answer (with extended ACK) to
 * a request the kernel refuses. One file per message.
 * usage: capture OUTDIR   (writes OUTDIR/{sa,policy,link,info,error}/NNN)
 *        capture OUTDIR listen SECONDS
 *                         (writes every XFRM and link event heard within
 *                          SECONDS to OUTDIR/event/NNN)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/xfrm.h>

static const char *outdir;

/* prefix: -1 for none, else one byte written before the message (the event
 * seeds say which netlink family they came from: 0 xfrm, 1 route, since
 * the two families' message types overlap). */
static void save_prefixed(const char *kind, const struct nlmsghdr *nlh,
			  int prefix)
{
	static int n;
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", outdir, kind);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/seed-%03d", outdir, kind, n++);
	f = fopen(path, "wb");
	if (f && prefix >= 0)
		fputc(prefix, f);
	if (!f || fwrite(nlh, 1, nlh->nlmsg_len, f) != nlh->nlmsg_len) {
		perror(path);
		exit(1);
	}
	fclose(f);
}

static void save(const char *kind, const struct nlmsghdr *nlh)
{
	save_prefixed(kind, nlh, -1);
}

/* Sends `req` and saves every answer until DONE or an error. */
static void exchange(int proto, void *req, const char *kind)
{
	static char buf[65536];
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, proto), one = 1;
	struct nlmsghdr *nlh = req;
	ssize_t n;

	if (fd < 0)
		exit(1);
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (send(fd, req, nlh->nlmsg_len, 0) < 0)
		exit(1);
	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n <= 0)
			break;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, (size_t)n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_type == NLMSG_DONE) {
				close(fd);
				return;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				/* the ACK that ends a GET is no seed */
				if (((struct nlmsgerr *)NLMSG_DATA(nlh))->error)
					save("error", nlh);
				close(fd);
				return;
			}
			save(kind, nlh);
		}
	}
	close(fd);
}

/* Saves what the XFRM and link groups announce for `seconds`. */
static void listen_events(int seconds)
{
	static char buf[65536];
	int xfd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_XFRM);
	int rfd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	struct sockaddr_nl xa = { .nl_family = AF_NETLINK };
	struct sockaddr_nl ra = { .nl_family = AF_NETLINK, .nl_groups = RTMGRP_LINK };
	struct timeval tv = { .tv_sec = 0, .tv_usec = 200000 };
	time_t end = time(NULL) + seconds;

	/* groups 1..8: acquire, expire, sa, policy, aevents, report, migrate,
	 * mapping */
	xa.nl_groups = 0xff;
	if (xfd < 0 || rfd < 0 || bind(xfd, (struct sockaddr *)&xa, sizeof(xa)) ||
	    bind(rfd, (struct sockaddr *)&ra, sizeof(ra)))
		exit(1);
	setsockopt(xfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(rfd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	printf("listening\n");
	fflush(stdout);
	while (time(NULL) < end) {
		int fds[2] = { xfd, rfd };
		for (int i = 0; i < 2; i++) {
			ssize_t n = recv(fds[i], buf, sizeof(buf), 0);
			struct nlmsghdr *nlh;

			if (n <= 0)
				continue;
			for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, (size_t)n);
			     nlh = NLMSG_NEXT(nlh, n))
				save_prefixed("event", nlh, i);
		}
	}
}

int main(int argc, char **argv)
{
	struct {
		struct nlmsghdr h;
		struct ifinfomsg i;
	} link = { { sizeof(link), RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, 1, 0 },
		   { .ifi_family = AF_UNSPEC } };
	struct nlmsghdr dump = { NLMSG_HDRLEN, 0, NLM_F_REQUEST | NLM_F_DUMP, 2, 0 };
	struct {
		struct nlmsghdr h;
		struct xfrm_userpolicy_info p;
	} bad;

	if (argc != 2 && !(argc == 4 && !strcmp(argv[2], "listen")))
		return 2;
	outdir = argv[1];
	mkdir(outdir, 0755);
	if (argc == 4) {
		listen_events(atoi(argv[3]));
		return 0;
	}
	exchange(NETLINK_ROUTE, &link, "link");
	dump.nlmsg_type = XFRM_MSG_GETSA;
	exchange(NETLINK_XFRM, &dump, "sa");
	dump.nlmsg_type = XFRM_MSG_GETPOLICY;
	exchange(NETLINK_XFRM, &dump, "policy");
	{
		struct {
			struct nlmsghdr h;
			uint32_t flags;
		} info = { { sizeof(info), XFRM_MSG_GETSPDINFO, NLM_F_REQUEST | NLM_F_ACK, 3, 0 },
			   0xffffffff };
		exchange(NETLINK_XFRM, &info, "info");
		info.h.nlmsg_type = XFRM_MSG_GETSADINFO;
		exchange(NETLINK_XFRM, &info, "info");
	}
	/* A policy with an impossible prefix: the kernel explains why. */
	memset(&bad, 0, sizeof(bad));
	bad.h.nlmsg_len = sizeof(bad);
	bad.h.nlmsg_type = XFRM_MSG_NEWPOLICY;
	bad.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	bad.p.sel.family = AF_INET;
	bad.p.sel.prefixlen_d = 99;
	exchange(NETLINK_XFRM, &bad, "policy");
	return 0;
}
