#!/bin/sh
# Every public header must compile on its own as C99, C11 and C++17 with
# strict warnings, so that any consumer can include it first.
# usage: check-headers.sh INCLUDE_DIR HEADER...
set -eu
inc=$1
shift
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for h in "$@"; do
	name=libxfrmif/$(basename "$h")
	printf '#include <%s>\nint xfrmif_header_test_anchor;\n' "$name" >"$tmp/t.c"
	cp "$tmp/t.c" "$tmp/t.cc"
	for std in c99 c11; do
		if ! ${CC:-cc} -std=$std -Wall -Wextra -Werror -pedantic -I"$inc" \
			-c "$tmp/t.c" -o "$tmp/t.o"; then
			echo "FAIL: $name as $std"; status=1
		fi
	done
	if ! ${CXX:-c++} -std=c++17 -Wall -Wextra -Werror -pedantic -I"$inc" \
		-c "$tmp/t.cc" -o "$tmp/t.o"; then
		echo "FAIL: $name as c++17"; status=1
	fi
done
[ $status -eq 0 ] && echo "ok: $# headers compile alone as C99, C11 and C++17"
exit $status
