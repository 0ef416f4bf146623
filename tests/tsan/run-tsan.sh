#!/bin/sh
# Builds the library and threads.c with ThreadSanitizer and runs it in a
# fresh network namespace (root). Any data race makes TSan fail the run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$(mktemp -d /tmp/xfrmif-tsan.XXXXXX)
trap 'rm -rf "$out"' EXIT
# shellcheck disable=SC2046
${CC:-gcc} -std=c11 -O1 -g -D_GNU_SOURCE -DXFRMIF_VERSION_STRING='"tsan"' \
	-fsanitize=thread -I"$top/include" -I"$top/libxfrmif" \
	"$top"/libxfrmif/*.c "$here/threads.c" -o "$out/threads" \
	$(pkg-config --cflags --libs libnl-3.0) -lpthread
TSAN_OPTIONS="halt_on_error=1 exitcode=66" unshare -n "$out/threads"
