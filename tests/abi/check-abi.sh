#!/bin/sh
# The ABI gate: describes the built library with libabigail's abidw and
# compares it with the committed baseline (abi/libxfrmif.abi) using abidiff.
# Fails on any change to what the baseline exports (removed or changed
# functions, variables or types); symbols added since the baseline are
# allowed (they belong in a new version node of libxfrmif.sym).
#
# usage: check-abi.sh LIBRARY BASELINE HEADERS_DIR          (the test)
#        check-abi.sh LIBRARY BASELINE HEADERS_DIR update   (rewrite BASELINE)
set -eu
lib=$1 baseline=$2 headers=$3 mode=${4:-check}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for p in abidw abidiff; do
	command -v $p >/dev/null || { echo "$p not found (Debian: abigail-tools)"; exit 1; }
done
# Without DWARF there are no types to compare: skip rather than pass.
if ! readelf -S "$lib" | grep -q '\.debug_info'; then
	echo "SKIP: $lib has no debug information (build with -g)"; exit 77
fi

# Only types reachable from the public headers count; no build paths in
# the output, so the baseline does not depend on where it was built.
# --exported-interfaces-only: without it, abidw 2.2 ties a function that
# other files of the library call to one of their declarations instead of
# its definition, leaves it unlinked to its ELF symbol, and abidiff then
# ignores every change to its types (xfrmif_link_list and 20 others).
abidw --headers-dir "$headers" --drop-private-types --no-corpus-path \
	--exported-interfaces-only \
	--out-file "$tmp/current.abi" "$lib"

if [ "$mode" = update ]; then
	cp "$tmp/current.abi" "$baseline"
	echo "baseline written: $baseline"
	exit 0
fi
[ -f "$baseline" ] || { echo "no baseline $baseline"; exit 1; }

# abidiff's exit status is a bit mask: 1 error, 2 usage error, 4 an ABI
# change, 8 an incompatible ABI change. Added functions and variables are
# not reported (--no-added-syms), so any change left is one to the baseline.
set +e
abidiff --no-added-syms "$baseline" "$tmp/current.abi" >"$tmp/report"
rc=$?
set -e
if [ $rc -ne 0 ]; then
	cat "$tmp/report"
	[ $((rc & 3)) -ne 0 ] && echo "abidiff failed (status $rc)"
	[ $((rc & 8)) -ne 0 ] && echo "FAIL: incompatible ABI change against $baseline"
	[ $((rc & 12)) -eq 4 ] && echo "FAIL: ABI change against $baseline"
	exit 1
fi
added=$(abidiff "$baseline" "$tmp/current.abi" | grep -c '^  \[A\]' || true)
echo "ok: ABI unchanged against $baseline ($added added symbols)"
