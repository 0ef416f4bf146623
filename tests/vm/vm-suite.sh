#!/bin/bash
# Driver of the meson `vm` suite: boot the guest once, run every given test
# program in it in turn, print one combined TAP stream on stdout.
#
#   vm-suite.sh [--timeout SECS] TEST...
#
# TEST is one of
#   PATH         a Check program (libcheck): run with CK_FORK=yes,
#                CK_VERBOSITY=normal and CK_TAP_LOG_FILE_NAME set to a file
#                in the guest, whose TAP is then collected
#   PATH.sh      a script printing TAP on its stdout
#   tap:PATH     any program printing TAP on its stdout
#
# Output (TAP version 13): one "ok N - NAME: DESC" / "not ok N - ..." line
# per test case, numbered across all programs, the guest kernel as a
# comment, and the plan at the end. A program that crashes, times out,
# prints no TAP, or whose exit status contradicts its TAP gets a "not ok"
# line of its own; so does a program the guest never got to. Everything
# else the programs print goes to stderr.
#
# Exit status: 0 if every line is ok (TODO/SKIP count as ok), 1 otherwise.
#
# --timeout (default 1800 s, or XFRMIF_VM_SUITE_TIMEOUT) bounds the whole
# run including boot; each program also gets XFRMIF_VM_TEST_TIMEOUT seconds
# (default 300) inside the guest. See run-in-guest.sh for the rest of the
# environment.
set -uo pipefail

prog=vm-suite.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

timeout_s=${XFRMIF_VM_SUITE_TIMEOUT:-1800}
case ${1:-} in
    --timeout) timeout_s=${2:-}; shift 2 || true ;;
    --timeout=*) timeout_s=${1#*=}; shift ;;
    --) shift ;;
esac
if (($# == 0)); then
    echo "usage: $prog [--timeout SECS] TEST..." >&2
    exit 2
fi

# --- what to run ---------------------------------------------------------------
names=() kinds=() paths=()
for arg in "$@"; do
    kind=check
    path=$arg
    if [[ $arg == tap:* ]]; then
        kind=tap
        path=${arg#tap:}
    elif [[ $arg == *.sh ]]; then
        kind=tap
    fi
    # The guest sees the host's filesystem at the same paths but starts in
    # our cwd anyway; absolute paths keep the report unambiguous.
    abs=$(readlink -f -- "$path" 2>/dev/null) || abs=$path
    names+=("$(basename -- "$path")")
    kinds+=("$kind")
    paths+=("$abs")
done
count=${#paths[@]}

# --- TAP bookkeeping -------------------------------------------------------------
n=0 failed=0
declare -a begun=() ended=() results=() fails=() plan=() skipmsg=() bailed=()
for ((i = 0; i < count; i++)); do
    begun[i]=0 ended[i]=0 results[i]=0 fails[i]=0 plan[i]=-1 skipmsg[i]="" bailed[i]=0
done

# emit ok|not-ok DESC: one renumbered line of the combined stream.
emit() {
    n=$((n + 1))
    if [[ $1 == ok ]]; then
        printf 'ok %d - %s\n' "$n" "$2"
    else
        printf 'not ok %d - %s\n' "$n" "$2"
        # A TODO failure is expected and does not fail the suite.
        shopt -s nocasematch
        [[ $2 == *"# TODO"* ]] || failed=$((failed + 1))
        shopt -u nocasematch
    fi
}

# One line of program IDX's own TAP.
tap_line() {
    local i=$1 line=$2 name=${names[$1]}
    ((bailed[i] == 0)) || return 0
    if [[ $line =~ ^(not\ ok|ok)([[:space:]]+[0-9]+)?([[:space:]]+-)?([[:space:]]+(.*))?$ ]]; then
        local res=${BASH_REMATCH[1]} desc=${BASH_REMATCH[5]}
        results[i]=$((results[i] + 1))
        [[ $res == ok ]] || fails[i]=$((fails[i] + 1))
        emit "${res/not ok/not-ok}" "$name${desc:+: $desc}"
    elif [[ $line =~ ^1\.\.([0-9]+)(.*)$ ]]; then
        plan[i]=${BASH_REMATCH[1]}
        if [[ ${BASH_REMATCH[2]} =~ \#[[:space:]]*[Ss][Kk][Ii][Pp](.*)$ ]]; then
            skipmsg[i]=${BASH_REMATCH[1]# }
            [[ -n ${skipmsg[i]} ]] || skipmsg[i]="no tests"
        fi
    elif [[ $line =~ ^Bail\ out!(.*)$ ]]; then
        # A bail-out ends that program, not the whole suite.
        bailed[i]=1
        fails[i]=$((fails[i] + 1))
        emit not-ok "$name: bailed out:${BASH_REMATCH[1]}"
    elif [[ $line == "#"* ]]; then
        printf '%s\n' "$line"
    elif [[ $line == "TAP version"* || -z $line ]]; then
        :
    else
        # YAML blocks, stray output: not part of the combined stream.
        printf '%s: %s\n' "$name" "$line" >&2
    fi
}

# Program IDX finished with exit status STATUS: judge what its TAP left open.
program_end() {
    local i=$1 status=$2 name=${names[$1]} why
    ended[i]=1
    ((bailed[i] == 0)) || return 0
    if ((status == 124 || status == 137)); then
        why="timed out after ${XFRMIF_VM_TEST_TIMEOUT:-300} s"
    elif ((status > 128)); then
        why="killed by signal $((status - 128))"
    else
        why="exit status $status"
    fi
    if ((results[i] == 0)); then
        if ((status == 0 && plan[i] == 0)); then
            emit ok "$name # SKIP ${skipmsg[i]:-no tests}"
        else
            emit not-ok "$name: no test results ($why)"
        fi
    elif ((plan[i] >= 0 && plan[i] != results[i])); then
        emit not-ok "$name: planned ${plan[i]} tests, ran ${results[i]} ($why)"
    elif ((status != 0 && fails[i] == 0)); then
        emit not-ok "$name: $why although every test passed"
    elif ((status == 0 && fails[i] > 0)); then
        emit not-ok "$name: exit status 0 although tests failed"
    fi
}

# --- run ---------------------------------------------------------------------------
echo "TAP version 13"

# Programs missing on the host cannot run in the guest either.
guest_args=() guest_idx=()
for ((i = 0; i < count; i++)); do
    if [[ -f ${paths[i]} ]]; then
        guest_args+=("${kinds[i]}:${paths[i]}")
        guest_idx+=("$i")
    else
        begun[i]=1
        ended[i]=1
        emit not-ok "${names[i]}: ${paths[i]} not found"
    fi
done

rig_rc=0
if ((${#guest_args[@]})); then
    tag="@@xfrmif-suite-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')@@"
    exec {rig}< <(exec "$here/run-in-guest.sh" --timeout "$timeout_s" -- \
                     /bin/bash "$here/guest-suite.sh" "$tag" "${guest_args[@]}")
    rig_pid=$!
    trap 'kill "$rig_pid" 2>/dev/null; wait "$rig_pid" 2>/dev/null; exit 143' TERM
    trap 'kill "$rig_pid" 2>/dev/null; wait "$rig_pid" 2>/dev/null; exit 130' INT

    while IFS= read -r -u "$rig" line || [[ -n $line ]]; do
        if [[ $line == "$tag "* ]]; then
            read -r what gi rest <<< "${line#"$tag "}"
            if ! [[ $gi =~ ^[0-9]+$ ]] || ((gi >= ${#guest_idx[@]})); then
                continue
            fi
            i=${guest_idx[gi]}
            case $what in
                begin) begun[i]=1; printf '# %s\n' "${paths[i]}" ;;
                tap) tap_line "$i" "${line#"$tag tap $gi "}" ;;
                end) program_end "$i" "$rest" ;;
            esac
        elif [[ $line == "# guest kernel: "* ]]; then
            printf '%s\n' "$line"
        else
            printf '%s\n' "$line" >&2
        fi
    done
    wait "$rig_pid"
    rig_rc=$?
    exec {rig}<&-
    trap - TERM INT
fi

# Whatever the guest did not finish (it failed to boot, died, or the suite
# timed out) is a failure of its own.
for ((i = 0; i < count; i++)); do
    if ((ended[i] == 0)); then
        if ((begun[i])); then
            emit not-ok "${names[i]}: did not finish (guest runner status $rig_rc)"
        else
            emit not-ok "${names[i]}: not run (guest runner status $rig_rc)"
        fi
    fi
done
# guest-suite.sh exits 1 when a program failed; anything else means the
# guest itself went wrong even though every program reported.
if ((rig_rc != 0 && rig_rc != 1)); then
    emit not-ok "guest: run-in-guest.sh exit status $rig_rc"
fi

echo "1..$n"
((failed == 0))
