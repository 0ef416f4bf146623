/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The context's public contract: creation, options, errors, logging. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

START_TEST(ctx_new_null_ret)
{
	ck_assert_int_eq(xfrmif_ctx_new(NULL, NULL), -EINVAL);
}
END_TEST

START_TEST(ctx_new_default_and_unref)
{
	xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
	ck_assert_ptr_nonnull(ctx);
	ck_assert_str_eq(xfrmif_ctx_errmsg(ctx), "");
	ck_assert_int_ge(xfrmif_ctx_netns_fd(ctx), 0);
	ck_assert_ptr_eq(xfrmif_ctx_ref(ctx), ctx);
	ck_assert_ptr_null(xfrmif_ctx_unref(ctx));
	/* still alive: one reference left */
	ck_assert_str_eq(xfrmif_ctx_errmsg(ctx), "");
	ck_assert_ptr_null(xfrmif_ctx_unref(ctx));
	ck_assert_ptr_null(xfrmif_ctx_unref(NULL));
	ck_assert_ptr_null(xfrmif_ctx_ref(NULL));
}
END_TEST

START_TEST(ctx_new_unknown_netns_name)
{
	char err[256] = "";
	XFRMIF_OPTS(xfrmif_ctx_opts, o, .netns_name = "no-such-ns-xfrmif",
		    .errbuf = err, .errbuf_size = sizeof(err));
	xfrmif_ctx *ctx = (xfrmif_ctx *)1;

	ck_assert_int_eq(xfrmif_ctx_new(&ctx, &o), -ENOENT);
	ck_assert_ptr_null(ctx);
	ck_assert_msg(strstr(err, "netns_name") && strstr(err, "no-such-ns-xfrmif"),
		      "errmsg does not name the argument: '%s'", err);
}
END_TEST

START_TEST(ctx_new_bad_netns_names)
{
	static const char *bad[] = { "", "a/b", "..", "." };
	char err[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		XFRMIF_OPTS(xfrmif_ctx_opts, o, .netns_name = bad[i],
			    .errbuf = err, .errbuf_size = sizeof(err));
		xfrmif_ctx *ctx = NULL;

		err[0] = '\0';
		ck_assert_int_eq(xfrmif_ctx_new(&ctx, &o), -EINVAL);
		ck_assert_msg(strstr(err, "netns_name"), "'%s': %s", bad[i], err);
	}
}
END_TEST

START_TEST(ctx_new_unknown_netns_path)
{
	char err[256] = "";
	XFRMIF_OPTS(xfrmif_ctx_opts, o, .netns_path = "/nonexistent/ns",
		    .errbuf = err, .errbuf_size = sizeof(err));
	xfrmif_ctx *ctx = NULL;

	ck_assert_int_eq(xfrmif_ctx_new(&ctx, &o), -ENOENT);
	ck_assert_msg(strstr(err, "netns_path") && strstr(err, "/nonexistent/ns"),
		      "%s", err);
}
END_TEST

START_TEST(ctx_new_netns_fd)
{
	int fd = open("/proc/self/ns/net", O_RDONLY);
	XFRMIF_OPTS(xfrmif_ctx_opts, o, .netns_fd = fd,
		    .flags = XFRMIF_CTX_NETNS_FD);
	xfrmif_ctx *ctx = NULL;

	ck_assert_int_ge(fd, 0);
	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, &o));
	/* the context holds its own duplicate */
	ck_assert_int_ne(xfrmif_ctx_netns_fd(ctx), fd);
	close(fd);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(ctx_new_bad_fd_and_conflicts)
{
	char err[256] = "";
	xfrmif_ctx *ctx = NULL;
	XFRMIF_OPTS(xfrmif_ctx_opts, badfd, .netns_fd = -1,
		    .flags = XFRMIF_CTX_NETNS_FD, .errbuf = err,
		    .errbuf_size = sizeof(err));
	XFRMIF_OPTS(xfrmif_ctx_opts, two, .netns_name = "a",
		    .netns_path = "/b", .errbuf = err,
		    .errbuf_size = sizeof(err));
	XFRMIF_OPTS(xfrmif_ctx_opts, flags, .flags = 0x80, .errbuf = err,
		    .errbuf_size = sizeof(err));

	ck_assert_int_eq(xfrmif_ctx_new(&ctx, &badfd), -EBADF);
	ck_assert_msg(strstr(err, "netns_fd"), "%s", err);
	ck_assert_int_eq(xfrmif_ctx_new(&ctx, &two), -EINVAL);
	ck_assert_msg(strstr(err, "only one"), "%s", err);
	ck_assert_int_eq(xfrmif_ctx_new(&ctx, &flags), -EINVAL);
	ck_assert_msg(strstr(err, "flags"), "%s", err);
}
END_TEST

START_TEST(ctx_opts_size_rules)
{
	char err[256] = "";
	struct {
		struct xfrmif_ctx_opts o;
		uint64_t future;
	} newer;
	xfrmif_ctx *ctx = NULL;

	/* An older, smaller struct is accepted. */
	struct xfrmif_ctx_opts old = { .sz = offsetof(struct xfrmif_ctx_opts, netns_path) };
	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, &old));
	xfrmif_ctx_unref(ctx);

	/* A newer struct with a zero tail is accepted, a set tail is not. */
	memset(&newer, 0, sizeof(newer));
	newer.o.sz = sizeof(newer);
	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, &newer.o));
	xfrmif_ctx_unref(ctx);
	newer.future = 1;
	newer.o.errbuf = err;
	newer.o.errbuf_size = sizeof(err);
	ck_assert_int_eq(xfrmif_ctx_new(&ctx, &newer.o), -EINVAL);
	ck_assert_msg(strstr(err, "newer"), "%s", err);

	/* sz 0 is a caller that forgot XFRMIF_OPTS */
	struct xfrmif_ctx_opts zero = { .sz = 0 };
	ck_assert_int_eq(xfrmif_ctx_new(&ctx, &zero), -EINVAL);
}
END_TEST

static int log_calls;
static void count_log(xfrmif_ctx *ctx, int prio, const char *file, int line,
		      const char *fn, const char *fmt, va_list ap, void *data)
{
	(void)ctx; (void)prio; (void)file; (void)line; (void)fn; (void)fmt;
	(void)ap;
	*(int *)data += 1;
}

START_TEST(ctx_logging)
{
	xfrmif_ctx *ctx = NULL;
	char err[64] = "";
	XFRMIF_OPTS(xfrmif_ctx_opts, o, .errbuf = err, .errbuf_size = sizeof(err));

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, &o));
	ck_assert_int_eq(xfrmif_ctx_get_log_priority(ctx), LOG_ERR);
	ck_assert_int_eq(xfrmif_ctx_set_log_priority(ctx, 8), -EINVAL);
	ck_assert_msg(strstr(xfrmif_ctx_errmsg(ctx), "priority"), "%s",
		      xfrmif_ctx_errmsg(ctx));
	ck_assert_int_eq(xfrmif_ctx_set_log_priority(ctx, -1), -EINVAL);
	XT_ASSERT_OK(xfrmif_ctx_set_log_priority(ctx, LOG_DEBUG));
	XT_ASSERT_OK(xfrmif_ctx_set_log_fn(ctx, count_log, &log_calls));
	/* A validation failure logs at debug priority. */
	ck_assert_int_eq(xfrmif_ctx_set_log_priority(ctx, 99), -EINVAL);
	ck_assert_int_gt(log_calls, 0);
	ck_assert_int_eq(xfrmif_ctx_set_log_fn(NULL, NULL, NULL), -EINVAL);
	ck_assert_int_eq(xfrmif_ctx_get_log_priority(NULL), -EINVAL);
	xfrmif_ctx_unref(ctx);
}
END_TEST

START_TEST(ctx_null_safety)
{
	ck_assert_ptr_nonnull(xfrmif_ctx_errmsg(NULL));
	ck_assert_int_eq(xfrmif_ctx_netns_fd(NULL), -EINVAL);
	ck_assert_int_eq(xfrmif_ctx_set_log_priority(NULL, LOG_ERR), -EINVAL);
}
END_TEST

START_TEST(version_string)
{
	const char *v = xfrmif_version();

	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, XFRMIF_TEST_VERSION);
}
END_TEST

START_TEST(cleanup_attribute)
{
	__attribute__((cleanup(xfrmif_ctx_unrefp))) xfrmif_ctx *ctx = NULL;

	XT_ASSERT_OK(xfrmif_ctx_new(&ctx, NULL));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ctx");
	TCase *tc = xt_tcase(s, "ctx", false);

	tcase_add_test(tc, ctx_new_null_ret);
	tcase_add_test(tc, ctx_new_default_and_unref);
	tcase_add_test(tc, ctx_new_unknown_netns_name);
	tcase_add_test(tc, ctx_new_bad_netns_names);
	tcase_add_test(tc, ctx_new_unknown_netns_path);
	tcase_add_test(tc, ctx_new_netns_fd);
	tcase_add_test(tc, ctx_new_bad_fd_and_conflicts);
	tcase_add_test(tc, ctx_opts_size_rules);
	tcase_add_test(tc, ctx_logging);
	tcase_add_test(tc, ctx_null_safety);
	tcase_add_test(tc, version_string);
	tcase_add_test(tc, cleanup_attribute);
	return xt_run_suite(s);
}
