/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Key hygiene checks for white-box tests: the program that links this file
 * replaces free() with one that looks for a known key in every block it
 * releases while a scan is on. AddressSanitizer owns malloc/free in its
 * builds and valgrind replaces free() at run time; there the hook stays
 * out (xk_hook_active() is false) and the plain build is the one that
 * checks.
 */
#ifndef XFRMIF_XKEYSCAN_H
#define XFRMIF_XKEYSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A recognisable 20-byte key; no other data in the tests contains it. */
extern const uint8_t XK_KEY[20];

/* Whether p..p+n holds (8 bytes of) XK_KEY. */
bool xk_holds_key(const void *p, size_t n);

/* Starts counting freed blocks that still hold XK_KEY. */
void xk_scan_begin(void);
/* Stops; returns how many there were. */
int xk_scan_end(void);
/* Whether free() calls reach the hook at all in this build and run. */
bool xk_hook_active(void);

#endif
