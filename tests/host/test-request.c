/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * White-box: the request path against the real kernel. Answers are taken
 * only from the kernel and only with the expected sequence number; the
 * kernel's errno and extended-ACK text pass through unchanged.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/xfrm.h>
#include <netlink/msg.h>

#include "internal.h"
#include "xraw.h"
#include "xtest.h"

static struct nl_msg *policy_add_msg(unsigned i, int prefixlen_d)
{
	return xt_raw_policy_msg(XFRM_MSG_NEWPOLICY, i, prefixlen_d);
}

static int submit(xfrmif_ctx *ctx, struct nl_msg *msg)
{
	struct xfrmif__req req = { .proto = XFRMIF__XFRM, .msg = msg,
				   .what = "policy add" };

	return xfrmif__submit(ctx, &req);
}

START_TEST(kernel_errno_and_extack_pass_through)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	XT_ASSERT_OK(submit(ctx, policy_add_msg(1, 128)));
	ck_assert_int_eq(submit(ctx, policy_add_msg(1, 128)), -EEXIST);
	/* a prefix longer than IPv6 allows: the kernel explains itself */
	ck_assert_int_eq(submit(ctx, policy_add_msg(2, 129)), -EINVAL);
	ck_assert_msg(strncmp(xfrmif_ctx_errmsg(ctx), "policy add: ", 12) == 0 &&
		      strlen(xfrmif_ctx_errmsg(ctx)) > 12,
		      "errmsg: '%s'", xfrmif_ctx_errmsg(ctx));
	xfrmif_ctx_unref(ctx);
}
END_TEST

/* Another socket of ours pretends to be the kernel's answer: the
 * context's sockets are connected to the kernel, so the kernel refuses the
 * fake, and the real answer is the one that counts. */
START_TEST(answers_from_other_senders_are_refused)
{
	xfrmif_ctx *ctx = NULL;
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	struct {
		struct nlmsghdr h;
		struct nlmsgerr e;
	} fake;
	int fd;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_XFRM);
	ck_assert_int_ge(fd, 0);
	memset(&fake, 0, sizeof(fake));
	fake.h.nlmsg_len = sizeof(fake);
	fake.h.nlmsg_type = NLMSG_ERROR;
	fake.h.nlmsg_seq = ctx->sock[XFRMIF__XFRM].seq + 1; /* the next one */
	fake.e.error = -EPERM;
	to.nl_pid = ctx->sock[XFRMIF__XFRM].port;
	errno = 0;
	ck_assert_int_eq(sendto(fd, &fake, sizeof(fake), 0,
				(struct sockaddr *)&to, sizeof(to)), -1);
	ck_assert_int_eq(errno, ECONNREFUSED);
	XT_ASSERT_OK(submit(ctx, policy_add_msg(3, 128)));
	ck_assert_int_eq(xt_sh("ip xfrm policy get src 2001:db8::/64 dst "
			       "2001:db8:1::3/128 dir out >/dev/null"), 0);
	close(fd);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(stale_answers_are_ignored)
{
	xfrmif_ctx *ctx = NULL;
	struct nl_msg *msg;
	struct nlmsghdr *nlh;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	XT_ASSERT_OK(submit(ctx, policy_add_msg(4, 128)));
	/* A request nobody waits for: its EEXIST stays queued. */
	msg = policy_add_msg(4, 128);
	nlh = nlmsg_hdr(msg);
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = 7;
	nlh->nlmsg_pid = ctx->sock[XFRMIF__XFRM].port;
	XT_ASSERT_OK(xfrmif__send_raw(ctx, XFRMIF__XFRM, nlh, nlh->nlmsg_len));
	xfrmif__msg_free(msg);
	/* The next request gets its own answer, not the stale EEXIST. */
	XT_ASSERT_OK(submit(ctx, policy_add_msg(5, 128)));
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(context_in_named_namespace_does_not_move_the_thread)
{
	const char *ns = xt_named_netns("req");
	XFRMIF_OPTS(xfrmif_ctx_opts, o, .netns_name = ns);
	xfrmif_ctx *ctx = NULL;
	char *here, *there;

	ck_assert_int_eq(xt_sh("ip netns add %s", ns), 0);
	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, &o));
	XT_ASSERT_OK(submit(ctx, policy_add_msg(6, 128)));
	there = xt_sh_out("ip -n %s xfrm policy list | grep -c 2001:db8:1::6", ns);
	here = xt_sh_out("ip xfrm policy list | grep -c 2001:db8:1::6");
	ck_assert_str_eq(there, "1\n");
	ck_assert_str_eq(here, "0\n");
	free(here);
	free(there);
	xfrmif_ctx_unref(ctx);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("request");
	TCase *tc = xt_tcase(s, "request", true);

	tcase_add_test(tc, kernel_errno_and_extack_pass_through);
	tcase_add_test(tc, answers_from_other_senders_are_refused);
	tcase_add_test(tc, stale_answers_are_ignored);
	tcase_add_test(tc, context_in_named_namespace_does_not_move_the_thread);
	return xt_run_suite(s);
}
