/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The threading rule under ThreadSanitizer: several threads, each with its
 * own context in the same namespace, add, list, get and delete policies at
 * once. The library has no shared mutable state, so TSan must stay quiet,
 * and the kernel must end up holding exactly what the threads left.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxfrmif/xfrmif.h>

#define THREADS 4
#define ROUNDS 200

struct job {
	int id;
	int kept;  /* policies this thread leaves installed */
	int error; /* first failure, 0 if none */
};

static int count_cb(const xfrmif_policy *p, void *arg)
{
	(void)p;
	++*(int *)arg;
	return 0;
}

static void *worker(void *arg)
{
	struct job *job = arg;
	xfrmif_ctx *ctx = NULL;
	unsigned char src[16], dst[16];
	int r;

	r = xfrmif_ctx_new(&ctx, NULL);
	if (r < 0) {
		job->error = r;
		return NULL;
	}
	inet_pton(AF_INET6, "2001:db8::", src);
	for (int i = 0; i < ROUNDS && !job->error; i++) {
		xfrmif_policy *p = NULL, *got = NULL;
		int seen = 0;

		inet_pton(AF_INET6, "2001:db8:1::", dst);
		dst[12] = (unsigned char)job->id;
		dst[14] = (unsigned char)(i >> 8);
		dst[15] = (unsigned char)i;
		xfrmif_policy_new(&p);
		xfrmif_policy_set_src(p, AF_INET6, src, 64);
		xfrmif_policy_set_dst(p, AF_INET6, dst, 128);
		xfrmif_policy_set_dir(p, XFRMIF_POLICY_DIR_OUT);
		xfrmif_policy_set_if_id(p, (uint32_t)(job->id + 1));
		xfrmif_policy_set_action(p, XFRMIF_POLICY_BLOCK);
		r = xfrmif_policy_add(ctx, p);
		if (r == 0)
			r = xfrmif_policy_get(&got, ctx, p);
		if (r == 0 && i % 10 == 0)
			r = xfrmif_policy_list(ctx, NULL, count_cb, &seen);
		/* keep every other policy */
		if (r >= 0 && i % 2)
			r = xfrmif_policy_del(ctx, p);
		else if (r >= 0)
			job->kept++;
		if (r < 0) {
			fprintf(stderr, "thread %d round %d: %s\n", job->id, i,
				xfrmif_ctx_errmsg(ctx));
			job->error = r;
		}
		xfrmif_policy_free(got);
		xfrmif_policy_free(p);
	}
	xfrmif_ctx_unref(ctx);
	return NULL;
}

int main(void)
{
	pthread_t t[THREADS];
	struct job jobs[THREADS];
	xfrmif_ctx *ctx = NULL;
	int total = 0, kept = 0, failed = 0;

	for (int i = 0; i < THREADS; i++) {
		jobs[i] = (struct job){ .id = i };
		pthread_create(&t[i], NULL, worker, &jobs[i]);
	}
	for (int i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		kept += jobs[i].kept;
		failed |= jobs[i].error != 0;
	}
	if (xfrmif_ctx_new(&ctx, NULL) < 0 ||
	    xfrmif_policy_list(ctx, NULL, count_cb, &total) < 0)
		return 1;
	xfrmif_ctx_unref(ctx);
	printf("# %d threads x %d rounds: %d policies kept, %d in the kernel\n",
	       THREADS, ROUNDS, kept, total);
	if (failed || total != kept) {
		printf("1..1\nnot ok 1 - concurrent contexts\n");
		return 1;
	}
	printf("1..1\nok 1 - concurrent contexts\n");
	return 0;
}
