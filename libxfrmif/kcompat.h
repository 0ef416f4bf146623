/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Kernel uapi values newer than Debian 12's headers (linux-libc-dev 6.1).
 * The numbers are ABI and never change.
 */
#ifndef LIBXFRMIF_KCOMPAT_H
#define LIBXFRMIF_KCOMPAT_H

#include <linux/xfrm.h>

/* enum xfrm_attr_type_t grew past XFRMA_MTIMER_THRESH (32) in Linux 6.10. */
#define XFRMA_SA_DIR 33 /* __u8: XFRM_SA_DIR_IN or XFRM_SA_DIR_OUT */
#define XFRM_SA_DIR_IN 1
#define XFRM_SA_DIR_OUT 2

#endif
