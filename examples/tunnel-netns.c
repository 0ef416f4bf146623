/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Example: the interface in one namespace, its SAs and policies in another.
 *
 *   tunnel-netns up IFNS LOCAL REMOTE   (root; run in the namespace that
 *   tunnel-netns down IFNS               holds the underlay and the SAs)
 *
 * IFNS is a name under /run/netns (`ip netns add IFNS`). The xfrm interface
 * is created here, where it keeps doing its xfrm lookups and sending its
 * ESP packets, and then moved into IFNS: the namespace that routes into the
 * tunnel (a container, a VRF-like tenant) never sees the keys or the
 * underlay. Its address and route are set inside IFNS.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

static const uint8_t key_out[20] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
				     13, 14, 15, 16, 17, 18, 19, 20 };
static const uint8_t key_in[20] = { 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
				    31, 32, 33, 34, 35, 36, 37, 38, 39, 40 };

static xfrmif_sa *esp(uint32_t spi, const uint8_t *key)
{
	xfrmif_sa *sa = NULL;

	if (xfrmif_sa_new(&sa) == 0) {
		xfrmif_sa_set_spi(sa, spi);
		xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", key, 20, 128);
	}
	return sa;
}

int main(int argc, char **argv)
{
	__attribute__((cleanup(xfrmif_ctx_unrefp))) xfrmif_ctx *ctx = NULL;
	__attribute__((cleanup(xfrmif_tunnel_freep))) xfrmif_tunnel *t = NULL;
	__attribute__((cleanup(xfrmif_sa_freep))) xfrmif_sa *out = NULL;
	__attribute__((cleanup(xfrmif_sa_freep))) xfrmif_sa *in = NULL;
	unsigned char local[16], remote[16], a[16];
	int fam, r;
	bool down = argc == 3 && !strcmp(argv[1], "down");

	fam = argc == 5 && strchr(argv[3], ':') ? AF_INET6 : AF_INET;
	if (!down && (argc != 5 || strcmp(argv[1], "up") ||
		      inet_pton(fam, argv[3], local) != 1 ||
		      inet_pton(fam, argv[4], remote) != 1)) {
		fprintf(stderr, "usage: %s up IFNS LOCAL REMOTE | down IFNS\n",
			argv[0]);
		return 2;
	}
	/* The context lives where the SAs and policies go. */
	if ((r = xfrmif_ctx_new(&ctx, NULL)) < 0 || (r = xfrmif_tunnel_new(&t)) < 0)
		goto fail;
	xfrmif_tunnel_set_name(t, "ipsec0");
	xfrmif_tunnel_set_link_netns(t, argv[2]);
	if (down) {
		r = xfrmif_tunnel_down(ctx, t);
		if (r < 0)
			goto fail;
		return 0;
	}
	xfrmif_tunnel_set_kind(t, XFRMIF_LINK_KIND_XFRM);
	xfrmif_tunnel_set_if_id(t, 7);
	xfrmif_tunnel_set_local(t, fam, local);
	xfrmif_tunnel_set_remote(t, fam, remote);
	out = esp(0x3000e001, key_out);
	in = esp(0x3000f002, key_in);
	xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_OUT, out);
	xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_IN, in);
	/* These land in IFNS, with the interface. */
	inet_pton(AF_INET, "192.0.2.1", a);
	xfrmif_tunnel_add_address(t, AF_INET, a, 32);
	inet_pton(AF_INET, "192.0.2.2", a);
	xfrmif_tunnel_add_route(t, AF_INET, a, 32);
	r = xfrmif_tunnel_up(ctx, t);
	if (r < 0)
		goto fail;
	printf("ipsec0 is up in %s; SAs and policies stay here\n", argv[2]);
	return 0;
fail:
	fprintf(stderr, "%s: %s (%s)\n", argv[0], strerror(-r),
		ctx ? xfrmif_ctx_errmsg(ctx) : "");
	return 1;
}
