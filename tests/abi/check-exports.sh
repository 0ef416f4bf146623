#!/bin/sh
# Fails when the shared library's dynamic exports, the version script and
# the public headers disagree, or when anything not named xfrmif_* is
# exported, or an export is not versioned LIBXFRMIF_*.
# usage: check-exports.sh LIBRARY SYMFILE HEADER...
set -eu
lib=$1 sym=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Exports as NAME@@VERSION (default version) from the dynamic symbol table.
nm -D --defined-only --with-symbol-versions "$lib" |
	awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sort >"$tmp/exports"
sed 's/@.*//' "$tmp/exports" | sort -u >"$tmp/names"

# Names listed in the version script's global sections.
sed -e 's,/\*.*\*/,,g' "$sym" | tr -d ' \t' | grep -E '^xfrmif_[a-z0-9_]+;$' |
	tr -d ';' | sort -u >"$tmp/script"

# Functions declared in the public headers (static inline helpers are not
# exports and are left out).
cat "$@" | tr '\n' ' ' | sed 's/;/;\n/g' | grep -v 'static inline' |
	grep -oE '\bxfrmif_[a-z0-9_]+[ ]*\(' | tr -d ' (' | sort -u >"$tmp/headers"

status=0
bad=$(grep -v '^xfrmif_' "$tmp/names" || true)
if [ -n "$bad" ]; then
	echo "exported but not named xfrmif_*:"; echo "$bad"; status=1
fi
unversioned=$(grep -vE '@@LIBXFRMIF_[0-9]+\.[0-9]+$' "$tmp/exports" || true)
if [ -n "$unversioned" ]; then
	echo "exported without a LIBXFRMIF_x.y default version:"; echo "$unversioned"; status=1
fi
if ! diff -u "$tmp/script" "$tmp/names" >"$tmp/d1"; then
	echo "version script (-) and library exports (+) disagree:"; cat "$tmp/d1"; status=1
fi
if ! diff -u "$tmp/headers" "$tmp/names" >"$tmp/d2"; then
	echo "public headers (-) and library exports (+) disagree:"; cat "$tmp/d2"; status=1
fi
n=$(wc -l <"$tmp/names")
if [ "$n" -eq 0 ]; then
	echo "no exports found in $lib"; status=1
fi
[ $status -eq 0 ] && echo "ok: $n exports agree with the version script and headers"
exit $status
