/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Fault injection for test programs linked with -Wl,--wrap for malloc,
 * calloc, realloc, strdup, nlmsg_alloc_size, send, recv, recvmsg, connect
 * and nl_connect (see tests/meson.build): once armed with N, the Nth of those
 * calls fails (ENOMEM, ENOBUFS on send, EIO on receive). No hook lives in
 * the library itself.
 */
#ifndef XFRMIF_XFAULT_H
#define XFRMIF_XFAULT_H

void xfault_arm(int n);
void xfault_disarm(void);

/* Set when the armed call came and failed. */
extern int xfault_fired;
/* Besides failing, a received datagram can be altered the way a kernel
 * would send it: NLM_F_DUMP_INTR set on every dump message, or ENOBUFS. */
extern int xfault_mark_dump_intr;
extern int xfault_enobufs;

#endif
