#!/bin/sh
# The main job: build libxfrmif and show what it does on this machine.
# (Grows into the full two-namespace tunnel demonstration.)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
tests/install-deps.sh >/dev/null
[ -d build-demo ] || meson setup build-demo >/dev/null
meson compile -C build-demo >/dev/null
echo "== xfrmifctl probe on this machine's kernel ($(uname -r))"
build-demo/examples/xfrmifctl probe
