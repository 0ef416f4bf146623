/* SPDX-License-Identifier: LGPL-2.1-or-later */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xtest.h"

/* The runner's pid: children inherit it, so names made in a child are
 * found again by the parent's cleanup. */
static pid_t runner_pid;

void xt_enter_new_netns(void)
{
	if (unshare(CLONE_NEWNET) < 0)
		ck_abort_msg("unshare(CLONE_NEWNET): %s (the host and vm suites "
			     "need root)", strerror(errno));
	if (xt_sh("ip link set lo up") != 0)
		ck_abort_msg("cannot bring lo up in the new namespace");
}

void xt_netns_setup(void)
{
	xt_enter_new_netns();
}

const char *xt_named_netns(const char *tag)
{
	static char name[64];

	snprintf(name, sizeof(name), "xt%d-%s", (int)runner_pid, tag);
	return name;
}

void xt_named_netns_cleanup(void)
{
	xt_sh("for n in $(ip netns list | awk '{print $1}' | grep '^xt%d-'); "
	      "do ip netns del \"$n\"; done 2>/dev/null", (int)runner_pid);
}

static char *vformat(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (vasprintf(&s, fmt, ap) < 0)
		abort();
	return s;
}

int xt_sh(const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int st;

	va_start(ap, fmt);
	cmd = vformat(fmt, ap);
	va_end(ap);
	st = system(cmd);
	free(cmd);
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

char *xt_sh_out(const char *fmt, ...)
{
	va_list ap;
	char *cmd, *buf = NULL;
	size_t len = 0;
	FILE *p, *mem;
	char chunk[4096];
	size_t n;

	va_start(ap, fmt);
	cmd = vformat(fmt, ap);
	va_end(ap);
	mem = open_memstream(&buf, &len);
	p = popen(cmd, "r");
	if (!mem || !p)
		abort();
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		fwrite(chunk, 1, n, mem);
	pclose(p);
	fclose(mem);
	free(cmd);
	return buf;
}

char *xt_link_names(void)
{
	return xt_sh_out("ip -o link show | awk '{print $2}' | sed 's/[@:].*//' | "
			 "grep -v -E '^(ip_vti0|ip6_vti0|ip6tnl0|sit0|tunl0|gre0|"
			 "gretap0|erspan0|ip6gre0)$' | sort | tr '\\n' ' '");
}

bool xt_contains(const char *haystack, const char *needle)
{
	return haystack && strstr(haystack, needle) != NULL;
}

TCase *xt_tcase(Suite *s, const char *name, bool own_netns)
{
	TCase *tc = tcase_create(name);

	if (!runner_pid)
		runner_pid = getpid();
	if (own_netns)
		tcase_add_checked_fixture(tc, xt_netns_setup, NULL);
	/* Runs in the parent after the case, so it also cleans up after a
	 * child that died half-way. */
	tcase_add_unchecked_fixture(tc, NULL, xt_named_netns_cleanup);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return tc;
}

int xt_run_suite(Suite *s)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(s);
	/* Fork mode comes from CK_FORK (meson sets yes; the valgrind run sets
	 * no, so that the test bodies themselves are checked). */
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xt_named_netns_cleanup();
	return failed ? 1 : 0;
}
