/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Writes real kernel replies as fuzz seeds: every message of an SA dump, a
 * policy dump and a link dump, and the error answer (with extended ACK) to
 * a request the kernel refuses. One file per message.
 * usage: capture OUTDIR   (writes OUTDIR/{sa,policy,link,info,error}/NNN)
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/xfrm.h>

static const char *outdir;

static void save(const char *kind, const struct nlmsghdr *nlh)
{
	static int n;
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", outdir, kind);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/%s/seed-%03d", outdir, kind, n++);
	f = fopen(path, "wb");
	if (!f || fwrite(nlh, 1, nlh->nlmsg_len, f) != nlh->nlmsg_len) {
		perror(path);
		exit(1);
	}
	fclose(f);
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

	if (argc != 2)
		return 2;
	outdir = argv[1];
	mkdir(outdir, 0755);
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
