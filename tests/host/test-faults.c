/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Fault injection: this program is linked with -Wl,--wrap for the
 * allocation and socket calls the library's objects make, so that the Nth
 * such call fails. Each walk moves N over every step of an operation and
 * checks that the call reports an error, that nothing is left in the
 * kernel (iproute2 before/after) and, in the sanitizer run, that nothing
 * leaks. No hook lives in the library itself.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/xfrm.h>
#include <netlink/msg.h>

#include "batch_engine.h"
#include "xfault.h"
#include "xraw.h"
#include "xtest.h"

/* ---- helpers ---- */

static char *kernel_state(void)
{
	return xt_sh_out("ip -o link show; ip xfrm state; ip xfrm policy");
}

static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return n;
}

typedef int (*op_fn)(xfrmif_ctx *ctx);

/*
 * Runs op with the 1st, 2nd, ... call failing until a run sees no fault;
 * each faulty run must fail and leave the kernel as it found it. Returns
 * how many steps were walked.
 */
static int walk(xfrmif_ctx *ctx, op_fn op, const char *name)
{
	int n, r;

	for (n = 1; n < 100000; n++) {
		char *before = kernel_state(), *after;

		xfault_arm(n);
		r = op(ctx);
		xfault_disarm();
		after = kernel_state();
		if (!xfault_fired) {
			ck_assert_msg(r >= 0, "%s without a fault: %d (%s)", name,
				      r, xfrmif_ctx_errmsg(ctx));
			free(before);
			free(after);
			return n - 1;
		}
		ck_assert_msg(r < 0, "%s: call %d failed, yet it returned %d",
			      name, n, r);
		ck_assert_msg(!strcmp(before, after),
			      "%s: call %d failed (%d: %s) and the kernel changed:"
			      "\n%s\n---\n%s", name, n, r, xfrmif_ctx_errmsg(ctx),
			      before, after);
		free(before);
		free(after);
	}
	ck_abort_msg("%s: too many steps", name);
	return -1;
}

/* ---- operations ---- */

static int seed_policies(void)
{
	return xt_sh("for i in 1 2 3 4 5; do ip xfrm policy add src 2001:db8::/64 "
		     "dst 2001:db8:2::$i/128 dir out if_id $i action block; done");
}

static int count_policy(const xfrmif_policy *p, void *arg)
{
	(void)p;
	++*(int *)arg;
	return 0;
}

static int op_policy_list(xfrmif_ctx *ctx)
{
	int seen = 0, r = xfrmif_policy_list(ctx, NULL, count_policy, &seen);

	return r < 0 ? r : (seen == 5 ? 0 : -EPROTO);
}

static int count_link(const xfrmif_link *l, void *arg)
{
	(void)l;
	++*(int *)arg;
	return 0;
}

static int op_link_list(xfrmif_ctx *ctx)
{
	int seen = 0;

	return xfrmif_link_list(ctx, NULL, count_link, &seen);
}

static int count_sa(const xfrmif_sa *sa, void *arg)
{
	(void)sa;
	++*(int *)arg;
	return 0;
}

static int op_sa_list(xfrmif_ctx *ctx)
{
	int seen = 0;

	return xfrmif_sa_list(ctx, NULL, count_sa, &seen);
}

static int op_policy_add(xfrmif_ctx *ctx)
{
	unsigned char a[16] = { 0x20, 0x01, 0x0d, 0xb8 }, b[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 9 };
	xfrmif_policy *p = NULL;
	xfrmif_tmpl *t = NULL;
	int r;

	r = xfrmif_policy_new(&p);
	if (r < 0)
		return r;
	r = xfrmif_tmpl_new(&t);
	if (r < 0) {
		xfrmif_policy_free(p);
		return r;
	}
	xfrmif_policy_set_src(p, AF_INET6, a, 64);
	xfrmif_policy_set_dst(p, AF_INET6, b, 64);
	xfrmif_policy_set_dir(p, XFRMIF_POLICY_DIR_OUT);
	xfrmif_policy_set_if_id(p, 77);
	xfrmif_tmpl_set_proto(t, IPPROTO_ESP);
	xfrmif_tmpl_set_mode(t, XFRMIF_TMPL_MODE_TUNNEL);
	xfrmif_tmpl_set_src(t, AF_INET6, a);
	xfrmif_tmpl_set_dst(t, AF_INET6, b);
	xfrmif_policy_add_tmpl(p, t);
	r = xfrmif_policy_add(ctx, p);
	if (r == 0)
		r = xfrmif_policy_del(ctx, p); /* leave the kernel as found */
	/* A single call cannot know the outcome of a request whose answer
	 * was lost: when a fault hit after sending, the kernel may hold the
	 * policy, and the test takes it away itself. */
	if (xfault_fired)
		xt_sh("ip xfrm policy del src 2001:db8::/64 dst 2001:db8:9::/64 "
		      "dir out if_id 77 2>/dev/null");
	xfrmif_tmpl_free(t);
	xfrmif_policy_free(p);
	return r;
}

static int op_batch_stop_and_undo(xfrmif_ctx *ctx)
{
	struct xfrmif__batch b;
	int r = 0;

	xfrmif__batch_init(&b, ctx);
	for (unsigned i = 100; i < 400 && r >= 0; i++) {
		struct xfrmif__req req = {
			.proto = XFRMIF__XFRM,
			.msg = xt_raw_policy_msg(XFRM_MSG_NEWPOLICY, i, 128),
			.what = "policy add",
		};
		struct nl_msg *undo = xt_raw_policy_msg(XFRM_MSG_DELPOLICY, i, 128);

		if (!req.msg || !undo) {
			xfrmif__msg_free(req.msg);
			xfrmif__msg_free(undo);
			r = -ENOMEM;
			break;
		}
		r = xfrmif__batch_queue(&b, &req, undo);
	}
	if (r >= 0)
		r = xfrmif__batch_commit(&b, XFRMIF__BATCH_STOP_AND_UNDO);
	if (r > 0)
		r = -EIO; /* items failed */
	if (r == 0) {
		/* succeeded: take it all back so that the next step starts
		 * from the same kernel state */
		xt_sh("ip xfrm policy flush");
		seed_policies();
	}
	xfrmif__batch_release(&b);
	return r;
}

static int op_ctx_new(xfrmif_ctx *unused)
{
	xfrmif_ctx *ctx = NULL;
	int r;

	(void)unused;
	r = xfrmif_ctx_new(&ctx, NULL);
	xfrmif_ctx_unref(ctx);
	return r;
}

/* ---- tests ---- */

static xfrmif_ctx *setup(void)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	ck_assert_int_eq(seed_policies(), 0);
	return ctx;
}

START_TEST(walk_listing)
{
	xfrmif_ctx *ctx = setup();

	ck_assert_int_gt(walk(ctx, op_policy_list, "policy list"), 2);
	ck_assert_int_gt(walk(ctx, op_link_list, "link list"), 2);
	ck_assert_int_gt(walk(ctx, op_sa_list, "sa list"), 2);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(walk_policy_add)
{
	xfrmif_ctx *ctx = setup();

	ck_assert_int_gt(walk(ctx, op_policy_add, "policy add"), 3);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(walk_batch_commit_with_undo)
{
	xfrmif_ctx *ctx = setup();

	ck_assert_int_gt(walk(ctx, op_batch_stop_and_undo, "batch commit"), 5);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(walk_ctx_new_leaks_no_fd)
{
	int fds = open_fds();

	ck_assert_int_gt(walk(NULL, op_ctx_new, "ctx new"), 3);
	ck_assert_int_eq(open_fds(), fds);
}
END_TEST

START_TEST(dump_intr_is_reported)
{
	xfrmif_ctx *ctx = setup();
	int seen = 0;

	xfault_mark_dump_intr = 1;
	ck_assert_int_eq(xfrmif_policy_list(ctx, NULL, count_policy, &seen), -EAGAIN);
	xfault_mark_dump_intr = 0;
	ck_assert_msg(xt_contains(xfrmif_ctx_errmsg(ctx), "DUMP_INTR"), "%s",
		      xfrmif_ctx_errmsg(ctx));
	/* the next list is clean again */
	seen = 0;
	ck_assert_int_eq(xfrmif_policy_list(ctx, NULL, count_policy, &seen), 5);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(enobufs_is_reported_not_hung_on)
{
	xfrmif_ctx *ctx = setup();
	int seen = 0;

	xfault_enobufs = 1;
	ck_assert_int_eq(xfrmif_policy_list(ctx, NULL, count_policy, &seen), -ENOBUFS);
	xfault_enobufs = 0;
	ck_assert_msg(xt_contains(xfrmif_ctx_errmsg(ctx), "overflowed"), "%s",
		      xfrmif_ctx_errmsg(ctx));
	/* answers left behind are stale: the next request still works */
	ck_assert_int_eq(xfrmif_policy_list(ctx, NULL, count_policy, &seen), 5);
	xfrmif_ctx_unref(ctx);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("faults");
	TCase *tc = xt_tcase(s, "faults", true);

	tcase_add_test(tc, walk_listing);
	tcase_add_test(tc, walk_policy_add);
	tcase_add_test(tc, walk_batch_commit_with_undo);
	tcase_add_test(tc, walk_ctx_new_leaks_no_fd);
	tcase_add_test(tc, dump_intr_is_reported);
	tcase_add_test(tc, enobufs_is_reported_not_hung_on);
	return xt_run_suite(s);
}
