/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The batch engine: many requests pipelined per sendmsg, every answer
 * matched to its item by sequence number. The public batch API
 * (batch_api.c, include/libxfrmif/batch.h) queues through
 * xfrmif__batch_queue() with the same message builders that the single
 * calls use.
 */
#ifndef LIBXFRMIF_BATCH_ENGINE_H
#define LIBXFRMIF_BATCH_ENGINE_H

#include "internal.h"

struct xfrmif__batch_item {
	enum xfrmif__proto proto;
	uint32_t seq;
	int result;        /* 0, -errno, or 1 while not answered yet */
	char *errmsg;      /* the kernel's text for a failure (malloc'd) */
	size_t off, len;   /* where the request sits in its proto's buffer */
	/* The request that takes this item back (e.g. delete for an add),
	 * used by stop-and-undo; may be absent. */
	size_t undo_off, undo_len;
	/* No undo message kept: the undo is derived from the request itself
	 * when needed (xfrmif__batch_undo_build()). */
	bool undo_derived;
	bool secret;
	bool sent;         /* went out in a sendmsg that succeeded or broke */
	const char *what;  /* names the operation in its errmsg (static) */
};

/* A growable byte buffer that never leaves copies of its old contents in
 * freed memory (requests may hold keys). */
struct xfrmif__wbuf {
	uint8_t *data;
	size_t len, cap;
};

struct xfrmif__batch {
	xfrmif_ctx *ctx;
	struct xfrmif__batch_item *items;
	size_t n, cap;
	struct xfrmif__wbuf req[XFRMIF__NPROTO];
	struct xfrmif__wbuf undo[XFRMIF__NPROTO];
	size_t chunk_max; /* bytes of requests per sendmsg */
	/* Some request holds keys: the buffers are wiped when they grow,
	 * after sending and on release. Batches without keys skip that. */
	bool secret;
	bool wiped; /* the request buffers were wiped after sending */
	/* One message the queue calls build into and the engine copies from
	 * (xfrmif__batch_queue_copy()): no allocation per item. */
	struct nl_msg *scratch;
};

void xfrmif__batch_init(struct xfrmif__batch *b, xfrmif_ctx *ctx);
/* Wipes and frees everything the batch holds. */
void xfrmif__batch_release(struct xfrmif__batch *b);

/*
 * Queues a request (consuming req->msg and `undo`, which may be NULL).
 * Returns the item's index or a negative errno. Nothing is sent yet.
 */
int xfrmif__batch_queue(struct xfrmif__batch *b, struct xfrmif__req *req,
			struct nl_msg *undo);

/*
 * Queues an SA or policy add (consuming req->msg) whose undo, should
 * stop-and-undo need it, is derived from the add message at that time
 * rather than built and kept for every item. Returns as
 * xfrmif__batch_queue().
 */
int xfrmif__batch_queue_add(struct xfrmif__batch *b, struct xfrmif__req *req);

/*
 * As xfrmif__batch_queue() without an undo message (`derive`: as
 * xfrmif__batch_queue_add()), but copies req->msg and leaves it to the
 * caller (b->scratch, reused for the next item).
 */
int xfrmif__batch_queue_copy(struct xfrmif__batch *b,
			     const struct xfrmif__req *req, bool derive);

/*
 * Builds the delete that takes back the SA or policy add @add (an
 * XFRM_MSG_NEWSA or XFRM_MSG_NEWPOLICY message): the same request
 * xfrmif__sa_build_id() or xfrmif__policy_build_key() would build for the
 * added object. Returns 0, -ENOMEM or -EOPNOTSUPP (another message).
 */
int xfrmif__batch_undo_build(const struct nlmsghdr *add, struct nl_msg **out);

enum {
	/* Stop at the first failure and send the undo requests of what was
	 * applied, newest first. */
	XFRMIF__BATCH_STOP_AND_UNDO = 1u << 0,
};

/*
 * Sends every queued request, pipelined, and records each item's result.
 * Returns the number of failed items (0 when all succeeded), or a negative
 * errno when the exchange itself broke: then items never sent hold
 * -ECANCELED and items sent but unanswered hold that errno (their outcome is
 * unknown). With STOP_AND_UNDO, a failed item or a broken exchange undoes
 * everything applied or possibly applied, newest first; those items and
 * the ones never sent report -ECANCELED.
 */
int xfrmif__batch_commit(struct xfrmif__batch *b, uint32_t flags);

/* The public handle: the engine plus the API's own state. */
struct xfrmif_batch {
	struct xfrmif__batch e;
	bool committed; /* a batch is committed once */
};

#endif
