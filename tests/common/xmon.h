/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Test helpers for the monitor: collect events (copies of what the
 * callback lends) and wait for one of a given type. Header-only so that the
 * host and vm test programs share it without another library.
 */
#ifndef XFRMIF_XMON_H
#define XFRMIF_XMON_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

#define XMON_MAX 512
/* Only a bound for a broken kernel or library, never a measurement. */
#define XMON_DEADLINE_S 60

struct xmon_event {
	int type;
	int hard;
	uint32_t lost, change, seq;
	xfrmif_sa *sa;
	xfrmif_policy *policy;
	xfrmif_link *link;
};

struct xmon {
	xfrmif_monitor *mon;
	int n;
	int stop_after; /* callback returns 1 after this many (0: never) */
	struct xmon_event ev[XMON_MAX];
};

static inline int xmon_collect(const xfrmif_event *ev, void *arg)
{
	struct xmon *x = arg;
	struct xmon_event *e;
	const xfrmif_policy *p;
	const xfrmif_link *l;
	const xfrmif_sa *sa;

	if (x->n >= XMON_MAX)
		return -ENOSPC;
	e = &x->ev[x->n++];
	memset(e, 0, sizeof(*e));
	e->type = xfrmif_event_get_type(ev);
	xfrmif_event_get_hard(ev, &e->hard);
	xfrmif_event_get_lost(ev, &e->lost);
	xfrmif_event_get_link_change(ev, &e->change);
	xfrmif_event_get_acquire(ev, &e->seq, NULL, NULL, NULL);
	if (xfrmif_event_get_sa(ev, &sa) == 0)
		XT_ASSERT_OK(xfrmif_sa_dup(&e->sa, sa));
	if (xfrmif_event_get_policy(ev, &p) == 0)
		XT_ASSERT_OK(xfrmif_policy_dup(&e->policy, p));
	if (xfrmif_event_get_link(ev, &l) == 0)
		XT_ASSERT_OK(xfrmif_link_dup(&e->link, l));
	return x->stop_after && x->n % x->stop_after == 0 ? 1 : 0;
}

static inline void xmon_open(struct xmon *x, xfrmif_ctx *ctx, uint32_t groups,
			     const struct xfrmif_monitor_opts *opts)
{
	memset(x, 0, sizeof(*x));
	XT_ASSERT_OK(xfrmif_monitor_new(&x->mon, ctx, groups, opts));
}

static inline void xmon_close(struct xmon *x)
{
	for (int i = 0; i < x->n; i++) {
		xfrmif_sa_free(x->ev[i].sa);
		xfrmif_policy_free(x->ev[i].policy);
		xfrmif_link_free(x->ev[i].link);
	}
	xfrmif_monitor_free(x->mon);
	x->mon = NULL;
	x->n = 0;
}

/* Index of the first collected event of `type` at or after `from`, or -1. */
static inline int xmon_find(const struct xmon *x, int type, int from)
{
	for (int i = from; i < x->n; i++)
		if (x->ev[i].type == type)
			return i;
	return -1;
}

/* Dispatches until an event of `type` (at or after index `from`) has come;
 * fails the test when none came before the deadline. */
static inline int xmon_wait_for(struct xmon *x, int type, int from)
{
	time_t end = time(NULL) + XMON_DEADLINE_S;
	int i;

	while ((i = xmon_find(x, type, from)) < 0) {
		int r = xfrmif_monitor_run(x->mon, 200, xmon_collect, x);

		ck_assert_msg(r >= 0 || r == -EINTR, "monitor_run: %d (%s)", r,
			      strerror(-r));
		ck_assert_msg(time(NULL) < end, "no %s event came (%d events)",
			      xfrmif_event_type_name(type), x->n);
	}
	return i;
}

#endif
