#!/bin/sh
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each one
# for a bounded time on its seed corpus (real kernel replies captured in
# the guest by capture-seeds.sh; regression inputs live there too).
#   tests/fuzz/run-fuzz.sh                 # CI: FUZZ_SECONDS=20 per target
#   FUZZ_SECONDS=3600 tests/fuzz/run-fuzz.sh [TARGET...]   # a longer run
# A crash leaves its input in $FUZZ_OUT/crash-*: fix the bug, then add the
# input to tests/fuzz/corpus/TARGET/ as a regression seed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
seconds=${FUZZ_SECONDS:-20}
out=${FUZZ_OUT:-$(mktemp -d /tmp/xfrmif-fuzz.XXXXXX)}
targets=${*:-sa policy link info event error cli}
mkdir -p "$out"

cflags="-g -O1 -std=c11 -D_GNU_SOURCE -DXFRMIF_VERSION_STRING=\"fuzz\"
 -fsanitize=address,undefined -fno-sanitize-recover=all
 -I$top/include -I$top/libxfrmif $(pkg-config --cflags libnl-3.0)"
libs=$(pkg-config --libs libnl-3.0)

# The library once, as objects instrumented for coverage.
mkdir -p "$out/obj"
for src in "$top"/libxfrmif/*.c; do
	# shellcheck disable=SC2086
	clang $cflags -fsanitize=fuzzer-no-link -c "$src" \
		-o "$out/obj/$(basename "$src" .c).o"
done

# xfrmifctl's sources for the cli target (its main() renamed away, since
# libFuzzer brings its own).
mkdir -p "$out/cli"
for src in "$top"/examples/xfrmifctl/*.c; do
	# shellcheck disable=SC2086
	clang $cflags -fsanitize=fuzzer-no-link -Dmain=xfrmifctl_main \
		-I"$top/examples/xfrmifctl" -c "$src" \
		-o "$out/cli/$(basename "$src" .c).o"
done

status=0
for t in $targets; do
	extra=
	[ "$t" = cli ] && extra="-I$top/examples/xfrmifctl $out/cli/*.o"
	# shellcheck disable=SC2086
	clang $cflags -fsanitize=fuzzer "$here/fuzz-$t.c" $extra "$out"/obj/*.o $libs \
		-o "$out/fuzz-$t"
	work=$out/corpus-$t
	mkdir -p "$work"
	cp "$here/corpus/$t"/* "$work/" 2>/dev/null || true
	echo "=== fuzz-$t: ${seconds}s"
	if ! "$out/fuzz-$t" -max_total_time="$seconds" -timeout=10 \
		-rss_limit_mb=2048 -artifact_prefix="$out/" -print_final_stats=1 \
		"$work" >"$out/fuzz-$t.log" 2>&1; then
		echo "FAIL: fuzz-$t crashed; see $out/fuzz-$t.log and $out/crash-*"
		tail -n 30 "$out/fuzz-$t.log"
		status=1
	else
		grep -E 'stat::number_of_executed_units|Done [0-9]+ runs' \
			"$out/fuzz-$t.log" | tail -n 1
		echo "ok: fuzz-$t"
	fi
done
exit $status
