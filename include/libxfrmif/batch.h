/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrmif: batches. Queue many link, SA and policy operations, then
 * commit them at once: the library sends many requests per sendmsg (sized
 * below the socket buffers), matches every kernel answer to its item by
 * sequence number and keeps a result per item.
 *
 * Each queue call builds the very message the matching single call sends
 * (xfrmif_policy_add() and xfrmif_batch_policy_add() differ only in when it
 * is sent) and checks the object at once: a bad object is refused by the
 * queue call, with the reason in xfrmif_ctx_errmsg(), and nothing is
 * queued. The batch keeps its own copy of each message, so the objects may
 * be changed or freed right after queueing. The copies of SA keys are wiped
 * as soon as the batch has been sent, and again when it is freed.
 *
 * Items of one kind of socket (links on rtnetlink, SAs and policies on
 * xfrm) are applied in the order they were queued; a batch that mixes them
 * sends each run of consecutive items of one kind before the next run.
 *
 * Threading: a batch belongs to its context's thread; a context and the
 * objects used with it belong to one thread at a time.
 */
#ifndef LIBXFRMIF_BATCH_H
#define LIBXFRMIF_BATCH_H

#include <libxfrmif/common.h>
#include <libxfrmif/link.h>
#include <libxfrmif/policy.h>
#include <libxfrmif/sa.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xfrmif_batch xfrmif_batch;

/* xfrmif_batch_commit() flags */
enum {
	/*
	 * Stop at the first failure and take back what the batch applied
	 * before it, newest first: an added link, SA or policy is deleted
	 * again. Updates and deletes cannot be taken back (the batch does
	 * not know what was there before) and stay applied; so a batch that
	 * must leave the kernel as it was on failure holds only adds.
	 * Queueing does not pay for this: the delete that takes back an SA
	 * or policy add is derived from the batch's copy of the add when an
	 * undo happens (a link add's delete, by name, is kept at queueing).
	 */
	XFRMIF_BATCH_STOP_AND_UNDO = 1u << 0,
};

/*
 * xfrmif_batch_new - create an empty batch on @ctx (which it references
 * until freed).
 * Returns 0, -EINVAL (NULL argument) or -ENOMEM.
 * Since: 1.0
 */
int xfrmif_batch_new(xfrmif_batch **ret, xfrmif_ctx *ctx);

/*
 * xfrmif_batch_free - wipe and free a batch (sent or not) and drop its
 * context reference. NULL-safe.
 * Since: 1.0
 */
void xfrmif_batch_free(xfrmif_batch *b);

/* For __attribute__((cleanup(xfrmif_batch_freep))). Since: 1.0 */
static inline void xfrmif_batch_freep(xfrmif_batch **b)
{
	if (b)
		xfrmif_batch_free(*b);
}

/*
 * Queueing. Every call below returns the new item's index (0, 1, 2, ...:
 * the order of queueing), or a negative errno with nothing queued:
 * -EINVAL (a bad object; the context's errmsg names the argument, as the
 * single call would), -EALREADY (the batch was committed already),
 * -ENOMEM, or an errno of a look-up the queue call needs (see each).
 */

/*
 * xfrmif_batch_link_add - queue creating the interface @link describes in
 * the context's namespace (as xfrmif_link_add() without options: -EEXIST
 * from the kernel when the name is taken). An underlying device given by
 * name is looked up when queueing (-ENODEV). Undo deletes it.
 * Since: 1.0
 */
int xfrmif_batch_link_add(xfrmif_batch *b, const xfrmif_link *link);

/*
 * xfrmif_batch_link_del - queue deleting the interface @link names (by
 * ifindex, else name), as xfrmif_link_del().
 * Since: 1.0
 */
int xfrmif_batch_link_del(xfrmif_batch *b, const xfrmif_link *link);

/*
 * xfrmif_batch_link_del_group - queue deleting every interface of link
 * group @group (not 0) in one kernel operation, as
 * xfrmif_link_del_group().
 * Since: 1.0
 */
int xfrmif_batch_link_del_group(xfrmif_batch *b, uint32_t group);

/*
 * xfrmif_batch_sa_add, xfrmif_batch_sa_update - queue adding or updating
 * @sa, as xfrmif_sa_add() / xfrmif_sa_update() (an SA with a direction
 * needs a kernel that knows SA directions: -EOPNOTSUPP when queueing).
 * Undo deletes an added SA.
 * Since: 1.0
 */
int xfrmif_batch_sa_add(xfrmif_batch *b, const xfrmif_sa *sa);
int xfrmif_batch_sa_update(xfrmif_batch *b, const xfrmif_sa *sa);

/*
 * xfrmif_batch_sa_del - queue deleting the SA @key names, as
 * xfrmif_sa_del(). When @key has an if_id, the SA is read when queueing
 * to check it (-ESRCH when there is none with that if_id).
 * Since: 1.0
 */
int xfrmif_batch_sa_del(xfrmif_batch *b, const xfrmif_sa *key);

/*
 * xfrmif_batch_policy_add, xfrmif_batch_policy_update - queue adding or
 * updating @p, as xfrmif_policy_add() / xfrmif_policy_update(). Undo
 * deletes an added policy.
 * Since: 1.0
 */
int xfrmif_batch_policy_add(xfrmif_batch *b, const xfrmif_policy *p);
int xfrmif_batch_policy_update(xfrmif_batch *b, const xfrmif_policy *p);

/*
 * xfrmif_batch_policy_del, xfrmif_batch_policy_del_by_index - queue
 * deleting the policy @key names, as xfrmif_policy_del() /
 * xfrmif_policy_del_by_index().
 * Since: 1.0
 */
int xfrmif_batch_policy_del(xfrmif_batch *b, const xfrmif_policy *key);
int xfrmif_batch_policy_del_by_index(xfrmif_batch *b,
				     const xfrmif_policy *key);

/*
 * xfrmif_batch_commit - send every queued item and record each one's
 * result. By default every item is tried, failures or not (as the kernel
 * goes on after a failed request); @flags may be
 * XFRMIF_BATCH_STOP_AND_UNDO. A batch is committed once.
 *
 * Returns the number of items that failed (0: all applied), or a negative
 * errno when the exchange with the kernel broke down (items without an
 * answer then report that errno or -ECANCELED), -EINVAL (NULL @b, unknown
 * flags) or -EALREADY (committed before). With STOP_AND_UNDO, the items
 * that were applied and taken back, and those never sent, report
 * -ECANCELED.
 * Since: 1.0
 */
int xfrmif_batch_commit(xfrmif_batch *b, uint32_t flags);

/*
 * xfrmif_batch_result - the result of item @idx after the commit: 0, or
 * its negative errno. @errmsg (may be NULL) receives the kernel's text for
 * a failed item ("" when there is none), valid until the batch is freed.
 * Returns -EINVAL for a NULL @b or an index out of range and -EINPROGRESS
 * before the batch was committed.
 * Since: 1.0
 */
int xfrmif_batch_result(const xfrmif_batch *b, int idx, const char **errmsg);

/*
 * xfrmif_batch_count - the number of queued items, or -EINVAL for NULL.
 * Since: 1.0
 */
int xfrmif_batch_count(const xfrmif_batch *b);

#ifdef __cplusplus
}
#endif

#endif
