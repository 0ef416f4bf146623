/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The doctor's report and the rules that fill it (doctor*.c). */
#ifndef LIBXFRMIF_DOCTOR_PRIV_H
#define LIBXFRMIF_DOCTOR_PRIV_H

#include "inspect_priv.h"

/* Finding codes, in the order reports list them (alphabetical). */
enum xfrmif__dcode {
	D_IFID_DUP,
	D_IFACE_NO_POL,
	D_IFACE_NO_SA,
	D_KERNEL,
	D_POL_IFID,
	D_POL_NO_IN,
	D_SA_IFID,
	D_SA_NEAR_HARD,
	D_SA_NO_POL,
	D_SA_REPLAY,
	D_SA_SOFT,
	D_TMPL_NO_SA,
	D_TMPL_IFID,
	D_TMPL_MARK,
	D_TMPL_REQID,
	D_VTI_ADDR,
	D_VTI_KEY,
	D_VTI_DP,
	D__NCODES
};

#define XFRMIF__FINDING_MAXOBJ 4

struct xfrmif_finding {
	enum xfrmif__dcode code;
	int severity;
	char *explanation, *fix;
	uint32_t nobj;
	uint32_t kind[XFRMIF__FINDING_MAXOBJ], idx[XFRMIF__FINDING_MAXOBJ];
};

struct xfrmif_doctor {
	struct xfrmif_finding *f;
	uint32_t n, cap;
};

/* One run of the rules. */
struct xfrmif__drun {
	xfrmif_ctx *ctx;
	const xfrmif_inspect *in;
	xfrmif_doctor *d;
	uint32_t flags, features, near_percent;
	int64_t now;
	/* rotating buffers for object descriptions in messages */
	char desc[4][192];
	unsigned next_desc;
};

/* A description of object (kind, idx) in one of the rotating buffers. */
const char *xfrmif__ddesc(struct xfrmif__drun *run, uint32_t kind,
			  uint32_t idx);

/* Adds a finding with `nobj` (kind, index) pairs in objs; severity 0 means
 * the code's usual one. The texts are printf formats. Returns 0 or
 * -ENOMEM. */
int xfrmif__dadd(struct xfrmif__drun *run, enum xfrmif__dcode code,
		 int severity, uint32_t nobj, const uint32_t *objs,
		 const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* The rules (doctor_checks.c): each returns 0 or a negative errno. */
int xfrmif__dcheck_links(struct xfrmif__drun *run);
int xfrmif__dcheck_policies(struct xfrmif__drun *run);
int xfrmif__dcheck_sas(struct xfrmif__drun *run);
int xfrmif__dcheck_kernel(struct xfrmif__drun *run);

#endif
