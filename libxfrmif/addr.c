/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Addresses, prefixes, selectors, and the setters' argument complaints. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"

int xfrmif__argerr_set(struct xfrmif__argerr *e, const char *fmt, ...)
{
	va_list ap;

	if (e->msg[0])
		return -EINVAL;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

void xfrmif__argerr_clear(struct xfrmif__argerr *e, const char *field)
{
	size_t n;

	if (!e->msg[0]) /* the common case: nothing to clear */
		return;
	n = strlen(field);
	if (!strncmp(e->msg, field, n) && e->msg[n] == ':')
		e->msg[0] = '\0';
}

int xfrmif__argerr_check(xfrmif_ctx *ctx, const struct xfrmif__argerr *e,
			 const char *what)
{
	if (!e->msg[0])
		return 0;
	return xfrmif__err(ctx, -EINVAL, "%s: %s", what, e->msg);
}

size_t xfrmif__addr_len(int family)
{
	return family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
}

const char *xfrmif__family_name(int family)
{
	static __thread char buf[24];

	if (family == AF_INET)
		return "ipv4";
	if (family == AF_INET6)
		return "ipv6";
	snprintf(buf, sizeof(buf), "family %d", family);
	return buf;
}

void xfrmif__addr_from(xfrm_address_t *dst, int family, const void *src)
{
	memset(dst, 0, sizeof(*dst));
	memcpy(dst, src, xfrmif__addr_len(family));
}

void xfrmif__addr_to(void *dst, int family, const xfrm_address_t *src)
{
	memcpy(dst, src, xfrmif__addr_len(family));
}

bool xfrmif__addr_is_any(int family, const xfrm_address_t *a)
{
	static const xfrm_address_t zero;

	return !memcmp(a, &zero, xfrmif__addr_len(family));
}

const char *xfrmif__addr_str(int family, const xfrm_address_t *a, char *buf,
			     size_t size)
{
	if (!inet_ntop(family, a, buf, (socklen_t)size))
		snprintf(buf, size, "?");
	return buf;
}

int xfrmif__sel_set_addr(struct xfrm_selector *sel, bool src, int family,
			 const void *addr, unsigned prefixlen,
			 struct xfrmif__argerr *e, const char *field)
{
	size_t len = xfrmif__addr_len(family);

	if (!len)
		return xfrmif__argerr_set(e, "%s: family %d is neither AF_INET "
					  "nor AF_INET6", field, family);
	if (!addr)
		return xfrmif__argerr_set(e, "%s: address must not be NULL",
					  field);
	if (prefixlen > len * 8)
		return xfrmif__argerr_set(e, "%s: prefix length %u is longer "
					  "than an %s address (%zu bits)",
					  field, prefixlen,
					  xfrmif__family_name(family), len * 8);
	if (sel->family && sel->family != family)
		return xfrmif__argerr_set(e, "%s: an %s address, but the "
					  "selector is already %s", field,
					  xfrmif__family_name(family),
					  xfrmif__family_name(sel->family));
	sel->family = (uint16_t)family;
	if (src) {
		xfrmif__addr_from(&sel->saddr, family, addr);
		sel->prefixlen_s = (uint8_t)prefixlen;
	} else {
		xfrmif__addr_from(&sel->daddr, family, addr);
		sel->prefixlen_d = (uint8_t)prefixlen;
	}
	return 0;
}

void xfrmif__sel_set_proto(struct xfrm_selector *sel, uint8_t proto)
{
	sel->proto = proto;
}

void xfrmif__sel_set_port(struct xfrm_selector *sel, bool src, uint16_t port)
{
	if (src) {
		sel->sport = htons(port);
		sel->sport_mask = 0xffff;
	} else {
		sel->dport = htons(port);
		sel->dport_mask = 0xffff;
	}
}

/* The kernel keeps an ICMP type in the source port and the code in the
 * destination port (see xfrm_flowi_sport/dport). */
void xfrmif__sel_set_icmp(struct xfrm_selector *sel, uint8_t type, uint8_t code)
{
	sel->sport = htons(type);
	sel->sport_mask = 0xffff;
	sel->dport = htons(code);
	sel->dport_mask = 0xffff;
}

bool xfrmif__proto_has_ports(uint8_t proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_SCTP || proto == IPPROTO_DCCP ||
	       proto == IPPROTO_UDPLITE;
}

bool xfrmif__proto_has_type(uint8_t proto)
{
	return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6 ||
	       proto == IPPROTO_MH;
}

int xfrmif__sel_validate(xfrmif_ctx *ctx, const struct xfrm_selector *sel,
			 bool has_ports, bool has_icmp, const char *what)
{
	size_t len = xfrmif__addr_len(sel->family);

	if (sel->family && !len)
		return xfrmif__err(ctx, -EINVAL, "%s: selector family %u is "
				   "neither AF_INET nor AF_INET6", what,
				   sel->family);
	if (sel->prefixlen_s > len * 8 || sel->prefixlen_d > len * 8)
		return xfrmif__err(ctx, -EINVAL, "%s: selector prefix longer "
				   "than the %s address", what,
				   xfrmif__family_name(sel->family));
	if (has_ports && !xfrmif__proto_has_ports(sel->proto))
		return xfrmif__err(ctx, -EINVAL, "%s: ports need proto tcp, "
				   "udp, sctp, dccp or udplite (proto is %u)",
				   what, sel->proto);
	if (has_icmp && !xfrmif__proto_has_type(sel->proto))
		return xfrmif__err(ctx, -EINVAL, "%s: a type/code needs proto "
				   "icmp, ipv6-icmp or mh (proto is %u)", what,
				   sel->proto);
	if (has_icmp && sel->proto == IPPROTO_ICMP && sel->family == AF_INET6)
		return xfrmif__err(ctx, -EINVAL, "%s: proto icmp with an ipv6 "
				   "selector; use ipv6-icmp (58)", what);
	return 0;
}
