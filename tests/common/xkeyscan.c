/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <malloc.h>
#include <string.h>

#include "xkeyscan.h"

const uint8_t XK_KEY[20] = {
	0xc3, 0x5a, 0x11, 0xe7, 0x42, 0x9d, 0x6b, 0xf0, 0x38, 0x81,
	0x2c, 0xd4, 0x77, 0x19, 0xae, 0x53, 0x0f, 0xb6, 0x64, 0xc9,
};

/* volatile: the compiler takes free() for the builtin that touches no
 * globals */
static volatile int scanning;
static volatile int key_seen;
static volatile int hook_calls;

#if defined(__SANITIZE_ADDRESS__)
#define XK_FREE_HOOK 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XK_FREE_HOOK 0
#endif
#endif
#ifndef XK_FREE_HOOK
#define XK_FREE_HOOK 1
#endif

bool xk_holds_key(const void *p, size_t n)
{
	/* 8 bytes of the key are enough to be sure. */
	return n >= 8 && memmem(p, n, XK_KEY + 6, 8) != NULL;
}

#if XK_FREE_HOOK
extern void __libc_free(void *);

void free(void *p)
{
	hook_calls++;
	if (p && scanning && xk_holds_key(p, malloc_usable_size(p)))
		key_seen++;
	__libc_free(p);
}
#endif

void xk_scan_begin(void)
{
	key_seen = 0;
	scanning = 1;
}

int xk_scan_end(void)
{
	scanning = 0;
	return key_seen;
}

bool xk_hook_active(void)
{
	return hook_calls > 0;
}
