/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrmif: shared definitions for every public header.
 *
 * Threading: a context and every object used with it belong to one thread at
 * a time. Different threads may each use their own context concurrently.
 */
#ifndef LIBXFRMIF_COMMON_H
#define LIBXFRMIF_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Option structs carry their own size as the first member so that a program
 * built against an older header keeps working with a newer library: the
 * library reads only the first `sz` bytes and rejects a newer struct whose
 * unknown tail is not zero.
 *
 * Use: XFRMIF_OPTS(xfrmif_ctx_opts, opts, .netns_name = "blue");
 */
#define XFRMIF_OPTS(TYPE, NAME, ...)                                           \
	struct TYPE NAME = { .sz = sizeof(struct TYPE), __VA_ARGS__ }

/* The context: namespace, sockets, last error, logging. */
typedef struct xfrmif_ctx xfrmif_ctx;

#ifdef __cplusplus
}
#endif

#endif
