/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * bench-batch: bulk installation, listing and teardown, libxfrmif against
 * the alternatives, measured side by side in one run (each measurement in a
 * fresh network namespace, in a child process). Not a test: it prints a
 * Markdown report with ratios; machines are noisy, so only the ratios of
 * one run mean anything. See tests/bench/README.md.
 *
 *   bench-batch host [MAX]   policies: 1k, 10k, 100k (or up to MAX);
 *                            listing 100k policies, peak memory growth
 *   bench-batch guest [MAX]  ESP SAs: 1k, 10k; 1,000 xfrm interfaces
 *                            deleted one by one vs as one link group
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/netlink.h>
#include <linux/xfrm.h>

#include <netlink/addr.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <netlink/xfrm/selector.h>
#include <netlink/xfrm/sp.h>

#include <libxfrmif/xfrmif.h>

#ifndef XFRMIFCTL
#define XFRMIFCTL "xfrmifctl"
#endif

/* What one measurement reports from its child. */
struct res {
	double secs;
	long mem_kb;  /* peak memory (growth or absolute, see the caller) */
	long count;   /* objects the kernel holds afterwards (or listed) */
	int failed;   /* items that failed */
	double secs2; /* a second figure (listing: ip's time, peak RSS) */
	long mem2_kb;
};

typedef struct res (*bench_fn)(unsigned n);

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, int err)
{
	fprintf(stderr, "bench-batch: %s: %s\n", what, strerror(err < 0 ? -err : err));
	exit(1);
}

static void flush_all(void)
{
	xfrmif_ctx *ctx = NULL;

	if (xfrmif_ctx_new(&ctx, NULL) < 0)
		return;
	xfrmif_policy_flush(ctx, NULL);
	xfrmif_sa_flush(ctx, 0);
	xfrmif_ctx_unref(ctx);
}

/* The policy set's prefix lengths (source /30, destination /32), which a
 * VPN concentrator would give the SPD as its hash thresholds: policies at
 * least that specific go to the kernel's policy hash instead of its
 * inexact lists, whose insertion cost grows with the SPD. Set for the
 * policy measurements (all installers alike), see spd_thresholds(). */
static bool use_hthresh;

/* A namespace setting, made before any installer runs: outbound policies
 * are hashed by destination (rbits) and source (lbits). The kernel applies
 * it in a work item (a hash rebuild), hence the pause. */
static void spd_thresholds(void)
{
	xfrmif_ctx *ctx = NULL;
	int r;

	if (!use_hthresh)
		return;
	if (xfrmif_ctx_new(&ctx, NULL) < 0)
		die("xfrmif_ctx_new", ENOMEM);
	r = xfrmif_spd_set_hthresh(ctx, AF_INET, 30, 32);
	if (r < 0)
		die("xfrmif_spd_set_hthresh", r);
	xfrmif_ctx_unref(ctx);
	usleep(20000);
}

/* Pause after each measurement, for the kernel's workers to finish. */
static useconds_t pause_us = 50000;

/* Each measurement's namespace first holds the set once (see grow_spd). */
static bool warm_spd;
static void grow_spd(unsigned n);

/* Runs fn(n) in a child inside a new network namespace. */
static struct res in_netns(bench_fn fn, unsigned n)
{
	struct res r = { .secs = -1 };
	int p[2], st;
	pid_t pid;

	if (pipe(p) < 0)
		die("pipe", errno);
	pid = fork();
	if (pid < 0)
		die("fork", errno);
	if (pid == 0) {
		close(p[0]);
		if (unshare(CLONE_NEWNET) < 0)
			die("unshare(CLONE_NEWNET) (run as root)", errno);
		spd_thresholds();
		if (warm_spd)
			grow_spd(n);
		r = fn(n);
		if (write(p[1], &r, sizeof(r)) != (ssize_t)sizeof(r))
			_exit(1);
		/* Empty the tables now, synchronously: a namespace torn down
		 * full would be emptied by a kernel worker while the next
		 * measurement runs. */
		flush_all();
		_exit(0);
	}
	close(p[1]);
	if (read(p[0], &r, sizeof(r)) != (ssize_t)sizeof(r))
		r.secs = -1;
	close(p[0]);
	waitpid(pid, &st, 0);
	usleep(pause_us);
	return r;
}

/* ---- the policy set: outbound block policies from a /30 to a host, all
 * inside the documentation ranges (192.0.2.0/24, 198.51.100.0/24,
 * 203.0.113.0/24): 768 destination hosts x 192 source /30s, so every
 * kernel tree node holds one policy (up to 147,456 of them) ---- */

static void doc_addr(unsigned k, uint8_t a[4])
{
	static const uint8_t nets[3][3] = { { 192, 0, 2 }, { 198, 51, 100 },
					    { 203, 0, 113 } };

	memcpy(a, nets[(k / 256) % 3], 3);
	a[3] = (uint8_t)(k % 256);
}

static void pol_fields(unsigned i, uint8_t src[4], uint8_t dst[4])
{
	unsigned s = (i / 768) % 192;

	doc_addr(i % 768, dst);
	doc_addr((s / 64) * 256 + (s % 64) * 4, src);
}

static xfrmif_ctx *ctx_here(void)
{
	xfrmif_ctx *ctx = NULL;
	int r = xfrmif_ctx_new(&ctx, NULL);

	if (r < 0)
		die("xfrmif_ctx_new", r);
	return ctx;
}

static long spd_count(void)
{
	XFRMIF_OPTS(xfrmif_spd_info, info, .in = 0);
	xfrmif_ctx *ctx = ctx_here();
	long n = -1;

	if (xfrmif_spd_get_info(ctx, &info) == 0)
		n = (long)info.in + info.out + info.fwd;
	xfrmif_ctx_unref(ctx);
	return n;
}

static void pol_set(xfrmif_policy *p, unsigned i)
{
	uint8_t s[4], d[4];

	pol_fields(i, s, d);
	xfrmif_policy_set_src(p, AF_INET, s, 30);
	xfrmif_policy_set_dst(p, AF_INET, d, 32);
}

static xfrmif_policy *pol_new(void)
{
	xfrmif_policy *p = NULL;

	if (xfrmif_policy_new(&p) < 0)
		die("xfrmif_policy_new", ENOMEM);
	xfrmif_policy_set_dir(p, XFRMIF_POLICY_DIR_OUT);
	xfrmif_policy_set_action(p, XFRMIF_POLICY_BLOCK);
	return p;
}

static void lft_inf(struct xfrm_lifetime_cfg *l)
{
	l->soft_byte_limit = l->hard_byte_limit = XFRM_INF;
	l->soft_packet_limit = l->hard_packet_limit = XFRM_INF;
}

/* The ceiling's request for policy i (its netlink header aside). */
struct pol_req {
	struct nlmsghdr h;
	struct xfrm_userpolicy_info p;
};

static void pol_req_fill(void *req, unsigned i)
{
	struct pol_req *q = req;

	pol_fields(i, (uint8_t *)&q->p.sel.saddr.a4,
		   (uint8_t *)&q->p.sel.daddr.a4);
	q->p.sel.family = AF_INET;
	q->p.sel.prefixlen_s = 30;
	q->p.sel.prefixlen_d = 32;
	lft_inf(&q->p.lft);
	q->p.dir = XFRM_POLICY_OUT;
	q->p.action = XFRM_POLICY_BLOCK;
}

/* ---- the SA set (guest): ESP tunnel SAs between one pair of
 * addresses, distinct SPIs from 0x1000 ---- */

static const uint8_t sa_key[20] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
				    13, 14, 15, 16, 17, 18, 19, 20 };

static xfrmif_sa *sa_obj(void)
{
	const uint8_t a1[4] = { 192, 0, 2, 1 }, a2[4] = { 192, 0, 2, 2 };
	xfrmif_sa *sa = NULL;

	if (xfrmif_sa_new(&sa) < 0)
		die("xfrmif_sa_new", ENOMEM);
	xfrmif_sa_set_src(sa, AF_INET, a1);
	xfrmif_sa_set_dst(sa, AF_INET, a2);
	xfrmif_sa_set_proto(sa, IPPROTO_ESP);
	xfrmif_sa_set_mode(sa, XFRMIF_SA_MODE_TUNNEL);
	xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", sa_key, 20, 128);
	return sa;
}

static long sad_count(void)
{
	xfrmif_ctx *ctx = ctx_here();
	uint32_t count = 0, b, m;
	long n = -1;

	if (xfrmif_sad_info(ctx, &count, &b, &m) == 0)
		n = count;
	xfrmif_ctx_unref(ctx);
	return n;
}

/* The ceiling's request for SA i. */
struct sa_req {
	struct nlmsghdr h;
	struct xfrm_usersa_info s;
	struct nlattr a;
	struct xfrm_algo_aead aead;
	uint8_t key[20];
};

static void sa_req_fill(void *req, unsigned i)
{
	struct sa_req *q = req;

	q->s.id.daddr.a4 = htonl(0xc0000202);
	q->s.saddr.a4 = htonl(0xc0000201);
	q->s.id.spi = htonl(0x1000 + i);
	q->s.id.proto = IPPROTO_ESP;
	q->s.family = AF_INET;
	q->s.mode = XFRM_MODE_TUNNEL;
	lft_inf(&q->s.lft);
	q->a.nla_type = XFRMA_ALG_AEAD;
	q->a.nla_len = (uint16_t)(sizeof(q->a) + sizeof(q->aead) + 20);
	strcpy(q->aead.alg_name, "rfc4106(gcm(aes))");
	q->aead.alg_key_len = 160;
	q->aead.alg_icv_len = 128;
	memcpy(q->key, sa_key, 20);
}

/* ---- what the installers that serve both sets (the batch API, the
 * ceiling) need to know of a set ---- */

struct item_set {
	/* the libxfrmif batch: one object, reused; queue() sets it to item
	 * i and queues it */
	void *(*obj_new)(void);
	void (*obj_free)(void *obj);
	int (*queue)(xfrmif_batch *b, void *obj, unsigned i);
	/* the ceiling: fill() writes request i after its netlink header
	 * into zeroed bytes; requests stand req_size bytes apart */
	uint16_t msg_type;
	uint32_t req_len;
	size_t req_size;
	void (*fill)(void *req, unsigned i);
	/* how many of the set the kernel holds */
	long (*count)(void);
};

static void *pol_obj_new(void)
{
	return pol_new();
}

static void pol_obj_free(void *p)
{
	xfrmif_policy_free(p);
}

static int pol_queue(xfrmif_batch *b, void *p, unsigned i)
{
	pol_set(p, i);
	return xfrmif_batch_policy_add(b, p);
}

static const struct item_set policy_set = {
	.obj_new = pol_obj_new, .obj_free = pol_obj_free, .queue = pol_queue,
	.msg_type = XFRM_MSG_NEWPOLICY, .fill = pol_req_fill,
	.req_len = NLMSG_LENGTH(sizeof(struct xfrm_userpolicy_info)),
	.req_size = NLMSG_ALIGN(sizeof(struct pol_req)),
	.count = spd_count,
};

static void *sa_obj_new(void)
{
	return sa_obj();
}

static void sa_obj_free(void *sa)
{
	xfrmif_sa_free(sa);
}

static int sa_queue(xfrmif_batch *b, void *sa, unsigned i)
{
	xfrmif_sa_set_spi(sa, 0x1000 + i);
	return xfrmif_batch_sa_add(b, sa);
}

static const struct item_set sa_set = {
	.obj_new = sa_obj_new, .obj_free = sa_obj_free, .queue = sa_queue,
	.msg_type = XFRM_MSG_NEWSA, .fill = sa_req_fill,
	.req_len = (uint32_t)(offsetof(struct sa_req, key) + 20),
	.req_size = NLMSG_ALIGN(sizeof(struct sa_req)),
	.count = sad_count,
};

/* The two helpers below are always inlined into each installer, with the
 * set a constant: the calls through it in the timed loops become direct
 * calls (or inline code), as when each installer had its own loop. */
#define INLINED static inline __attribute__((always_inline))

/* ---- the libxfrmif batch API: the time covers setting the object,
 * queueing and the commit ---- */

INLINED struct res batch_install(const struct item_set *s, unsigned n)
{
	struct res r = { 0 };
	xfrmif_ctx *ctx = ctx_here();
	void *obj = s->obj_new();
	xfrmif_batch *b = NULL;
	double t0 = now();

	if (xfrmif_batch_new(&b, ctx) < 0)
		die("xfrmif_batch_new", ENOMEM);
	for (unsigned i = 0; i < n; i++)
		if (s->queue(b, obj, i) < 0)
			die(xfrmif_ctx_errmsg(ctx), EINVAL);
	r.failed = xfrmif_batch_commit(b, 0);
	xfrmif_batch_free(b);
	r.secs = now() - t0;
	s->obj_free(obj);
	xfrmif_ctx_unref(ctx);
	r.count = s->count();
	return r;
}

static struct res pol_batch(unsigned n)
{
	return batch_install(&policy_set, n);
}

/* ---- the ceiling: a plain netlink socket, requests written straight
 * into one buffer, PIPE of them per sendmsg, an ACK for each ---- */

#define PIPE 64

static int raw_socket(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_XFRM);
	int sz = 4 << 20;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };

	if (fd < 0)
		die("socket", errno);
	setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof(sz));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof(sz));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("bind", errno);
	return fd;
}

/* Sends `len` bytes holding `k` requests and reads their k answers;
 * returns the number of failures. */
static int raw_exchange(int fd, void *buf, size_t len, unsigned k)
{
	static char rx[65536];
	unsigned got = 0;
	int failed = 0;

	if (send(fd, buf, len, 0) != (ssize_t)len)
		die("send", errno);
	while (got < k) {
		ssize_t m = recv(fd, rx, sizeof(rx), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)rx;
		size_t left;

		if (m < 0)
			die("recv", errno);
		left = (size_t)m;
		for (; NLMSG_OK(h, left); h = NLMSG_NEXT(h, left)) {
			if (h->nlmsg_type != NLMSG_ERROR)
				continue;
			got++;
			failed += ((struct nlmsgerr *)NLMSG_DATA(h))->error != 0;
		}
	}
	return failed;
}

INLINED struct res ceiling_install(const struct item_set *s, unsigned n)
{
	uint8_t *buf = malloc(PIPE * s->req_size);
	struct res r = { 0 };
	int fd = raw_socket();
	uint32_t seq = 0;
	double t0;

	if (!buf)
		die("malloc", ENOMEM);
	t0 = now();
	for (unsigned i = 0; i < n;) {
		unsigned k = 0;

		memset(buf, 0, PIPE * s->req_size);
		for (; k < PIPE && i < n; k++, i++) {
			struct nlmsghdr *h =
				(struct nlmsghdr *)(buf + k * s->req_size);

			h->nlmsg_len = s->req_len;
			h->nlmsg_type = s->msg_type;
			h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
			h->nlmsg_seq = ++seq;
			s->fill(h, i);
		}
		r.failed += raw_exchange(fd, buf, k * s->req_size, k);
	}
	r.secs = now() - t0;
	close(fd);
	free(buf);
	r.count = s->count();
	return r;
}

static struct res pol_ceiling(unsigned n)
{
	return ceiling_install(&policy_set, n);
}

/* ---- libxfrmif single calls, one object reused ---- */

static struct res pol_single(unsigned n)
{
	struct res r = { 0 };
	xfrmif_ctx *ctx = ctx_here();
	xfrmif_policy *p = pol_new();
	double t0 = now();

	for (unsigned i = 0; i < n; i++) {
		pol_set(p, i);
		if (xfrmif_policy_add(ctx, p) < 0)
			r.failed++;
	}
	r.secs = now() - t0;
	xfrmif_policy_free(p);
	xfrmif_ctx_unref(ctx);
	r.count = spd_count();
	return r;
}

/* The kernel grows its SPD hash tables (by policy index, and by selector
 * per direction) in a deferred work item, one doubling per run, triggered
 * by inserts, and never shrinks them. In a fresh namespace an installer
 * that inserts fast outruns the resizes and walks long hash chains on every
 * insert, so the kernel charges it more per policy than a slow one
 * (docs/benchmarks.md). A namespace that held the set once has tables of
 * the set's size: the ceiling installs it (not timed), one extra policy is
 * added and deleted until the tables have caught up, and all is flushed. */
static void grow_spd(unsigned n)
{
	XFRMIF_OPTS(xfrmif_spd_info, info, .in = 0);
	xfrmif_ctx *ctx;
	xfrmif_policy *extra = pol_new();

	(void)pol_ceiling(n);
	ctx = ctx_here();
	pol_set(extra, 147455); /* the last of the set's 147,456: never used */
	for (int i = 0; i < 200; i++) {
		if (xfrmif_spd_get_info(ctx, &info) < 0)
			die("xfrmif_spd_get_info", EIO);
		if (info.hash_buckets >= n)
			break;
		usleep(10000);
		if (xfrmif_policy_add(ctx, extra) < 0 ||
		    xfrmif_policy_del(ctx, extra) < 0)
			die(xfrmif_ctx_errmsg(ctx), EIO);
	}
	xfrmif_policy_free(extra);
	xfrmif_ctx_unref(ctx);
	flush_all();
	usleep(20000);
}

/* ---- libnl-xfrm called directly, one object reused ---- */

static struct res pol_libnl(unsigned n)
{
	struct res r = { 0 };
	struct nl_sock *sk = nl_socket_alloc();
	struct xfrmnl_sp *sp = xfrmnl_sp_alloc();
	double t0;

	if (!sk || !sp || nl_connect(sk, NETLINK_XFRM) < 0)
		die("libnl", ENOMEM);
	t0 = now();
	for (unsigned i = 0; i < n; i++) {
		struct xfrmnl_sel *sel = xfrmnl_sel_alloc();
		uint8_t s[4], d[4];
		struct nl_addr *as, *ad;

		pol_fields(i, s, d);
		as = nl_addr_build(AF_INET, s, 4);
		ad = nl_addr_build(AF_INET, d, 4);
		nl_addr_set_prefixlen(as, 30);
		nl_addr_set_prefixlen(ad, 32);
		xfrmnl_sel_set_family(sel, AF_INET);
		xfrmnl_sel_set_saddr(sel, as);
		xfrmnl_sel_set_daddr(sel, ad);
		xfrmnl_sel_set_prefixlen_s(sel, 30);
		xfrmnl_sel_set_prefixlen_d(sel, 32);
		xfrmnl_sp_set_sel(sp, sel);
		xfrmnl_sp_set_dir(sp, XFRM_POLICY_OUT);
		xfrmnl_sp_set_action(sp, XFRM_POLICY_BLOCK);
		if (xfrmnl_sp_add(sk, sp, 0) < 0)
			r.failed++;
		nl_addr_put(as);
		nl_addr_put(ad);
		xfrmnl_sel_put(sel);
	}
	r.secs = now() - t0;
	xfrmnl_sp_put(sp);
	nl_socket_free(sk);
	r.count = spd_count();
	return r;
}

/* ---- command-line installers, fed a file written beforehand ---- */

static char file_ip[64], file_ctl[64];

static void write_files(unsigned n)
{
	FILE *a, *b;

	snprintf(file_ip, sizeof(file_ip), "/tmp/bench-batch-ip-%d", getpid());
	snprintf(file_ctl, sizeof(file_ctl), "/tmp/bench-batch-ctl-%d", getpid());
	a = fopen(file_ip, "w");
	b = fopen(file_ctl, "w");
	if (!a || !b)
		die("writing the batch files", errno);
	for (unsigned i = 0; i < n; i++) {
		uint8_t s[4], d[4];
		char sel[128];

		pol_fields(i, s, d);
		snprintf(sel, sizeof(sel), "src %u.%u.%u.%u/30 dst %u.%u.%u.%u/32 "
			 "dir out action block", s[0], s[1], s[2], s[3], d[0],
			 d[1], d[2], d[3]);
		fprintf(a, "xfrm policy add %s\n", sel);
		fprintf(b, "policy add %s\n", sel);
	}
	fclose(a);
	fclose(b);
}

static void write_sa_file(unsigned n)
{
	FILE *a;

	snprintf(file_ip, sizeof(file_ip), "/tmp/bench-batch-ipsa-%d", getpid());
	a = fopen(file_ip, "w");
	if (!a)
		die("writing the batch file", errno);
	for (unsigned i = 0; i < n; i++)
		fprintf(a, "xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp "
			   "spi 0x%x mode tunnel aead rfc4106(gcm(aes)) "
			   "0x0102030405060708090a0b0c0d0e0f1011121314 128\n",
			0x1000 + i);
	fclose(a);
}

/* Runs `prog -batch file`; the time includes the program's start. */
static struct res run_batch(const char *prog, const char *file,
			    long (*count)(void))
{
	char cmd[256];
	struct res r = { 0 };
	double t0;
	int st;

	snprintf(cmd, sizeof(cmd), "%s -batch %s", prog, file);
	t0 = now();
	st = system(cmd);
	r.secs = now() - t0;
	r.failed = st != 0;
	r.count = count();
	return r;
}

static struct res pol_ip(unsigned n)
{
	(void)n;
	return run_batch("ip", file_ip, spd_count);
}

static struct res pol_ctl(unsigned n)
{
	(void)n;
	return run_batch(XFRMIFCTL, file_ctl, spd_count);
}

/* ---- the SA installers (guest) ---- */

static struct res sa_batch(unsigned n)
{
	return batch_install(&sa_set, n);
}

static struct res sa_ceiling(unsigned n)
{
	return ceiling_install(&sa_set, n);
}

static struct res sa_ip(unsigned n)
{
	(void)n;
	return run_batch("ip", file_ip, sad_count);
}

/* ---- listing ---- */

/* Peak resident memory (VmHWM) in KiB; reset_peak first makes the peak
 * the current size. */
static long vm_hwm(bool reset_peak)
{
	char line[256];
	long kb = -1;
	FILE *f;

	if (reset_peak) {
		int fd = open("/proc/self/clear_refs", O_WRONLY);
		if (fd >= 0) {
			if (write(fd, "5", 1) < 0)
				kb = -1;
			close(fd);
		}
	}
	f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmHWM:", 6))
			kb = atol(line + 6);
	fclose(f);
	return kb;
}

static int count_one(const xfrmif_policy *p, void *arg)
{
	(void)p;
	++*(long *)arg;
	return 0;
}

/* Installs n policies, then lists them with the library (peak memory
 * growth of this process) and with ip (its peak RSS); best of 3 rounds,
 * alternating. */
static struct res list_both(unsigned n)
{
	struct res r = { .secs = 1e9, .secs2 = 1e9 };
	xfrmif_ctx *ctx;
	struct rusage ru;
	long before, listed;
	double t0, t;
	int rc;

	pol_batch(n);
	ctx = ctx_here();
	for (int round = 0; round < 3; round++) {
		before = vm_hwm(true);
		listed = 0;
		t0 = now();
		rc = xfrmif_policy_list(ctx, NULL, count_one, &listed);
		t = now() - t0;
		if (t < r.secs) {
			r.secs = t;
			r.mem_kb = vm_hwm(false) - before;
			r.count = listed;
			r.failed = rc != (int)n;
		}
		t0 = now();
		if (system("ip xfrm policy list > /dev/null") != 0)
			r.failed = 1;
		t = now() - t0;
		if (t < r.secs2)
			r.secs2 = t;
	}
	getrusage(RUSAGE_CHILDREN, &ru);
	r.mem2_kb = ru.ru_maxrss;
	xfrmif_ctx_unref(ctx);
	return r;
}

/* ---- xfrm interfaces (guest) ---- */

#define LINK_GROUP 4242

static void links_create(xfrmif_ctx *ctx, unsigned n)
{
	xfrmif_batch *b = NULL;
	xfrmif_link *l = NULL;
	char name[16];

	xfrmif_batch_new(&b, ctx);
	xfrmif_link_new(&l);
	xfrmif_link_set_kind(l, XFRMIF_LINK_KIND_XFRM);
	xfrmif_link_set_group(l, LINK_GROUP);
	for (unsigned i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "xb%u", i);
		xfrmif_link_set_name(l, name);
		xfrmif_link_set_if_id(l, i + 1);
		if (xfrmif_batch_link_add(b, l) < 0)
			die(xfrmif_ctx_errmsg(ctx), EINVAL);
	}
	if (xfrmif_batch_commit(b, 0) != 0)
		die("creating the xfrm interfaces", EIO);
	xfrmif_batch_free(b);
	xfrmif_link_free(l);
}

static int link_count_cb(const xfrmif_link *l, void *arg)
{
	(void)l;
	(void)arg;
	return 0;
}

static long links_left(xfrmif_ctx *ctx)
{
	XFRMIF_OPTS(xfrmif_link_filter, f, .kind = XFRMIF_LINK_KIND_XFRM);

	return xfrmif_link_list(ctx, &f, link_count_cb, NULL);
}

static struct res links_one_by_one(unsigned n)
{
	xfrmif_ctx *ctx = ctx_here();
	struct res r = { 0 };
	char name[16];
	double t0;

	links_create(ctx, n);
	t0 = now();
	for (unsigned i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "xb%u", i);
		if (xfrmif_link_del_by_name(ctx, name) < 0)
			r.failed++;
	}
	r.secs = now() - t0;
	r.count = links_left(ctx);
	xfrmif_ctx_unref(ctx);
	return r;
}

static struct res links_group(unsigned n)
{
	xfrmif_ctx *ctx = ctx_here();
	struct res r = { 0 };
	double t0;

	links_create(ctx, n);
	t0 = now();
	r.failed = xfrmif_link_del_group(ctx, LINK_GROUP) < 0;
	r.secs = now() - t0;
	r.count = links_left(ctx);
	xfrmif_ctx_unref(ctx);
	return r;
}

/* ---- the report ---- */

/* One installer of a table: its row, its name in BENCH_VERBOSE's lines. */
struct installer {
	const char *label;
	const char *name;
	bench_fn fn;
};

#define INSTALLER(label, fn) { label, #fn, fn }
#define CEILING_ROW "plain socket, 64 per sendmsg (ceiling)"

/* The policy installers, in the order they run and are reported. */
enum { P_CEIL, P_BATCH, P_SINGLE, P_LIBNL, P_IP, P_CTL, P_N };
static const struct installer pol_installers[P_N] = {
	INSTALLER(CEILING_ROW, pol_ceiling),
	INSTALLER("libxfrmif batch API", pol_batch),
	INSTALLER("libxfrmif single calls (xfrmif_policy_add)", pol_single),
	INSTALLER("libnl-xfrm xfrmnl_sp_add", pol_libnl),
	INSTALLER("ip -batch", pol_ip),
	INSTALLER("xfrmifctl -batch", pol_ctl),
};

/* The SA installers (guest), likewise. */
enum { S_CEIL, S_BATCH, S_IP, S_N };
static const struct installer sa_installers[S_N] = {
	INSTALLER(CEILING_ROW, sa_ceiling),
	INSTALLER("libxfrmif batch API", sa_batch),
	INSTALLER("ip -batch", sa_ip),
};

/* One measurement of fn(n); kept in *b if it is the fastest yet. */
static struct res take(struct res *b, bench_fn fn, unsigned n)
{
	struct res r = in_netns(fn, n);

	if (r.secs >= 0 && r.secs < b->secs)
		*b = r;
	return r;
}

static struct res best(bench_fn fn, unsigned n, int reps)
{
	struct res b = { .secs = 1e9 };

	for (int i = 0; i < reps; i++)
		take(&b, fn, n);
	return b;
}

/* The best of reps runs of each of the count installers at size n, into
 * b[]; the runs are interleaved, so that drifting noise hits all alike.
 * verbose: every run's time on stderr. */
static void best_interleaved(const struct installer *in, int count,
			     unsigned n, int reps, bool verbose, struct res *b)
{
	for (int j = 0; j < count; j++)
		b[j] = (struct res){ .secs = 1e9 };
	for (int i = 0; i < reps; i++)
		for (int j = 0; j < count; j++) {
			struct res r = take(&b[j], in[j].fn, n);

			if (verbose)
				fprintf(stderr, "%u %s %.4f\n", n, in[j].name, r.secs);
		}
}

static void row(const char *what, unsigned n, struct res r, double ref,
		long want)
{
	printf("| %u | %s | %.3f | %.2f | %.2f | %s |\n", n, what, r.secs,
	       r.secs / n * 1e6, r.secs / ref,
	       r.failed || r.count != want ? "**WRONG RESULT**" : "ok");
}

/* The installers' rows for n items, ratios to the first (the ceiling). */
static void rows(const struct installer *in, int count, unsigned n,
		 const struct res *b)
{
	for (int j = 0; j < count; j++)
		row(in[j].label, n, b[j], b[0].secs, n);
}

static const char *verdict(bool met)
{
	return met ? "met" : "**NOT met**";
}

static void machine(void)
{
	char line[256], model[256] = "?";
	FILE *f = fopen("/proc/cpuinfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "model name", 10)) {
			char *c = strchr(line, ':');
			snprintf(model, sizeof(model), "%s", c ? c + 2 : line);
			model[strcspn(model, "\n")] = '\0';
			break;
		}
	if (f)
		fclose(f);
	f = popen("uname -r", "r");
	if (f && fgets(line, sizeof(line), f))
		line[strcspn(line, "\n")] = '\0';
	if (f)
		pclose(f);
	printf("Machine: %ld CPUs (nproc), %s; kernel %s; libxfrmif %s\n\n",
	       sysconf(_SC_NPROCESSORS_ONLN), model, line, xfrmif_version());
}

/* What one policy table found against issue 12's targets. */
struct verdicts {
	bool ceil, ip, ctl, single, flat;
	double per_item[3];
	int sizes;
};

/* One table: every policy installer at each size up to max, best of R
 * interleaved runs, in fresh namespaces that are warm (grow_spd) or not. */
static struct verdicts policy_table(unsigned max, bool warm, bool verbose)
{
	static const unsigned sizes[] = { 1000, 10000, 100000 };
	struct verdicts v = { true, true, true, true, false, { 0 }, 0 };

	warm_spd = warm;
	printf("| policies | installer | s | µs/policy | × ceiling | result |\n");
	printf("|---:|---|---:|---:|---:|---|\n");
	for (int k = 0; k < 3 && sizes[k] <= max; k++, v.sizes++) {
		unsigned n = sizes[k];
		int reps = n <= 10000 ? 15 : 3;
		struct res b[P_N];
		double ceil, bat, one, nl, ip, ctl;

		write_files(n);
		best_interleaved(pol_installers, P_N, n, reps, verbose, b);
		unlink(file_ip);
		unlink(file_ctl);
		rows(pol_installers, P_N, n, b);
		ceil = b[P_CEIL].secs;
		bat = b[P_BATCH].secs;
		one = b[P_SINGLE].secs;
		nl = b[P_LIBNL].secs;
		ip = b[P_IP].secs;
		ctl = b[P_CTL].secs;
		printf("| %u | *ratios* | batch/ceiling %.2f | ip/batch %.2f | "
		       "ip/xfrmifctl %.2f | libnl/single %.2f |\n", n,
		       bat / ceil, ip / bat, ip / ctl, nl / one);
		v.ceil &= bat <= 1.25 * ceil;
		v.ip &= ip >= 3 * bat;
		v.ctl &= ip >= 3 * ctl;
		v.single &= nl >= 1.3 * one;
		v.per_item[k] = bat / n;
	}
	warm_spd = false;
	v.flat = v.sizes == 3 && v.per_item[2] <= 1.5 * v.per_item[0];
	printf("\n");
	return v;
}

static void print_verdicts(const struct verdicts *v)
{
	printf("- batch API within 1.25x of the ceiling: %s\n", verdict(v->ceil));
	printf("- batch API at least 3x faster than ip -batch: %s\n",
	       verdict(v->ip));
	printf("- xfrmifctl -batch at least 3x faster than ip -batch: %s\n",
	       verdict(v->ctl));
	printf("- single calls at least 1.3x faster than libnl-xfrm: %s\n",
	       verdict(v->single));
	if (v->sizes == 3)
		printf("- time per policy flat from 1k to 100k (batch API: %.2f, "
		       "%.2f, %.2f µs): %s\n", v->per_item[0] * 1e6,
		       v->per_item[1] * 1e6, v->per_item[2] * 1e6,
		       verdict(v->flat));
}

static void host(unsigned max)
{
	bool verbose = getenv("BENCH_VERBOSE"); /* every run's time, on stderr */
	struct verdicts cold, warm;
	struct res lib = { 0 };

	use_hthresh = !getenv("BENCH_NO_HTHRESH");
	printf("### Policies on this machine's kernel\n\n");
	machine();
	printf("SPD hash thresholds (xfrmif_spd_set_hthresh, AF_INET): %s.\n\n",
	       use_hthresh ? "lbits 30 rbits 32, set in each namespace before "
			     "installing (the policy set's prefix lengths)" :
			     "the kernel's defaults (BENCH_NO_HTHRESH)");
	printf("Time is the best of R runs (R = 15, 15, 3 for 1k, 10k, 100k), each "
	       "in a fresh network namespace; ratio = time / the plain-socket "
	       "ceiling's time.\n\n");
	cold = policy_table(max, false, verbose);
	if (max >= 100000) {
		lib = in_netns(list_both, 100000);
		printf("| policies | lister | s | peak memory | × ip | result |\n");
		printf("|---:|---|---:|---|---:|---|\n");
		printf("| 100000 | xfrmif_policy_list (streaming) | %.3f | growth "
		       "%ld KiB | %.2f | %s |\n", lib.secs, lib.mem_kb,
		       lib.secs / lib.secs2,
		       lib.failed || lib.count != 100000 ? "**WRONG RESULT**" : "ok");
		printf("| 100000 | ip xfrm policy list > /dev/null | %.3f | "
		       "peak RSS %ld KiB | 1.00 | ok |\n\n", lib.secs2, lib.mem2_kb);
	}
	printf("Targets (policies):\n\n");
	print_verdicts(&cold);
	if (max >= 100000) {
		printf("- listing 100k no slower than ip: %s\n",
		       verdict(lib.secs <= lib.secs2));
		printf("- listing: peak memory growth under 4 MiB: %s\n",
		       verdict(lib.mem_kb < 4096));
	}
	if (getenv("BENCH_NO_WARM"))
		return;
	printf("\n#### The same in namespaces whose SPD held the set before\n\n"
	       "Each measurement's fresh namespace first holds the policy set "
	       "once (installed by the ceiling, not timed, then flushed), so the "
	       "kernel's SPD hash tables already have the set's size, as on a "
	       "concentrator that has held that many policies before; the "
	       "kernel's deferred hash resizing then charges no installer for "
	       "its speed.\n\n");
	warm = policy_table(max, true, verbose);
	printf("The same targets, for comparison:\n\n");
	print_verdicts(&warm);
}

static void guest(unsigned max)
{
	static const unsigned sizes[] = { 1000, 10000 };
	bool ok = true;
	struct res one, grp;

	printf("### ESP SAs and xfrm interfaces in the guest\n\n");
	machine();
	printf("Best of 3 interleaved runs for 1k SAs, one run for 10k SAs and "
	       "for the interfaces, each in a fresh network namespace, after a "
	       "warm-up that loads the crypto and xfrm interface modules; ratio "
	       "= time / the plain-socket ceiling's time.\n\n");
	/* The first ESP SA loads the crypto modules (gcm, aes, ...) through
	 * the module autoloader: not part of any installer's time. */
	(void)in_netns(sa_batch, 10);
	(void)in_netns(links_group, 10);
	printf("| SAs | installer | s | µs/SA | × ceiling | result |\n");
	printf("|---:|---|---:|---:|---:|---|\n");
	for (int k = 0; k < 2 && sizes[k] <= max; k++) {
		unsigned n = sizes[k];
		struct res b[S_N];
		int reps = n <= 1000 ? 3 : 1;

		write_sa_file(n);
		/* the guest's runs are not printed (BENCH_VERBOSE) */
		best_interleaved(sa_installers, S_N, n, reps, false, b);
		unlink(file_ip);
		rows(sa_installers, S_N, n, b);
		ok &= b[S_BATCH].secs <= 1.25 * b[S_CEIL].secs;
	}
	printf("\n| xfrm interfaces | teardown | s | ms/interface | × group | result |\n");
	printf("|---:|---|---:|---:|---:|---|\n");
	one = best(links_one_by_one, 1000, 1);
	grp = best(links_group, 1000, 1);
	printf("| 1000 | one by one (xfrmif_link_del_by_name) | %.3f | %.2f | %.1f | %s |\n",
	       one.secs, one.secs, one.secs / grp.secs,
	       one.failed || one.count ? "**WRONG RESULT**" : "ok");
	printf("| 1000 | one link group (xfrmif_link_del_group) | %.3f | %.3f | 1.0 | %s |\n\n",
	       grp.secs, grp.secs, grp.failed || grp.count ? "**WRONG RESULT**" : "ok");
	printf("Targets (guest):\n\n");
	printf("- SAs: batch API within 1.25x of the ceiling: %s\n", verdict(ok));
	printf("- interfaces: group teardown at least 10x faster than one by "
	       "one: %s\n", verdict(one.secs >= 10 * grp.secs));
}

int main(int argc, char **argv)
{
	unsigned max = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 100000;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("BENCH_PAUSE_MS"))
		pause_us = (useconds_t)atoi(getenv("BENCH_PAUSE_MS")) * 1000;
	if (argc >= 2 && !strcmp(argv[1], "host"))
		host(max);
	else if (argc >= 2 && !strcmp(argv[1], "guest"))
		guest(max);
	else if (argc == 4 && !strcmp(argv[1], "one")) {
		/* one installer, in this process's namespace (for profiling) */
		static const struct {
			const char *name;
			bench_fn fn;
		} m[] = { { "ceiling", pol_ceiling }, { "batch", pol_batch },
			  { "single", pol_single }, { "libnl", pol_libnl },
			  { "sa-batch", sa_batch }, { "sa-ceiling", sa_ceiling } };
		for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
			if (!strcmp(argv[2], m[i].name)) {
				use_hthresh = !getenv("BENCH_NO_HTHRESH");
				spd_thresholds();
				struct res r = m[i].fn((unsigned)atoi(argv[3]));
				printf("%s: %.3f s, %ld policies, %d failed\n",
				       m[i].name, r.secs, r.count, r.failed);
				return 0;
			}
		return 2;
	} else {
		fprintf(stderr, "usage: bench-batch host|guest [MAX]\n"
				"       bench-batch one ceiling|batch|single|libnl N\n");
		return 2;
	}
	return 0;
}
