#!/bin/sh
# The README's test command: installs the dependencies, builds with
# -Werror and runs every suite (unit, host, vm). Needs root (namespaces,
# the guest). XFRMIF_SKIP_VM=1 skips the vm suite, on purpose only.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${XFRMIF_BUILD_DIR:-build-test}

tests/install-deps.sh

vm=enabled
[ "${XFRMIF_SKIP_VM:-0}" = 1 ] && vm=disabled
if [ -d "$build" ]; then
	meson setup --reconfigure "$build" -Dwerror=true -Dvm_tests=$vm >/dev/null
else
	meson setup "$build" -Dwerror=true -Dvm_tests=$vm >/dev/null
fi
meson compile -C "$build"

status=0
meson test -C "$build" --print-errorlogs --num-processes 2 || status=$?
python3 tests/summarize.py "$build/meson-logs/testlog.json" || status=1
exit $status
