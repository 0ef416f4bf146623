#!/bin/bash
# Guest half of vm-suite.sh: runs inside the guest (via run-in-guest.sh).
#
#   guest-suite.sh TAG KIND:PATH...
#
# KIND is "check" (a Check program: its TAP comes from the file named by
# CK_TAP_LOG_FILE_NAME) or "tap" (a program printing TAP on stdout). For
# each program, in order, it writes to the console:
#   TAG begin IDX
#   TAG tap IDX LINE       one per line of the program's TAP
#   TAG end IDX STATUS     STATUS = the program's exit status
# Anything else the programs print (Check's progress, stderr) goes to the
# console as is; vm-suite.sh shows it on stderr. Renumbering, the combined
# plan and the verdict are vm-suite.sh's job on the host, which also copes
# with a guest that dies half way.
#
# Each program gets XFRMIF_VM_TEST_TIMEOUT seconds (default 300), and
# Check's own per-test timeouts are stretched (CK_TIMEOUT_MULTIPLIER=10).
set -u

tag=$1
shift
per_test_timeout=${XFRMIF_VM_TEST_TIMEOUT:-300}
# Check's per-test timeout (default 4 s) is tuned for native speed; the guest
# is emulated (TCG) and several times slower. The caller's CK_* win.
export CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-10}
work=$(mktemp -d /tmp/xfrmif-vm-suite.XXXXXX) || exit 125

# Prefix each line so vm-suite.sh can tell TAP from other console output.
tag_lines() {
    local idx=$1 line
    while IFS= read -r line || [[ -n $line ]]; do
        printf '%s tap %s %s\n' "$tag" "$idx" "$line"
    done
}

rc=0 idx=0
for arg in "$@"; do
    kind=${arg%%:*}
    exe=${arg#*:}
    printf '%s begin %s\n' "$tag" "$idx"
    case $kind in
        check)
            tapf=$work/$idx.tap
            CK_TAP_LOG_FILE_NAME=$tapf CK_FORK=yes CK_VERBOSITY=normal \
                timeout -k 10 "$per_test_timeout" "$exe" </dev/null
            status=$?
            if [[ -f $tapf ]]; then
                tag_lines "$idx" < "$tapf"
            fi ;;
        tap)
            # Scripts that are not executable still run (meson's files()
            # keeps the mode, but a checkout may not).
            if [[ -x $exe ]]; then
                cmd=("$exe")
            else
                cmd=(/bin/bash "$exe")
            fi
            timeout -k 10 "$per_test_timeout" "${cmd[@]}" </dev/null | tag_lines "$idx"
            status=${PIPESTATUS[0]} ;;
        *)
            echo "guest-suite.sh: unknown kind '$kind' for $exe" >&2
            status=125 ;;
    esac
    printf '%s end %s %s\n' "$tag" "$idx" "$status"
    ((status == 0)) || rc=1
    idx=$((idx + 1))
done
rm -rf -- "$work"
exit "$rc"
