/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Pipelined requests. The kernel handles a netlink sendmsg synchronously,
 * message by message, and queues one answer per message that asked for an
 * ACK or failed; so after each sendmsg every answer is already waiting in
 * our receive queue. A chunk is therefore kept small enough that all of its
 * answers fit the receive buffer (lost answers would surface as ENOBUFS).
 */
#include <stdlib.h>
#include <string.h>

#include <netlink/msg.h>

#include "batch_engine.h"

/* Bytes and messages per sendmsg: below the smallest socket buffers an
 * unprivileged socket gets (rmem_max/wmem_max default to 208 KiB; each
 * answer costs about 1 KiB of receive-buffer truesize). */
#define CHUNK_BYTES (64u * 1024u)
#define CHUNK_MSGS 128u

static int wbuf_reserve(struct xfrmif__wbuf *w, size_t more, bool secret)
{
	size_t cap = w->cap ? w->cap : 4096;
	uint8_t *p;

	if (w->len + more <= w->cap)
		return 0;
	while (cap < w->len + more)
		cap *= 2;
	if (!secret) {
		p = realloc(w->data, cap);
		if (!p)
			return -ENOMEM;
		w->data = p;
		w->cap = cap;
		return 0;
	}
	/* Not realloc(): the old block may hold keys and must be wiped. */
	p = malloc(cap);
	if (!p)
		return -ENOMEM;
	if (w->data) {
		memcpy(p, w->data, w->len);
		explicit_bzero(w->data, w->cap);
		free(w->data);
	}
	w->data = p;
	w->cap = cap;
	return 0;
}

static void wbuf_release(struct xfrmif__wbuf *w, bool wipe)
{
	if (w->data) {
		if (wipe)
			explicit_bzero(w->data, w->cap);
		free(w->data);
	}
	memset(w, 0, sizeof(*w));
}

void xfrmif__batch_init(struct xfrmif__batch *b, xfrmif_ctx *ctx)
{
	memset(b, 0, sizeof(*b));
	b->ctx = ctx;
	b->chunk_max = CHUNK_BYTES;
}

void xfrmif__batch_release(struct xfrmif__batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->items[i].errmsg);
	free(b->items);
	for (size_t p = 0; p < XFRMIF__NPROTO; p++) {
		wbuf_release(&b->req[p], b->secret && !b->wiped);
		wbuf_release(&b->undo[p], b->secret);
	}
	xfrmif__msg_free(b->scratch);
	b->scratch = NULL;
	b->items = NULL;
	b->n = b->cap = 0;
}

/* Appends a finished message's bytes; returns the offset or -ENOMEM. */
static long append_msg(struct xfrmif__wbuf *w, struct nl_msg *msg,
		       bool secret)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	size_t len = NLMSG_ALIGN(nlh->nlmsg_len);
	long off;

	if (wbuf_reserve(w, len, secret) < 0)
		return -ENOMEM;
	off = (long)w->len;
	memcpy(w->data + w->len, nlh, nlh->nlmsg_len);
	memset(w->data + w->len + nlh->nlmsg_len, 0, len - nlh->nlmsg_len);
	w->len += len;
	return off;
}

/* Copies req->msg (and undo) into the batch; frees them when `consume`. */
static int queue_msg(struct xfrmif__batch *b, const struct xfrmif__req *req,
		     struct nl_msg *undo, bool consume)
{
	struct xfrmif__batch_item *it;
	long off, uoff = -1;
	int r = -ENOMEM;

	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		void *p = realloc(b->items, cap * sizeof(*b->items));
		if (!p)
			goto out;
		b->items = p;
		b->cap = cap;
	}
	/* Before appending, so that growing the buffer for this very
	 * request already wipes what it leaves behind. */
	if (req->flags & XFRMIF__REQ_SECRET)
		b->secret = true;
	off = append_msg(&b->req[req->proto], req->msg, b->secret);
	if (off < 0)
		goto out;
	if (undo) {
		uoff = append_msg(&b->undo[req->proto], undo, b->secret);
		if (uoff < 0) {
			b->req[req->proto].len = (size_t)off;
			goto out;
		}
	}
	it = &b->items[b->n];
	memset(it, 0, sizeof(*it));
	it->proto = req->proto;
	it->off = (size_t)off;
	it->len = NLMSG_ALIGN(nlmsg_hdr(req->msg)->nlmsg_len);
	it->undo_off = undo ? (size_t)uoff : 0;
	it->undo_len = undo ? NLMSG_ALIGN(nlmsg_hdr(undo)->nlmsg_len) : 0;
	it->secret = req->flags & XFRMIF__REQ_SECRET;
	it->what = req->what;
	it->result = 1;
	r = (int)b->n++;
out:
	if (consume) {
		xfrmif__msg_free(req->msg);
		xfrmif__msg_free(undo);
	}
	if (r < 0)
		return xfrmif__err(b->ctx, r, "batch: out of memory queueing "
				   "%s", req->what ? req->what : "a request");
	return r;
}

int xfrmif__batch_queue(struct xfrmif__batch *b, struct xfrmif__req *req,
			struct nl_msg *undo)
{
	int r = queue_msg(b, req, undo, true);

	req->msg = NULL;
	return r;
}

int xfrmif__batch_queue_add(struct xfrmif__batch *b, struct xfrmif__req *req)
{
	int r = xfrmif__batch_queue(b, req, NULL);

	if (r >= 0)
		b->items[r].undo_derived = true;
	return r;
}

int xfrmif__batch_queue_copy(struct xfrmif__batch *b,
			     const struct xfrmif__req *req, bool derive)
{
	int r = queue_msg(b, req, NULL, false);

	if (r >= 0)
		b->items[r].undo_derived = derive;
	return r;
}

/* Answers for one chunk: items [first, last) of one proto. */
struct chunk {
	struct xfrmif__batch *b;
	size_t first, last;
	size_t pending;
	uint32_t seq0; /* seq of items[first]; seqs are consecutive */
};

static int on_answer(xfrmif_ctx *ctx, const struct nlmsghdr *nlh, void *arg)
{
	struct chunk *c = arg;
	struct xfrmif__batch_item *it;
	uint32_t idx = nlh->nlmsg_seq - c->seq0;
	int r;

	if (nlh->nlmsg_type != NLMSG_ERROR || idx >= c->last - c->first)
		return 0; /* not an answer to this chunk */
	it = &c->b->items[c->first + idx];
	if (it->result != 1)
		return 0; /* a duplicate */
	r = xfrmif__parse_error(ctx, nlh, it->what ? it->what : "batch", NULL);
	it->result = r;
	if (r < 0)
		it->errmsg = strdup(ctx->errmsg);
	c->pending--;
	return 0;
}

/* Sends items [first, last) (same proto, contiguous in the buffer) in one
 * sendmsg and collects every answer. */
static int send_chunk(struct xfrmif__batch *b, size_t first, size_t last)
{
	xfrmif_ctx *ctx = b->ctx;
	enum xfrmif__proto proto = b->items[first].proto;
	struct xfrmif__sock *s = &ctx->sock[proto];
	struct xfrmif__wbuf *w = &b->req[proto];
	struct chunk c = { .b = b, .first = first, .last = last,
			   .pending = last - first };
	bool secret = false;
	int r;

	c.seq0 = s->seq + 1;
	if (c.seq0 == 0 || c.seq0 + (uint32_t)(last - first) < c.seq0)
		c.seq0 = 1; /* keep the chunk's seqs from wrapping */
	for (size_t i = first; i < last; i++) {
		struct xfrmif__batch_item *it = &b->items[i];
		struct nlmsghdr *nlh = (struct nlmsghdr *)(w->data + it->off);

		it->seq = c.seq0 + (uint32_t)(i - first);
		nlh->nlmsg_seq = it->seq;
		nlh->nlmsg_pid = s->port;
		nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
		secret |= it->secret;
	}
	s->seq = c.seq0 + (uint32_t)(last - first) - 1;
	r = xfrmif__send_raw(ctx, proto, w->data + b->items[first].off,
			     b->items[last - 1].off + b->items[last - 1].len -
				     b->items[first].off);
	if (r < 0)
		return r;
	while (c.pending) {
		r = xfrmif__recv_once(ctx, proto, secret, on_answer, &c);
		if (r < 0) {
			xfrmif__sock_reopen(ctx, proto); /* see request.c */
			return r;
		}
	}
	return 0;
}

/* Sends the undo requests of applied items, and of sent items whose answer
 * was lost (they may have been applied), newest first, one by one so that
 * each is answered before the next (undo order matters). The context keeps
 * the message of the failure that caused the undo. */
static void undo_applied(struct xfrmif__batch *b, size_t upto)
{
	char saved[XFRMIF__ERRMSG_MAX];

	memcpy(saved, b->ctx->errmsg, sizeof(saved));
	for (size_t i = upto; i-- > 0;) {
		struct xfrmif__batch_item *it = &b->items[i];
		struct xfrmif__wbuf *u = &b->undo[it->proto];
		struct xfrmif__req req = { .proto = it->proto, .what = "batch undo" };
		struct nl_msg *msg;

		if (!(it->undo_len || it->undo_derived) ||
		    !(it->result == 0 || (it->result == 1 && it->sent)))
			continue;
		if (it->undo_derived) {
			/* The requests are still intact: wiped only after
			 * the commit's undo. */
			const struct nlmsghdr *add = (const struct nlmsghdr *)(
				b->req[it->proto].data + it->off);

			if (xfrmif__batch_undo_build(add, &msg) < 0) {
				xfrmif__log(b->ctx, LOG_ERR, __FILE__, __LINE__,
					    __func__, "batch: no undo for item "
					    "%zu: out of memory", i);
				continue;
			}
		} else {
			msg = nlmsg_alloc_size(it->undo_len + 64);
			if (!msg)
				continue;
			memcpy(nlmsg_hdr(msg), u->data + it->undo_off,
			       it->undo_len);
		}
		req.msg = msg;
		int r = xfrmif__submit(b->ctx, &req);
		/* ENOENT/ESRCH: an unconfirmed item that never took effect. */
		if (r == 0 || (it->result == 1 && (r == -ENOENT || r == -ESRCH)))
			it->result = -ECANCELED;
		else
			xfrmif__log(b->ctx, LOG_ERR, __FILE__, __LINE__, __func__,
				    "batch: undoing item %zu failed: %s", i,
				    b->ctx->errmsg);
	}
	memcpy(b->ctx->errmsg, saved, sizeof(saved));
}

int xfrmif__batch_commit(struct xfrmif__batch *b, uint32_t flags)
{
	size_t i = 0, failed = 0;
	int r = 0;

	while (i < b->n) {
		size_t first = i, bytes = 0;
		enum xfrmif__proto proto = b->items[i].proto;

		while (i < b->n && b->items[i].proto == proto &&
		       i - first < CHUNK_MSGS &&
		       (i == first || bytes + b->items[i].len <= b->chunk_max)) {
			bytes += b->items[i].len;
			i++;
		}
		for (size_t k = first; k < i; k++)
			b->items[k].sent = true;
		r = send_chunk(b, first, i);
		if (r < 0)
			break;
		for (size_t k = first; k < i; k++)
			failed += b->items[k].result < 0;
		if (failed && (flags & XFRMIF__BATCH_STOP_AND_UNDO))
			break;
	}
	if ((failed || r < 0) && (flags & XFRMIF__BATCH_STOP_AND_UNDO))
		undo_applied(b, b->n);
	/* Never sent: did not happen. Sent but unanswered (the exchange
	 * broke): unknown, reported with the exchange's error. */
	for (size_t k = 0; k < b->n; k++)
		if (b->items[k].result == 1)
			b->items[k].result = b->items[k].sent && r < 0 ? r
								     : -ECANCELED;
	/* The requests may hold keys: they are not needed any more. */
	for (size_t p = 0; p < XFRMIF__NPROTO && b->secret; p++)
		if (b->req[p].data)
			explicit_bzero(b->req[p].data, b->req[p].cap);
	b->wiped = b->secret;
	return r < 0 ? r : (int)failed;
}
