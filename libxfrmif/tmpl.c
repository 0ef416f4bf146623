/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Policy templates: life cycle, setters and getters. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "policy_int.h"

void xfrmif__tmpl_init(xfrmif_tmpl *t)
{
	memset(t, 0, sizeof(*t));
	t->t.id.proto = IPPROTO_ESP;
	t->t.mode = XFRM_MODE_TRANSPORT;
	t->t.share = XFRM_SHARE_ANY;
	/* Every algorithm allowed: the kernel compares an SA's algorithm
	 * number against these masks, and 0 would allow none. */
	t->t.aalgos = t->t.ealgos = t->t.calgos = ~(uint32_t)0;
}

XFRMIF_EXPORT int xfrmif_tmpl_new(xfrmif_tmpl **ret)
{
	xfrmif_tmpl *t;

	if (!ret)
		return -EINVAL;
	t = malloc(sizeof(*t));
	*ret = t;
	if (!t)
		return -ENOMEM;
	xfrmif__tmpl_init(t);
	return 0;
}

XFRMIF_EXPORT void xfrmif_tmpl_free(xfrmif_tmpl *t)
{
	free(t);
}

static int set_addr(xfrmif_tmpl *t, bool src, int family, const void *addr)
{
	const char *field = src ? "src" : "dst";
	uint32_t other = src ? TMPL_DST : TMPL_SRC;

	if (!t)
		return -EINVAL;
	if (!xfrmif__addr_len(family))
		return xfrmif__argerr_set(&t->argerr, "%s: family %d is neither "
					  "AF_INET nor AF_INET6", field, family);
	if (!addr)
		return xfrmif__argerr_set(&t->argerr, "%s: address must not be "
					  "NULL", field);
	if ((t->isset & other) && t->t.family != family)
		return xfrmif__argerr_set(&t->argerr, "%s: an %s address, but "
					  "the template's other address is %s",
					  field, xfrmif__family_name(family),
					  xfrmif__family_name(t->t.family));
	t->t.family = (uint16_t)family;
	xfrmif__addr_from(src ? &t->t.saddr : &t->t.id.daddr, family, addr);
	return XFRMIF__ACCEPT(t, isset, src ? TMPL_SRC : TMPL_DST, field);
}

XFRMIF_EXPORT int xfrmif_tmpl_set_src(xfrmif_tmpl *t, int family,
				      const void *addr)
{
	return set_addr(t, true, family, addr);
}

XFRMIF_EXPORT int xfrmif_tmpl_set_dst(xfrmif_tmpl *t, int family,
				      const void *addr)
{
	return set_addr(t, false, family, addr);
}

static int get_addr(const xfrmif_tmpl *t, bool src, int *family, void *addr)
{
	if (!t || !family || !addr)
		return -EINVAL;
	if (!(t->isset & (src ? TMPL_SRC : TMPL_DST)))
		return -ENODATA;
	*family = t->t.family;
	xfrmif__addr_to(addr, *family, src ? &t->t.saddr : &t->t.id.daddr);
	return 0;
}

XFRMIF_EXPORT int xfrmif_tmpl_get_src(const xfrmif_tmpl *t, int *family,
				      void *addr)
{
	return get_addr(t, true, family, addr);
}

XFRMIF_EXPORT int xfrmif_tmpl_get_dst(const xfrmif_tmpl *t, int *family,
				      void *addr)
{
	return get_addr(t, false, family, addr);
}

XFRMIF_EXPORT int xfrmif_tmpl_set_proto(xfrmif_tmpl *t, uint8_t proto)
{
	if (!t)
		return -EINVAL;
	if (proto != IPPROTO_ESP && proto != IPPROTO_AH &&
	    proto != IPPROTO_COMP)
		return xfrmif__argerr_set(&t->argerr, "proto: %u is not esp "
					  "(50), ah (51) or comp (108)", proto);
	t->t.id.proto = proto;
	return XFRMIF__ACCEPT(t, isset, 0, "proto");
}

XFRMIF_EXPORT int xfrmif_tmpl_get_proto(const xfrmif_tmpl *t, uint8_t *proto)
{
	return XFRMIF__GET(t, isset, 0, t->t.id.proto, proto);
}

XFRMIF_EXPORT int xfrmif_tmpl_set_spi(xfrmif_tmpl *t, uint32_t spi)
{
	if (!t)
		return -EINVAL;
	t->t.id.spi = htonl(spi);
	return 0;
}

XFRMIF_EXPORT int xfrmif_tmpl_get_spi(const xfrmif_tmpl *t, uint32_t *spi)
{
	return XFRMIF__GET(t, isset, 0, ntohl(t->t.id.spi), spi);
}

XFRMIF_EXPORT int xfrmif_tmpl_set_reqid(xfrmif_tmpl *t, uint32_t reqid)
{
	if (!t)
		return -EINVAL;
	t->t.reqid = reqid;
	return 0;
}

XFRMIF_EXPORT int xfrmif_tmpl_get_reqid(const xfrmif_tmpl *t, uint32_t *reqid)
{
	return XFRMIF__GET(t, isset, 0, t->t.reqid, reqid);
}

XFRMIF_EXPORT int xfrmif_tmpl_set_mode(xfrmif_tmpl *t, int mode)
{
	if (!t)
		return -EINVAL;
	if (mode != XFRM_MODE_TRANSPORT && mode != XFRM_MODE_TUNNEL &&
	    mode != XFRM_MODE_BEET)
		return xfrmif__argerr_set(&t->argerr, "mode: %d is not "
					  "transport (0), tunnel (1) or beet "
					  "(4)", mode);
	t->t.mode = (uint8_t)mode;
	return XFRMIF__ACCEPT(t, isset, 0, "mode");
}

XFRMIF_EXPORT int xfrmif_tmpl_get_mode(const xfrmif_tmpl *t, int *mode)
{
	return XFRMIF__GET(t, isset, 0, t->t.mode, mode);
}

XFRMIF_EXPORT int xfrmif_tmpl_set_level(xfrmif_tmpl *t, int level)
{
	if (!t)
		return -EINVAL;
	if (level != XFRMIF_TMPL_LEVEL_REQUIRED && level != XFRMIF_TMPL_LEVEL_USE)
		return xfrmif__argerr_set(&t->argerr, "level: %d is not "
					  "required (0) or use (1)", level);
	t->t.optional = (uint8_t)level;
	return XFRMIF__ACCEPT(t, isset, 0, "level");
}

XFRMIF_EXPORT int xfrmif_tmpl_get_level(const xfrmif_tmpl *t, int *level)
{
	return XFRMIF__GET(t, isset, 0,
			   t->t.optional ? XFRMIF_TMPL_LEVEL_USE
					 : XFRMIF_TMPL_LEVEL_REQUIRED,
			   level);
}

XFRMIF_EXPORT int xfrmif_tmpl_set_algo_masks(xfrmif_tmpl *t, uint32_t auth,
					     uint32_t enc, uint32_t comp)
{
	if (!t)
		return -EINVAL;
	t->t.aalgos = auth;
	t->t.ealgos = enc;
	t->t.calgos = comp;
	return 0;
}

XFRMIF_EXPORT int xfrmif_tmpl_get_algo_masks(const xfrmif_tmpl *t,
					     uint32_t *auth, uint32_t *enc,
					     uint32_t *comp)
{
	if (!t || !auth || !enc || !comp)
		return -EINVAL;
	*auth = t->t.aalgos;
	*enc = t->t.ealgos;
	*comp = t->t.calgos;
	return 0;
}
