#!/bin/sh
# Fails when a symbol exported by the version script, or a type of the
# public headers (typedef, struct, enum, callback), is named in no man
# page's NAME or SYNOPSIS section, or when a page lacks a NAME line of the
# form "name, name, ... - description" (what man and apropos index).
# usage: check-man.sh SYMFILE HEADERS_DIR PAGE.scd...
set -eu
sym=$1 headers=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sed -e 's,/\*.*\*/,,g' "$sym" | tr -d ' \t' | grep -E '^xfrmif_[a-z0-9_]+;$' |
	tr -d ';' | sort -u >"$tmp/exports"
# The public types: "typedef ... xfrmif_x;", "struct xfrmif_x {",
# "enum xfrmif_x {" and callback typedefs "(*xfrmif_x_fn)".
cat "$headers"/*.h | grep -oE 'typedef [a-z_ ]+\bxfrmif_[a-z0-9_]+;|(struct|enum) xfrmif_[a-z0-9_]+ \{|\(\*xfrmif_[a-z0-9_]+\)' |
	grep -oE 'xfrmif_[a-z0-9_]+' | sort -u >"$tmp/types"

status=0
for page in "$@"; do
	# The NAME and SYNOPSIS sections: from their "# " heading to the next.
	awk '/^# /{keep = ($0 == "# NAME" || $0 == "# SYNOPSIS"); next}
		keep' "$page" >"$tmp/sections"
	name=$(awk '/^# /{keep = ($0 == "# NAME"); next} keep && NF' "$page")
	if ! printf '%s\n' "$name" | grep -qE '^[a-z_][A-Za-z0-9_ ,]* - [^ ]'; then
		echo "$page: no NAME line of the form 'name, ... - description'"
		status=1
	fi
	grep -oE '\bxfrmif_[a-z0-9_]+' "$tmp/sections" >>"$tmp/named" || true
done
sort -u "$tmp/named" -o "$tmp/named"

missing=$(comm -23 "$tmp/exports" "$tmp/named")
if [ -n "$missing" ]; then
	echo "exported symbols that no man page names in NAME or SYNOPSIS:"
	echo "$missing"
	status=1
fi
missing=$(comm -23 "$tmp/types" "$tmp/named")
if [ -n "$missing" ]; then
	echo "public types that no man page names in NAME or SYNOPSIS:"
	echo "$missing"
	status=1
fi
n=$(wc -l <"$tmp/exports")
[ "$n" -gt 0 ] || { echo "no symbols found in $sym"; status=1; }
t=$(wc -l <"$tmp/types")
[ "$t" -gt 0 ] || { echo "no types found in $headers"; status=1; }
[ $status -eq 0 ] && echo "ok: all $n exported symbols and $t types have a man page ($# pages)"
exit $status
