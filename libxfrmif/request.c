/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The one request path: every message the library sends goes through
 * xfrmif__submit(), which numbers it, sends it to the kernel of the
 * context's namespace and matches the answers by sequence number.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "internal.h"

struct nl_msg *xfrmif__msg_new(int type, int flags, size_t size)
{
	struct nl_msg *msg;
	size_t len = size + NLMSG_HDRLEN;

	/* Builders that know their size get about that much: libnl zeroes
	 * the whole buffer, on every request. Those that pass 0 get 1 KiB. */
	if (!size)
		len = 1024;
	else if (len < 256)
		len = 256;
	msg = nlmsg_alloc_size(len);
	if (!msg)
		return NULL;
	if (!nlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, type, 0, flags)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

void xfrmif__msg_free(struct nl_msg *msg)
{
	struct nlmsghdr *nlh;

	if (!msg)
		return;
	nlh = nlmsg_hdr(msg);
	explicit_bzero(nlh, nlh->nlmsg_len);
	nlmsg_free(msg);
}

void xfrmif__msg_reset(struct nl_msg *msg, int type, int flags)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);

	/* libnl appends at nlmsg_len and checks it against the room it
	 * allocated: a header-only length is an empty message. */
	explicit_bzero(nlh, nlh->nlmsg_len);
	nlh->nlmsg_len = NLMSG_HDRLEN;
	nlh->nlmsg_type = (uint16_t)type;
	nlh->nlmsg_flags = (uint16_t)flags;
}

int xfrmif__send_raw(xfrmif_ctx *ctx, enum xfrmif__proto proto,
		     const void *buf, size_t len)
{
	ssize_t n;

	/* The socket is connected to the kernel (open_sock): plain send()
	 * spares the kernel copying a msghdr, an iovec and an address. */
	do
		n = send(ctx->sock[proto].fd, buf, len, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return xfrmif__err(ctx, -errno, "sending to the kernel: %s",
				   strerror(errno));
	if ((size_t)n != len)
		return xfrmif__err(ctx, -EMSGSIZE,
				   "sending to the kernel: short send (%zd of "
				   "%zu bytes)", n, len);
	return 0;
}

int xfrmif__recv_once(xfrmif_ctx *ctx, enum xfrmif__proto proto, bool secret,
		      xfrmif__msg_fn fn, void *arg)
{
	const struct nlmsghdr *nlh;
	ssize_t n;
	int r = 0;
	size_t len, left;

	/* Only the kernel can reach a socket connected to it (open_sock), so
	 * no sender address is asked for. MSG_TRUNC makes netlink return a
	 * datagram's full length, which tells a truncated one apart. */
	do
		n = recv(ctx->sock[proto].fd, ctx->rxbuf, ctx->rxbuf_size,
			 MSG_TRUNC);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		if (errno == ENOBUFS)
			return xfrmif__err(ctx, -ENOBUFS,
					   "the socket's receive buffer "
					   "overflowed: kernel answers were "
					   "lost");
		return xfrmif__err(ctx, -errno, "receiving from the kernel: %s",
				   strerror(errno));
	}
	/* What the buffer holds: the datagram, or its first part. */
	len = (size_t)n < ctx->rxbuf_size ? (size_t)n : ctx->rxbuf_size;
	if ((size_t)n > ctx->rxbuf_size)
		r = xfrmif__err(ctx, -EMSGSIZE,
				"a kernel message was larger than the %zu-byte "
				"receive buffer", ctx->rxbuf_size);
	else
		for (nlh = (const struct nlmsghdr *)ctx->rxbuf, left = len;
		     NLMSG_OK(nlh, left); nlh = NLMSG_NEXT(nlh, left)) {
			r = fn(ctx, nlh, arg);
			if (r)
				break;
		}
	if (secret)
		explicit_bzero(ctx->rxbuf, len);
	return r;
}

int xfrmif__parse_error(xfrmif_ctx *ctx, const struct nlmsghdr *nlh,
			const char *what, long *attr_offset)
{
	const struct nlmsgerr *e;
	const struct nlattr *a;
	const char *text = NULL;
	size_t off, end;
	int err;

	if (attr_offset)
		*attr_offset = -1;
	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
		return xfrmif__err(ctx, -EBADMSG, "%s: truncated error message "
				   "from the kernel", what);
	e = NLMSG_DATA(nlh);
	err = e->error;
	if (err > 0 || err < -4095)
		return xfrmif__err(ctx, -EBADMSG, "%s: the kernel answered with "
				   "an impossible error code %d", what, err);
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		goto done;
	/* The TLVs follow the echoed request: only its header when capped. */
	off = NLMSG_LENGTH(sizeof(*e));
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - sizeof(e->msg);
	end = nlh->nlmsg_len;
	while (off + NLA_HDRLEN <= end) {
		a = (const struct nlattr *)((const char *)nlh + off);
		if (a->nla_len < NLA_HDRLEN || off + a->nla_len > end)
			break;
		size_t plen = a->nla_len - NLA_HDRLEN;
		const char *payload = (const char *)a + NLA_HDRLEN;
		if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG &&
		    plen > 0 && memchr(payload, '\0', plen))
			text = payload;
		else if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_OFFS &&
			 plen >= sizeof(uint32_t) && attr_offset) {
			uint32_t v;
			memcpy(&v, payload, sizeof(v));
			*attr_offset = (long)v;
		}
		off += NLA_ALIGN(a->nla_len);
	}
done:
	if (err == 0)
		return 0;
	if (text && *text)
		return xfrmif__err(ctx, err, "%s: %s", what, text);
	return xfrmif__err(ctx, err, "%s: %s", what, strerror(-err));
}

/* State of one send-and-wait exchange. */
struct wait_state {
	struct xfrmif__req *req;
	uint32_t seq;
	bool done;
	bool interrupted;
	bool stop; /* the callback asked to stop; keep draining */
	int result;
	int count;
	long attr_offset;
};

static int on_msg(xfrmif_ctx *ctx, const struct nlmsghdr *nlh, void *arg)
{
	struct wait_state *w = arg;
	int r;

	/* A late answer to an earlier, abandoned request is not ours. */
	if (nlh->nlmsg_seq != w->seq) {
		xfrmif__dbg(ctx, "ignored a message with seq %u (want %u)",
			    nlh->nlmsg_seq, w->seq);
		return 0;
	}
	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		w->interrupted = true;
	switch (nlh->nlmsg_type) {
	case NLMSG_ERROR:
		r = xfrmif__parse_error(ctx, nlh, w->req->what, &w->attr_offset);
		if (!w->result)
			w->result = r;
		w->done = true;
		return 0;
	case NLMSG_DONE:
		w->done = true;
		return 0;
	case NLMSG_NOOP:
		return 0;
	default:
		break;
	}
	if (w->stop || w->result < 0)
		return 0;
	if (!w->req->on_reply) {
		w->count++;
		return 0;
	}
	r = w->req->on_reply(ctx, nlh, w->req->arg);
	if (r < 0)
		w->result = r;
	else if (r > 0)
		w->stop = true;
	else
		w->count++;
	/* A GET's answer is followed by the ACK we asked for: keep reading
	 * until it comes so that it does not linger in the socket. */
	return 0;
}

int xfrmif__submit(xfrmif_ctx *ctx, struct xfrmif__req *req)
{
	struct xfrmif__sock *s = &ctx->sock[req->proto];
	struct wait_state w = { .req = req, .attr_offset = -1 };
	struct nlmsghdr *nlh = nlmsg_hdr(req->msg);
	bool secret = req->flags & XFRMIF__REQ_SECRET;
	int r;

	w.seq = ++s->seq;
	if (w.seq == 0)
		w.seq = ++s->seq;
	nlh->nlmsg_seq = w.seq;
	nlh->nlmsg_pid = s->port;
	nlh->nlmsg_flags |= NLM_F_REQUEST;
	if (req->flags & XFRMIF__REQ_DUMP)
		nlh->nlmsg_flags |= NLM_F_DUMP;
	else
		nlh->nlmsg_flags |= NLM_F_ACK;

	ctx->outcome_unknown = true;
	r = xfrmif__send_raw(ctx, req->proto, nlh, nlh->nlmsg_len);
	if (!(req->flags & XFRMIF__REQ_SCRATCH))
		xfrmif__msg_free(req->msg);
	req->msg = NULL;
	if (r < 0)
		return r;
	while (!w.done) {
		r = xfrmif__recv_once(ctx, req->proto, secret, on_msg, &w);
		if (r < 0) {
			/* The rest of this exchange (a dump's remainder, a
			 * late ACK) must not meet the next request. */
			xfrmif__sock_reopen(ctx, req->proto);
			return r;
		}
	}
	ctx->outcome_unknown = false;
	ctx->last_attr_offset = w.attr_offset;
	if (w.result < 0)
		return w.result;
	if (w.interrupted)
		return xfrmif__err(ctx, -EAGAIN,
				   "%s: the kernel's table changed during the "
				   "dump (NLM_F_DUMP_INTR); the listing may be "
				   "inconsistent, list again", req->what);
	return w.count;
}

int xfrmif__xfrm_req(xfrmif_ctx *ctx, struct nl_msg *msg, uint32_t flags,
		     const char *what, xfrmif__reply_fn fn, void *arg)
{
	struct xfrmif__req req = {
		.proto = XFRMIF__XFRM, .msg = msg, .flags = flags,
		.on_reply = fn, .arg = arg, .what = what,
	};

	if (!msg)
		return xfrmif__err(ctx, -ENOMEM, "%s: out of memory", what);
	return xfrmif__submit(ctx, &req);
}
