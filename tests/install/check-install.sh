#!/bin/sh
# Installs the build into a staging directory, builds a consumer found only
# through `pkg-config libxfrmif`, runs it, and checks what was installed.
# usage: check-install.sh BUILD_DIR SOURCE_DIR
set -eu
build=$1 src=$2
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

meson install -C "$build" --destdir "$stage" --quiet >/dev/null
prefix=$(meson introspect "$build" --buildoptions |
	python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"))')
root=$stage$prefix
pcdir=$(dirname "$(find "$root" -name libxfrmif.pc | head -n1)")
[ -n "$pcdir" ] || { echo "FAIL: libxfrmif.pc not installed"; exit 1; }

for f in include/libxfrmif/xfrmif.h include/libxfrmif/ctx.h; do
	[ -f "$root/$f" ] || { echo "FAIL: $f not installed"; exit 1; }
done
[ -x "$root/sbin/xfrmifctl" ] || { echo "FAIL: xfrmifctl not installed"; exit 1; }
# Man pages (when built: -Dman=disabled leaves them out).
if [ -d "$build/docs/man" ] && ls "$build"/docs/man/*.3 >/dev/null 2>&1; then
	for m in man3/libxfrmif.3 man3/xfrmif_ctx.3 man3/xfrmif_tunnel.3 man8/xfrmifctl.8; do
		[ -n "$(find "$root" -path "*/$m")" ] || { echo "FAIL: $m not installed"; exit 1; }
	done
fi
so=$(find "$root" -name 'libxfrmif.so.1' | head -n1)
[ -n "$so" ] || { echo "FAIL: libxfrmif.so.1 not installed"; exit 1; }
soname=$(readelf -d "$so" | sed -n 's/.*SONAME.*\[\(.*\)\].*/\1/p')
[ "$soname" = libxfrmif.so.1 ] || { echo "FAIL: SONAME is '$soname'"; exit 1; }

# pkg-config's sysroot handling rewrites -I/-L into the staging tree.
export PKG_CONFIG_PATH="$pcdir" PKG_CONFIG_SYSROOT_DIR="$stage"
grep -q 'Requires.private: libnl-3.0' "$pcdir/libxfrmif.pc" ||
	{ echo "FAIL: libnl missing from Requires.private"; exit 1; }
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -Wall -Wextra -Werror -o "$stage/consumer" \
	"$src/tests/install/consumer.c" $(pkg-config --cflags --libs libxfrmif)
LD_LIBRARY_PATH=$(dirname "$so") "$stage/consumer"
rm -f "$stage/consumer"

# Uninstall (meson's install log holds the staged paths) leaves no file.
DESTDIR=$stage ninja -C "$build" uninstall >/dev/null
left=$(find "$stage" -type f -o -type l)
if [ -n "$left" ]; then
	echo "FAIL: uninstall left files behind:"
	echo "$left"
	exit 1
fi
echo "ok: installed tree builds and runs a pkg-config consumer; uninstall leaves no file"
