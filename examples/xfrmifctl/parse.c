/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "parse.h"

static bool parse_ull(const char *s, unsigned long long max,
		      unsigned long long *out)
{
	char *end;

	/* strtoull would take "-1" as a huge number. */
	if (!s || !*s || *s == '-')
		return false;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return !errno && !*end && *out <= max;
}

bool cli_parse_u32(const char *s, uint32_t *out)
{
	unsigned long long v;

	if (!parse_ull(s, UINT32_MAX, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

bool cli_parse_u64(const char *s, uint64_t *out)
{
	unsigned long long v;

	if (s && !strcmp(s, "inf")) {
		*out = UINT64_MAX;
		return true;
	}
	if (!parse_ull(s, UINT64_MAX, &v))
		return false;
	*out = v;
	return true;
}

bool cli_parse_mark(const char *s, uint32_t *v, uint32_t *m)
{
	char buf[64], *slash;

	if (!s || strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	*m = UINT32_MAX;
	if (slash) {
		*slash++ = '\0';
		if (!cli_parse_u32(slash, m))
			return false;
	}
	return cli_parse_u32(buf, v);
}

bool cli_parse_addr(const char *s, int *family, unsigned char addr[16])
{
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, s, addr) == 1)
		*family = AF_INET;
	else if (inet_pton(AF_INET6, s, addr) == 1)
		*family = AF_INET6;
	else
		return false;
	return true;
}

static bool parse_prefix(const char *s, int *family, unsigned char addr[16],
			 uint8_t *plen, bool any_len)
{
	char buf[INET6_ADDRSTRLEN + 8];
	char *slash;
	uint32_t n;

	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash)
		*slash++ = '\0';
	if (!cli_parse_addr(buf, family, addr))
		return false;
	*plen = *family == AF_INET ? 32 : 128;
	if (slash) {
		if (!cli_parse_u32(slash, &n) || n > (any_len ? 255 : *plen))
			return false;
		*plen = (uint8_t)n;
	}
	return true;
}

bool cli_parse_prefix(const char *s, int *family, unsigned char addr[16],
		      uint8_t *plen)
{
	return parse_prefix(s, family, addr, plen, false);
}

bool cli_parse_prefix_any_len(const char *s, int *family,
			      unsigned char addr[16], uint8_t *plen)
{
	return parse_prefix(s, family, addr, plen, true);
}
