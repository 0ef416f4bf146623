/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The xfrmif_link value object: allocation, setters and getters. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxfrmif/link.h>

#include "link_priv.h"

static const char *const kind_names[] = {
	[XFRMIF_LINK_KIND_XFRM] = "xfrm",
	[XFRMIF_LINK_KIND_VTI] = "vti",
	[XFRMIF_LINK_KIND_VTI6] = "vti6",
};

XFRMIF_EXPORT const char *xfrmif_link_kind_name(uint32_t kind)
{
	return kind < XFRMIF_ARRAY_SIZE(kind_names) ? kind_names[kind] : NULL;
}

XFRMIF_EXPORT uint32_t xfrmif_link_kind_from_name(const char *name)
{
	for (uint32_t k = 1; name && k < XFRMIF_ARRAY_SIZE(kind_names); k++)
		if (!strcmp(name, kind_names[k]))
			return k;
	return XFRMIF_LINK_KIND_UNSPEC;
}

int xfrmif__link_kind_family(uint32_t kind)
{
	return kind == XFRMIF_LINK_KIND_VTI ? AF_INET :
	       kind == XFRMIF_LINK_KIND_VTI6 ? AF_INET6 : 0;
}

XFRMIF_EXPORT int xfrmif_link_new(xfrmif_link **ret)
{
	if (!ret)
		return -EINVAL;
	*ret = calloc(1, sizeof(**ret));
	return *ret ? 0 : -ENOMEM;
}

XFRMIF_EXPORT void xfrmif_link_free(xfrmif_link *link)
{
	free(link);
}

XFRMIF_EXPORT int xfrmif_link_dup(xfrmif_link **ret, const xfrmif_link *src)
{
	if (!ret || !src)
		return -EINVAL;
	*ret = malloc(sizeof(**ret));
	if (!*ret)
		return -ENOMEM;
	memcpy(*ret, src, sizeof(**ret));
	return 0;
}

/* Whether s is well-formed UTF-8 (no overlong forms, no surrogates, at
 * most U+10FFFF). */
static bool utf8_valid(const unsigned char *s)
{
	while (*s) {
		unsigned c = *s, n, cp;

		if (c < 0x80) {
			s++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07;
		else
			return false;
		for (unsigned i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i] & 0x3f);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return false;
		s += n + 1;
	}
	return true;
}

/* The kernel's dev_valid_name(), so that a bad name fails here with a
 * message instead of in the kernel with a bare EINVAL; stricter in that
 * control characters and malformed UTF-8 are refused too (the kernel takes
 * any bytes, which then garble every tool that prints the name). */
static const char *name_problem(const char *name)
{
	size_t n;

	if (!name || !*name)
		return "must not be empty";
	n = strlen(name);
	if (n > IFNAMSIZ - 1)
		return "is longer than 15 bytes (IFNAMSIZ-1)";
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return "must not be '.' or '..'";
	if (!utf8_valid((const unsigned char *)name))
		return "is not valid UTF-8";
	for (; *name; name++)
		if (*name == '/' || *name == ':' ||
		    isspace((unsigned char)*name))
			return "must not contain '/', ':' or white space";
		else if ((unsigned char)*name < 0x20 || *name == 0x7f)
			return "must not contain control characters";
	return NULL;
}

XFRMIF_EXPORT int xfrmif_link_set_name(xfrmif_link *link, const char *name)
{
	const char *why;

	if (!link)
		return -EINVAL;
	why = name_problem(name);
	if (why)
		return xfrmif__argerr_set(&link->argerr, "name: '%.64s' %s",
					  name ? name : "(null)", why);
	snprintf(link->name, sizeof(link->name), "%s", name);
	return XFRMIF__ACCEPT(link, set, LINK_F_NAME, "name");
}

XFRMIF_EXPORT const char *xfrmif_link_get_name(const xfrmif_link *link)
{
	return link && (link->set & LINK_F_NAME) ? link->name : NULL;
}

XFRMIF_EXPORT int xfrmif_link_set_kind(xfrmif_link *link, uint32_t kind)
{
	if (!link)
		return -EINVAL;
	if (!xfrmif_link_kind_name(kind))
		return xfrmif__argerr_set(&link->argerr, "kind: %u is not xfrm, "
					  "vti or vti6", kind);
	link->kind = kind;
	snprintf(link->kind_name, sizeof(link->kind_name), "%s",
		 xfrmif_link_kind_name(kind));
	return XFRMIF__ACCEPT(link, set, LINK_F_KIND, "kind");
}

XFRMIF_EXPORT int xfrmif_link_get_kind(const xfrmif_link *link, uint32_t *kind)
{
	return XFRMIF__GET(link, set, LINK_F_KIND, link->kind, kind);
}

XFRMIF_EXPORT const char *xfrmif_link_get_kind_name(const xfrmif_link *link)
{
	return link && link->kind_name[0] ? link->kind_name : NULL;
}

XFRMIF_EXPORT int xfrmif_link_set_ifindex(xfrmif_link *link, uint32_t ifindex)
{
	if (!link)
		return -EINVAL;
	if (!ifindex || ifindex > INT32_MAX)
		return xfrmif__argerr_set(&link->argerr, "ifindex: %u is not an "
					  "interface index", ifindex);
	link->ifindex = ifindex;
	return XFRMIF__ACCEPT(link, set, LINK_F_IFINDEX, "ifindex");
}

XFRMIF_EXPORT int xfrmif_link_get_ifindex(const xfrmif_link *link,
					  uint32_t *ifindex)
{
	return XFRMIF__GET(link, set, LINK_F_IFINDEX, link->ifindex, ifindex);
}

XFRMIF_EXPORT int xfrmif_link_set_up(xfrmif_link *link, int up)
{
	if (!link)
		return -EINVAL;
	link->up = up != 0;
	link->set |= LINK_F_UP;
	return 0;
}

XFRMIF_EXPORT int xfrmif_link_get_up(const xfrmif_link *link, int *up)
{
	if (!link || !up)
		return -EINVAL;
	if (link->set & LINK_F_UP)
		*up = link->up;
	else if (link->set & LINK_F_FLAGS)
		*up = !!(link->flags & IFF_UP);
	else
		return -ENODATA;
	return 0;
}

XFRMIF_EXPORT int xfrmif_link_get_flags(const xfrmif_link *link,
					uint32_t *flags)
{
	return XFRMIF__GET(link, set, LINK_F_FLAGS, link->flags, flags);
}

XFRMIF_EXPORT int xfrmif_link_set_mtu(xfrmif_link *link, uint32_t mtu)
{
	if (!link)
		return -EINVAL;
	if (!mtu)
		return xfrmif__argerr_set(&link->argerr, "mtu: must not be 0");
	link->mtu = mtu;
	return XFRMIF__ACCEPT(link, set, LINK_F_MTU, "mtu");
}

XFRMIF_EXPORT int xfrmif_link_get_mtu(const xfrmif_link *link, uint32_t *mtu)
{
	return XFRMIF__GET(link, set, LINK_F_MTU, link->mtu, mtu);
}

XFRMIF_EXPORT int xfrmif_link_set_dev(xfrmif_link *link, const char *dev)
{
	const char *why;

	if (!link)
		return -EINVAL;
	why = name_problem(dev);
	if (why)
		return xfrmif__argerr_set(&link->argerr, "dev: '%.64s' %s",
					  dev ? dev : "(null)", why);
	xfrmif__argerr_clear(&link->argerr, "dev");
	snprintf(link->dev_name, sizeof(link->dev_name), "%s", dev);
	link->set = (link->set | LINK_F_DEV_NAME) & ~(uint32_t)LINK_F_DEV_INDEX;
	return 0;
}

XFRMIF_EXPORT int xfrmif_link_set_dev_index(xfrmif_link *link, uint32_t ifindex)
{
	if (!link)
		return -EINVAL;
	if (!ifindex || ifindex > INT32_MAX)
		return xfrmif__argerr_set(&link->argerr, "dev: %u is not an "
					  "interface index", ifindex);
	xfrmif__argerr_clear(&link->argerr, "dev");
	link->dev_index = ifindex;
	link->dev_name[0] = '\0';
	link->set = (link->set | LINK_F_DEV_INDEX) & ~(uint32_t)LINK_F_DEV_NAME;
	return 0;
}

XFRMIF_EXPORT int xfrmif_link_get_dev_index(const xfrmif_link *link,
					    uint32_t *ifindex)
{
	return XFRMIF__GET(link, set, LINK_F_DEV_INDEX, link->dev_index,
			   ifindex);
}

XFRMIF_EXPORT const char *xfrmif_link_get_dev(const xfrmif_link *link)
{
	return link && (link->set & LINK_F_DEV_NAME) ? link->dev_name : NULL;
}

XFRMIF_EXPORT int xfrmif_link_set_if_id(xfrmif_link *link, uint32_t if_id)
{
	if (!link)
		return -EINVAL;
	if (!if_id)
		return xfrmif__argerr_set(&link->argerr, "if_id: 0 is not "
					  "allowed (the kernel needs a "
					  "non-zero id)");
	link->if_id = if_id;
	return XFRMIF__ACCEPT(link, set, LINK_F_IF_ID, "if_id");
}

XFRMIF_EXPORT int xfrmif_link_get_if_id(const xfrmif_link *link,
					uint32_t *if_id)
{
	return XFRMIF__GET(link, set, LINK_F_IF_ID, link->if_id, if_id);
}

XFRMIF_EXPORT int xfrmif_link_set_external(xfrmif_link *link, int external)
{
	if (!link)
		return -EINVAL;
	link->external = external != 0;
	link->set |= LINK_F_EXTERNAL;
	return 0;
}

XFRMIF_EXPORT int xfrmif_link_get_external(const xfrmif_link *link,
					   int *external)
{
	return XFRMIF__GET(link, set, LINK_F_EXTERNAL, link->external,
			   external);
}

static int set_addr(xfrmif_link *link, bool local, int family,
		    const void *addr)
{
	const char *field = local ? "local" : "remote";
	size_t len = xfrmif__addr_len(family);

	if (!len)
		return xfrmif__argerr_set(&link->argerr, "%s: family %d is "
					  "neither AF_INET nor AF_INET6",
					  field, family);
	if (!addr)
		return xfrmif__argerr_set(&link->argerr, "%s: address must not "
					  "be NULL", field);
	xfrmif__argerr_clear(&link->argerr, field);
	if (local) {
		memset(&link->local, 0, sizeof(link->local));
		memcpy(&link->local, addr, len);
		link->local_family = family;
		link->set |= LINK_F_LOCAL;
	} else {
		memset(&link->remote, 0, sizeof(link->remote));
		memcpy(&link->remote, addr, len);
		link->remote_family = family;
		link->set |= LINK_F_REMOTE;
	}
	return 0;
}

static int get_addr(const xfrmif_link *link, bool local, int *family,
		    void *addr)
{
	if (!link || !family || !addr)
		return -EINVAL;
	if (!(link->set & (local ? LINK_F_LOCAL : LINK_F_REMOTE)))
		return -ENODATA;
	*family = local ? link->local_family : link->remote_family;
	memcpy(addr, local ? &link->local : &link->remote,
	       xfrmif__addr_len(*family));
	return 0;
}

XFRMIF_EXPORT int xfrmif_link_set_local(xfrmif_link *link, int family,
					const void *addr)
{
	return link ? set_addr(link, true, family, addr) : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_link_get_local(const xfrmif_link *link, int *family,
					void *addr)
{
	return get_addr(link, true, family, addr);
}

XFRMIF_EXPORT int xfrmif_link_set_remote(xfrmif_link *link, int family,
					 const void *addr)
{
	return link ? set_addr(link, false, family, addr) : -EINVAL;
}

XFRMIF_EXPORT int xfrmif_link_get_remote(const xfrmif_link *link, int *family,
					 void *addr)
{
	return get_addr(link, false, family, addr);
}

XFRMIF_EXPORT int xfrmif_link_set_ikey(xfrmif_link *link, uint32_t key)
{
	if (!link)
		return -EINVAL;
	link->ikey = key;
	link->set |= LINK_F_IKEY;
	return 0;
}

XFRMIF_EXPORT int xfrmif_link_get_ikey(const xfrmif_link *link, uint32_t *key)
{
	return XFRMIF__GET(link, set, LINK_F_IKEY, link->ikey, key);
}

XFRMIF_EXPORT int xfrmif_link_set_okey(xfrmif_link *link, uint32_t key)
{
	if (!link)
		return -EINVAL;
	link->okey = key;
	link->set |= LINK_F_OKEY;
	return 0;
}

XFRMIF_EXPORT int xfrmif_link_get_okey(const xfrmif_link *link, uint32_t *key)
{
	return XFRMIF__GET(link, set, LINK_F_OKEY, link->okey, key);
}

XFRMIF_EXPORT int xfrmif_link_set_key(xfrmif_link *link, uint32_t key)
{
	if (!link)
		return -EINVAL;
	xfrmif_link_set_ikey(link, key);
	return xfrmif_link_set_okey(link, key);
}

XFRMIF_EXPORT int xfrmif_link_set_fwmark(xfrmif_link *link, uint32_t fwmark)
{
	if (!link)
		return -EINVAL;
	link->fwmark = fwmark;
	link->set |= LINK_F_FWMARK;
	return 0;
}

XFRMIF_EXPORT int xfrmif_link_get_fwmark(const xfrmif_link *link,
					 uint32_t *fwmark)
{
	return XFRMIF__GET(link, set, LINK_F_FWMARK, link->fwmark, fwmark);
}

XFRMIF_EXPORT int xfrmif_link_get_link_netnsid(const xfrmif_link *link,
					       int32_t *nsid)
{
	return XFRMIF__GET(link, set, LINK_F_NETNSID, link->netnsid, nsid);
}

XFRMIF_EXPORT int xfrmif_link_get_disable_policy(const xfrmif_link *link,
						 int family, int *on)
{
	if (!link || !on || (family != AF_INET && family != AF_INET6))
		return -EINVAL;
	if (!(link->set & (family == AF_INET ? LINK_F_DP4 : LINK_F_DP6)))
		return -ENODATA;
	*on = family == AF_INET ? link->dp4 : link->dp6;
	return 0;
}
