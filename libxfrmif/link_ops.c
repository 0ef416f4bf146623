/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Creating, changing, deleting, reading and listing links. */
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/rtnetlink.h>

#include <netlink/msg.h>

#include "link_priv.h"

int xfrmif__link_send(xfrmif_ctx *ctx, struct nl_msg *msg, int built,
		      const char *what, xfrmif__reply_fn fn, void *arg,
		      uint32_t flags)
{
	struct xfrmif__req req = {
		.proto = XFRMIF__RTNL, .msg = msg, .what = what,
		.on_reply = fn, .arg = arg, .flags = flags,
	};

	if (built < 0 || !msg)
		return xfrmif__err(ctx, -ENOMEM, "%s: out of memory", what);
	return xfrmif__submit(ctx, &req);
}

/* How the errmsg names the interface a request is about. */
static const char *ident(const char *name, uint32_t ifindex, char buf[32])
{
	if (ifindex || !name) {
		snprintf(buf, 32, "with index %u", ifindex);
		return buf;
	}
	snprintf(buf, 32, "'%s'", name);
	return buf;
}

static int on_one(xfrmif_ctx *ctx, const struct nlmsghdr *nlh, void *arg)
{
	(void)ctx;
	if (nlh->nlmsg_type != RTM_NEWLINK)
		return 0;
	return xfrmif__link_parse(nlh, arg);
}

int xfrmif__link_lookup(xfrmif_ctx *ctx, const char *name, uint32_t ifindex,
			xfrmif_link *out)
{
	struct nl_msg *msg;
	char buf[32];
	int r;

	memset(out, 0, sizeof(*out));
	r = xfrmif__link_build_get(name, ifindex, &msg);
	r = xfrmif__link_send(ctx, msg, r, "link get", on_one, out, 0);
	if (r == -ENODEV)
		return xfrmif__err(ctx, r, "link get: no interface %s",
				   ident(name, ifindex, buf));
	if (r == 0 || (r > 0 && !(out->set & LINK_F_IFINDEX)))
		return xfrmif__err(ctx, -EPROTO, "link get: the kernel sent "
				   "no interface");
	return r < 0 ? r : 0;
}

static int kind_args_check(xfrmif_ctx *ctx, const xfrmif_link *l,
			   const char *what)
{
	const uint32_t vti_only = LINK_F_LOCAL | LINK_F_REMOTE | LINK_F_IKEY |
				  LINK_F_OKEY | LINK_F_FWMARK;
	static const char *const vti_names[] = { "local", "remote", "ikey",
						 "okey", "fwmark" };
	const char *k = l->kind_name;
	int fam = xfrmif__link_kind_family(l->kind);

	if (l->kind == XFRMIF_LINK_KIND_XFRM) {
		for (unsigned i = 0; i < 5; i++)
			if (l->set & vti_only & (LINK_F_LOCAL << i))
				return xfrmif__err(ctx, -EINVAL, "%s: %s: only "
						   "vti and vti6 interfaces "
						   "have it", what, vti_names[i]);
		if (l->external && (l->set & LINK_F_IF_ID))
			return xfrmif__err(ctx, -EINVAL, "%s: external: an "
					   "external xfrm interface takes no "
					   "if_id", what);
		if (l->external && (l->set & (LINK_F_DEV_INDEX | LINK_F_DEV_NAME)))
			return xfrmif__err(ctx, -EINVAL, "%s: external: an "
					   "external xfrm interface takes no "
					   "dev", what);
		if (!l->external && !(l->set & LINK_F_IF_ID))
			return xfrmif__err(ctx, -EINVAL, "%s: if_id: an xfrm "
					   "interface needs a non-zero if_id "
					   "(or external)", what);
		return 0;
	}
	if (l->set & LINK_F_IF_ID)
		return xfrmif__err(ctx, -EINVAL, "%s: if_id: only xfrm "
				   "interfaces have one (kind is %s)", what, k);
	if ((l->set & LINK_F_EXTERNAL) && l->external)
		return xfrmif__err(ctx, -EINVAL, "%s: external: only xfrm "
				   "interfaces have it (kind is %s)", what, k);
	if ((l->set & LINK_F_LOCAL) && l->local_family != fam)
		return xfrmif__err(ctx, -EINVAL, "%s: local: an %s address for "
				   "a %s interface (it needs %s)", what,
				   xfrmif__family_name(l->local_family), k,
				   xfrmif__family_name(fam));
	if ((l->set & LINK_F_REMOTE) && l->remote_family != fam)
		return xfrmif__err(ctx, -EINVAL, "%s: remote: an %s address for "
				   "a %s interface (it needs %s)%s", what,
				   xfrmif__family_name(l->remote_family), k,
				   xfrmif__family_name(fam),
				   (l->set & LINK_F_LOCAL) ? "; local and remote "
				   "are of mixed families" : "");
	return 0;
}

int xfrmif__link_validate(xfrmif_ctx *ctx, const xfrmif_link *l, bool create,
			  const char *what)
{
	int r;

	if (!l)
		return xfrmif__err(ctx, -EINVAL, "%s: link must not be NULL",
				   what);
	r = xfrmif__argerr_check(ctx, &l->argerr, what);
	if (r < 0)
		return r;
	if (create && !(l->set & LINK_F_NAME))
		return xfrmif__err(ctx, -EINVAL, "%s: name: required", what);
	if (!(l->set & (LINK_F_NAME | LINK_F_IFINDEX)))
		return xfrmif__err(ctx, -EINVAL, "%s: name or ifindex: "
				   "required to find the interface", what);
	if (create && !(l->set & LINK_F_KIND))
		return xfrmif__err(ctx, -EINVAL, "%s: kind: required (xfrm, "
				   "vti or vti6)", what);
	if (!(l->set & LINK_F_KIND))
		return 0;
	if (l->kind == XFRMIF_LINK_KIND_OTHER || l->kind == XFRMIF_LINK_KIND_UNSPEC)
		return xfrmif__err(ctx, -EOPNOTSUPP, "%s: kind: '%s' is not "
				   "one this library configures", what,
				   l->kind_name);
	return kind_args_check(ctx, l, what);
}

/* Turns the underlying device's name into its index, and checks an index,
 * in the namespace of `where`. Works on the caller's copy. */
int xfrmif__link_resolve_dev(xfrmif_ctx *ctx, xfrmif_ctx *where,
			     xfrmif_link *l, const char *what)
{
	xfrmif_link dev;
	char buf[32];
	int r;

	if (!(l->set & (LINK_F_DEV_NAME | LINK_F_DEV_INDEX)))
		return 0;
	r = xfrmif__link_lookup(where, (l->set & LINK_F_DEV_NAME) ? l->dev_name : NULL,
				(l->set & LINK_F_DEV_INDEX) ? l->dev_index : 0,
				&dev);
	if (r == -ENODEV)
		return xfrmif__err(ctx, r, "%s: dev: no interface %s in the "
				   "namespace the link is created in", what,
				   ident(l->dev_name, (l->set & LINK_F_DEV_INDEX) ?
					 l->dev_index : 0, buf));
	if (r < 0)
		return where == ctx ? r : xfrmif__err(ctx, r, "%s", where->errmsg);
	l->dev_index = dev.ifindex;
	l->set = (l->set | LINK_F_DEV_INDEX) & ~(uint32_t)LINK_F_DEV_NAME;
	return 0;
}

/* The kernel says EOPNOTSUPP ("Unknown device type") when the kind's
 * module is not there. */
static int kind_missing(xfrmif_ctx *ctx, const xfrmif_link *l,
			const char *what)
{
	static const uint32_t feature[] = {
		[XFRMIF_LINK_KIND_XFRM] = XFRMIF_FEATURE_XFRM_INTERFACE,
		[XFRMIF_LINK_KIND_VTI] = XFRMIF_FEATURE_VTI,
		[XFRMIF_LINK_KIND_VTI6] = XFRMIF_FEATURE_VTI6,
	};

	return xfrmif__err(ctx, -EOPNOTSUPP, "%s: the kernel has no '%s' "
			   "interfaces (it needs %s)", what, l->kind_name,
			   xfrmif_feature_kernel_option(feature[l->kind]));
}

int xfrmif__link_open_target(xfrmif_ctx *ctx,
			     const struct xfrmif_link_netns_opts *t,
			     const char *prefix, int *fd)
{
	struct xfrmif_link_netns_opts o = { 0 };
	int r;

	*fd = -1;
	if (!t)
		return 0;
	r = xfrmif__opts_check(ctx, t, sizeof(o), prefix);
	if (r < 0)
		return r;
	memcpy(&o, t, t->sz < sizeof(o) ? t->sz : sizeof(o));
	if (o.flags & ~(uint32_t)XFRMIF_LINK_NETNS_FD)
		return xfrmif__err(ctx, -EINVAL, "%s.flags: unknown bits 0x%x",
				   prefix, o.flags & ~(uint32_t)XFRMIF_LINK_NETNS_FD);
	return xfrmif__netns_open(ctx, prefix, o.netns_name, o.netns_path,
				  o.netns_fd, o.flags & XFRMIF_LINK_NETNS_FD,
				  fd);
}

/* A second context in the target namespace, for reading what is there. */
static int target_ctx(xfrmif_ctx *ctx, int fd, xfrmif_ctx **out)
{
	char err[XFRMIF__ERRMSG_MAX] = "";
	struct xfrmif_ctx_opts o = {
		.sz = sizeof(o), .netns_fd = fd, .flags = XFRMIF_CTX_NETNS_FD,
		.errbuf = err, .errbuf_size = sizeof(err),
	};
	int r;

	*out = ctx;
	if (fd < 0)
		return 0;
	r = xfrmif_ctx_new(out, &o);
	if (r < 0)
		return xfrmif__err(ctx, r, "link add: opts.netns: %s", err);
	return 0;
}

struct add_state {
	xfrmif_link l;  /* the caller's link, device resolved */
	xfrmif_link cur; /* what has the name now, if anything */
	int fd;
	xfrmif_ctx *where;
};

static int add_in(xfrmif_ctx *ctx, struct add_state *s, bool replace)
{
	const char *what = "link add";
	struct nl_msg *msg;
	int r;

	r = xfrmif__link_lookup(s->where, s->l.name, 0, &s->cur);
	if (r == 0 && !replace)
		return xfrmif__err(ctx, -EEXIST, "%s: name: an interface '%s' "
				   "exists already", what, s->l.name);
	if (r == 0 && s->cur.kind != s->l.kind)
		return xfrmif__err(ctx, -EEXIST, "%s: name: '%s' exists, of kind "
				   "%s; replacing cannot change the "
				   "kind to %s", what, s->l.name,
				   s->cur.kind_name[0] ? s->cur.kind_name : "plain",
				   s->l.kind_name);
	if (r < 0 && r != -ENODEV)
		return s->where == ctx ? r : xfrmif__err(ctx, r, "%s", s->where->errmsg);
	r = xfrmif__link_resolve_dev(ctx, s->where, &s->l, what);
	if (r < 0)
		return r;
	if (replace && s->cur.ifindex) {
		/* Update in place through the namespace that holds it. */
		r = xfrmif__link_build_new(&s->l, 0, -1, &msg);
		r = xfrmif__link_send(s->where, msg, r, what, NULL, NULL, 0);
		if (r < 0 && s->where != ctx)
			xfrmif__err(ctx, r, "%s", s->where->errmsg);
		return r;
	}
	r = xfrmif__link_build_new(&s->l, NLM_F_CREATE | NLM_F_EXCL, s->fd, &msg);
	r = xfrmif__link_send(ctx, msg, r, what, NULL, NULL, 0);
	if (r == -EOPNOTSUPP)
		return kind_missing(ctx, &s->l, what);
	if (r == -EEXIST && s->l.kind == XFRMIF_LINK_KIND_XFRM)
		return xfrmif__err(ctx, r, "%s: %s", what, s->l.external ?
				   "external: the namespace has an external "
				   "xfrm interface already" :
				   "if_id: another xfrm interface has this "
				   "if_id");
	return r;
}

XFRMIF_EXPORT int xfrmif_link_add(xfrmif_ctx *ctx, const xfrmif_link *link,
				  const struct xfrmif_link_add_opts *opts)
{
	struct xfrmif_link_add_opts o = { 0 };
	struct add_state *s;
	int r;

	if (!ctx)
		return -EINVAL;
	r = xfrmif__opts_check(ctx, opts, sizeof(o), "link add: opts");
	if (r < 0)
		return r;
	if (opts)
		memcpy(&o, opts, opts->sz < sizeof(o) ? opts->sz : sizeof(o));
	if (o.flags & ~(uint32_t)XFRMIF_LINK_ADD_REPLACE)
		return xfrmif__err(ctx, -EINVAL, "link add: opts.flags: unknown "
				   "bits 0x%x", o.flags);
	r = xfrmif__link_validate(ctx, link, true, "link add");
	if (r < 0)
		return r;
	s = calloc(1, sizeof(*s));
	if (!s)
		return xfrmif__err(ctx, -ENOMEM, "link add: out of memory");
	s->l = *link;
	/* An ifindex would make the kernel try to give the new link that
	 * index; add is by name. */
	s->l.set &= ~(uint32_t)LINK_F_IFINDEX;
	r = xfrmif__link_open_target(ctx, o.netns, "link add: opts.netns", &s->fd);
	if (r >= 0)
		r = target_ctx(ctx, s->fd, &s->where);
	if (r >= 0)
		r = add_in(ctx, s, o.flags & XFRMIF_LINK_ADD_REPLACE);
	if (s->where && s->where != ctx)
		xfrmif_ctx_unref(s->where);
	if (s->fd >= 0)
		close(s->fd);
	free(s);
	return r < 0 ? r : 0;
}

/* The kind parameters `cur` has, with the ones `l` sets on top: the kernel
 * resets every parameter a change leaves out. */
static void merge(xfrmif_link *m, const xfrmif_link *cur, const xfrmif_link *l)
{
	const uint32_t data = LINK_F_KIND_DATA;

	*m = *cur;
	m->set &= ~(uint32_t)(LINK_F_NAME | LINK_F_MTU | LINK_F_UP | LINK_F_FLAGS |
			      LINK_F_NETNSID | LINK_F_DP4 | LINK_F_DP6 |
			      LINK_F_GROUP);
	if (!(l->set & data))
		m->set &= ~data;
	if ((l->set & LINK_F_NAME) && (l->set & LINK_F_IFINDEX)) {
		memcpy(m->name, l->name, sizeof(m->name));
		m->set |= LINK_F_NAME;
	}
	if (l->set & LINK_F_MTU) {
		m->mtu = l->mtu;
		m->set |= LINK_F_MTU;
	}
	if (l->set & LINK_F_UP) {
		m->up = l->up;
		m->set |= LINK_F_UP;
	}
	if (l->set & LINK_F_GROUP) {
		m->group = l->group;
		m->set |= LINK_F_GROUP;
	}
	if (!(l->set & data))
		return;
	if (l->set & (LINK_F_DEV_NAME | LINK_F_DEV_INDEX)) {
		m->set &= ~(uint32_t)(LINK_F_DEV_NAME | LINK_F_DEV_INDEX);
		m->set |= l->set & (LINK_F_DEV_NAME | LINK_F_DEV_INDEX);
		memcpy(m->dev_name, l->dev_name, sizeof(m->dev_name));
		m->dev_index = l->dev_index;
	}
#define TAKE(bit, field)                                                       \
	do {                                                                   \
		if (l->set & (bit)) {                                          \
			m->field = l->field;                                   \
			m->set |= (bit);                                       \
		}                                                              \
	} while (0)
	TAKE(LINK_F_IF_ID, if_id);
	TAKE(LINK_F_EXTERNAL, external);
	TAKE(LINK_F_IKEY, ikey);
	TAKE(LINK_F_OKEY, okey);
	TAKE(LINK_F_FWMARK, fwmark);
	if (l->set & LINK_F_LOCAL) {
		m->local = l->local;
		m->local_family = l->local_family;
		m->set |= LINK_F_LOCAL;
	}
	if (l->set & LINK_F_REMOTE) {
		m->remote = l->remote;
		m->remote_family = l->remote_family;
		m->set |= LINK_F_REMOTE;
	}
#undef TAKE
}

XFRMIF_EXPORT int xfrmif_link_modify(xfrmif_ctx *ctx, const xfrmif_link *link)
{
	const char *what = "link modify";
	xfrmif_link cur, m;
	struct nl_msg *msg;
	int r;

	if (!ctx)
		return -EINVAL;
	r = xfrmif__link_validate(ctx, link, false, what);
	if (r < 0)
		return r;
	r = xfrmif__link_lookup(ctx, link->name,
				(link->set & LINK_F_IFINDEX) ? link->ifindex : 0,
				&cur);
	if (r < 0)
		return r;
	if ((link->set & LINK_F_KIND) && link->kind != cur.kind)
		return xfrmif__err(ctx, -EOPNOTSUPP, "%s: kind: '%s' is a %s "
				   "interface, not %s", what, cur.name,
				   cur.kind_name[0] ? cur.kind_name : "plain",
				   link->kind_name);
	if ((link->set & LINK_F_KIND_DATA) &&
	    !xfrmif_link_kind_name(cur.kind))
		return xfrmif__err(ctx, -EOPNOTSUPP, "%s: '%s' is not an xfrm "
				   "or vti interface: it has no such "
				   "parameters", what, cur.name);
	merge(&m, &cur, link);
	if (m.set & LINK_F_KIND_DATA) {
		r = kind_args_check(ctx, &m, what);
		r = r ?: xfrmif__link_resolve_dev(ctx, ctx, &m, what);
		if (r < 0)
			return r;
	} else {
		/* No kind data: nothing for the kind to check. */
		m.set &= ~(uint32_t)LINK_F_KIND;
	}
	r = xfrmif__link_build_new(&m, 0, -1, &msg);
	return xfrmif__link_send(ctx, msg, r, what, NULL, NULL, 0);
}

static int del_one(xfrmif_ctx *ctx, const char *name, uint32_t ifindex)
{
	struct nl_msg *msg;
	char buf[32];
	int r;

	r = xfrmif__link_build_del(name, ifindex, &msg);
	r = xfrmif__link_send(ctx, msg, r, "link del", NULL, NULL, 0);
	if (r == -ENODEV)
		return xfrmif__err(ctx, r, "link del: no interface %s",
				   ident(name, ifindex, buf));
	return r;
}

XFRMIF_EXPORT int xfrmif_link_del(xfrmif_ctx *ctx, const xfrmif_link *link)
{
	int r;

	if (!ctx)
		return -EINVAL;
	r = xfrmif__link_validate(ctx, link, false, "link del");
	if (r < 0)
		return r;
	return del_one(ctx, link->name,
		       (link->set & LINK_F_IFINDEX) ? link->ifindex : 0);
}

XFRMIF_EXPORT int xfrmif_link_del_by_name(xfrmif_ctx *ctx, const char *name)
{
	if (!ctx)
		return -EINVAL;
	if (!name || !*name || strlen(name) >= IFNAMSIZ)
		return xfrmif__err(ctx, -EINVAL, "link del: name: not an "
				   "interface name");
	return del_one(ctx, name, 0);
}

XFRMIF_EXPORT int xfrmif_link_del_by_index(xfrmif_ctx *ctx, uint32_t ifindex)
{
	if (!ctx)
		return -EINVAL;
	if (!ifindex || ifindex > INT32_MAX)
		return xfrmif__err(ctx, -EINVAL, "link del: ifindex: %u is not "
				   "an interface index", ifindex);
	return del_one(ctx, NULL, ifindex);
}

static int get_one(xfrmif_link **ret, xfrmif_ctx *ctx, const char *name,
		   uint32_t ifindex)
{
	xfrmif_link *l;
	int r;

	*ret = NULL;
	l = malloc(sizeof(*l));
	if (!l)
		return xfrmif__err(ctx, -ENOMEM, "link get: out of memory");
	r = xfrmif__link_lookup(ctx, name, ifindex, l);
	if (r < 0) {
		free(l);
		return r;
	}
	*ret = l;
	return 0;
}

XFRMIF_EXPORT int xfrmif_link_get_by_name(xfrmif_link **ret, xfrmif_ctx *ctx,
					  const char *name)
{
	if (!ret || !ctx)
		return -EINVAL;
	*ret = NULL;
	if (!name || !*name || strlen(name) >= IFNAMSIZ)
		return xfrmif__err(ctx, -EINVAL, "link get: name: not an "
				   "interface name");
	return get_one(ret, ctx, name, 0);
}

XFRMIF_EXPORT int xfrmif_link_get_by_index(xfrmif_link **ret, xfrmif_ctx *ctx,
					   uint32_t ifindex)
{
	if (!ret || !ctx)
		return -EINVAL;
	*ret = NULL;
	if (!ifindex || ifindex > INT32_MAX)
		return xfrmif__err(ctx, -EINVAL, "link get: ifindex: %u is not "
				   "an interface index", ifindex);
	return get_one(ret, ctx, NULL, ifindex);
}

struct list_state {
	uint32_t kind;
	xfrmif_link_list_fn fn;
	void *arg;
	int count;
	xfrmif_link l; /* reused for every entry */
};

static int on_list(xfrmif_ctx *ctx, const struct nlmsghdr *nlh, void *arg)
{
	struct list_state *s = arg;
	int r;

	if (nlh->nlmsg_type != RTM_NEWLINK)
		return 0;
	r = xfrmif__link_parse(nlh, &s->l);
	if (r < 0)
		return xfrmif__err(ctx, r, "link list: a malformed link "
				   "message from the kernel");
	if (s->kind && s->l.kind != s->kind)
		return 0;
	s->count++;
	return s->fn(&s->l, s->arg);
}

XFRMIF_EXPORT int xfrmif_link_list(xfrmif_ctx *ctx,
				   const struct xfrmif_link_filter *filter,
				   xfrmif_link_list_fn fn, void *arg)
{
	struct xfrmif_link_filter f = { 0 };
	struct list_state *s;
	struct nl_msg *msg;
	int r;

	if (!ctx)
		return -EINVAL;
	if (!fn)
		return xfrmif__err(ctx, -EINVAL, "link list: fn: must not be "
				   "NULL");
	r = xfrmif__opts_check(ctx, filter, sizeof(f), "link list: filter");
	if (r < 0)
		return r;
	if (filter)
		memcpy(&f, filter, filter->sz < sizeof(f) ? filter->sz : sizeof(f));
	if (f.kind > XFRMIF_LINK_KIND_OTHER)
		return xfrmif__err(ctx, -EINVAL, "link list: filter.kind: %u is "
				   "not an enum xfrmif_link_kind", f.kind);
	s = calloc(1, sizeof(*s));
	if (!s)
		return xfrmif__err(ctx, -ENOMEM, "link list: out of memory");
	s->kind = f.kind;
	s->fn = fn;
	s->arg = arg;
	r = xfrmif__link_build_dump(f.kind, &msg);
	r = xfrmif__link_send(ctx, msg, r, "link list", on_list, s, XFRMIF__REQ_DUMP);
	if (r >= 0)
		r = s->count;
	free(s);
	return r;
}
