/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Capability probe. Each feature is asked of the kernel for real, with
 * throw-away objects whose names, SPIs and marks nothing else uses; whatever
 * comes into being is removed before returning.
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/rtnetlink.h>
#include <linux/xfrm.h>

#include <netlink/attr.h>
#include <netlink/msg.h>

#include "internal.h"
#include "kcompat.h"

static const struct {
	uint32_t bit;
	const char *name;
	const char *option;
} features[] = {
	{ XFRMIF_FEATURE_XFRM_INTERFACE, "xfrm_interface", "CONFIG_XFRM_INTERFACE" },
	{ XFRMIF_FEATURE_XFRM_EXTERNAL, "xfrm_interface_external",
	  "CONFIG_XFRM_INTERFACE (Linux 6.0 or later)" },
	{ XFRMIF_FEATURE_VTI, "vti", "CONFIG_NET_IPVTI" },
	{ XFRMIF_FEATURE_VTI6, "vti6", "CONFIG_IPV6_VTI" },
	{ XFRMIF_FEATURE_ESP4, "esp4", "CONFIG_INET_ESP" },
	{ XFRMIF_FEATURE_ESP6, "esp6", "CONFIG_INET6_ESP" },
	{ XFRMIF_FEATURE_SA_DIR, "sa_dir", "Linux 6.10 or later (XFRMA_SA_DIR)" },
};

XFRMIF_EXPORT const char *xfrmif_feature_name(uint32_t feature)
{
	for (size_t i = 0; i < XFRMIF_ARRAY_SIZE(features); i++)
		if (features[i].bit == feature)
			return features[i].name;
	return NULL;
}

XFRMIF_EXPORT const char *xfrmif_feature_kernel_option(uint32_t feature)
{
	for (size_t i = 0; i < XFRMIF_ARRAY_SIZE(features); i++)
		if (features[i].bit == feature)
			return features[i].option;
	return NULL;
}

/* A name no one else picks: pid and clock mixed into 6 hex digits. */
static void probe_name(char name[IFNAMSIZ], const char *tag)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(name, IFNAMSIZ, "xp%s%06lx", tag,
		 ((unsigned long)getpid() * 2654435761ul ^ (unsigned long)ts.tv_nsec) &
			 0xfffffful);
}

/* An RTM_NEWLINK under construction: both nests stay open until
 * newlink_end(). */
struct newlink {
	struct nl_msg *msg;
	struct nlattr *info, *data;
};

/* Starts creating interface `name` of `kind`; returns false on ENOMEM. */
static bool newlink_begin(struct newlink *nl, const char *name, const char *kind)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };

	nl->msg = xfrmif__msg_new(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	if (!nl->msg)
		return false;
	if (nlmsg_append(nl->msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_string(nl->msg, IFLA_IFNAME, name) < 0 ||
	    !(nl->info = nla_nest_start(nl->msg, IFLA_LINKINFO)) ||
	    nla_put_string(nl->msg, IFLA_INFO_KIND, kind) < 0 ||
	    !(nl->data = nla_nest_start(nl->msg, IFLA_INFO_DATA))) {
		xfrmif__msg_free(nl->msg);
		nl->msg = NULL;
		return false;
	}
	return true;
}

/* Closes the nests; `ok` tells whether filling the data nest worked.
 * Returns the message, or NULL (freed) when anything failed. */
static struct nl_msg *newlink_end(struct newlink *nl, bool ok)
{
	if (!nl->msg)
		return NULL;
	if (!ok) {
		xfrmif__msg_free(nl->msg);
		return NULL;
	}
	nla_nest_end(nl->msg, nl->data);
	nla_nest_end(nl->msg, nl->info);
	return nl->msg;
}

static int send_req(xfrmif_ctx *ctx, enum xfrmif__proto proto,
		    struct nl_msg *msg, const char *what,
		    xfrmif__reply_fn fn, void *arg)
{
	struct xfrmif__req req = {
		.proto = proto, .msg = msg, .what = what,
		.on_reply = fn, .arg = arg,
	};

	if (!msg)
		return xfrmif__err(ctx, -ENOMEM, "%s: out of memory", what);
	return xfrmif__submit(ctx, &req);
}

static int del_link(xfrmif_ctx *ctx, const char *name)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nl_msg *msg = xfrmif__msg_new(RTM_DELLINK, 0, 0);

	if (msg && (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
		    nla_put_string(msg, IFLA_IFNAME, name) < 0)) {
		xfrmif__msg_free(msg);
		msg = NULL;
	}
	return send_req(ctx, XFRMIF__RTNL, msg, "probe: removing a test link",
			NULL, NULL);
}

/* Turns a create attempt into a yes/no. A module that is missing makes the
 * kernel answer EOPNOTSUPP ("Unknown device type"); any other refusal means
 * the kind exists and merely disliked our throw-away parameters. */
static int link_answer(xfrmif_ctx *ctx, int r, const char *name, bool *has)
{
	*has = false;
	if (r == -EOPNOTSUPP)
		return 0;
	if (r == -EPERM || r == -EACCES || r == -ENOMEM || r == -ENOBUFS)
		return r;
	*has = true;
	if (r == 0)
		return del_link(ctx, name);
	return 0;
}

static int probe_xfrmi(xfrmif_ctx *ctx, bool *has)
{
	char name[IFNAMSIZ];
	struct newlink nl;
	struct nl_msg *msg;
	int r;

	probe_name(name, "x");
	msg = newlink_end(&nl, newlink_begin(&nl, name, "xfrm") &&
				       nla_put_u32(nl.msg, IFLA_XFRM_IF_ID,
						   0xfffffff0u) == 0);
	r = send_req(ctx, XFRMIF__RTNL, msg, "probe: xfrm interface", NULL, NULL);
	return link_answer(ctx, r, name, has);
}

/* Reads IFLA_XFRM_COLLECT_METADATA out of a GETLINK answer. */
static int saw_collect_md(xfrmif_ctx *ctx, const struct nlmsghdr *nlh, void *arg)
{
	struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];
	struct nlattr *xd[IFLA_XFRM_MAX + 1];
	bool *seen = arg;

	(void)ctx;
	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    nlmsg_parse((struct nlmsghdr *)nlh, sizeof(struct ifinfomsg), tb,
			IFLA_MAX, NULL) < 0 || !tb[IFLA_LINKINFO] ||
	    nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL) < 0 ||
	    !li[IFLA_INFO_DATA] ||
	    nla_parse_nested(xd, IFLA_XFRM_MAX, li[IFLA_INFO_DATA], NULL) < 0)
		return 0;
	*seen = xd[IFLA_XFRM_COLLECT_METADATA] != NULL;
	return 0;
}

static int probe_external(xfrmif_ctx *ctx, bool *has)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	char name[IFNAMSIZ];
	struct newlink nl;
	struct nl_msg *msg;
	bool seen = false;
	int r;

	*has = false;
	probe_name(name, "e");
	msg = newlink_end(&nl, newlink_begin(&nl, name, "xfrm") &&
				       nla_put_flag(nl.msg,
						    IFLA_XFRM_COLLECT_METADATA) == 0);
	r = send_req(ctx, XFRMIF__RTNL, msg, "probe: external xfrm interface",
		     NULL, NULL);
	/* One external interface per namespace: EEXIST means one is there. */
	if (r == -EEXIST) {
		*has = true;
		return 0;
	}
	/* Kernels before 6.0 reject if_id 0 (EINVAL) or ignore the flag. */
	if (r == -EINVAL || r == -EOPNOTSUPP)
		return 0;
	if (r < 0)
		return r;
	msg = xfrmif__msg_new(RTM_GETLINK, 0, 0);
	if (msg && (nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
		    nla_put_string(msg, IFLA_IFNAME, name) < 0)) {
		xfrmif__msg_free(msg);
		msg = NULL;
	}
	r = send_req(ctx, XFRMIF__RTNL, msg, "probe: reading the test link",
		     saw_collect_md, &seen);
	*has = seen;
	{
		int d = del_link(ctx, name);
		if (r >= 0)
			r = d;
	}
	return r < 0 ? r : 0;
}

static int probe_vti(xfrmif_ctx *ctx, int family, bool *has)
{
	char name[IFNAMSIZ];
	struct newlink nl;
	struct nl_msg *msg;
	uint32_t key = htonl(0xfffffff1u);
	unsigned char local[16], remote[16];
	size_t alen = family == AF_INET ? 4 : 16;
	bool ok;
	int r;

	probe_name(name, family == AF_INET ? "v" : "w");
	if (family == AF_INET) {
		inet_pton(AF_INET, "192.0.2.254", local);
		inet_pton(AF_INET, "192.0.2.253", remote);
	} else {
		inet_pton(AF_INET6, "2001:db8::fe", local);
		inet_pton(AF_INET6, "2001:db8::fd", remote);
	}
	ok = newlink_begin(&nl, name, family == AF_INET ? "vti" : "vti6") &&
	     nla_put(nl.msg, IFLA_VTI_LOCAL, (int)alen, local) == 0 &&
	     nla_put(nl.msg, IFLA_VTI_REMOTE, (int)alen, remote) == 0 &&
	     nla_put_u32(nl.msg, IFLA_VTI_IKEY, key) == 0 &&
	     nla_put_u32(nl.msg, IFLA_VTI_OKEY, key) == 0;
	msg = newlink_end(&nl, ok);
	r = send_req(ctx, XFRMIF__RTNL, msg,
		     family == AF_INET ? "probe: vti" : "probe: vti6", NULL, NULL);
	return link_answer(ctx, r, name, has);
}

/* A throw-away ESP SA: documentation addresses, a high SPI, a mark nothing
 * else uses, so that it can neither match traffic nor collide. */
struct probe_sa {
	struct xfrm_usersa_info info;
	uint32_t mark;
};

static void probe_sa_init(struct probe_sa *p, int family)
{
	memset(p, 0, sizeof(*p));
	p->info.family = (uint16_t)family;
	p->info.id.proto = IPPROTO_ESP;
	p->info.id.spi = htonl(0xfffffff2u);
	p->info.mode = XFRM_MODE_TUNNEL;
	p->info.replay_window = 32;
	p->info.lft.soft_byte_limit = XFRM_INF;
	p->info.lft.hard_byte_limit = XFRM_INF;
	p->info.lft.soft_packet_limit = XFRM_INF;
	p->info.lft.hard_packet_limit = XFRM_INF;
	p->info.sel.family = (uint16_t)family;
	if (family == AF_INET) {
		inet_pton(AF_INET, "192.0.2.252", &p->info.saddr.a4);
		inet_pton(AF_INET, "192.0.2.251", &p->info.id.daddr.a4);
	} else {
		inet_pton(AF_INET6, "2001:db8::fc", &p->info.saddr.a6);
		inet_pton(AF_INET6, "2001:db8::fb", &p->info.id.daddr.a6);
	}
	p->mark = 0xfffffff3u;
}

static int put_mark(struct nl_msg *msg, uint32_t mark)
{
	struct xfrm_mark m = { .v = mark, .m = 0xffffffffu };

	return nla_put(msg, XFRMA_MARK, sizeof(m), &m);
}

/* Adds the throw-away SA with AEAD (aead != 0) or CBC+HMAC. */
static int probe_sa_add(xfrmif_ctx *ctx, const struct probe_sa *p, bool aead)
{
	union {
		struct xfrm_algo_aead aead;
		struct xfrm_algo_auth auth;
		struct xfrm_algo crypt;
		unsigned char raw[sizeof(struct xfrm_algo_auth) + 32];
	} alg;
	struct nl_msg *msg;
	int r;

	msg = xfrmif__msg_new(XFRM_MSG_NEWSA, 0, 0);
	if (!msg)
		return xfrmif__err(ctx, -ENOMEM, "probe: out of memory");
	r = nlmsg_append(msg, (void *)&p->info, sizeof(p->info), NLMSG_ALIGNTO);
	r = r ?: put_mark(msg, p->mark);
	memset(&alg, 0, sizeof(alg));
	if (aead) {
		snprintf(alg.aead.alg_name, sizeof(alg.aead.alg_name),
			 "rfc4106(gcm(aes))");
		alg.aead.alg_key_len = 160;
		alg.aead.alg_icv_len = 128;
		r = r ?: nla_put(msg, XFRMA_ALG_AEAD, sizeof(alg.aead) + 20, &alg);
	} else {
		snprintf(alg.crypt.alg_name, sizeof(alg.crypt.alg_name), "cbc(aes)");
		alg.crypt.alg_key_len = 128;
		r = r ?: nla_put(msg, XFRMA_ALG_CRYPT, sizeof(alg.crypt) + 16, &alg);
		memset(&alg, 0, sizeof(alg));
		snprintf(alg.auth.alg_name, sizeof(alg.auth.alg_name), "hmac(sha256)");
		alg.auth.alg_key_len = 256;
		alg.auth.alg_trunc_len = 128;
		r = r ?: nla_put(msg, XFRMA_ALG_AUTH_TRUNC, sizeof(alg.auth) + 32, &alg);
	}
	if (r < 0) {
		xfrmif__msg_free(msg);
		return xfrmif__err(ctx, -ENOMEM, "probe: out of memory");
	}
	return send_req(ctx, XFRMIF__XFRM, msg, "probe: ESP SA", NULL, NULL);
}

static int probe_sa_del(xfrmif_ctx *ctx, const struct probe_sa *p)
{
	struct xfrm_usersa_id id = {
		.daddr = p->info.id.daddr,
		.spi = p->info.id.spi,
		.family = p->info.family,
		.proto = p->info.id.proto,
	};
	struct nl_msg *msg = xfrmif__msg_new(XFRM_MSG_DELSA, 0, 0);

	if (msg && (nlmsg_append(msg, &id, sizeof(id), NLMSG_ALIGNTO) < 0 ||
		    put_mark(msg, p->mark) < 0)) {
		xfrmif__msg_free(msg);
		msg = NULL;
	}
	return send_req(ctx, XFRMIF__XFRM, msg, "probe: removing the test SA",
			NULL, NULL);
}

static int probe_esp(xfrmif_ctx *ctx, int family, bool *has)
{
	struct probe_sa p;
	int r;

	*has = false;
	probe_sa_init(&p, family);
	r = probe_sa_add(ctx, &p, true);
	/* ENOSYS: this cipher is missing; try the other common suite. */
	if (r == -ENOSYS)
		r = probe_sa_add(ctx, &p, false);
	if (r == -EEXIST) {
		*has = true;
		return 0;
	}
	/* EPROTONOSUPPORT: no ESP type; ENOSYS: no cipher to run it with. */
	if (r == -EPROTONOSUPPORT || r == -ENOSYS || r == -EAFNOSUPPORT ||
	    r == -EINVAL)
		return 0;
	if (r < 0)
		return r;
	*has = true;
	return probe_sa_del(ctx, &p);
}

/*
 * A kernel that knows XFRMA_SA_DIR validates its value before anything else
 * and points at it (NLMSGERR_ATTR_OFFS) when it is out of range; an older
 * kernel ignores the unknown attribute and trips over the unsupported
 * protocol number we also send, so nothing is ever created.
 */
int xfrmif__probe_sa_dir(xfrmif_ctx *ctx, bool *has)
{
	struct probe_sa p;
	struct nl_msg *msg;
	long offset;
	int r;

	*has = false;
	probe_sa_init(&p, AF_INET);
	p.info.id.proto = 253; /* RFC 3692 experimental: no xfrm type */
	msg = xfrmif__msg_new(XFRM_MSG_NEWSA, 0, 0);
	if (!msg)
		return xfrmif__err(ctx, -ENOMEM, "probe: out of memory");
	r = nlmsg_append(msg, &p.info, sizeof(p.info), NLMSG_ALIGNTO);
	offset = (long)nlmsg_hdr(msg)->nlmsg_len;
	r = r ?: nla_put_u8(msg, XFRMA_SA_DIR, 0);
	if (r < 0) {
		xfrmif__msg_free(msg);
		return xfrmif__err(ctx, -ENOMEM, "probe: out of memory");
	}
	r = send_req(ctx, XFRMIF__XFRM, msg, "probe: SA direction", NULL, NULL);
	if (r == 0)
		return xfrmif__err(ctx, -EPROTO, "probe: the kernel accepted an "
				   "SA it should have refused");
	if (r == -EPERM || r == -EACCES)
		return r;
	*has = ctx->last_attr_offset == offset;
	return 0;
}

XFRMIF_EXPORT int xfrmif_probe(xfrmif_ctx *ctx, uint32_t *features_out)
{
	uint32_t f = 0;
	bool has;
	int r;

	if (!ctx)
		return -EINVAL;
	if (!features_out)
		return xfrmif__err(ctx, -EINVAL, "features: must not be NULL");
	*features_out = 0;

	r = probe_xfrmi(ctx, &has);
	if (r < 0)
		return r;
	if (has) {
		f |= XFRMIF_FEATURE_XFRM_INTERFACE;
		r = probe_external(ctx, &has);
		if (r < 0)
			return r;
		if (has)
			f |= XFRMIF_FEATURE_XFRM_EXTERNAL;
	}
	r = probe_vti(ctx, AF_INET, &has);
	if (r < 0)
		return r;
	f |= has ? XFRMIF_FEATURE_VTI : 0;
	r = probe_vti(ctx, AF_INET6, &has);
	if (r < 0)
		return r;
	f |= has ? XFRMIF_FEATURE_VTI6 : 0;
	r = probe_esp(ctx, AF_INET, &has);
	if (r < 0)
		return r;
	f |= has ? XFRMIF_FEATURE_ESP4 : 0;
	r = probe_esp(ctx, AF_INET6, &has);
	if (r < 0)
		return r;
	f |= has ? XFRMIF_FEATURE_ESP6 : 0;
	r = xfrmif__probe_sa_dir(ctx, &has);
	if (r < 0)
		return r;
	f |= has ? XFRMIF_FEATURE_SA_DIR : 0;

	ctx->errmsg[0] = '\0'; /* expected refusals are not failures */
	*features_out = f;
	return 0;
}
