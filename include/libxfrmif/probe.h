/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrmif: what the kernel behind a context supports.
 *
 * Threading: see <libxfrmif/ctx.h>.
 */
#ifndef LIBXFRMIF_PROBE_H
#define LIBXFRMIF_PROBE_H

#include <libxfrmif/common.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Feature bits reported by xfrmif_probe(). New bits may be added. */
enum xfrmif_feature {
	XFRMIF_FEATURE_XFRM_INTERFACE = 1u << 0,   /* CONFIG_XFRM_INTERFACE */
	XFRMIF_FEATURE_XFRM_EXTERNAL = 1u << 1,    /* collect-metadata mode */
	XFRMIF_FEATURE_VTI = 1u << 2,              /* CONFIG_NET_IPVTI */
	XFRMIF_FEATURE_VTI6 = 1u << 3,             /* CONFIG_IPV6_VTI */
	XFRMIF_FEATURE_ESP4 = 1u << 4,             /* CONFIG_INET_ESP */
	XFRMIF_FEATURE_ESP6 = 1u << 5,             /* CONFIG_INET6_ESP */
	XFRMIF_FEATURE_SA_DIR = 1u << 6,           /* XFRMA_SA_DIR, Linux 6.10 */
};

/*
 * xfrmif_probe - find out which features the context's namespace has.
 * @ctx: the context.
 * @features: receives a mask of enum xfrmif_feature bits.
 *
 * Each feature is tried for real: interfaces and SAs may be created for an
 * instant under names, SPIs and marks that nothing else uses, and are removed
 * before the call returns. Listeners see their add and delete events.
 *
 * Returns 0, or -EINVAL (NULL argument), or the errno of a failure that is
 * not an answer about a feature (for example -EPERM without CAP_NET_ADMIN).
 * Since: 1.0
 */
int xfrmif_probe(xfrmif_ctx *ctx, uint32_t *features);

/*
 * xfrmif_feature_name - a short stable name of one feature bit
 * ("xfrm_interface", "xfrm_interface_external", "vti", "vti6", "esp4",
 * "esp6", "sa_dir"), or NULL for an unknown or combined value.
 * Since: 1.0
 */
const char *xfrmif_feature_name(uint32_t feature);

/*
 * xfrmif_feature_kernel_option - the kernel configuration option (or kernel
 * version) a feature needs, e.g. "CONFIG_XFRM_INTERFACE", or NULL.
 * Since: 1.0
 */
const char *xfrmif_feature_kernel_option(uint32_t feature);

#ifdef __cplusplus
}
#endif

#endif
