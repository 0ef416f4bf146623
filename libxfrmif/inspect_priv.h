/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The inspection snapshot, shared by inspect*.c and doctor*.c. */
#ifndef LIBXFRMIF_INSPECT_PRIV_H
#define LIBXFRMIF_INSPECT_PRIV_H

#include <libxfrmif/doctor.h>
#include <libxfrmif/inspect.h>

#include "link_priv.h"
#include "policy_int.h"
#include "sa_priv.h"

/* A growing array of object numbers. */
struct xfrmif__ivec {
	uint32_t *v;
	uint32_t n, cap;
};

int xfrmif__ivec_push(struct xfrmif__ivec *iv, uint32_t x);

/* A sorted (key, number) index: the lookups that would otherwise make the
 * joins quadratic (if_id, reqid, SA destination, policy selector). */
struct xfrmif__ikey {
	uint64_t key;
	uint32_t idx;
};
struct xfrmif__index {
	struct xfrmif__ikey *e;
	uint32_t n;
};

/* Sorts the entries (by key, then number). */
void xfrmif__index_sort(struct xfrmif__index *ix);
/* The entries with `key`: *first receives where they start; returns how
 * many there are. */
uint32_t xfrmif__index_find(const struct xfrmif__index *ix, uint64_t key,
			    uint32_t *first);

/* A 64-bit hash of a few bytes (FNV-1a): index keys for addresses. */
uint64_t xfrmif__hash(uint64_t h, const void *p, size_t len);
#define XFRMIF__HASH_INIT 0xcbf29ce484222325ull

struct xfrmif_inspect {
	xfrmif_link **links;
	xfrmif_policy **pols;
	xfrmif_sa **sas;
	uint32_t nlinks, npols, nsas;
	uint32_t caplinks, cappols, capsas;
	/* associations, one vector per object */
	struct xfrmif__ivec *link_pols, *link_sas; /* per link */
	struct xfrmif__ivec *pol_links;            /* per policy */
	struct xfrmif__ivec *sa_links, *sa_pols;   /* per SA */
	struct xfrmif__ivec *tmpl_sas;             /* per policy * MAX_TMPLS */
	/* indexes kept for the doctor */
	struct xfrmif__index ifid_links; /* xfrm links (not external) by if_id */
	struct xfrmif__index reqid_sas;  /* SAs by reqid (0 left out) */
	struct xfrmif__index dst_sas;    /* SAs by (family, dst) */
	bool has_external;               /* an external xfrm interface exists */
};

/* Builds every association of a freshly read snapshot (inspect_match.c). */
int xfrmif__inspect_join(xfrmif_inspect *in);

/* Why SA `sa` does not resolve template `t` of policy `p`: a mask of
 * XFRMIF__MISS_* (0: it resolves). */
enum {
	XFRMIF__MISS_FAMILY = 1u << 0,
	XFRMIF__MISS_PROTO = 1u << 1,
	XFRMIF__MISS_MODE = 1u << 2,
	XFRMIF__MISS_ADDR = 1u << 3,
	XFRMIF__MISS_REQID = 1u << 4,
	XFRMIF__MISS_SPI = 1u << 5,
	XFRMIF__MISS_IFID = 1u << 6,
	XFRMIF__MISS_MARK = 1u << 7,
};
uint32_t xfrmif__tmpl_sa_miss(const xfrmif_policy *p, const xfrmif_tmpl *t,
			      const xfrmif_sa *sa);

/* The SAs worth comparing with template `t` (a superset of those that
 * resolve it or differ only in if_id or mark): *all is set when every SA
 * must be tried, else [*first, *first + return) of the index *ix. */
uint32_t xfrmif__tmpl_candidates(const xfrmif_inspect *in,
				 const xfrmif_policy *p, const xfrmif_tmpl *t,
				 const struct xfrmif__index **ix,
				 uint32_t *first, bool *all);

/* The template's family (its own, or the policy selector's). */
int xfrmif__tmpl_family(const xfrmif_policy *p, const xfrmif_tmpl *t);

/* How a VTI and an object agree (inspect_match.c). */
struct xfrmif__vti_fit {
	bool addr;     /* addresses fit the VTI's local/remote */
	bool out, in;  /* which orientation(s) the addresses fit */
	bool mark_ok;  /* the mark matches the key of the direction */
	bool mark_any; /* a real mark (mask not 0) matches ikey or okey */
	int score;     /* 0: unrelated; higher fits better */
};
void xfrmif__vti_fit_policy(const xfrmif_link *l, const xfrmif_policy *p,
			    struct xfrmif__vti_fit *f);
void xfrmif__vti_fit_sa(const xfrmif_link *l, const xfrmif_sa *sa,
			struct xfrmif__vti_fit *f);

bool xfrmif__link_is_vti(const xfrmif_link *l);

#endif
