/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

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
