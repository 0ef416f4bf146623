/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Example: a route-based IPsec tunnel over an xfrm interface, in one call.
 *
 *   tunnel-xfrm up LOCAL REMOTE     (run as root, in the namespace to use)
 *   tunnel-xfrm down
 *
 * Creates ipsec0 (if_id 42) with an ESP SA each way, the in/out/fwd
 * policies (wildcard selectors, both inner families) carrying the same
 * if_id, address 192.0.2.1/32 and a route to 192.0.2.2/32 through it. The
 * peer runs the same with the addresses swapped and the SPIs and keys of
 * "out" and "in" exchanged (see examples/demo-tunnel.sh).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

/* Documentation keys: AES-128-GCM, 16 key bytes + 4 salt bytes. */
static const uint8_t key_out[20] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
				     13, 14, 15, 16, 17, 18, 19, 20 };
static const uint8_t key_in[20] = { 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
				    31, 32, 33, 34, 35, 36, 37, 38, 39, 40 };

/* Fills family and addr from text (IPv4 or IPv6). */
static int parse(const char *s, int *family, void *addr)
{
	*family = strchr(s, ':') ? AF_INET6 : AF_INET;
	return inet_pton(*family, s, addr) == 1 ? 0 : -EINVAL;
}

/* One SA's own parameters; the tunnel adds addresses, if_id and reqid. */
static xfrmif_sa *esp(uint32_t spi, const uint8_t *key)
{
	xfrmif_sa *sa = NULL;

	if (xfrmif_sa_new(&sa) == 0) {
		xfrmif_sa_set_spi(sa, spi);
		xfrmif_sa_set_aead(sa, "rfc4106(gcm(aes))", key, 20, 128);
		xfrmif_sa_set_replay_window(sa, 32);
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
	int lf, rf, r;
	bool down = argc == 2 && !strcmp(argv[1], "down");

	if (!down && (argc != 4 || strcmp(argv[1], "up") ||
		      parse(argv[2], &lf, local) || parse(argv[3], &rf, remote))) {
		fprintf(stderr, "usage: %s up LOCAL REMOTE | down\n", argv[0]);
		return 2;
	}
	if ((r = xfrmif_ctx_new(&ctx, NULL)) < 0 || (r = xfrmif_tunnel_new(&t)) < 0)
		goto fail;
	xfrmif_tunnel_set_name(t, "ipsec0");
	if (down) {
		/* The name is enough: the rest is found by the if_id. */
		r = xfrmif_tunnel_down(ctx, t);
		goto done;
	}
	/* The one key that ties interface, SAs and policies together. */
	xfrmif_tunnel_set_kind(t, XFRMIF_LINK_KIND_XFRM);
	xfrmif_tunnel_set_if_id(t, 42);
	xfrmif_tunnel_set_local(t, lf, local);
	xfrmif_tunnel_set_remote(t, rf, remote);
	out = esp(0x1000a001, key_out);
	in = esp(0x1000b002, key_in);
	xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_OUT, out);
	xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_IN, in);
	inet_pton(AF_INET, "192.0.2.1", a);
	xfrmif_tunnel_add_address(t, AF_INET, a, 32);
	inet_pton(AF_INET, "192.0.2.2", a);
	xfrmif_tunnel_add_route(t, AF_INET, a, 32);
	/* All or nothing: on failure nothing of it is left in the kernel. */
	r = xfrmif_tunnel_up(ctx, t);
done:
	if (r < 0)
		goto fail;
	printf("ipsec0 %s\n", down ? "removed" : "is up");
	return 0;
fail:
	fprintf(stderr, "%s: %s (%s)\n", argv[0], strerror(-r),
		ctx ? xfrmif_ctx_errmsg(ctx) : "");
	return 1;
}
