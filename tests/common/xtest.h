/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Helpers shared by the Check suites: fresh network namespaces, running
 * iproute2 (the oracle) and capturing what it prints.
 */
#ifndef XFRMIF_XTEST_H
#define XFRMIF_XTEST_H

#include <check.h>
#include <stdbool.h>

/*
 * Moves the calling process (a Check child, in CK_FORK mode) into a new,
 * empty network namespace with loopback up. Everything the test creates in
 * it disappears when the child exits, even when the test fails.
 */
void xt_enter_new_netns(void);

/* A checked fixture that calls xt_enter_new_netns(). */
void xt_netns_setup(void);

/*
 * A name for a named namespace (under /run/netns) that belongs to this test
 * run: "xt<pid of the runner>-<tag>". Removed by xt_named_netns_cleanup(),
 * which the runner calls after each test case in the parent process.
 */
const char *xt_named_netns(const char *tag);
void xt_named_netns_cleanup(void);

/* Runs a shell command (printf-style); returns its exit status, or -1. */
int xt_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Runs a shell command and returns what it printed on stdout (malloc'd,
 * NUL-terminated; never NULL). */
char *xt_sh_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The namespace's interface names, sorted, space-separated, without the
 * fallback devices a tunnel module adds to every namespace when it loads
 * (ip_vti0, ip6_vti0, ip6tnl0, ...): which of those exist depends on what
 * ran before, not on the test. Malloc'd. */
char *xt_link_names(void);

/* True when `haystack` contains `needle`. */
bool xt_contains(const char *haystack, const char *needle);

/*
 * Adds a test case to `s`. With own_netns, every test in it runs in a fresh
 * network namespace (see xt_enter_new_netns()).
 */
TCase *xt_tcase(Suite *s, const char *name, bool own_netns);

/*
 * Builds and runs an SRunner for one suite (fork mode from CK_FORK) and returns the
 * process exit status (0 when all passed). Named namespaces made with
 * xt_named_netns() are removed after every test case.
 */
int xt_run_suite(Suite *s);

#define XT_ASSERT_OK(expr)                                                     \
	do {                                                                   \
		int xt_r_ = (expr);                                            \
		ck_assert_msg(xt_r_ >= 0, "%s failed: %d (%s)", #expr, xt_r_,  \
			      strerror(-xt_r_));                               \
	} while (0)

#endif
