/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Example: a legacy VTI tunnel (marks instead of if_id), in one call.
 *
 *   tunnel-vti up LOCAL REMOTE      (run as root; IPv4 makes a vti,
 *   tunnel-vti down                  IPv6 a vti6)
 *
 * The interface's okey (12) becomes the mark of the outbound SA and the
 * outbound policy, its ikey (11) the mark of the inbound and forward
 * policies; the inbound SA carries no mark; disable_policy is set on the
 * interface so that decrypted packets pass. The library does all of that
 * from this description. Then it reads the tunnel back and prints what the
 * kernel holds.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

static const uint8_t enc_key[16] = { 1, 2, 3, 4, 5, 6, 7, 8,
				     9, 10, 11, 12, 13, 14, 15, 16 };
static const uint8_t auth_key[32] = { 42 }; /* documentation only */

/* An SA with AES-CBC and HMAC-SHA256 (128-bit ICV). */
static xfrmif_sa *esp(uint32_t spi)
{
	xfrmif_sa *sa = NULL;

	if (xfrmif_sa_new(&sa) == 0) {
		xfrmif_sa_set_spi(sa, spi);
		xfrmif_sa_set_enc(sa, "cbc(aes)", enc_key, sizeof(enc_key));
		xfrmif_sa_set_auth(sa, "hmac(sha256)", auth_key,
				   sizeof(auth_key), 128);
	}
	return sa;
}

/* Prints the tunnel as the library reads it back. */
static void show(xfrmif_ctx *ctx)
{
	__attribute__((cleanup(xfrmif_tunnel_freep))) xfrmif_tunnel *key = NULL;
	__attribute__((cleanup(xfrmif_tunnel_freep))) xfrmif_tunnel *t = NULL;
	uint32_t ikey = 0, okey = 0, spi = 0;
	const xfrmif_sa *sa;

	if (xfrmif_tunnel_new(&key) < 0 || xfrmif_tunnel_set_name(key, "vti0") < 0 ||
	    xfrmif_tunnel_get(&t, ctx, key) < 0)
		return;
	xfrmif_tunnel_get_ikey(t, &ikey);
	xfrmif_tunnel_get_okey(t, &okey);
	printf("vti0: ikey %u okey %u, %d policies\n", ikey, okey,
	       xfrmif_tunnel_get_policy_count(t));
	for (int d = 0; d < 2; d++)
		if (xfrmif_tunnel_get_sa(t, d, &sa) == 0 &&
		    xfrmif_sa_get_spi(sa, &spi) == 0)
			printf("  %s SA spi 0x%08x\n", d ? "in" : "out", spi);
}

int main(int argc, char **argv)
{
	__attribute__((cleanup(xfrmif_ctx_unrefp))) xfrmif_ctx *ctx = NULL;
	__attribute__((cleanup(xfrmif_tunnel_freep))) xfrmif_tunnel *t = NULL;
	__attribute__((cleanup(xfrmif_sa_freep))) xfrmif_sa *out = NULL;
	__attribute__((cleanup(xfrmif_sa_freep))) xfrmif_sa *in = NULL;
	unsigned char local[16], remote[16];
	int fam, r;
	bool down = argc == 2 && !strcmp(argv[1], "down");

	fam = argc == 4 && strchr(argv[2], ':') ? AF_INET6 : AF_INET;
	if (!down && (argc != 4 || strcmp(argv[1], "up") ||
		      inet_pton(fam, argv[2], local) != 1 ||
		      inet_pton(fam, argv[3], remote) != 1)) {
		fprintf(stderr, "usage: %s up LOCAL REMOTE | down\n", argv[0]);
		return 2;
	}
	if ((r = xfrmif_ctx_new(&ctx, NULL)) < 0 || (r = xfrmif_tunnel_new(&t)) < 0)
		goto fail;
	xfrmif_tunnel_set_name(t, "vti0");
	if (down) {
		r = xfrmif_tunnel_down(ctx, t);
		if (r < 0)
			goto fail;
		return 0;
	}
	xfrmif_tunnel_set_kind(t, fam == AF_INET ? XFRMIF_LINK_KIND_VTI :
						   XFRMIF_LINK_KIND_VTI6);
	xfrmif_tunnel_set_ikey(t, 11);
	xfrmif_tunnel_set_okey(t, 12);
	xfrmif_tunnel_set_local(t, fam, local);
	xfrmif_tunnel_set_remote(t, fam, remote);
	out = esp(0x2000c001);
	in = esp(0x2000d002);
	xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_OUT, out);
	xfrmif_tunnel_set_sa(t, XFRMIF_TUNNEL_IN, in);
	r = xfrmif_tunnel_up(ctx, t);
	if (r < 0)
		goto fail;
	show(ctx);
	return 0;
fail:
	fprintf(stderr, "%s: %s (%s)\n", argv[0], strerror(-r),
		ctx ? xfrmif_ctx_errmsg(ctx) : "");
	return 1;
}
