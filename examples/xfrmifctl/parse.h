/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* xfrmifctl: the small word parsers several commands share. */
#ifndef XFRMIFCTL_PARSE_H
#define XFRMIFCTL_PARSE_H

#include <stdbool.h>
#include <stdint.h>

/* A decimal or 0x-hex number that fits 32 bits (no sign). */
bool cli_parse_u32(const char *s, uint32_t *out);

/* The same for 64 bits; "inf" is UINT64_MAX (as iproute2's limits). */
bool cli_parse_u64(const char *s, uint64_t *out);

/* "V" or "V/MASK"; the mask defaults to all ones. */
bool cli_parse_mark(const char *s, uint32_t *v, uint32_t *m);

#endif
