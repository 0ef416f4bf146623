/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xfrmif_tunnel_down and xfrmif_tunnel_rekey: finding a tunnel's pieces by
 * its keys, removing them, and replacing its SAs make-before-break. */
#include <string.h>

#include "sa_priv.h"
#include "tunnel_priv.h"

/* Deletes the tunnel's SAs of direction dir (-1 both) except the one with
 * SPI keep (0: none kept). SAs that vanished meanwhile are skipped. */
static int del_sas(xfrmif_ctx *ctx, const xfrmif_tunnel *t, int dir,
		   bool any_addr, const xfrmif_sa *keep)
{
	xfrmif_sa **v;
	unsigned int n;
	int r;

	r = xfrmif__tunnel_find_sas(ctx, t, dir, any_addr, &v, &n);
	if (r < 0)
		return r;
	for (unsigned int i = 0; i < n && r >= 0; i++) {
		if (keep && v[i]->spi == keep->spi && v[i]->proto == keep->proto)
			continue;
		r = xfrmif_sa_del(ctx, v[i]);
		if (r == -ESRCH)
			r = 0;
	}
	xfrmif__tunnel_sas_free(v, n);
	return r;
}

XFRMIF_EXPORT int xfrmif_tunnel_down(xfrmif_ctx *ctx, const xfrmif_tunnel *t)
{
	static const int dirs[] = { XFRMIF_POLICY_DIR_OUT, XFRMIF_POLICY_DIR_IN,
				    XFRMIF_POLICY_DIR_FWD };
	xfrmif_tunnel *cur = NULL;
	const xfrmif_tunnel *use = t;
	xfrmif_ctx *lctx = NULL;
	int r;

	if (!ctx)
		return -EINVAL;
	if (!t || !(t->set & TUN_F_NAME))
		return xfrmif__err(ctx, -EINVAL, "tunnel down: name: not set");
	/* The description's keys, else those of the interface. */
	if (xfrmif__tunnel_validate(ctx, t, false, "tunnel down") < 0) {
		r = xfrmif_tunnel_get(&cur, ctx, t);
		if (r < 0)
			return r;
		use = cur;
	}
	for (int i = 0; i < 3; i++) {
		struct xfrmif_policy_filter f;

		xfrmif__tunnel_pol_filter(use, dirs[i], &f);
		r = xfrmif_policy_flush(ctx, &f);
		if (r < 0)
			goto out;
	}
	r = del_sas(ctx, use, -1, !(use->set & TUN_F_LOCAL), NULL);
	r = r ?: xfrmif__tunnel_link_ctx(ctx, t, &lctx);
	if (r < 0)
		goto out;
	r = xfrmif_link_del_by_name(lctx, t->name);
	if (r == -ENODEV)
		r = 0;
	if (r < 0 && lctx != ctx)
		xfrmif__err(ctx, r, "%s", lctx->errmsg);
out:
	xfrmif_ctx_unref(lctx);
	xfrmif_tunnel_free(cur);
	return r;
}

static int add_new(xfrmif_ctx *ctx, xfrmif_tunnel *t, int dir,
		   const xfrmif_sa *params, xfrmif_sa **made)
{
	const char *what = dir ? "tunnel rekey: in SA" : "tunnel rekey: out SA";
	int r;

	if (!params)
		return xfrmif__err(ctx, -EINVAL, "%s: must not be NULL", what);
	r = xfrmif__tunnel_make_sa(t, dir, params, made);
	if (r < 0)
		return xfrmif__err(ctx, r, "%s: out of memory", what);
	r = xfrmif__sa_validate(ctx, *made, what);
	return r ?: xfrmif_sa_add(ctx, *made);
}

XFRMIF_EXPORT int xfrmif_tunnel_rekey(xfrmif_ctx *ctx, xfrmif_tunnel *t,
				      const xfrmif_sa *out, const xfrmif_sa *in,
				      uint32_t flags)
{
	const uint32_t all = XFRMIF_TUNNEL_REKEY_IN | XFRMIF_TUNNEL_REKEY_OUT |
			     XFRMIF_TUNNEL_REKEY_RETIRE;
	xfrmif_sa *new_in = NULL, *new_out = NULL;
	int r;

	if (!ctx)
		return -EINVAL;
	if (flags & ~all)
		return xfrmif__err(ctx, -EINVAL, "tunnel rekey: flags: unknown "
				   "bits 0x%x", flags & ~all);
	flags = flags ?: all;
	r = xfrmif__tunnel_validate(ctx, t, false, "tunnel rekey");
	if (r < 0)
		return r;
	if ((flags & XFRMIF_TUNNEL_REKEY_RETIRE) && !in)
		return xfrmif__err(ctx, -EINVAL, "tunnel rekey: in SA: the "
				   "retire phase keeps it, so it must be given");
	if (flags & XFRMIF_TUNNEL_REKEY_IN)
		r = add_new(ctx, t, XFRMIF_TUNNEL_IN, in, &new_in);
	if (!r && (flags & XFRMIF_TUNNEL_REKEY_OUT)) {
		r = add_new(ctx, t, XFRMIF_TUNNEL_OUT, out, &new_out);
		if (r < 0 && new_in && (flags & XFRMIF_TUNNEL_REKEY_IN)) {
			char saved[XFRMIF__ERRMSG_MAX];

			memcpy(saved, ctx->errmsg, sizeof(saved));
			xfrmif_sa_del(ctx, new_in);
			memcpy(ctx->errmsg, saved, sizeof(saved));
		}
		/* The new outbound SA carries the traffic now (the kernel
		 * prefers the newest); the old ones can go. */
		r = r ?: del_sas(ctx, t, XFRMIF_TUNNEL_OUT, false, new_out);
	}
	if (!r && (flags & XFRMIF_TUNNEL_REKEY_RETIRE)) {
		xfrmif_sa *keep = NULL;

		r = xfrmif__tunnel_make_sa(t, XFRMIF_TUNNEL_IN, in, &keep);
		r = r ?: del_sas(ctx, t, XFRMIF_TUNNEL_IN, false, keep);
		xfrmif_sa_free(keep);
	}
	if (!r && in && (flags & XFRMIF_TUNNEL_REKEY_IN))
		r = xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_IN, in);
	if (!r && out && (flags & XFRMIF_TUNNEL_REKEY_OUT))
		r = xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_OUT, out);
	xfrmif_sa_free(new_in);
	xfrmif_sa_free(new_out);
	return r;
}
