/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The public batch API against the real kernel, iproute2 as the oracle:
 * per-item results with failures in the middle, stop-and-undo, a batch
 * larger than the socket buffers, queue-time refusals, link group
 * teardown (bridges tagged by ip), and xfrmifctl -batch. Runs in
 * the host suite and in the vm suite.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

static xfrmif_ctx *ctx_new(void)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	return ctx;
}

/* A documentation-range address: k in 0..767 over the three /24s. */
static void doc_addr(unsigned k, unsigned char a[4])
{
	static const unsigned char nets[3][3] = { { 192, 0, 2 }, { 198, 51, 100 },
						  { 203, 0, 113 } };

	memcpy(a, nets[(k / 256) % 3], 3);
	a[3] = (unsigned char)(k % 256);
}

/* Outbound block policy number i between two hosts (host policies go to
 * the kernel's hash table: cheap to insert even under emulation). */
static xfrmif_policy *policy_n(unsigned i)
{
	unsigned char src[4], dst[4];
	xfrmif_policy *p = NULL;

	doc_addr(i % 768, src);
	doc_addr((i / 768) % 768, dst);
	XT_ASSERT_OK(xfrmif_policy_new(&p));
	XT_ASSERT_OK(xfrmif_policy_set_src(p, AF_INET, src, 32));
	XT_ASSERT_OK(xfrmif_policy_set_dst(p, AF_INET, dst, 32));
	XT_ASSERT_OK(xfrmif_policy_set_dir(p, XFRMIF_POLICY_DIR_OUT));
	XT_ASSERT_OK(xfrmif_policy_set_action(p, XFRMIF_POLICY_BLOCK));
	return p;
}

static int queue_policy(xfrmif_batch *b, unsigned i)
{
	xfrmif_policy *p = policy_n(i);
	int r = xfrmif_batch_policy_add(b, p);

	xfrmif_policy_free(p);
	return r;
}

static int kernel_policy_count(void)
{
	char *out = xt_sh_out("ip xfrm policy list | grep -c '^src'");
	int n = atoi(out);

	free(out);
	return n;
}

START_TEST(failures_in_the_middle_are_reported_exactly)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_batch *b = NULL;
	const unsigned n = 600;
	const char *msg;
	int fail[3] = { -1, -1, -1 };

	XT_ASSERT_OK(xfrmif_batch_new(&b, ctx));
	for (unsigned i = 0; i < n; i++) {
		ck_assert_int_ge(queue_policy(b, i), (int)i);
		/* duplicates in the middle: the kernel refuses them */
		if (i == 100)
			fail[0] = queue_policy(b, 50);
		if (i == 300)
			fail[1] = queue_policy(b, 300);
		if (i == 599)
			fail[2] = queue_policy(b, 0);
	}
	ck_assert_int_eq(xfrmif_batch_count(b), (int)n + 3);
	ck_assert_int_eq(xfrmif_batch_result(b, 0, &msg), -EINPROGRESS);
	ck_assert_int_eq(xfrmif_batch_commit(b, 0), 3);
	for (int i = 0; i < (int)n + 3; i++) {
		int r = xfrmif_batch_result(b, i, &msg);

		if (i == fail[0] || i == fail[1] || i == fail[2]) {
			ck_assert_int_eq(r, -EEXIST);
			ck_assert_msg(xt_contains(msg, "policy add"), "%s", msg);
		} else {
			ck_assert_msg(r == 0, "item %d: %d %s", i, r, msg);
			ck_assert_str_eq(msg, "");
		}
	}
	ck_assert_int_eq(xfrmif_batch_result(b, (int)n + 3, NULL), -EINVAL);
	ck_assert_int_eq(xfrmif_batch_result(b, -1, NULL), -EINVAL);
	ck_assert_int_eq(kernel_policy_count(), (int)n);
	/* a batch is committed once */
	ck_assert_int_eq(xfrmif_batch_commit(b, 0), -EALREADY);
	ck_assert_int_eq(queue_policy(b, 1000), -EALREADY);
	xfrmif_batch_free(b);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(stop_and_undo_leaves_the_kernel_as_it_was)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_batch *b = NULL;
	char *pol_before, *pol_after, *sa_before, *sa_after;
	int bad, n;

	/* what was there before must stay, untouched */
	ck_assert_int_eq(xt_sh("ip xfrm policy add src 203.0.113.0/24 dst "
			       "203.0.113.0/24 dir in action block"), 0);
	ck_assert_int_eq(xt_sh("ip xfrm state allocspi src 203.0.113.1 dst "
			       "203.0.113.2 proto esp mode tunnel >/dev/null"), 0);
	pol_before = xt_sh_out("ip xfrm policy");
	sa_before = xt_sh_out("ip xfrm state");
	XT_ASSERT_OK(xfrmif_batch_new(&b, ctx));
	for (unsigned i = 0; i < 400; i++)
		XT_ASSERT_OK(queue_policy(b, i));
	bad = queue_policy(b, 7); /* exists by then: fails */
	for (unsigned i = 400; i < 800; i++)
		XT_ASSERT_OK(queue_policy(b, i));
	n = xfrmif_batch_count(b);
	ck_assert_int_eq(xfrmif_batch_commit(b, XFRMIF_BATCH_STOP_AND_UNDO), 1);
	ck_assert_int_eq(xfrmif_batch_result(b, bad, NULL), -EEXIST);
	for (int i = 0; i < n; i++)
		if (i != bad)
			ck_assert_msg(xfrmif_batch_result(b, i, NULL) == -ECANCELED,
				      "item %d: %d", i, xfrmif_batch_result(b, i, NULL));
	pol_after = xt_sh_out("ip xfrm policy");
	sa_after = xt_sh_out("ip xfrm state");
	ck_assert_str_eq(pol_before, pol_after);
	ck_assert_str_eq(sa_before, sa_after);
	free(pol_before);
	free(pol_after);
	free(sa_before);
	free(sa_after);
	xfrmif_batch_free(b);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(batch_larger_than_socket_buffers_gets_every_ack)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_batch *b = NULL;
	int sndbuf = 0, rcvbuf = 0, fd;
	socklen_t sl = sizeof(int);
	unsigned n;

	/* The context's socket buffers are not visible through the API: a
	 * fresh netlink socket asking for what the context asks (1 MiB,
	 * capped by net.core.[rw]mem_max) gets the same. */
	fd = socket(AF_NETLINK, SOCK_RAW, 6 /* NETLINK_XFRM */);
	ck_assert_int_ge(fd, 0);
	sndbuf = rcvbuf = 1024 * 1024;
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, &sl);
	getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, &sl);
	close(fd);
	/* each request is about 200 bytes: more than both buffers hold */
	n = (unsigned)(((size_t)sndbuf + (size_t)rcvbuf) / 150u) + 1000;
	ck_assert_uint_lt(n, 768u * 768u);
	XT_ASSERT_OK(xfrmif_batch_new(&b, ctx));
	for (unsigned i = 0; i < n; i++)
		XT_ASSERT_OK(queue_policy(b, i));
	ck_assert_int_eq(xfrmif_batch_commit(b, 0), 0);
	for (int i = 0; i < (int)n; i++)
		ck_assert_int_eq(xfrmif_batch_result(b, i, NULL), 0);
	ck_assert_int_eq(kernel_policy_count(), (int)n);
	xfrmif_batch_free(b);

	/* and deleting them all in one batch */
	XT_ASSERT_OK(xfrmif_batch_new(&b, ctx));
	for (unsigned i = 0; i < n; i++) {
		xfrmif_policy *p = policy_n(i);
		XT_ASSERT_OK(xfrmif_batch_policy_del(b, p));
		xfrmif_policy_free(p);
	}
	ck_assert_int_eq(xfrmif_batch_commit(b, 0), 0);
	ck_assert_int_eq(kernel_policy_count(), 0);
	xfrmif_batch_free(b);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(bad_objects_are_refused_when_queued)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_batch *b = NULL;
	xfrmif_policy *p = policy_n(1);
	xfrmif_link *l = NULL;

	XT_ASSERT_OK(xfrmif_batch_new(&b, ctx));
	XT_ASSERT_OK(queue_policy(b, 0));
	/* a setter's complaint surfaces at queue time, naming the field */
	ck_assert_int_eq(xfrmif_policy_set_dir(p, 9), -EINVAL);
	ck_assert_int_eq(xfrmif_batch_policy_add(b, p), -EINVAL);
	ck_assert_msg(xt_contains(xfrmif_ctx_errmsg(ctx), "dir"), "%s",
		      xfrmif_ctx_errmsg(ctx));
	ck_assert_int_eq(xfrmif_batch_policy_add(b, NULL), -EINVAL);
	XT_ASSERT_OK(xfrmif_link_new(&l));
	ck_assert_int_eq(xfrmif_batch_link_add(b, l), -EINVAL);
	ck_assert_msg(xt_contains(xfrmif_ctx_errmsg(ctx), "name"), "%s",
		      xfrmif_ctx_errmsg(ctx));
	ck_assert_int_eq(xfrmif_batch_link_del_group(b, 0), -EINVAL);
	ck_assert_int_eq(xfrmif_batch_commit(b, 0x80), -EINVAL);
	/* nothing of that was queued */
	ck_assert_int_eq(xfrmif_batch_count(b), 1);
	ck_assert_int_eq(xfrmif_batch_commit(b, 0), 0);
	ck_assert_int_eq(kernel_policy_count(), 1);
	xfrmif_link_free(l);
	xfrmif_policy_free(p);
	xfrmif_batch_free(b);
	xfrmif_ctx_unref(ctx);
	xfrmif_batch_free(NULL);
	ck_assert_int_eq(xfrmif_batch_count(NULL), -EINVAL);
	ck_assert_int_eq(xfrmif_batch_new(&b, NULL), -EINVAL);
}
END_TEST

/* Link groups on any kernel: bridges tagged by iproute2. */
START_TEST(group_delete_removes_exactly_the_group)
{
	xfrmif_ctx *ctx = ctx_new();
	xfrmif_batch *b = NULL;
	xfrmif_link *l = NULL;
	uint32_t g = 0;
	char *out;

	for (int i = 0; i < 20; i++)
		ck_assert_int_eq(xt_sh("ip link add gd%d group %d type bridge",
				       i, i % 2 ? 77 : 78), 0);
	ck_assert_int_eq(xt_sh("ip link add other type bridge"), 0);
	/* the group is read back */
	XT_ASSERT_OK(xfrmif_link_get_by_name(&l, ctx, "gd1"));
	XT_ASSERT_OK(xfrmif_link_get_group(l, &g));
	ck_assert_uint_eq(g, 77);
	xfrmif_link_free(l);
	XT_ASSERT_OK(xfrmif_link_del_group(ctx, 77));
	out = xt_sh_out("ip -o link show | awk '{print $2}' | tr -d : | sort | tr '\\n' ' '");
	ck_assert_str_eq(out, "gd0 gd10 gd12 gd14 gd16 gd18 gd2 gd4 gd6 gd8 "
			      "lo other ");
	free(out);
	ck_assert_int_eq(xfrmif_link_del_group(ctx, 77), -ENODEV);
	ck_assert_int_eq(xfrmif_link_del_group(ctx, 0), -EINVAL);
	/* and through a batch */
	XT_ASSERT_OK(xfrmif_batch_new(&b, ctx));
	ck_assert_int_eq(xfrmif_batch_link_del_group(b, 78), 0);
	ck_assert_int_eq(xfrmif_batch_link_del_group(b, 79), 1);
	ck_assert_int_eq(xfrmif_batch_commit(b, 0), 1);
	ck_assert_int_eq(xfrmif_batch_result(b, 0, NULL), 0);
	ck_assert_int_eq(xfrmif_batch_result(b, 1, NULL), -ENODEV);
	xfrmif_batch_free(b);
	out = xt_sh_out("ip -o link show | awk '{print $2}' | tr -d : | sort | tr '\\n' ' '");
	ck_assert_str_eq(out, "lo other ");
	free(out);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(cli_batch_file_reports_failing_lines)
{
	char path[] = "/tmp/xfrmif-batch-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	char *out;

	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fprintf(f, "# three policies, one duplicate, one usage error\n"
		   "policy add src 192.0.2.0/30 dst 198.51.100.0/30 dir out action block\n"
		   "\n"
		   "policy add src 192.0.2.4/30 dst 198.51.100.0/30 dir out action block\n"
		   "policy add src 192.0.2.0/30 dst 198.51.100.0/30 dir out action block\n"
		   "policy add src 192.0.2.8/30 dst 198.51.100.0/30 dir out action block\n");
	fclose(f);
	out = xt_sh_out("%s -batch %s 2>&1; echo status=$?", XFRMIFCTL, path);
	ck_assert_msg(xt_contains(out, "line 5: File exists"), "%s", out);
	ck_assert_msg(!xt_contains(out, "line 2:") && !xt_contains(out, "line 4:") &&
		      !xt_contains(out, "line 6:"), "%s", out);
	ck_assert_msg(xt_contains(out, "status=1"), "%s", out);
	free(out);
	ck_assert_int_eq(kernel_policy_count(), 3);

	/* standard input; a command that is not batched runs in order */
	out = xt_sh_out("printf 'policy del src 192.0.2.0/30 dst 198.51.100.0/30 "
			"dir out\\npolicy count\\npolicy add src 192.0.2.0/30 dst "
			"198.51.100.0/30 dir sideways\\n' | %s -batch - 2>&1; "
			"echo status=$?", XFRMIFCTL);
	ck_assert_msg(xt_contains(out, "OUT 2"), "%s", out);
	ck_assert_msg(xt_contains(out, "line 3: policy add: 'dir'"), "%s", out);
	ck_assert_msg(xt_contains(out, "status=2"), "%s", out);
	free(out);
	ck_assert_int_eq(kernel_policy_count(), 2);
	unlink(path);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("batch");
	TCase *tc = xt_tcase(s, "batch", true);

	tcase_add_test(tc, failures_in_the_middle_are_reported_exactly);
	tcase_add_test(tc, stop_and_undo_leaves_the_kernel_as_it_was);
	tcase_add_test(tc, batch_larger_than_socket_buffers_gets_every_ack);
	tcase_add_test(tc, bad_objects_are_refused_when_queued);
	tcase_add_test(tc, group_delete_removes_exactly_the_group);
	tcase_add_test(tc, cli_batch_file_reports_failing_lines);
	return xt_run_suite(s);
}
