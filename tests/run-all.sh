#!/bin/sh
# The README's test command: installs the dependencies, builds with
# -Werror and runs every suite: unit, host and vm; then unit and host again
# under AddressSanitizer + UndefinedBehaviorSanitizer, and unit under
# valgrind. Needs root (namespaces, the guest).
# XFRMIF_SKIP_VM=1 skips the vm suite, on purpose only.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${XFRMIF_BUILD_DIR:-build-test}
asan=${build}-asan

tests/install-deps.sh

vm=enabled
[ "${XFRMIF_SKIP_VM:-0}" = 1 ] && vm=disabled

setup() { # DIR ARGS...
	dir=$1
	shift
	if [ -d "$dir" ]; then
		meson setup --reconfigure "$dir" "$@" >/dev/null
	else
		meson setup "$dir" "$@" >/dev/null
	fi
}

setup "$build" -Dwerror=true -Dvm_tests=$vm
meson compile -C "$build"
setup "$asan" -Dwerror=true -Dvm_tests=disabled -Db_sanitize=address,undefined \
	-Db_lundef=false -Dc_args=-fno-sanitize-recover=all
meson compile -C "$asan"

status=0
logs=""
run() { # NAME BUILD MESON-TEST-ARGS...
	name=$1 dir=$2
	shift 2
	echo "=== $name"
	meson test -C "$dir" --print-errorlogs --num-processes 2 \
		--logbase "$name" "$@" || status=1
	# meson may append the wrapper's name to the log's base name
	logs="$logs $(ls -t "$dir/meson-logs/$name"*.json | head -n 1)"
}
run all "$build"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	run sanitizers "$asan" --suite unit --suite host
run valgrind "$build" --suite unit --wrapper "$top/tests/valgrind-wrap.sh"

# shellcheck disable=SC2086
python3 tests/summarize.py $logs || status=1
exit $status
