/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The policy object: life cycle, setters and getters. */
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "policy_int.h"

void xfrmif__policy_init(xfrmif_policy *p)
{
	struct xfrm_lifetime_cfg *l = &p->info.lft;

	memset(p, 0, sizeof(*p));
	/* No limits, as iproute2 does: byte and packet counts are unbounded,
	 * 0 seconds means no expiry. */
	l->soft_byte_limit = l->hard_byte_limit = XFRM_INF;
	l->soft_packet_limit = l->hard_packet_limit = XFRM_INF;
	p->info.action = XFRM_POLICY_ALLOW;
	p->info.share = XFRM_SHARE_ANY;
	p->type = XFRM_POLICY_TYPE_MAIN;
}

XFRMIF_EXPORT int xfrmif_policy_new(xfrmif_policy **ret)
{
	xfrmif_policy *p;

	if (!ret)
		return -EINVAL;
	p = malloc(sizeof(*p));
	*ret = p;
	if (!p)
		return -ENOMEM;
	xfrmif__policy_init(p);
	return 0;
}

XFRMIF_EXPORT void xfrmif_policy_free(xfrmif_policy *p)
{
	free(p);
}

XFRMIF_EXPORT int xfrmif_policy_dup(xfrmif_policy **ret,
				    const xfrmif_policy *src)
{
	if (!ret || !src)
		return -EINVAL;
	*ret = malloc(sizeof(**ret));
	if (!*ret)
		return -ENOMEM;
	memcpy(*ret, src, sizeof(**ret));
	return 0;
}

static int set_addr(xfrmif_policy *p, bool src, int family, const void *addr,
		    uint8_t prefixlen)
{
	const char *field = src ? "src" : "dst";
	uint32_t bit = src ? POL_SRC : POL_DST;
	struct xfrm_selector sel;
	int r;

	if (!p)
		return -EINVAL;
	/* A selector family set only by the address being replaced must not
	 * block a new family: check against the other address alone. */
	sel = p->info.sel;
	if (!(p->isset & (src ? POL_DST : POL_SRC)))
		sel.family = 0;
	r = xfrmif__sel_set_addr(&sel, src, family, addr, prefixlen,
				 &p->argerr, field);
	if (r < 0)
		return r;
	p->info.sel = sel;
	return XFRMIF__ACCEPT(p, isset, bit, field);
}

XFRMIF_EXPORT int xfrmif_policy_set_src(xfrmif_policy *p, int family,
					const void *addr, uint8_t prefixlen)
{
	return set_addr(p, true, family, addr, prefixlen);
}

XFRMIF_EXPORT int xfrmif_policy_set_dst(xfrmif_policy *p, int family,
					const void *addr, uint8_t prefixlen)
{
	return set_addr(p, false, family, addr, prefixlen);
}

static int get_addr(const xfrmif_policy *p, bool src, int *family, void *addr,
		    uint8_t *prefixlen)
{
	if (!p || !family || !addr || !prefixlen)
		return -EINVAL;
	if (!(p->isset & (src ? POL_SRC : POL_DST)))
		return -ENODATA;
	*family = p->info.sel.family;
	xfrmif__addr_to(addr, *family,
			src ? &p->info.sel.saddr : &p->info.sel.daddr);
	*prefixlen = src ? p->info.sel.prefixlen_s : p->info.sel.prefixlen_d;
	return 0;
}

XFRMIF_EXPORT int xfrmif_policy_get_src(const xfrmif_policy *p, int *family,
					void *addr, uint8_t *prefixlen)
{
	return get_addr(p, true, family, addr, prefixlen);
}

XFRMIF_EXPORT int xfrmif_policy_get_dst(const xfrmif_policy *p, int *family,
					void *addr, uint8_t *prefixlen)
{
	return get_addr(p, false, family, addr, prefixlen);
}

XFRMIF_EXPORT int xfrmif_policy_set_family(xfrmif_policy *p, int family)
{
	if (!p)
		return -EINVAL;
	if (!xfrmif__addr_len(family))
		return xfrmif__argerr_set(&p->argerr, "family: %d is neither "
					  "AF_INET nor AF_INET6", family);
	if ((p->isset & (POL_SRC | POL_DST)) && p->info.sel.family != family)
		return xfrmif__argerr_set(&p->argerr, "family: %s, but the "
					  "selector's addresses are %s",
					  xfrmif__family_name(family),
					  xfrmif__family_name(p->info.sel.family));
	p->info.sel.family = (uint16_t)family;
	return XFRMIF__ACCEPT(p, isset, 0, "family");
}

XFRMIF_EXPORT int xfrmif_policy_get_family(const xfrmif_policy *p)
{
	if (!p)
		return -EINVAL;
	return p->info.sel.family ? p->info.sel.family : -ENODATA;
}

XFRMIF_EXPORT int xfrmif_policy_set_proto(xfrmif_policy *p, uint8_t proto)
{
	if (!p)
		return -EINVAL;
	xfrmif__sel_set_proto(&p->info.sel, proto);
	p->isset |= POL_PROTO;
	return 0;
}

XFRMIF_EXPORT int xfrmif_policy_get_proto(const xfrmif_policy *p,
					  uint8_t *proto)
{
	return XFRMIF__GET(p, isset, POL_PROTO, p->info.sel.proto, proto);
}

static int set_port(xfrmif_policy *p, bool src, uint16_t port)
{
	if (!p)
		return -EINVAL;
	/* ICMP type/code live in the same selector fields. */
	if (p->isset & POL_ICMP)
		return xfrmif__argerr_set(&p->argerr, "%s: an ICMP type/code "
					  "is already set; a selector has "
					  "ports or a type, not both",
					  src ? "sport" : "dport");
	xfrmif__sel_set_port(&p->info.sel, src, port);
	return XFRMIF__ACCEPT(p, isset, src ? POL_SPORT : POL_DPORT,
			      src ? "sport" : "dport");
}

XFRMIF_EXPORT int xfrmif_policy_set_sport(xfrmif_policy *p, uint16_t port)
{
	return set_port(p, true, port);
}

XFRMIF_EXPORT int xfrmif_policy_set_dport(xfrmif_policy *p, uint16_t port)
{
	return set_port(p, false, port);
}

XFRMIF_EXPORT int xfrmif_policy_get_sport(const xfrmif_policy *p,
					  uint16_t *port)
{
	return XFRMIF__GET(p, isset, POL_SPORT, ntohs(p->info.sel.sport), port);
}

XFRMIF_EXPORT int xfrmif_policy_get_dport(const xfrmif_policy *p,
					  uint16_t *port)
{
	return XFRMIF__GET(p, isset, POL_DPORT, ntohs(p->info.sel.dport), port);
}

XFRMIF_EXPORT int xfrmif_policy_set_icmp(xfrmif_policy *p, uint8_t type,
					 uint8_t code)
{
	if (!p)
		return -EINVAL;
	if (p->isset & (POL_SPORT | POL_DPORT))
		return xfrmif__argerr_set(&p->argerr, "icmp: ports are already "
					  "set; a selector has ports or a "
					  "type, not both");
	xfrmif__sel_set_icmp(&p->info.sel, type, code);
	return XFRMIF__ACCEPT(p, isset, POL_ICMP, "icmp");
}

XFRMIF_EXPORT int xfrmif_policy_get_icmp(const xfrmif_policy *p, uint8_t *type,
					 uint8_t *code)
{
	if (!p || !type || !code)
		return -EINVAL;
	if (!(p->isset & POL_ICMP))
		return -ENODATA;
	*type = (uint8_t)ntohs(p->info.sel.sport);
	*code = (uint8_t)ntohs(p->info.sel.dport);
	return 0;
}

XFRMIF_EXPORT int xfrmif_policy_set_ifindex(xfrmif_policy *p, int ifindex)
{
	if (!p)
		return -EINVAL;
	if (ifindex < 0)
		return xfrmif__argerr_set(&p->argerr, "ifindex: %d is negative",
					  ifindex);
	p->info.sel.ifindex = ifindex;
	return XFRMIF__ACCEPT(p, isset, 0, "ifindex");
}

XFRMIF_EXPORT int xfrmif_policy_get_ifindex(const xfrmif_policy *p,
					    int *ifindex)
{
	return XFRMIF__GET(p, isset, 0, p->info.sel.ifindex, ifindex);
}

XFRMIF_EXPORT int xfrmif_policy_set_dir(xfrmif_policy *p, int dir)
{
	if (!p)
		return -EINVAL;
	if (dir != XFRM_POLICY_IN && dir != XFRM_POLICY_OUT &&
	    dir != XFRM_POLICY_FWD)
		return xfrmif__argerr_set(&p->argerr, "dir: %d is not in (0), "
					  "out (1) or fwd (2)", dir);
	p->info.dir = (uint8_t)dir;
	return XFRMIF__ACCEPT(p, isset, POL_DIR, "dir");
}

XFRMIF_EXPORT int xfrmif_policy_get_dir(const xfrmif_policy *p, int *dir)
{
	return XFRMIF__GET(p, isset, POL_DIR, p->info.dir, dir);
}

XFRMIF_EXPORT int xfrmif_policy_set_action(xfrmif_policy *p, int action)
{
	if (!p)
		return -EINVAL;
	if (action != XFRM_POLICY_ALLOW && action != XFRM_POLICY_BLOCK)
		return xfrmif__argerr_set(&p->argerr, "action: %d is not allow "
					  "(0) or block (1)", action);
	p->info.action = (uint8_t)action;
	return XFRMIF__ACCEPT(p, isset, 0, "action");
}

XFRMIF_EXPORT int xfrmif_policy_get_action(const xfrmif_policy *p,
					   int *action)
{
	return XFRMIF__GET(p, isset, 0, p->info.action, action);
}

XFRMIF_EXPORT int xfrmif_policy_set_priority(xfrmif_policy *p,
					     uint32_t priority)
{
	if (!p)
		return -EINVAL;
	p->info.priority = priority;
	return 0;
}

XFRMIF_EXPORT int xfrmif_policy_get_priority(const xfrmif_policy *p,
					     uint32_t *priority)
{
	return XFRMIF__GET(p, isset, 0, p->info.priority, priority);
}

XFRMIF_EXPORT int xfrmif_policy_set_index(xfrmif_policy *p, uint32_t index)
{
	if (!p)
		return -EINVAL;
	if (!index)
		return xfrmif__argerr_set(&p->argerr, "index: 0 is not an "
					  "index (leave it unset and the "
					  "kernel picks one)");
	p->info.index = index;
	return XFRMIF__ACCEPT(p, isset, POL_INDEX, "index");
}

XFRMIF_EXPORT int xfrmif_policy_get_index(const xfrmif_policy *p,
					  uint32_t *index)
{
	return XFRMIF__GET(p, isset, POL_INDEX, p->info.index, index);
}

XFRMIF_EXPORT int xfrmif_policy_set_if_id(xfrmif_policy *p, uint32_t if_id)
{
	if (!p)
		return -EINVAL;
	if (!if_id)
		return xfrmif__argerr_set(&p->argerr, "if_id: 0 is rejected by "
					  "the kernel; leave it unset");
	p->if_id = if_id;
	return XFRMIF__ACCEPT(p, isset, POL_IF_ID, "if_id");
}

XFRMIF_EXPORT int xfrmif_policy_get_if_id(const xfrmif_policy *p,
					  uint32_t *if_id)
{
	return XFRMIF__GET(p, isset, POL_IF_ID, p->if_id, if_id);
}

XFRMIF_EXPORT int xfrmif_policy_set_mark(xfrmif_policy *p, uint32_t value,
					 uint32_t mask)
{
	if (!p)
		return -EINVAL;
	p->mark.v = value;
	p->mark.m = mask;
	p->isset |= POL_MARK;
	return 0;
}

XFRMIF_EXPORT int xfrmif_policy_get_mark(const xfrmif_policy *p,
					 uint32_t *value, uint32_t *mask)
{
	if (!p || !value || !mask)
		return -EINVAL;
	if (!(p->isset & POL_MARK))
		return -ENODATA;
	*value = p->mark.v;
	*mask = p->mark.m;
	return 0;
}

#define POLICY_FLAGS (XFRMIF_POLICY_FLAG_LOCALOK | XFRMIF_POLICY_FLAG_ICMP)

XFRMIF_EXPORT int xfrmif_policy_set_flags(xfrmif_policy *p, uint32_t flags)
{
	if (!p)
		return -EINVAL;
	if (flags & ~(uint32_t)POLICY_FLAGS)
		return xfrmif__argerr_set(&p->argerr, "flags: unknown bits "
					  "0x%x", flags & ~(uint32_t)POLICY_FLAGS);
	p->info.flags = (uint8_t)flags;
	return XFRMIF__ACCEPT(p, isset, 0, "flags");
}

XFRMIF_EXPORT int xfrmif_policy_get_flags(const xfrmif_policy *p,
					  uint32_t *flags)
{
	return XFRMIF__GET(p, isset, 0, p->info.flags, flags);
}

/* The configured limit @which names inside the kernel's struct, or NULL. */
static __u64 *lft_field(struct xfrm_lifetime_cfg *l, int which)
{
	switch (which) {
	case XFRMIF_POLICY_LFT_SOFT_BYTES: return &l->soft_byte_limit;
	case XFRMIF_POLICY_LFT_HARD_BYTES: return &l->hard_byte_limit;
	case XFRMIF_POLICY_LFT_SOFT_PACKETS: return &l->soft_packet_limit;
	case XFRMIF_POLICY_LFT_HARD_PACKETS: return &l->hard_packet_limit;
	case XFRMIF_POLICY_LFT_SOFT_ADD_SECONDS: return &l->soft_add_expires_seconds;
	case XFRMIF_POLICY_LFT_HARD_ADD_SECONDS: return &l->hard_add_expires_seconds;
	case XFRMIF_POLICY_LFT_SOFT_USE_SECONDS: return &l->soft_use_expires_seconds;
	case XFRMIF_POLICY_LFT_HARD_USE_SECONDS: return &l->hard_use_expires_seconds;
	default: return NULL;
	}
}

XFRMIF_EXPORT int xfrmif_policy_set_lifetime(xfrmif_policy *p, int which,
					     uint64_t value)
{
	__u64 *f;

	if (!p)
		return -EINVAL;
	f = lft_field(&p->info.lft, which);
	if (!f)
		return xfrmif__argerr_set(&p->argerr, "lifetime: %d is not an "
					  "enum xfrmif_policy_lft value", which);
	*f = value;
	/* Another limit set properly also drops an unknown one's complaint:
	 * the complaint names the field, not the index. */
	return XFRMIF__ACCEPT(p, isset, 0, "lifetime");
}

XFRMIF_EXPORT int xfrmif_policy_get_lifetime(const xfrmif_policy *p,
					     int which, uint64_t *value)
{
	__u64 *f;

	if (!p || !value)
		return -EINVAL;
	f = lft_field((struct xfrm_lifetime_cfg *)&p->info.lft, which);
	if (!f)
		return -EINVAL;
	*value = *f;
	return 0;
}

XFRMIF_EXPORT int xfrmif_policy_get_current(const xfrmif_policy *p, int which,
					    uint64_t *value)
{
	const struct xfrm_lifetime_cur *c;

	if (!p || !value)
		return -EINVAL;
	c = &p->info.curlft;
	switch (which) {
	case XFRMIF_POLICY_CUR_BYTES: *value = c->bytes; break;
	case XFRMIF_POLICY_CUR_PACKETS: *value = c->packets; break;
	case XFRMIF_POLICY_CUR_ADD_TIME: *value = c->add_time; break;
	case XFRMIF_POLICY_CUR_USE_TIME: *value = c->use_time; break;
	default: return -EINVAL;
	}
	return 0;
}

XFRMIF_EXPORT int xfrmif_policy_set_type(xfrmif_policy *p, int type)
{
	if (!p)
		return -EINVAL;
	if (type != XFRM_POLICY_TYPE_MAIN && type != XFRM_POLICY_TYPE_SUB)
		return xfrmif__argerr_set(&p->argerr, "type: %d is not main (0) "
					  "or sub (1)", type);
	p->type = (uint8_t)type;
	return XFRMIF__ACCEPT(p, isset, 0, "type");
}

XFRMIF_EXPORT int xfrmif_policy_get_type(const xfrmif_policy *p, int *type)
{
	return XFRMIF__GET(p, isset, 0, p->type, type);
}

XFRMIF_EXPORT int xfrmif_policy_add_tmpl(xfrmif_policy *p, const xfrmif_tmpl *t)
{
	if (!p || !t)
		return -EINVAL;
	if (t->argerr.msg[0])
		return xfrmif__argerr_set(&p->argerr, "tmpl: template %u: %s", p->ntmpl,
					  t->argerr.msg);
	if (p->ntmpl >= XFRMIF_POLICY_MAX_TMPLS)
		return -E2BIG;
	p->tmpl[p->ntmpl++] = *t;
	return 0;
}

XFRMIF_EXPORT int xfrmif_policy_clear_tmpls(xfrmif_policy *p)
{
	if (!p)
		return -EINVAL;
	memset(p->tmpl, 0, sizeof(p->tmpl));
	p->ntmpl = 0;
	xfrmif__argerr_clear(&p->argerr, "tmpl");
	return 0;
}

XFRMIF_EXPORT int xfrmif_policy_get_tmpl_count(const xfrmif_policy *p)
{
	return p ? (int)p->ntmpl : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_policy_get_tmpl(const xfrmif_policy *p,
					 unsigned int idx,
					 const xfrmif_tmpl **ret)
{
	if (!p || !ret)
		return -EINVAL;
	if (idx >= p->ntmpl)
		return -ENOENT;
	*ret = &p->tmpl[idx];
	return 0;
}
