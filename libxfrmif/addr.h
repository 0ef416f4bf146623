/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Addresses, prefixes and traffic selectors shared by SAs, policies and
 * templates. Public calls take an address as (family, pointer to a struct
 * in_addr or struct in6_addr); inside, everything is an xfrm_address_t.
 */
#ifndef LIBXFRMIF_ADDR_H
#define LIBXFRMIF_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/xfrm.h>

#include "internal.h"

/* A setter's complaint, kept in the object so that the call that later
 * uses the object can report it by name through the context's errmsg. */
#define XFRMIF__ARGERR_MAX 160
struct xfrmif__argerr {
	char msg[XFRMIF__ARGERR_MAX];
};

/* Records the first complaint (later ones do not overwrite it) and
 * returns -EINVAL. */
int xfrmif__argerr_set(struct xfrmif__argerr *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Clears the complaint a field had, when the caller fixes that field;
 * `field` is the prefix the complaint starts with ("spi: ..."). */
void xfrmif__argerr_clear(struct xfrmif__argerr *e, const char *field);

/*
 * The end of a setter whose value passed its checks and is stored: drops
 * the complaint an earlier bad value of `field` left (the caller fixed it)
 * and marks the field in obj->setfield (bit 0: it has no is-set bit).
 * Returns 0. Use: return XFRMIF__ACCEPT(link, set, LINK_F_MTU, "mtu");
 */
#define XFRMIF__ACCEPT(obj, setfield, bit, field)                              \
	(xfrmif__argerr_clear(&(obj)->argerr, field),                          \
	 (obj)->setfield |= (bit), 0)

/* Fails the submit with -EINVAL and the recorded complaint, if any. */
int xfrmif__argerr_check(xfrmif_ctx *ctx, const struct xfrmif__argerr *e,
			 const char *what);

/* 4 for AF_INET, 16 for AF_INET6, 0 otherwise. */
size_t xfrmif__addr_len(int family);

/* "ipv4", "ipv6" or "family N" (in a static buffer for unknown ones). */
const char *xfrmif__family_name(int family);

/* Copies an in_addr/in6_addr into an xfrm_address_t (zero-filled). */
void xfrmif__addr_from(xfrm_address_t *dst, int family, const void *src);

/* Copies an xfrm_address_t out to 16 bytes (or 4) at dst. */
void xfrmif__addr_to(void *dst, int family, const xfrm_address_t *src);

bool xfrmif__addr_is_any(int family, const xfrm_address_t *a);

/* Formats an address (for messages and logs); buf of INET6_ADDRSTRLEN. */
const char *xfrmif__addr_str(int family, const xfrm_address_t *a, char *buf,
			     size_t size);

/* ---- selectors ---- */

/* Validates and stores a selector's source or destination. Returns 0 or
 * -EINVAL recording `field` in e. A family different from the one the
 * selector already has is refused. */
int xfrmif__sel_set_addr(struct xfrm_selector *sel, bool src, int family,
			 const void *addr, unsigned prefixlen,
			 struct xfrmif__argerr *e, const char *field);

/* Upper-layer protocol, ports (host order, exact match), ICMP type/code. */
void xfrmif__sel_set_proto(struct xfrm_selector *sel, uint8_t proto);
void xfrmif__sel_set_port(struct xfrm_selector *sel, bool src, uint16_t port);
void xfrmif__sel_set_icmp(struct xfrm_selector *sel, uint8_t type, uint8_t code);

/* True when proto carries ports (TCP, UDP, SCTP, DCCP, UDP-Lite) or a
 * type/code pair (ICMP, ICMPv6, MH). */
bool xfrmif__proto_has_ports(uint8_t proto);
bool xfrmif__proto_has_type(uint8_t proto);

/*
 * Checks a selector as a whole before it is sent: ports or types only with a
 * protocol that has them, prefix lengths within the family. `has_ports` and
 * `has_icmp` tell which kind of port fields the caller set. Returns 0 or
 * -EINVAL with a message naming `what` in the ctx errmsg.
 */
int xfrmif__sel_validate(xfrmif_ctx *ctx, const struct xfrm_selector *sel,
			 bool has_ports, bool has_icmp, const char *what);

#endif
