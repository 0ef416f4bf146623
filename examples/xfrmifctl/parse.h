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

/* An IPv4 or IPv6 address: its family and its 16 bytes (zero past an
 * IPv4 address). */
bool cli_parse_addr(const char *s, int *family, unsigned char addr[16]);

/* "ADDR" or "ADDR/LEN": the address as cli_parse_addr gives it and the
 * prefix length, the address's full length when none is given. A length
 * longer than the address is refused. */
bool cli_parse_prefix(const char *s, int *family, unsigned char addr[16],
		      uint8_t *plen);

/* The same, but any length up to 255 is taken, for a caller that leaves
 * a wrong one to the library (whose message names the field). */
bool cli_parse_prefix_any_len(const char *s, int *family,
			      unsigned char addr[16], uint8_t *plen);

#endif
