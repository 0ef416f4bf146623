/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrmif: the doctor. It looks at an inspection (see
 * <libxfrmif/inspect.h>) for the misconfigurations that make route-based
 * IPsec drop traffic silently, and returns findings. Each finding has a
 * stable code (a short word string such as "policy-ifid-no-interface",
 * explained in docs/doctor.md), a severity, the objects involved (numbers
 * into the inspection) and an explanation that says what is wrong and how
 * to fix it, in plain words.
 *
 * Codes never change meaning once released; new codes may be added.
 *
 * Threading: a context and the objects used with it belong to one thread at
 * a time.
 */
#ifndef LIBXFRMIF_DOCTOR_H
#define LIBXFRMIF_DOCTOR_H

#include <libxfrmif/common.h>
#include <libxfrmif/inspect.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xfrmif_doctor xfrmif_doctor;
typedef struct xfrmif_finding xfrmif_finding;

/* Severities, growing with the harm. */
enum xfrmif_severity {
	XFRMIF_SEVERITY_INFO = 1,    /* worth knowing; traffic flows */
	XFRMIF_SEVERITY_WARNING = 2, /* likely a mistake or a coming failure */
	XFRMIF_SEVERITY_ERROR = 3,   /* traffic is (or will be) dropped */
};

/* xfrmif_doctor_opts.flags */
enum {
	/* Use opts->features (enum xfrmif_feature bits) instead of probing
	 * the kernel. */
	XFRMIF_DOCTOR_FEATURES = 1u << 0,
	/* Do not check for missing kernel features at all. */
	XFRMIF_DOCTOR_NO_PROBE = 1u << 1,
};

struct xfrmif_doctor_opts {
	size_t sz;         /* sizeof(struct xfrmif_doctor_opts) */
	uint32_t flags;    /* XFRMIF_DOCTOR_* */
	uint32_t features; /* with XFRMIF_DOCTOR_FEATURES */
	/* An SA that has used this percentage (1..100) of a hard lifetime
	 * limit is "near" it; 0 means 90. */
	uint32_t near_percent;
	/* Seconds since the epoch to judge time limits by; 0 means now. */
	int64_t now;
};

/*
 * xfrmif_doctor_run - examine @in and collect the findings into a new
 * report, in a stable order (by code, then by object number). The report
 * refers to @in's objects: keep @in until the report is freed.
 * @ctx is used only to find out which kernel features exist (with
 * xfrmif_probe(), which creates and removes probe objects for an instant),
 * and only when the configuration needs one; pass the context the
 * policies and SAs live in.
 * Returns 0, -EINVAL (NULL argument, bad opts), -ENOMEM or the probe's
 * errno (with the errmsg of @ctx).
 * Since: 1.0
 */
int xfrmif_doctor_run(xfrmif_doctor **ret, xfrmif_ctx *ctx,
		      const xfrmif_inspect *in,
		      const struct xfrmif_doctor_opts *opts);

/* xfrmif_doctor_free - free a report. NULL-safe. Since: 1.0 */
void xfrmif_doctor_free(xfrmif_doctor *d);

/* For __attribute__((cleanup(xfrmif_doctor_freep))). Since: 1.0 */
static inline void xfrmif_doctor_freep(xfrmif_doctor **p)
{
	if (p)
		xfrmif_doctor_free(*p);
}

/*
 * xfrmif_doctor_count - the number of findings (0: clean), or -EINVAL.
 * Since: 1.0
 */
int xfrmif_doctor_count(const xfrmif_doctor *d);

/*
 * xfrmif_doctor_get - finding number @idx, borrowed from @d. Returns 0,
 * -EINVAL or -ENOENT.
 * Since: 1.0
 */
int xfrmif_doctor_get(const xfrmif_doctor *d, uint32_t idx,
		      const xfrmif_finding **ret);

/*
 * xfrmif_finding_code - the stable code, e.g. "sa-no-policy". Never NULL
 * for a non-NULL @f.
 * Since: 1.0
 */
const char *xfrmif_finding_code(const xfrmif_finding *f);

/* xfrmif_finding_severity - enum xfrmif_severity, or -EINVAL. Since: 1.0 */
int xfrmif_finding_severity(const xfrmif_finding *f);

/*
 * xfrmif_finding_explanation - what is wrong, naming the objects, and what
 * happens to the traffic. xfrmif_finding_fix - how to fix it. Plain
 * sentences, never NULL for a non-NULL @f.
 * Since: 1.0
 */
const char *xfrmif_finding_explanation(const xfrmif_finding *f);
const char *xfrmif_finding_fix(const xfrmif_finding *f);

/*
 * xfrmif_finding_object_count - how many objects the finding involves
 * (0 for findings about the kernel alone), or -EINVAL.
 * Since: 1.0
 */
int xfrmif_finding_object_count(const xfrmif_finding *f);

/*
 * xfrmif_finding_get_object - object number @i of the finding: its kind
 * (enum xfrmif_inspect_kind) and its number in the inspection. Returns 0,
 * -EINVAL or -ENOENT.
 * Since: 1.0
 */
int xfrmif_finding_get_object(const xfrmif_finding *f, uint32_t i,
			      uint32_t *kind, uint32_t *idx);

/*
 * xfrmif_severity_name - "info", "warning", "error", or NULL for an unknown
 * value.
 * Since: 1.0
 */
const char *xfrmif_severity_name(int severity);

#ifdef __cplusplus
}
#endif

#endif
