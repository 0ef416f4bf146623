/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Helpers for the inspection and doctor tests (host and vm): run both on
 * the test's namespace and look for a finding by code and by what its
 * objects' descriptions contain.
 */
#ifndef XFRMIF_XDOCTOR_H
#define XFRMIF_XDOCTOR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

struct xd {
	xfrmif_ctx *ctx;
	xfrmif_inspect *in;
	xfrmif_doctor *d;
};

/* Inspects the current namespace (SAs and policies from xctx when not
 * NULL) and runs the doctor with `flags` (features 0 when
 * XFRMIF_DOCTOR_FEATURES is among them). */
static inline void xd_run(struct xd *x, xfrmif_ctx *xctx, uint32_t flags)
{
	XFRMIF_OPTS(xfrmif_inspect_opts, io, .xfrm_ctx = xctx);
	XFRMIF_OPTS(xfrmif_doctor_opts, o, .flags = flags);

	memset(x, 0, sizeof(*x));
	XT_ASSERT_OK(xfrmif_ctx_new(&x->ctx, NULL));
	XT_ASSERT_OK(xfrmif_inspect_new(&x->in, x->ctx, &io));
	XT_ASSERT_OK(xfrmif_doctor_run(&x->d, xctx ? xctx : x->ctx, x->in, &o));
}

static inline void xd_free(struct xd *x)
{
	xfrmif_doctor_free(x->d);
	xfrmif_inspect_free(x->in);
	xfrmif_ctx_unref(x->ctx);
}

/* All findings, one per line: "code: object | object" (for messages). */
static inline char *xd_dump(const struct xd *x)
{
	size_t size = 1;
	char *s = calloc(1, 1), d[256];
	int n = xfrmif_doctor_count(x->d);

	for (int i = 0; i < n && s; i++) {
		const xfrmif_finding *f;
		uint32_t k, idx;
		char line[1200];
		size_t len;

		xfrmif_doctor_get(x->d, (uint32_t)i, &f);
		snprintf(line, sizeof(line), "%s:", xfrmif_finding_code(f));
		for (int o = 0; o < xfrmif_finding_object_count(f); o++) {
			xfrmif_finding_get_object(f, (uint32_t)o, &k, &idx);
			xfrmif_inspect_describe(x->in, k, idx, d, sizeof(d));
			len = strlen(line);
			snprintf(line + len, sizeof(line) - len, " [%s]", d);
		}
		len = strlen(line);
		s = realloc(s, size + len + 1);
		if (s) {
			memcpy(s + size - 1, line, len);
			memcpy(s + size - 1 + len, "\n", 2);
			size += len + 1;
		}
	}
	return s;
}

/*
 * Whether a finding with `code` exists whose objects include one of kind
 * k1 whose description contains s1 and (when k2) one of kind k2 whose
 * description contains s2.
 */
static inline bool xd_has(const struct xd *x, const char *code, uint32_t k1,
			  const char *s1, uint32_t k2, const char *s2)
{
	int n = xfrmif_doctor_count(x->d);
	char d[256];

	for (int i = 0; i < n; i++) {
		const xfrmif_finding *f;
		bool m1 = !k1, m2 = !k2;
		uint32_t k, idx;

		xfrmif_doctor_get(x->d, (uint32_t)i, &f);
		if (strcmp(xfrmif_finding_code(f), code))
			continue;
		ck_assert(*xfrmif_finding_explanation(f) && *xfrmif_finding_fix(f));
		for (int o = 0; o < xfrmif_finding_object_count(f); o++) {
			xfrmif_finding_get_object(f, (uint32_t)o, &k, &idx);
			xfrmif_inspect_describe(x->in, k, idx, d, sizeof(d));
			m1 |= k1 && k == k1 && strstr(d, s1 ? s1 : "");
			m2 |= k2 && k == k2 && strstr(d, s2 ? s2 : "");
		}
		if (m1 && m2)
			return true;
	}
	return false;
}

/* How many findings have `code`. */
static inline int xd_count(const struct xd *x, const char *code)
{
	int n = 0;

	for (int i = 0; i < xfrmif_doctor_count(x->d); i++) {
		const xfrmif_finding *f;

		xfrmif_doctor_get(x->d, (uint32_t)i, &f);
		n += !strcmp(xfrmif_finding_code(f), code);
	}
	return n;
}

static inline void xd_expect(const struct xd *x, const char *code, uint32_t k1,
			     const char *s1, uint32_t k2, const char *s2)
{
	char *dump = xd_dump(x);

	ck_assert_msg(xd_has(x, code, k1, s1, k2, s2), "no %s [%s] [%s] among:\n%s",
		      code, s1 ? s1 : "", s2 ? s2 : "", dump ? dump : "");
	free(dump);
}
#define XD_EXPECT xd_expect

#define XD_CLEAN(x)                                                            \
	do {                                                                   \
		char *xd_s_ = xd_dump(x);                                      \
		ck_assert_msg(xfrmif_doctor_count((x)->d) == 0,                \
			      "findings on a correct configuration:\n%s", xd_s_); \
		free(xd_s_);                                                   \
	} while (0)

#endif
