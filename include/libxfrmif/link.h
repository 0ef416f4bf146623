/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrmif: network interfaces for route-based IPsec: xfrm interfaces
 * (kind "xfrm") and virtual tunnel interfaces (kinds "vti" and "vti6").
 *
 * An xfrmif_link is a value object. The caller fills one with setters and
 * hands it to xfrmif_link_add() or xfrmif_link_modify(); get and list hand
 * back the same type, filled from the kernel. A link names the interface it
 * acts on by ifindex when one is set, else by name.
 *
 * Threading: a context and the objects used with it belong to one thread at a
 * time; give each thread its own context.
 */
#ifndef LIBXFRMIF_LINK_H
#define LIBXFRMIF_LINK_H

#include <libxfrmif/common.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xfrmif_link xfrmif_link;

/* Interface kinds. Links of any other kind (read from the kernel) report
 * XFRMIF_LINK_KIND_OTHER; xfrmif_link_get_kind_name() tells which. */
enum xfrmif_link_kind {
	XFRMIF_LINK_KIND_UNSPEC = 0,
	XFRMIF_LINK_KIND_XFRM = 1, /* xfrm interface, CONFIG_XFRM_INTERFACE */
	XFRMIF_LINK_KIND_VTI = 2,  /* IPv4 VTI, CONFIG_NET_IPVTI */
	XFRMIF_LINK_KIND_VTI6 = 3, /* IPv6 VTI, CONFIG_IPV6_VTI */
	XFRMIF_LINK_KIND_OTHER = 4,
};

/*
 * xfrmif_link_new - allocate an empty link (no field set).
 * Returns 0, -EINVAL (NULL @ret) or -ENOMEM.
 * Since: 1.0
 */
int xfrmif_link_new(xfrmif_link **ret);

/*
 * xfrmif_link_free - free a link. NULL-safe.
 * Since: 1.0
 */
void xfrmif_link_free(xfrmif_link *link);

/*
 * xfrmif_link_dup - copy @src into a new link (for keeping one that a list
 * callback only lends). Returns 0, -EINVAL or -ENOMEM.
 * Since: 1.0
 */
int xfrmif_link_dup(xfrmif_link **ret, const xfrmif_link *src);

/* For __attribute__((cleanup(xfrmif_link_freep))). Since: 1.0 */
static inline void xfrmif_link_freep(xfrmif_link **link)
{
	if (link)
		xfrmif_link_free(*link);
}

/* ---- fields ----
 * Setters return 0 or -EINVAL; a rejected value is also remembered and named
 * in the errmsg of the call that later submits the link. Getters return 0,
 * -EINVAL (NULL argument) or -ENODATA when the field is not set. */

/*
 * xfrmif_link_set_name - the interface name: 1 to 15 bytes, no '/', ':' or
 * white space, not "." or "..". Since: 1.0
 */
int xfrmif_link_set_name(xfrmif_link *link, const char *name);
/* xfrmif_link_get_name - the name, or NULL when unset. Since: 1.0 */
const char *xfrmif_link_get_name(const xfrmif_link *link);

/*
 * xfrmif_link_set_kind - one of XFRMIF_LINK_KIND_XFRM, _VTI, _VTI6.
 * Since: 1.0
 */
int xfrmif_link_set_kind(xfrmif_link *link, uint32_t kind);
/* xfrmif_link_get_kind - the kind (enum xfrmif_link_kind). Since: 1.0 */
int xfrmif_link_get_kind(const xfrmif_link *link, uint32_t *kind);
/*
 * xfrmif_link_get_kind_name - the kernel's name of the kind ("xfrm", "vti",
 * "vti6", "dummy", ...), or NULL when unknown (a link without kind
 * information, such as loopback). Since: 1.0
 */
const char *xfrmif_link_get_kind_name(const xfrmif_link *link);

/*
 * xfrmif_link_set_ifindex - act on the interface with this index (instead of
 * by name). 0 is refused. Since: 1.0
 */
int xfrmif_link_set_ifindex(xfrmif_link *link, uint32_t ifindex);
int xfrmif_link_get_ifindex(const xfrmif_link *link, uint32_t *ifindex);

/*
 * xfrmif_link_set_up - bring the interface up (1) or down (0) on add or
 * modify. The getter reports IFF_UP of a link read from the kernel.
 * Since: 1.0
 */
int xfrmif_link_set_up(xfrmif_link *link, int up);
int xfrmif_link_get_up(const xfrmif_link *link, int *up);
/* xfrmif_link_get_flags - ifi_flags (IFF_*) of a link read from the kernel.
 * Since: 1.0 */
int xfrmif_link_get_flags(const xfrmif_link *link, uint32_t *flags);

/* xfrmif_link_set_mtu - the MTU; 0 is refused. Since: 1.0 */
int xfrmif_link_set_mtu(xfrmif_link *link, uint32_t mtu);
int xfrmif_link_get_mtu(const xfrmif_link *link, uint32_t *mtu);

/*
 * xfrmif_link_set_dev - the underlying device, by name, resolved in the
 * context's namespace when the link is submitted (-ENODEV if it does not
 * exist). Replaces a device index given before. Since: 1.0
 */
int xfrmif_link_set_dev(xfrmif_link *link, const char *dev);
/* xfrmif_link_set_dev_index - the underlying device by index (checked to
 * exist when submitted). Since: 1.0 */
int xfrmif_link_set_dev_index(xfrmif_link *link, uint32_t ifindex);
/* xfrmif_link_get_dev_index - the underlying device's index. A link read
 * from the kernel without one reports -ENODATA. Since: 1.0 */
int xfrmif_link_get_dev_index(const xfrmif_link *link, uint32_t *ifindex);
/* xfrmif_link_get_dev - the name given to xfrmif_link_set_dev(), or NULL.
 * Since: 1.0 */
const char *xfrmif_link_get_dev(const xfrmif_link *link);

/*
 * xfrmif_link_set_if_id - (xfrm) the interface id that SAs and policies
 * name with their if_id. 0 is refused. Since: 1.0
 */
int xfrmif_link_set_if_id(xfrmif_link *link, uint32_t if_id);
int xfrmif_link_get_if_id(const xfrmif_link *link, uint32_t *if_id);

/*
 * xfrmif_link_set_external - (xfrm) collect-metadata mode (1) or not (0):
 * the if_id comes from each packet's metadata. Needs Linux 6.0; one per
 * namespace; excludes if_id and dev. The getter reports 0 for an xfrm
 * interface read from the kernel that is not external. Since: 1.0
 */
int xfrmif_link_set_external(xfrmif_link *link, int external);
int xfrmif_link_get_external(const xfrmif_link *link, int *external);

/*
 * xfrmif_link_set_local, xfrmif_link_set_remote - (vti, vti6) the tunnel's
 * outer addresses: @family AF_INET (vti) or AF_INET6 (vti6), @addr a struct
 * in_addr or struct in6_addr. Both must have the same family.
 * The getters fill @family and copy the address into @addr (16 bytes).
 * Since: 1.0
 */
int xfrmif_link_set_local(xfrmif_link *link, int family, const void *addr);
int xfrmif_link_get_local(const xfrmif_link *link, int *family, void *addr);
int xfrmif_link_set_remote(xfrmif_link *link, int family, const void *addr);
int xfrmif_link_get_remote(const xfrmif_link *link, int *family, void *addr);

/*
 * xfrmif_link_set_ikey, xfrmif_link_set_okey - (vti, vti6) the input and
 * output keys (host byte order), which become the marks of the SAs and
 * policies the tunnel uses. xfrmif_link_set_key sets both. Since: 1.0
 */
int xfrmif_link_set_ikey(xfrmif_link *link, uint32_t key);
int xfrmif_link_get_ikey(const xfrmif_link *link, uint32_t *key);
int xfrmif_link_set_okey(xfrmif_link *link, uint32_t key);
int xfrmif_link_get_okey(const xfrmif_link *link, uint32_t *key);
int xfrmif_link_set_key(xfrmif_link *link, uint32_t key);

/* xfrmif_link_set_fwmark - (vti, vti6) the fwmark of the outer packets.
 * Since: 1.0 */
int xfrmif_link_set_fwmark(xfrmif_link *link, uint32_t fwmark);
int xfrmif_link_get_fwmark(const xfrmif_link *link, uint32_t *fwmark);

/*
 * xfrmif_link_get_link_netnsid - for a link read from the kernel whose
 * underlying (link) namespace differs from its own: that namespace's id as
 * seen from the link's namespace (what `ip link` prints as link-netns /
 * link-netnsid). -ENODATA when the kernel did not report one. Since: 1.0
 */
int xfrmif_link_get_link_netnsid(const xfrmif_link *link, int32_t *nsid);

/*
 * xfrmif_link_get_disable_policy - for a link read from the kernel: the
 * interface's disable_policy setting for @family (AF_INET or AF_INET6),
 * as 0 or 1. -ENODATA when the kernel did not report it (no IPv6 on the
 * interface, for example). Since: 1.0
 */
int xfrmif_link_get_disable_policy(const xfrmif_link *link, int family,
				   int *on);

/*
 * xfrmif_link_set_group - the link group (IFLA_GROUP) the interface is put
 * in on add or modify; 0 is every interface's default group. Tag the
 * interfaces you create with a group of your own to delete them all at once
 * with xfrmif_link_del_group(). A link read from the kernel reports its
 * group. Since: 1.0
 */
int xfrmif_link_set_group(xfrmif_link *link, uint32_t group);
int xfrmif_link_get_group(const xfrmif_link *link, uint32_t *group);

/* ---- operations ---- */

/* xfrmif_link_netns_opts.flags */
enum {
	/* netns_fd holds an open namespace file descriptor to use. */
	XFRMIF_LINK_NETNS_FD = 1u << 0,
};

/*
 * A target namespace, named like struct xfrmif_ctx_opts does: exactly one
 * of netns_name (under /run/netns), netns_path, or netns_fd with
 * XFRMIF_LINK_NETNS_FD (the fd is not closed).
 */
struct xfrmif_link_netns_opts {
	size_t sz; /* sizeof(struct xfrmif_link_netns_opts) */
	const char *netns_name;
	const char *netns_path;
	int netns_fd;
	uint32_t flags; /* XFRMIF_LINK_NETNS_* */
};

/* xfrmif_link_add_opts.flags */
enum {
	/* An interface with the same name may exist: it is updated in place
	 * (it must be of the same kind). Without this flag, -EEXIST. */
	XFRMIF_LINK_ADD_REPLACE = 1u << 0,
};

struct xfrmif_link_add_opts {
	size_t sz;      /* sizeof(struct xfrmif_link_add_opts) */
	uint32_t flags; /* XFRMIF_LINK_ADD_* */
	/* NULL, or create the interface directly in this namespace. The
	 * kernel then also does the interface's xfrm lookups (SAs, policies)
	 * and finds its underlying device there. To keep those in the
	 * context's namespace, add it here and xfrmif_link_move() it. */
	const struct xfrmif_link_netns_opts *netns;
};

/*
 * xfrmif_link_add - create the interface @link describes (name and kind are
 * required) in the context's namespace, or in opts->netns.
 *
 * Everything is checked before the kernel is asked, so a refused call
 * changes nothing. Returns 0, or
 * -EINVAL: a bad or contradictory argument (the errmsg names it), e.g. an
 *	xfrm interface without if_id, external with if_id or dev, vti
 *	addresses of the wrong or of mixed families;
 * -ENODEV: the underlying device does not exist;
 * -EEXIST: an interface of that name exists (without
 *	XFRMIF_LINK_ADD_REPLACE), or another xfrm interface has this if_id,
 *	or an external one exists already;
 * -EOPNOTSUPP: the kernel lacks the kind; the errmsg names the kernel option;
 * or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_link_add(xfrmif_ctx *ctx, const xfrmif_link *link,
		    const struct xfrmif_link_add_opts *opts);

/*
 * xfrmif_link_modify - change an existing interface (named by ifindex or
 * name): the fields set in @link are changed, every other one is kept (kind
 * parameters are read from the kernel first and merged, because the kernel
 * resets the ones a change leaves out). Setting the name of a link named by
 * ifindex renames it. Returns 0, -EINVAL, -ENODEV (no such interface or
 * underlying device), -EOPNOTSUPP (@link's kind differs from the
 * interface's, or the change is one the kernel cannot make, e.g. external),
 * or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_link_modify(xfrmif_ctx *ctx, const xfrmif_link *link);

/*
 * xfrmif_link_del - delete the interface @link names (by ifindex, else
 * name). xfrmif_link_del_by_name / _by_index do the same without a link.
 * Returns 0, -EINVAL, -ENODEV (no such interface) or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_link_del(xfrmif_ctx *ctx, const xfrmif_link *link);
int xfrmif_link_del_by_name(xfrmif_ctx *ctx, const char *name);
int xfrmif_link_del_by_index(xfrmif_ctx *ctx, uint32_t ifindex);

/*
 * xfrmif_link_del_group - delete every interface in link group @group of
 * the context's namespace in one kernel operation (one unregister for all
 * of them: much faster than deleting them one by one). All or nothing.
 * Returns 0, -EINVAL (@group 0, the default group), -ENODEV (no interface
 * in the group), -EOPNOTSUPP (the group holds an interface that cannot be
 * deleted, such as a physical one; nothing was deleted) or the kernel's
 * errno.
 * Since: 1.0
 */
int xfrmif_link_del_group(xfrmif_ctx *ctx, uint32_t group);

/*
 * xfrmif_link_get_by_name, xfrmif_link_get_by_index - read one interface
 * (of any kind) into a new link. Returns 0, -EINVAL, -ENODEV (no such
 * interface) or the kernel's errno.
 * Since: 1.0
 */
int xfrmif_link_get_by_name(xfrmif_link **ret, xfrmif_ctx *ctx,
			    const char *name);
int xfrmif_link_get_by_index(xfrmif_link **ret, xfrmif_ctx *ctx,
			     uint32_t ifindex);

/* A list filter. kind 0 (XFRMIF_LINK_KIND_UNSPEC) lists every interface;
 * XFRMIF_LINK_KIND_OTHER lists those that are none of the three kinds. */
struct xfrmif_link_filter {
	size_t sz;     /* sizeof(struct xfrmif_link_filter) */
	uint32_t kind; /* enum xfrmif_link_kind */
};

/* Called once per listed link; @link is lent for the call only (see
 * xfrmif_link_dup). Return 0 to go on, >0 to stop, <0 to abort. */
typedef int (*xfrmif_link_list_fn)(const xfrmif_link *link, void *arg);

/*
 * xfrmif_link_list - call @fn for every interface in the context's
 * namespace that passes @filter (NULL: all). Returns the number of links
 * passed to @fn, the callback's negative value, -EINVAL, or the kernel's
 * errno (-EAGAIN when the table changed during the dump).
 * Since: 1.0
 */
int xfrmif_link_list(xfrmif_ctx *ctx, const struct xfrmif_link_filter *filter,
		     xfrmif_link_list_fn fn, void *arg);

/*
 * xfrmif_link_move - move the interface @link names into another namespace.
 * An xfrm or vti interface keeps doing its xfrm lookups (SAs, policies) in
 * the namespace it was created in. Returns 0, -EINVAL (bad target; the
 * errmsg names it), -ENOENT (no such namespace), -ENODEV, or the kernel's
 * errno (e.g. -EEXIST: the name is taken there).
 * Since: 1.0
 */
int xfrmif_link_move(xfrmif_ctx *ctx, const xfrmif_link *link,
		     const struct xfrmif_link_netns_opts *target);

/*
 * xfrmif_link_addr_add, xfrmif_link_addr_del - add or remove an address
 * (@family AF_INET or AF_INET6, @addr a struct in_addr or in6_addr,
 * @prefixlen up to 32 or 128) on the interface @link names. Returns 0,
 * -EINVAL, -ENODEV, or the kernel's errno (-EEXIST: already there,
 * -EADDRNOTAVAIL: not there).
 * Since: 1.0
 */
int xfrmif_link_addr_add(xfrmif_ctx *ctx, const xfrmif_link *link, int family,
			 const void *addr, uint8_t prefixlen);
int xfrmif_link_addr_del(xfrmif_ctx *ctx, const xfrmif_link *link, int family,
			 const void *addr, uint8_t prefixlen);

/*
 * xfrmif_link_disable_policy - set the interface's disable_policy (@on 1 or
 * 0) for @family: AF_INET through netlink (IFLA_INET_CONF), AF_INET6
 * through /proc/sys/net/ipv6/conf/NAME/disable_policy inside the context's
 * namespace (the kernel cannot set it by netlink). VTIs need it so that
 * decrypted packets pass the input policy check. Returns 0, -EINVAL,
 * -ENODEV, -EAFNOSUPPORT (no such protocol on the interface), or the errno
 * of the kernel or of the sysctl file.
 * Since: 1.0
 */
int xfrmif_link_disable_policy(xfrmif_ctx *ctx, const xfrmif_link *link,
			       int family, int on);

/*
 * xfrmif_link_kind_name - "xfrm", "vti", "vti6" for the kinds, else NULL.
 * xfrmif_link_kind_from_name - the kind for such a name, or
 * XFRMIF_LINK_KIND_UNSPEC. Since: 1.0
 */
const char *xfrmif_link_kind_name(uint32_t kind);
uint32_t xfrmif_link_kind_from_name(const char *name);

#ifdef __cplusplus
}
#endif

#endif
