/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The doctor's report: running the rules, findings and their accessors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doctor_priv.h"

static const struct {
	const char *code;
	int severity;
} codes[D__NCODES] = {
	[D_IFID_DUP] = { "ifid-duplicate", XFRMIF_SEVERITY_ERROR },
	[D_IFACE_NO_POL] = { "interface-no-policies", XFRMIF_SEVERITY_WARNING },
	[D_IFACE_NO_SA] = { "interface-no-sas", XFRMIF_SEVERITY_WARNING },
	[D_KERNEL] = { "kernel-missing-feature", XFRMIF_SEVERITY_ERROR },
	[D_POL_IFID] = { "policy-ifid-no-interface", XFRMIF_SEVERITY_ERROR },
	[D_POL_NO_IN] = { "policy-no-inbound", XFRMIF_SEVERITY_WARNING },
	[D_SA_IFID] = { "sa-ifid-no-interface", XFRMIF_SEVERITY_WARNING },
	[D_SA_NEAR_HARD] = { "sa-near-hard-limit", XFRMIF_SEVERITY_ERROR },
	[D_SA_NO_POL] = { "sa-no-policy", XFRMIF_SEVERITY_WARNING },
	[D_SA_REPLAY] = { "sa-replay-window-zero", XFRMIF_SEVERITY_WARNING },
	[D_SA_SOFT] = { "sa-soft-expired", XFRMIF_SEVERITY_WARNING },
	[D_TMPL_NO_SA] = { "tmpl-no-sa", XFRMIF_SEVERITY_WARNING },
	[D_TMPL_IFID] = { "tmpl-sa-ifid-mismatch", XFRMIF_SEVERITY_ERROR },
	[D_TMPL_MARK] = { "tmpl-sa-mark-mismatch", XFRMIF_SEVERITY_ERROR },
	[D_TMPL_REQID] = { "tmpl-reqid-no-sa", XFRMIF_SEVERITY_ERROR },
	[D_VTI_ADDR] = { "vti-address-mismatch", XFRMIF_SEVERITY_ERROR },
	[D_VTI_KEY] = { "vti-key-mismatch", XFRMIF_SEVERITY_ERROR },
	[D_VTI_DP] = { "vti-no-disable-policy", XFRMIF_SEVERITY_ERROR },
};

const char *xfrmif__ddesc(struct xfrmif__drun *run, uint32_t kind,
			  uint32_t idx)
{
	char *b = run->desc[run->next_desc++ % XFRMIF_ARRAY_SIZE(run->desc)];

	if (xfrmif_inspect_describe(run->in, kind, idx, b, sizeof(run->desc[0])) < 0)
		snprintf(b, sizeof(run->desc[0]), "?");
	return b;
}

int xfrmif__dadd(struct xfrmif__drun *run, enum xfrmif__dcode code,
		 int severity, uint32_t nobj, const uint32_t *objs,
		 const char *fix, const char *fmt, ...)
{
	xfrmif_doctor *d = run->d;
	struct xfrmif_finding *f;
	va_list ap;
	int n;

	if (d->n == d->cap) {
		uint32_t cap = d->cap ? d->cap * 2 : 8;
		struct xfrmif_finding *nf = realloc(d->f, cap * sizeof(*nf));

		if (!nf)
			return -ENOMEM;
		d->f = nf;
		d->cap = cap;
	}
	f = &d->f[d->n];
	memset(f, 0, sizeof(*f));
	f->code = code;
	f->severity = severity ? severity : codes[code].severity;
	if (nobj > XFRMIF__FINDING_MAXOBJ)
		nobj = XFRMIF__FINDING_MAXOBJ;
	f->nobj = nobj;
	for (uint32_t i = 0; i < nobj; i++) {
		f->kind[i] = objs[2 * i];
		f->idx[i] = objs[2 * i + 1];
	}
	va_start(ap, fmt);
	n = vasprintf(&f->explanation, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -ENOMEM;
	f->fix = strdup(fix);
	if (!f->fix) {
		free(f->explanation);
		return -ENOMEM;
	}
	d->n++;
	return 0;
}

static int finding_cmp(const void *a, const void *b)
{
	const struct xfrmif_finding *x = a, *y = b;

	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	for (uint32_t i = 0; i < x->nobj && i < y->nobj; i++) {
		if (x->kind[i] != y->kind[i])
			return x->kind[i] < y->kind[i] ? -1 : 1;
		if (x->idx[i] != y->idx[i])
			return x->idx[i] < y->idx[i] ? -1 : 1;
	}
	return x->nobj < y->nobj ? -1 : x->nobj > y->nobj;
}

XFRMIF_EXPORT int xfrmif_doctor_run(xfrmif_doctor **ret, xfrmif_ctx *ctx,
				    const xfrmif_inspect *in,
				    const struct xfrmif_doctor_opts *opts)
{
	struct xfrmif_doctor_opts o = { 0 };
	struct xfrmif__drun *run;
	int r;

	if (!ret || !ctx || !in)
		return -EINVAL;
	*ret = NULL;
	r = xfrmif__opts_check(ctx, opts, sizeof(o), "xfrmif_doctor_opts");
	if (r < 0)
		return r;
	if (opts)
		memcpy(&o, opts, opts->sz < sizeof(o) ? opts->sz : sizeof(o));
	if (o.flags & ~(uint32_t)(XFRMIF_DOCTOR_FEATURES | XFRMIF_DOCTOR_NO_PROBE))
		return xfrmif__err(ctx, -EINVAL, "xfrmif_doctor_opts.flags: "
				   "unknown bits 0x%x", o.flags);
	if (o.near_percent > 100)
		return xfrmif__err(ctx, -EINVAL, "xfrmif_doctor_opts.near_percent:"
				   " %u is above 100", o.near_percent);
	run = calloc(1, sizeof(*run));
	if (!run)
		return -ENOMEM;
	run->ctx = ctx;
	run->in = in;
	run->flags = o.flags;
	run->features = o.features;
	run->near_percent = o.near_percent ? o.near_percent : 90;
	run->now = o.now ? o.now : (int64_t)time(NULL);
	run->d = calloc(1, sizeof(*run->d));
	r = run->d ? 0 : -ENOMEM;
	if (!r)
		r = xfrmif__dcheck_links(run);
	if (!r)
		r = xfrmif__dcheck_policies(run);
	if (!r)
		r = xfrmif__dcheck_sas(run);
	if (!r)
		r = xfrmif__dcheck_kernel(run);
	if (r) {
		xfrmif_doctor_free(run->d);
		free(run);
		return r == -ENOMEM ? xfrmif__err(ctx, r, "doctor: out of memory")
				    : r;
	}
	if (run->d->n > 1)
		qsort(run->d->f, run->d->n, sizeof(*run->d->f), finding_cmp);
	*ret = run->d;
	free(run);
	return 0;
}

XFRMIF_EXPORT void xfrmif_doctor_free(xfrmif_doctor *d)
{
	if (!d)
		return;
	for (uint32_t i = 0; i < d->n; i++) {
		free(d->f[i].explanation);
		free(d->f[i].fix);
	}
	free(d->f);
	free(d);
}

XFRMIF_EXPORT int xfrmif_doctor_count(const xfrmif_doctor *d)
{
	return d ? (int)d->n : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_doctor_get(const xfrmif_doctor *d, uint32_t idx,
				    const xfrmif_finding **ret)
{
	if (!d || !ret)
		return -EINVAL;
	if (idx >= d->n)
		return -ENOENT;
	*ret = &d->f[idx];
	return 0;
}

XFRMIF_EXPORT const char *xfrmif_finding_code(const xfrmif_finding *f)
{
	return f ? codes[f->code].code : NULL;
}

XFRMIF_EXPORT int xfrmif_finding_severity(const xfrmif_finding *f)
{
	return f ? f->severity : -EINVAL;
}

XFRMIF_EXPORT const char *xfrmif_finding_explanation(const xfrmif_finding *f)
{
	return f ? f->explanation : NULL;
}

XFRMIF_EXPORT const char *xfrmif_finding_fix(const xfrmif_finding *f)
{
	return f ? f->fix : NULL;
}

XFRMIF_EXPORT int xfrmif_finding_object_count(const xfrmif_finding *f)
{
	return f ? (int)f->nobj : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_finding_get_object(const xfrmif_finding *f,
					    uint32_t i, uint32_t *kind,
					    uint32_t *idx)
{
	if (!f || !kind || !idx)
		return -EINVAL;
	if (i >= f->nobj)
		return -ENOENT;
	*kind = f->kind[i];
	*idx = f->idx[i];
	return 0;
}

XFRMIF_EXPORT const char *xfrmif_severity_name(int severity)
{
	switch (severity) {
	case XFRMIF_SEVERITY_INFO:
		return "info";
	case XFRMIF_SEVERITY_WARNING:
		return "warning";
	case XFRMIF_SEVERITY_ERROR:
		return "error";
	}
	return NULL;
}
