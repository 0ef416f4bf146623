/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * monitor-loop: the skeleton of an IKE daemon's kernel side. It polls the
 * monitor's file descriptor together with its own (here only stdin: type
 * "q" to quit) and reacts to what the kernel asks for:
 *   ACQUIRE      -> start a negotiation for the SA the event describes;
 *   soft EXPIRE  -> rekey that SA;
 *   hard EXPIRE  -> forget it (the kernel has removed it);
 *   LOST         -> resynchronise from a listing of the SAD.
 * It prints what it would do instead of speaking IKE.
 *
 * Build: cc monitor-loop.c $(pkg-config --cflags --libs libxfrmif)
 * Run (as root): ./monitor-loop [-n NETNS]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libxfrmif/xfrmif.h>

static void print_sa(const char *what, const xfrmif_sa *sa)
{
	char src[INET6_ADDRSTRLEN] = "?", dst[INET6_ADDRSTRLEN] = "?";
	unsigned char a[16];
	uint32_t spi = 0, reqid = 0, if_id = 0;
	int fam;

	if (xfrmif_sa_get_src(sa, &fam, a) == 0)
		inet_ntop(fam, a, src, sizeof(src));
	if (xfrmif_sa_get_dst(sa, &fam, a) == 0)
		inet_ntop(fam, a, dst, sizeof(dst));
	xfrmif_sa_get_spi(sa, &spi);
	xfrmif_sa_get_reqid(sa, &reqid);
	xfrmif_sa_get_if_id(sa, &if_id);
	printf("%s: %s -> %s spi 0x%08x reqid %u if_id %u\n", what, src, dst,
	       spi, reqid, if_id);
}

static int count_sa(const xfrmif_sa *sa, void *arg)
{
	(void)sa;
	(void)arg;
	return 0;
}

static int on_event(const xfrmif_event *ev, void *arg)
{
	xfrmif_ctx *ctx = arg;
	const xfrmif_sa *sa = NULL;
	uint32_t seq = 0;
	int hard = 0, n;

	xfrmif_event_get_sa(ev, &sa);
	switch (xfrmif_event_get_type(ev)) {
	case XFRMIF_EVENT_ACQUIRE:
		xfrmif_event_get_acquire(ev, &seq, NULL, NULL, NULL);
		print_sa("acquire: negotiate", sa);
		printf("  (complete it with acquire seq %u)\n", seq);
		break;
	case XFRMIF_EVENT_EXPIRE:
		xfrmif_event_get_hard(ev, &hard);
		print_sa(hard ? "hard expire: forget" : "soft expire: rekey",
			 sa);
		break;
	case XFRMIF_EVENT_LOST:
		n = xfrmif_sa_list(ctx, NULL, count_sa, NULL);
		printf("events lost: resynchronised, %d SAs installed\n", n);
		break;
	default:
		break;
	}
	fflush(stdout);
	return 0;
}

int main(int argc, char **argv)
{
	XFRMIF_OPTS(xfrmif_ctx_opts, opts, .netns_name = NULL);
	xfrmif_monitor *mon = NULL;
	xfrmif_ctx *ctx = NULL;
	struct pollfd fds[2];
	int r;

	if (argc == 3 && !strcmp(argv[1], "-n"))
		opts.netns_name = argv[2];
	else if (argc != 1) {
		fprintf(stderr, "usage: %s [-n NETNS]\n", argv[0]);
		return 2;
	}
	r = xfrmif_ctx_new(&ctx, &opts);
	if (r < 0) {
		fprintf(stderr, "context: %s\n", strerror(-r));
		return 1;
	}
	r = xfrmif_monitor_new(&mon, ctx,
			       XFRMIF_MONITOR_ACQUIRE | XFRMIF_MONITOR_EXPIRE,
			       NULL);
	if (r < 0) {
		fprintf(stderr, "monitor: %s (%s)\n", strerror(-r),
			xfrmif_ctx_errmsg(ctx));
		xfrmif_ctx_unref(ctx);
		return 1;
	}
	fds[0].fd = xfrmif_monitor_get_fd(mon);
	fds[0].events = POLLIN;
	fds[1].fd = STDIN_FILENO;
	fds[1].events = POLLIN;
	printf("waiting for acquire and expire events\n");
	fflush(stdout);
	for (;;) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			break;
		}
		if (fds[0].revents & POLLIN) {
			r = xfrmif_monitor_dispatch(mon, on_event, ctx);
			if (r < 0)
				break;
		}
		if (fds[1].revents & (POLLIN | POLLHUP)) {
			char buf[64];
			ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));

			if (n <= 0 || buf[0] == 'q') {
				r = 0;
				break;
			}
		}
	}
	if (r < 0)
		fprintf(stderr, "monitor: %s (%s)\n", strerror(-r),
			xfrmif_ctx_errmsg(ctx));
	xfrmif_monitor_free(mon);
	xfrmif_ctx_unref(ctx);
	return r < 0 ? 1 : 0;
}
