/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Finding a tunnel's SAs in the kernel (by if_id, or marks and addresses). */
#include <stdlib.h>

#include "sa_priv.h"
#include "tunnel_priv.h"

struct find {
	const xfrmif_tunnel *t;
	int dir;       /* XFRMIF_TUNNEL_OUT/IN, or -1 for both */
	bool any_addr; /* xfrm: the if_id alone decides */
	xfrmif_sa **v;
	unsigned int n, cap;
};

static int on_sa(const xfrmif_sa *sa, void *arg)
{
	struct find *f = arg;
	int dir = xfrmif__tunnel_sa_dir(f->t, sa);
	xfrmif_sa **nv;

	if (f->any_addr && f->t->kind == XFRMIF_LINK_KIND_XFRM &&
	    (sa->set & SA_F_IF_ID) && sa->if_id == f->t->if_id)
		dir = dir < 0 ? XFRMIF_TUNNEL_OUT : dir;
	if (dir < 0 || (f->dir >= 0 && dir != f->dir))
		return 0;
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 4;
		nv = realloc(f->v, f->cap * sizeof(*nv));
		if (!nv)
			return -ENOMEM;
		f->v = nv;
	}
	if (xfrmif_sa_dup(&f->v[f->n], sa) < 0)
		return -ENOMEM;
	f->n++;
	return 0;
}

void xfrmif__tunnel_sas_free(xfrmif_sa **v, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		xfrmif_sa_free(v[i]);
	free(v);
}

int xfrmif__tunnel_find_sas(xfrmif_ctx *ctx, const xfrmif_tunnel *t, int dir,
			    bool any_addr, xfrmif_sa ***out, unsigned int *n)
{
	struct xfrmif_sa_filter flt = { .sz = sizeof(flt) };
	struct find f = { .t = t, .dir = dir, .any_addr = any_addr };
	int r;

	if (t->kind == XFRMIF_LINK_KIND_XFRM) {
		flt.flags = XFRMIF_SA_FILTER_IF_ID;
		flt.if_id = t->if_id;
	}
	r = xfrmif_sa_list(ctx, &flt, on_sa, &f);
	if (r < 0) {
		xfrmif__tunnel_sas_free(f.v, f.n);
		return r;
	}
	*out = f.v;
	*n = f.n;
	return 0;
}
