/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrmif: the association view. An inspection is a snapshot of the
 * route-based interfaces (xfrm, vti, vti6), the policies and the SAs of a
 * namespace (or of two: interfaces in one, SAs and policies in the other),
 * joined the way the kernel joins them:
 *
 * - an xfrm interface owns the policies and SAs that carry its if_id;
 * - a VTI owns the policies and SAs whose mark matches its okey (outbound)
 *   or ikey (inbound) under the object's mask, (key & mask) == value, and
 *   whose addresses are its local/remote; an object that matches a VTI on
 *   only one of the two (mark or addresses) is still joined to it (the
 *   doctor then reports the disagreement), unless another VTI matches it
 *   on both;
 * - each policy template resolves to the SAs with its protocol, mode and
 *   addresses (unset template addresses match any), its reqid and SPI (when
 *   not 0), the policy's if_id and a mark the policy's mark satisfies.
 *
 * Objects are numbered from 0 in the order the kernel listed them; the
 * association accessors answer with those numbers. Everything is read at
 * xfrmif_inspect_new() and nothing changes afterwards.
 *
 * Threading: a context and the objects used with it belong to one thread at
 * a time; an inspection may be read from any one thread at a time.
 */
#ifndef LIBXFRMIF_INSPECT_H
#define LIBXFRMIF_INSPECT_H

#include <libxfrmif/common.h>
#include <libxfrmif/link.h>
#include <libxfrmif/policy.h>
#include <libxfrmif/sa.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xfrmif_inspect xfrmif_inspect;

/* The kinds of object in an inspection. */
enum xfrmif_inspect_kind {
	XFRMIF_INSPECT_LINK = 1,
	XFRMIF_INSPECT_POLICY = 2,
	XFRMIF_INSPECT_SA = 3,
};

struct xfrmif_inspect_opts {
	size_t sz; /* sizeof(struct xfrmif_inspect_opts) */
	/* NULL, or the context whose namespace holds the SAs and policies
	 * (when the interfaces were moved away from the namespace that does
	 * their xfrm lookups). The interfaces are read through the context
	 * given to xfrmif_inspect_new(). */
	xfrmif_ctx *xfrm_ctx;
};

/*
 * xfrmif_inspect_new - read the interfaces, policies and SAs and build the
 * associations. Keys are not read. Other interfaces (ethernet, loopback,
 * ...) are left out.
 * Returns 0, -EINVAL (NULL argument, bad opts), -ENOMEM, -EAGAIN (a table
 * changed during its dump: try again) or the kernel's errno; the errmsg of
 * the failing context says which.
 * Since: 1.0
 */
int xfrmif_inspect_new(xfrmif_inspect **ret, xfrmif_ctx *ctx,
		       const struct xfrmif_inspect_opts *opts);

/* xfrmif_inspect_free - free the snapshot and its objects. NULL-safe.
 * Since: 1.0 */
void xfrmif_inspect_free(xfrmif_inspect *in);

/* For __attribute__((cleanup(xfrmif_inspect_freep))). Since: 1.0 */
static inline void xfrmif_inspect_freep(xfrmif_inspect **p)
{
	if (p)
		xfrmif_inspect_free(*p);
}

/*
 * xfrmif_inspect_count - how many objects of @kind (enum
 * xfrmif_inspect_kind) the snapshot holds. Returns the count or -EINVAL.
 * Since: 1.0
 */
int xfrmif_inspect_count(const xfrmif_inspect *in, uint32_t kind);

/*
 * xfrmif_inspect_get_link, _get_policy, _get_sa - object number @idx,
 * borrowed: valid as long as @in. Returns 0, -EINVAL or -ENOENT (no such
 * number).
 * Since: 1.0
 */
int xfrmif_inspect_get_link(const xfrmif_inspect *in, uint32_t idx,
			    const xfrmif_link **ret);
int xfrmif_inspect_get_policy(const xfrmif_inspect *in, uint32_t idx,
			      const xfrmif_policy **ret);
int xfrmif_inspect_get_sa(const xfrmif_inspect *in, uint32_t idx,
			  const xfrmif_sa **ret);

/*
 * xfrmif_inspect_links_of - the interfaces an object of @kind
 * (XFRMIF_INSPECT_POLICY or XFRMIF_INSPECT_SA) number @idx belongs to.
 * xfrmif_inspect_policies_of, xfrmif_inspect_sas_of - the policies or SAs
 * of interface number @idx (@kind XFRMIF_INSPECT_LINK), or the policies
 * whose templates resolve to SA @idx (@kind XFRMIF_INSPECT_SA).
 * *@ret points to an array of object numbers, in increasing order, owned by
 * @in. Returns the array's length (0: none), -EINVAL (NULL argument or a
 * kind that has no such relation) or -ENOENT (no such number).
 * Since: 1.0
 */
int xfrmif_inspect_links_of(const xfrmif_inspect *in, uint32_t kind,
			    uint32_t idx, const uint32_t **ret);
int xfrmif_inspect_policies_of(const xfrmif_inspect *in, uint32_t kind,
			       uint32_t idx, const uint32_t **ret);
int xfrmif_inspect_sas_of(const xfrmif_inspect *in, uint32_t kind,
			  uint32_t idx, const uint32_t **ret);

/*
 * xfrmif_inspect_tmpl_sas - the SAs template number @tmpl of policy number
 * @policy resolves to (numbers in increasing order, array owned by @in).
 * Returns the length, -EINVAL or -ENOENT (no such policy or template).
 * Since: 1.0
 */
int xfrmif_inspect_tmpl_sas(const xfrmif_inspect *in, uint32_t policy,
			    uint32_t tmpl, const uint32_t **ret);

/*
 * xfrmif_inspect_describe - a one-line description of object @idx of
 * @kind for people: "xfrm interface ipsec0 (if_id 0x2a)", "policy out
 * 10.0.0.0/24 -> 10.1.0.0/24 if_id 0x2a", "SA esp spi 0x00001001
 * 192.0.2.1 -> 192.0.2.2 reqid 1 if_id 0x2a". Writes at most @size bytes
 * (NUL included) into @buf. Returns the length of the whole description
 * (as snprintf does), -EINVAL or -ENOENT.
 * Since: 1.0
 */
int xfrmif_inspect_describe(const xfrmif_inspect *in, uint32_t kind,
			    uint32_t idx, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
