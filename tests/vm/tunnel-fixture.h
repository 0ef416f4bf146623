/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Shared by the tunnel vm tests: two named namespaces A and B joined by a
 * veth pair with IPv4 and IPv6 outer addresses, the description of each
 * side's tunnel (inner 192.0.2.1/2001:db8:2::1 in A, .2/::2 in B, routes to
 * the other side), and the iproute2 checks.
 */
#ifndef XFRMIF_TUNNEL_FIXTURE_H
#define XFRMIF_TUNNEL_FIXTURE_H

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#include "xtest.h"

#define GCM "rfc4106(gcm(aes))"
static const uint8_t key1[20] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
				  11, 12, 13, 14, 15, 16, 17, 18, 19, 20 };
static const uint8_t key2[20] = { 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
				  31, 32, 33, 34, 35, 36, 37, 38, 39, 40 };

/* The two namespaces of one test. */
struct pair {
	char a[64], b[64];
	xfrmif_ctx *ca, *cb;
};

static inline void pair_up(struct pair *p, const char *tag)
{
	char t[32];

	snprintf(t, sizeof(t), "%s-a", tag);
	snprintf(p->a, sizeof(p->a), "%s", xt_named_netns(t));
	snprintf(t, sizeof(t), "%s-b", tag);
	snprintf(p->b, sizeof(p->b), "%s", xt_named_netns(t));
	ck_assert_int_eq(xt_sh("ip netns add %s && ip netns add %s && "
			       "ip -n %s link add veth-a type veth peer name veth-b netns %s && "
			       "ip -n %s addr add 198.51.100.1/24 dev veth-a && "
			       "ip -n %s addr add 198.51.100.2/24 dev veth-b && "
			       "ip -n %s addr add 2001:db8:1::1/64 dev veth-a nodad && "
			       "ip -n %s addr add 2001:db8:1::2/64 dev veth-b nodad && "
			       "ip -n %s link set veth-a up && ip -n %s link set veth-b up && "
			       "ip -n %s link set lo up && ip -n %s link set lo up",
			       p->a, p->b, p->a, p->b, p->a, p->b, p->a, p->b,
			       p->a, p->b, p->a, p->b), 0);
	XFRMIF_OPTS(xfrmif_ctx_opts, oa, .netns_name = p->a);
	XFRMIF_OPTS(xfrmif_ctx_opts, ob, .netns_name = p->b);
	XT_ASSERT_OK(xfrmif_ctx_new(&p->ca, &oa));
	XT_ASSERT_OK(xfrmif_ctx_new(&p->cb, &ob));
}

static inline void pair_down(struct pair *p)
{
	xfrmif_ctx_unref(p->ca);
	xfrmif_ctx_unref(p->cb);
	xt_sh("ip netns del %s; ip netns del %s", p->a, p->b);
}

static inline void pton(int fam, const char *s, void *out)
{
	ck_assert_int_eq(inet_pton(fam, s, out), 1);
}

static inline xfrmif_sa *sa_params(uint32_t spi, const uint8_t *key)
{
	xfrmif_sa *sa;

	XT_ASSERT_OK(xfrmif_sa_new(&sa));
	XT_ASSERT_OK(xfrmif_sa_set_spi(sa, spi));
	XT_ASSERT_OK(xfrmif_sa_set_aead(sa, GCM, key, 20, 128));
	XT_ASSERT_OK(xfrmif_sa_set_replay_window(sa, 32));
	return sa;
}

static inline void add_pfx(xfrmif_tunnel *t, int what, const char *s, uint8_t len)
{
	unsigned char a[16];
	int fam = strchr(s, ':') ? AF_INET6 : AF_INET;

	pton(fam, s, a);
	if (what == 0)
		XT_ASSERT_OK(xfrmif_tunnel_add_address(t, fam, a, len));
	else
		XT_ASSERT_OK(xfrmif_tunnel_add_route(t, fam, a, len));
}

/*
 * One side's description: side 0 is A (inner 192.0.2.1, 2001:db8:2::1),
 * side 1 is B. Outer addresses of family `outer`.
 */
static inline xfrmif_tunnel *side(uint32_t kind, int outer, int s)
{
	const char *o4[2] = { "198.51.100.1", "198.51.100.2" };
	const char *o6[2] = { "2001:db8:1::1", "2001:db8:1::2" };
	const char *i4[2] = { "192.0.2.1", "192.0.2.2" };
	const char *i6[2] = { "2001:db8:2::1", "2001:db8:2::2" };
	const char *const *o = outer == AF_INET ? o4 : o6;
	unsigned char a[16];
	xfrmif_tunnel *t;
	xfrmif_sa *out = sa_params(s ? 0x2000 : 0x1000, s ? key2 : key1);
	xfrmif_sa *in = sa_params(s ? 0x1000 : 0x2000, s ? key1 : key2);

	XT_ASSERT_OK(xfrmif_tunnel_new(&t));
	XT_ASSERT_OK(xfrmif_tunnel_set_name(t, "tun0"));
	XT_ASSERT_OK(xfrmif_tunnel_set_kind(t, kind));
	if (kind == XFRMIF_LINK_KIND_XFRM) {
		XT_ASSERT_OK(xfrmif_tunnel_set_if_id(t, 42));
		XT_ASSERT_OK(xfrmif_tunnel_set_dev(t, s ? "veth-b" : "veth-a"));
	} else {
		XT_ASSERT_OK(xfrmif_tunnel_set_ikey(t, 11));
		XT_ASSERT_OK(xfrmif_tunnel_set_okey(t, 12));
	}
	pton(outer, o[s], a);
	XT_ASSERT_OK(xfrmif_tunnel_set_local(t, outer, a));
	pton(outer, o[!s], a);
	XT_ASSERT_OK(xfrmif_tunnel_set_remote(t, outer, a));
	XT_ASSERT_OK(xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_OUT, out));
	XT_ASSERT_OK(xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_IN, in));
	add_pfx(t, 0, i4[s], 32);
	add_pfx(t, 0, i6[s], 128);
	add_pfx(t, 1, i4[!s], 32);
	add_pfx(t, 1, i6[!s], 128);
	xfrmif_sa_free(out);
	xfrmif_sa_free(in);
	return t;
}

static inline void up(xfrmif_ctx *ctx, const xfrmif_tunnel *t)
{
	int r = xfrmif_tunnel_up(ctx, t);

	ck_assert_msg(r == 0, "tunnel up: %d %s", r, xfrmif_ctx_errmsg(ctx));
}

/* Nothing of a tunnel is left in namespace ns. */
static inline void nothing_left(const char *ns)
{
	char *st = xt_sh_out("ip -n %s xfrm state; ip -n %s xfrm policy", ns, ns);

	ck_assert_msg(!*st, "left behind in %s:\n%s", ns, st);
	free(st);
	ck_assert_int_ne(xt_sh("ip -n %s link show tun0 >/dev/null 2>&1", ns), 0);
}

/* Every SA in ns counted packets (ESP was on the wire both ways). */
static inline void esp_counted(const char *ns)
{
	char *c = xt_sh_out("ip -n %s -s xfrm state | "
			    "sed -n 's/.*(bytes), *\\([0-9]*\\)(packets).*/\\1/p'",
			    ns);
	int n = 0;

	for (char *p = strtok(c, "\n"); p; p = strtok(NULL, "\n"), n++)
		ck_assert_msg(atoi(p) > 0, "an SA in %s counted no packets", ns);
	ck_assert_int_eq(n, 2);
	free(c);
}

static inline void pings(const char *ns, bool v6)
{
	ck_assert_msg(xt_sh("ip netns exec %s ping %s -c 3 -i 0.3 -W 5 %s >/dev/null",
			    ns, v6 ? "-6" : "", v6 ? "2001:db8:2::2" :
			    "192.0.2.2") == 0, "ping%s through the tunnel",
		      v6 ? " -6" : "");
}

#endif
