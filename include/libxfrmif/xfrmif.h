/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrmif: route-based IPsec on Linux (xfrm interfaces, VTI, SAs, policies).
 * The umbrella header: include this one.
 *
 * Conventions: every fallible call returns 0 (or a count) or a negative errno
 * and leaves the human reason in xfrmif_ctx_errmsg(). Objects come back
 * through a first-position out-parameter.
 * Threading: a context and the objects used with it belong to one thread at a
 * time.
 */
#ifndef LIBXFRMIF_XFRMIF_H
#define LIBXFRMIF_XFRMIF_H

#include <libxfrmif/batch.h>
#include <libxfrmif/common.h>
#include <libxfrmif/ctx.h>
#include <libxfrmif/doctor.h>
#include <libxfrmif/inspect.h>
#include <libxfrmif/link.h>
#include <libxfrmif/monitor.h>
#include <libxfrmif/policy.h>
#include <libxfrmif/probe.h>
#include <libxfrmif/sa.h>
#include <libxfrmif/tunnel.h>

#endif
