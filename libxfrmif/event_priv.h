/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The event object and its decoders, shared by monitor.c, event*.c and
 * white-box tests. */
#ifndef LIBXFRMIF_EVENT_PRIV_H
#define LIBXFRMIF_EVENT_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/xfrm.h>

#include <libxfrmif/monitor.h>

#include "internal.h"

/* The kernel's XFRM_MAX_DEPTH: at most this many migrations per event. */
#define XFRMIF__EVENT_MAX_MIGRATE 6

/* xfrmif_event.has: which objects and fields the event carries. */
enum {
	EV_SA = 1u << 0,
	EV_POLICY = 1u << 1,
	EV_LINK = 1u << 2,
	EV_COADDR = 1u << 3,
};

/*
 * One event. The monitor owns one and reuses it for every message (the
 * objects are allocated once); the callback borrows it.
 */
struct xfrmif_event {
	int type; /* enum xfrmif_event_type, 0 while empty */
	uint32_t has;
	xfrmif_sa *sa;
	xfrmif_policy *policy;
	xfrmif_link *link;
	uint8_t hard;
	uint8_t flush_proto;
	uint32_t seq, aalgos, ealgos, calgos; /* acquire */
	int map_family;
	xfrm_address_t map_old, map_new;
	uint16_t map_old_port, map_new_port; /* host order */
	unsigned int nmigrate;
	struct xfrm_user_migrate migrate[XFRMIF__EVENT_MAX_MIGRATE];
	int coaddr_family;
	xfrm_address_t coaddr;
	uint32_t ae_flags;
	uint32_t link_change;
	uint32_t lost; /* XFRMIF_MONITOR_* groups */
};

/* Allocates the objects an event lends. Returns 0 or -ENOMEM. */
int xfrmif__event_init(xfrmif_event *ev);
/* Frees them (keys wiped). */
void xfrmif__event_fini(xfrmif_event *ev);
/* Empties the event between messages, wiping keys it may hold. */
void xfrmif__event_clear(xfrmif_event *ev);

/*
 * Decoders: each turns one kernel message into `ev` (cleared first).
 * Return 0 when ev holds an event, 1 when the message is not one to report
 * (another kind of interface, a message type the library does not know),
 * or -EBADMSG when it is malformed. SA keys are copied only with `keys`.
 */
int xfrmif__event_parse_xfrm(xfrmif_event *ev, const struct nlmsghdr *nlh,
			     bool keys);
int xfrmif__event_parse_link(xfrmif_event *ev, const struct nlmsghdr *nlh);

/* The negotiation messages (event_acquire.c): ACQUIRE, MAPPING, MIGRATE,
 * REPORT, NEWAE. Same returns as above; ev is already cleared. */
int xfrmif__event_parse_acquire(xfrmif_event *ev, const struct nlmsghdr *nlh);
int xfrmif__event_parse_mapping(xfrmif_event *ev, const struct nlmsghdr *nlh);
int xfrmif__event_parse_migrate(xfrmif_event *ev, const struct nlmsghdr *nlh);
int xfrmif__event_parse_report(xfrmif_event *ev, const struct nlmsghdr *nlh);
int xfrmif__event_parse_ae(xfrmif_event *ev, const struct nlmsghdr *nlh);

#endif
