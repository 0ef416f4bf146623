#!/bin/sh
# Renders each built man page the way man(1) shows it and fails on a
# non-zero exit status or any warning on stderr; also checks that man-db's
# lexgrog can read the NAME section, which is what apropos and whatis index.
# usage: check-man-render.sh PAGE...
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for page in "$@"; do
	if ! MANWIDTH=80 man --warnings -l -P cat "$page" >"$tmp/out" 2>"$tmp/err"; then
		echo "$page: man -l failed:"; cat "$tmp/err"; status=1
	elif [ -s "$tmp/err" ]; then
		echo "$page: warnings from man -l:"; cat "$tmp/err"; status=1
	elif ! [ -s "$tmp/out" ]; then
		echo "$page: rendered empty"; status=1
	fi
	if ! lexgrog "$page" >"$tmp/lex" 2>&1; then
		echo "$page: lexgrog cannot parse the NAME section:"; cat "$tmp/lex"; status=1
	fi
done
[ $status -eq 0 ] && echo "ok: $# man pages render without warnings"
exit $status
