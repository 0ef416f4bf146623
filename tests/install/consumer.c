/* A program that knows libxfrmif only through pkg-config and the installed
 * headers: creates and frees a context. */
#include <stdio.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

int main(void)
{
	xfrmif_ctx *ctx = NULL;
	int r = xfrmif_ctx_new(&ctx, NULL);

	if (r < 0) {
		fprintf(stderr, "xfrmif_ctx_new: %s\n", strerror(-r));
		return 1;
	}
	printf("libxfrmif %s: context created\n", xfrmif_version());
	xfrmif_ctx_unref(ctx);
	return 0;
}
