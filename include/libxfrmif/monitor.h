/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * libxfrmif: the event monitor, a typed stream of what the kernel reports
 * about IPsec in the context's namespace: ACQUIRE (traffic hit a policy
 * with no SA), SA and policy expiry, NAT mapping changes, migrations,
 * SA/policy additions, updates, deletions and flushes, SA counters
 * (aevents), reports, and xfrm/vti/vti6 interfaces appearing, changing or
 * going away.
 *
 * A monitor gives one file descriptor for the caller's poll/epoll loop.
 * When it is readable, xfrmif_monitor_dispatch() reads everything pending
 * (without blocking) and calls the callback once per event. Events carry the
 * same handle types as get and list: an SA in an event is an xfrmif_sa, a
 * policy an xfrmif_policy, an interface an xfrmif_link.
 *
 * Events are never lost silently: when the kernel drops events because the
 * monitor's receive buffer was full, the callback gets an
 * XFRMIF_EVENT_LOST event; resynchronise with a listing (xfrmif_sa_list(),
 * xfrmif_policy_list(), xfrmif_link_list()).
 *
 * SA events carry keys from the kernel; the monitor wipes its receive
 * buffers and, unless XFRMIF_MONITOR_KEYS is given, hides the keys from the
 * callback (key lengths are still reported).
 *
 * Threading: a monitor belongs, like its context, to one thread at a time.
 */
#ifndef LIBXFRMIF_MONITOR_H
#define LIBXFRMIF_MONITOR_H

#include <libxfrmif/common.h>
#include <libxfrmif/link.h>
#include <libxfrmif/policy.h>
#include <libxfrmif/sa.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct xfrmif_monitor xfrmif_monitor;
typedef struct xfrmif_event xfrmif_event;

/* What a monitor subscribes to (the groups argument of
 * xfrmif_monitor_new). Each XFRM bit is one kernel multicast group. */
enum {
	XFRMIF_MONITOR_ACQUIRE = 1u << 0, /* XFRMIF_EVENT_ACQUIRE */
	XFRMIF_MONITOR_EXPIRE = 1u << 1,  /* _EXPIRE, _POLICY_EXPIRE */
	XFRMIF_MONITOR_SA = 1u << 2,      /* _SA_ADD/_UPDATE/_DEL/_FLUSH */
	XFRMIF_MONITOR_POLICY = 1u << 3,  /* _POLICY_ADD/_UPDATE/_DEL/_FLUSH */
	XFRMIF_MONITOR_AEVENTS = 1u << 4, /* _AE */
	XFRMIF_MONITOR_REPORT = 1u << 5,  /* _REPORT */
	XFRMIF_MONITOR_MIGRATE = 1u << 6, /* _MIGRATE */
	XFRMIF_MONITOR_MAPPING = 1u << 7, /* _MAPPING */
	XFRMIF_MONITOR_LINK = 1u << 8,    /* _LINK_NEW, _LINK_DEL (xfrm, vti,
					     vti6 interfaces only) */
	XFRMIF_MONITOR_ALL = (1u << 9) - 1,
};

/* Event types (xfrmif_event_get_type). */
enum xfrmif_event_type {
	/* The kernel dropped events (receive buffer overflow): resync. */
	XFRMIF_EVENT_LOST = 1,
	/* Outbound traffic matched a policy whose template has no SA:
	 * negotiate one. get_sa: the SA to negotiate; get_policy: the policy
	 * (templates, if_id, mark); get_acquire: sequence and algorithms. */
	XFRMIF_EVENT_ACQUIRE = 2,
	/* An SA reached a soft (rekey) or hard (it is gone) limit. get_sa
	 * (dst, proto, SPI, mark, if_id, ...), get_hard. */
	XFRMIF_EVENT_EXPIRE = 3,
	/* A policy reached a limit. get_policy, get_hard. */
	XFRMIF_EVENT_POLICY_EXPIRE = 4,
	/* NAT-T: the peer's address or port changed. get_sa (dst, proto,
	 * SPI, reqid), get_mapping. */
	XFRMIF_EVENT_MAPPING = 5,
	/* SAs of a policy are to move to other endpoints. get_policy
	 * (selector, direction, type), get_migrate_count, get_migrate. */
	XFRMIF_EVENT_MIGRATE = 6,
	/* A report (Mobile IPv6). get_sa (proto and selector only),
	 * get_coaddr. */
	XFRMIF_EVENT_REPORT = 7,
	/* get_sa: the SA as it now is (DEL: as it was). */
	XFRMIF_EVENT_SA_ADD = 8,
	XFRMIF_EVENT_SA_UPDATE = 9,
	XFRMIF_EVENT_SA_DEL = 10,
	/* get_flush_proto: which protocol's SAs (0 or 255: all). */
	XFRMIF_EVENT_SA_FLUSH = 11,
	/* get_policy: the policy as it now is (DEL: as it was). */
	XFRMIF_EVENT_POLICY_ADD = 12,
	XFRMIF_EVENT_POLICY_UPDATE = 13,
	XFRMIF_EVENT_POLICY_DEL = 14,
	/* get_policy: only the type (main or sub) is set. */
	XFRMIF_EVENT_POLICY_FLUSH = 15,
	/* An SA's replay and lifetime counters (aevents). get_sa (identity,
	 * replay sequence numbers, counters), get_ae_flags. */
	XFRMIF_EVENT_AE = 16,
	/* An xfrm/vti/vti6 interface appeared or changed (get_link,
	 * get_link_change), or went away (get_link). */
	XFRMIF_EVENT_LINK_NEW = 17,
	XFRMIF_EVENT_LINK_DEL = 18,
};

/* xfrmif_monitor_opts.flags */
enum {
	/* Hand SA keys to the callback (SA events). Default: hidden. */
	XFRMIF_MONITOR_KEYS = 1u << 0,
};

struct xfrmif_monitor_opts {
	size_t sz;       /* sizeof(struct xfrmif_monitor_opts) */
	uint32_t flags;  /* XFRMIF_MONITOR_* flags above */
	/* Receive buffer of each socket in bytes; 0: the library's default
	 * (1 MiB, or the system's limit when the caller may not exceed it).
	 * Small buffers overflow sooner (XFRMIF_EVENT_LOST). */
	uint32_t rcvbuf;
};

/*
 * xfrmif_monitor_new - subscribe to the events named by @groups
 * (XFRMIF_MONITOR_* bits) in the namespace of @ctx. The monitor keeps a
 * reference to @ctx and reports its errors in the context's errmsg.
 * Returns 0, -EINVAL (NULL argument, no or unknown group bits, bad @opts),
 * -ENOMEM, or the errno of a failing socket call.
 * Since: 1.0
 */
int xfrmif_monitor_new(xfrmif_monitor **ret, xfrmif_ctx *ctx, uint32_t groups,
		       const struct xfrmif_monitor_opts *opts);

/*
 * xfrmif_monitor_free - close the monitor, wipe its buffers and drop its
 * context reference. NULL-safe.
 * Since: 1.0
 */
void xfrmif_monitor_free(xfrmif_monitor *mon);

/* For __attribute__((cleanup(xfrmif_monitor_freep))). Since: 1.0 */
static inline void xfrmif_monitor_freep(xfrmif_monitor **mon)
{
	if (mon)
		xfrmif_monitor_free(*mon);
}

/*
 * xfrmif_monitor_get_fd - the one file descriptor to poll for input
 * (POLLIN / EPOLLIN). It is owned by the monitor: do not read or close it.
 * It stays readable while events are pending, including events a dispatch
 * left behind when its callback stopped it early.
 * Returns the fd or -EINVAL.
 * Since: 1.0
 */
int xfrmif_monitor_get_fd(const xfrmif_monitor *mon);

/*
 * Called once per event. @ev and every object it lends are valid during
 * the call only (use xfrmif_sa_dup() etc. to keep one). Return 0 to go on,
 * >0 to stop the dispatch (the remaining events stay pending), <0 to stop
 * it and make it return that error (the remaining events stay pending too).
 */
typedef int (*xfrmif_event_fn)(const xfrmif_event *ev, void *arg);

/*
 * xfrmif_monitor_dispatch - read every pending event without blocking and
 * pass each to @fn. Events of the XFRM groups and link events come in
 * kernel order within each kind; the two kinds are not ordered with respect
 * to each other. Messages the library cannot decode are skipped (and
 * logged).
 * Returns the number of events passed to @fn (0 when none was pending), the
 * callback's negative value, -EINVAL, or the errno of a failing receive.
 * Since: 1.0
 */
int xfrmif_monitor_dispatch(xfrmif_monitor *mon, xfrmif_event_fn fn,
			    void *arg);

/*
 * xfrmif_monitor_wait - block until events are pending or @timeout_ms
 * milliseconds passed (-1: no limit). Returns 1 (events pending), 0
 * (timeout), -EINVAL, -EINTR (a signal arrived), or poll's errno.
 * Since: 1.0
 */
int xfrmif_monitor_wait(xfrmif_monitor *mon, int timeout_ms);

/*
 * xfrmif_monitor_run - xfrmif_monitor_wait() then, when events are
 * pending, xfrmif_monitor_dispatch(). Returns what dispatch returns, 0 on
 * timeout, or the wait's negative errno.
 * Since: 1.0
 */
int xfrmif_monitor_run(xfrmif_monitor *mon, int timeout_ms,
		       xfrmif_event_fn fn, void *arg);

/* ---- the event ---- */

/*
 * xfrmif_event_get_type - the event's enum xfrmif_event_type, or -EINVAL.
 * Since: 1.0
 */
int xfrmif_event_get_type(const xfrmif_event *ev);

/*
 * xfrmif_event_type_name - a short name for an event type ("acquire",
 * "expire", "sa-add", ...), or NULL for an unknown type.
 * Since: 1.0
 */
const char *xfrmif_event_type_name(int type);

/*
 * xfrmif_event_get_sa / _get_policy / _get_link - the object the event
 * carries (see enum xfrmif_event_type), lent for the callback only.
 * Returns 0, -EINVAL (NULL argument) or -ENODATA (this event has none).
 * Since: 1.0
 */
int xfrmif_event_get_sa(const xfrmif_event *ev, const xfrmif_sa **sa);
int xfrmif_event_get_policy(const xfrmif_event *ev, const xfrmif_policy **p);
int xfrmif_event_get_link(const xfrmif_event *ev, const xfrmif_link **link);

/*
 * xfrmif_event_get_hard - for EXPIRE and POLICY_EXPIRE: 1 for a hard limit
 * (the object is gone), 0 for a soft one (time to renew).
 * Returns 0, -EINVAL or -ENODATA (another event type).
 * Since: 1.0
 */
int xfrmif_event_get_hard(const xfrmif_event *ev, int *hard);

/*
 * xfrmif_event_get_acquire - for ACQUIRE: the kernel's sequence number of
 * the acquire (give it back when completing the SA) and the masks of
 * SADB algorithm numbers the policy allows (see
 * xfrmif_tmpl_set_algo_masks). Any pointer may be NULL.
 * Returns 0, -EINVAL or -ENODATA (another event type).
 * Since: 1.0
 */
int xfrmif_event_get_acquire(const xfrmif_event *ev, uint32_t *seq,
			     uint32_t *aalgos, uint32_t *ealgos,
			     uint32_t *calgos);

/*
 * xfrmif_event_get_mapping - for MAPPING: the SA's source address family,
 * the old and new source address (16-byte buffers) and port (host order).
 * Any pointer may be NULL. Returns 0, -EINVAL or -ENODATA.
 * Since: 1.0
 */
int xfrmif_event_get_mapping(const xfrmif_event *ev, int *family,
			     void *old_addr, uint16_t *old_port,
			     void *new_addr, uint16_t *new_port);

/* One migration of a MIGRATE event: move the SAs with this protocol,
 * mode and reqid from the old endpoints to the new ones. */
struct xfrmif_migrate {
	size_t sz; /* sizeof(struct xfrmif_migrate); set by the caller */
	uint8_t proto;
	uint8_t mode;
	uint32_t reqid;
	int old_family;
	uint8_t old_src[16], old_dst[16];
	int new_family;
	uint8_t new_src[16], new_dst[16];
};

/*
 * xfrmif_event_get_migrate_count - the number of migrations of a MIGRATE
 * event, -EINVAL, or -ENODATA (another event type).
 * Since: 1.0
 */
int xfrmif_event_get_migrate_count(const xfrmif_event *ev);

/*
 * xfrmif_event_get_migrate - migration number @idx (from 0) into @out
 * (set out->sz first). Returns 0, -EINVAL, -ENODATA (another event type)
 * or -ENOENT (no such index).
 * Since: 1.0
 */
int xfrmif_event_get_migrate(const xfrmif_event *ev, unsigned int idx,
			     struct xfrmif_migrate *out);

/*
 * xfrmif_event_get_coaddr - for REPORT: the care-of address, when the
 * kernel gave one. Returns 0, -EINVAL or -ENODATA.
 * Since: 1.0
 */
int xfrmif_event_get_coaddr(const xfrmif_event *ev, int *family, void *addr);

/*
 * xfrmif_event_get_flush_proto - for SA_FLUSH: the protocol flushed (0 or
 * 255 for all). Returns 0, -EINVAL or -ENODATA.
 * Since: 1.0
 */
int xfrmif_event_get_flush_proto(const xfrmif_event *ev, uint8_t *proto);

/*
 * xfrmif_event_get_ae_flags - for AE: the kernel's XFRM_AE_* bits saying
 * why the counters were sent (1 replay, 4 timer, 32 threshold ...).
 * Returns 0, -EINVAL or -ENODATA.
 * Since: 1.0
 */
int xfrmif_event_get_ae_flags(const xfrmif_event *ev, uint32_t *flags);

/*
 * xfrmif_event_get_link_change - for LINK_NEW: the IFF_* flags that
 * changed (ifi_change); 0xffffffff when the interface was just created.
 * Returns 0, -EINVAL or -ENODATA.
 * Since: 1.0
 */
int xfrmif_event_get_link_change(const xfrmif_event *ev, uint32_t *change);

/*
 * xfrmif_event_get_lost - for LOST: the XFRMIF_MONITOR_* groups whose
 * events may have been dropped (the groups of the overflowing socket).
 * Returns 0, -EINVAL or -ENODATA.
 * Since: 1.0
 */
int xfrmif_event_get_lost(const xfrmif_event *ev, uint32_t *groups);

#ifdef __cplusplus
}
#endif

#endif
