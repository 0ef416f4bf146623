#!/bin/bash
# Boot one QEMU guest running Debian 12's kernel and run one command in it.
#
#   run-in-guest.sh [--timeout SECS] [--env NAME=VALUE]... -- COMMAND [ARGS...]
#
# The guest sees this machine's whole root filesystem (read-only over 9p,
# with a tmpfs overlay on top so it can write), so COMMAND may be any host
# program, e.g. a test binary in a build directory. It runs as root in the
# caller's working directory with a clean environment (sane PATH, HOME=/root)
# plus: variables given with --env, and CK_*, XFRMIF_* and MALLOC_PERTURB_
# from the caller's environment. Its stdin is /dev/null.
#
# Everything the command prints (stdout and stderr, merged by the serial
# console) streams to our stdout as it happens, preceded by one line
#   # guest kernel: KVER
# (a TAP comment, so TAP output stays valid TAP).
#
# Exit status: the command's own; 124 if it did not finish within the
# timeout (default 600 s, boot included); 125 if the guest did not boot or
# died, or the runner failed. qemu is never left running.
#
# Environment: XFRMIF_VM_CACHE (see prepare-guest.sh), XFRMIF_VM_ACCEL
# (qemu accelerator, default tcg: nested KVM guests hang on our CI hosts),
# XFRMIF_VM_MEM (MiB, default 2048), XFRMIF_VM_SMP (default 2).
set -uo pipefail

prog=run-in-guest.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() {
    echo "$prog: error: $*" >&2
    exit 125
}
usage() {
    echo "usage: $prog [--timeout SECS] [--env NAME=VALUE]... -- COMMAND [ARGS...]" >&2
    exit 125
}

timeout_s=600
envs=()
while (($#)); do
    case $1 in
        --timeout)
            (($# >= 2)) || usage
            timeout_s=$2
            shift 2 ;;
        --timeout=*)
            timeout_s=${1#*=}
            shift ;;
        --env)
            (($# >= 2)) || usage
            envs+=("$2")
            shift 2 ;;
        --env=*)
            envs+=("${1#*=}")
            shift ;;
        --) shift; break ;;
        -h|--help) usage ;;
        *) break ;;
    esac
done
(($#)) || usage
[[ $timeout_s =~ ^[1-9][0-9]*$ ]] || die "--timeout needs a positive number of seconds, not '$timeout_s'"
for e in "${envs[@]}"; do
    [[ $e =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || die "--env needs NAME=VALUE, not '$e'"
done

# Pass these through from the caller: Check's knobs, our own, and the
# malloc perturbation meson sets for tests.
while IFS= read -r name; do
    envs+=("$name=${!name}")
done < <(compgen -e | grep -E '^(CK_|XFRMIF_|MALLOC_PERTURB_$)' || true)

# --- guest image -------------------------------------------------------------
guest_env=$("$here/prepare-guest.sh") || die "prepare-guest.sh failed (see above)"
kernel="" initrd="" moddir=""
while IFS='=' read -r k v; do
    case $k in
        XFRMIF_VM_KERNEL) kernel=$v ;;
        XFRMIF_VM_INITRD) initrd=$v ;;
        XFRMIF_VM_MODDIR) moddir=$v ;;
    esac
done <<< "$guest_env"
[[ -n $kernel && -n $initrd && -n $moddir ]] || die "prepare-guest.sh printed no kernel/initrd/moddir"

# --- run directory -----------------------------------------------------------
# The guest reads it through the share at the same path, so it must not live
# where the guest mounts its own filesystems, and the kernel command line
# that names it must not contain spaces.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/xfrmif-vm.XXXXXX") || die "mktemp failed"
qpid=
# shellcheck disable=SC2317 # called through the trap
cleanup() {
    if [[ -n $qpid ]] && kill -0 "$qpid" 2>/dev/null; then
        # qpid is timeout(1), which passes the signal on to qemu.
        kill "$qpid" 2>/dev/null
        wait "$qpid" 2>/dev/null
    fi
    rm -rf -- "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
case $tmp in
    /run/*|/proc/*|/sys/*|/dev/*|*[[:space:]]*)
        die "temp dir $tmp is not usable in the guest; set TMPDIR (e.g. /var/tmp)" ;;
esac
chmod 0755 "$tmp"

# A random token in the marker lines, so that no output of the command can
# be taken for them.
token=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
echo "$token" > "$tmp/token"

# run.sh: every word %q-quoted, so any command and argument survives as is.
cwd=$(pwd -P)
{
    printf 'cd -- %q || { echo "%s: cannot cd to %q in the guest" >&2; exit 125; }\n' "$cwd" "$prog" "$cwd"
    for e in "${envs[@]}"; do
        printf 'export %q=%q\n' "${e%%=*}" "${e#*=}"
    done
    printf 'exec'
    printf ' %q' "$@"
    printf '\n'
} > "$tmp/run.sh"

# --- boot ----------------------------------------------------------------------
# The serial console is the only channel back from the guest (the share is
# read-only). qemu writes it to a FIFO we read line by line; its stdin is
# /dev/null because with a closed stdin (CI) char-stdio fails with "Failed
# to set FD nonblocking".
mkfifo "$tmp/console"
timeout --kill-after=10 "$timeout_s" \
    qemu-system-x86_64 \
        -accel "${XFRMIF_VM_ACCEL:-tcg}" \
        -m "${XFRMIF_VM_MEM:-2048}" -smp "${XFRMIF_VM_SMP:-2}" \
        -nodefaults -no-user-config -display none -serial stdio \
        -no-reboot -net none \
        -kernel "$kernel" -initrd "$initrd" \
        -append "console=ttyS0 quiet panic=-1 xfrmif.run=$tmp xfrmif.moddir=$moddir" \
        -virtfs local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap \
        </dev/null >"$tmp/console" 2>"$tmp/qemu.err" &
qpid=$!

booted=0 status=
start=$SECONDS
while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}   # the serial tty turns \n into \r\n
    case $line in
        "XFRMIF-VM-BOOTED-$token "*)
            booted=1
            echo "# guest kernel: ${line#* }"
            echo "$prog: guest booted in $((SECONDS - start)) s" >&2 ;;
        "XFRMIF-VM-EXIT-$token "*)
            status=${line##* } ;;
        *)
            if ((booted)); then
                [[ -n $status ]] || printf '%s\n' "$line"
            else
                # Kernel/initramfs chatter: only worth showing if boot fails.
                printf '%s\n' "$line" >> "$tmp/boot.log"
            fi ;;
    esac
done < "$tmp/console"

wait "$qpid"
qrc=$?
qpid=

if [[ -n $status ]]; then
    exit "$status"
fi
if ((qrc == 124 || qrc == 137)); then
    if ((booted)); then
        echo "$prog: error: the command did not finish within $timeout_s s; qemu killed" >&2
    else
        echo "$prog: error: the guest did not boot within $timeout_s s; qemu killed" >&2
    fi
    status=124
else
    if ((booted)); then
        echo "$prog: error: the guest died before the command finished (qemu exit status $qrc)" >&2
    else
        echo "$prog: error: the guest failed to boot (qemu exit status $qrc)" >&2
    fi
    status=125
fi
if ((!booted)) && [[ -s $tmp/boot.log ]]; then
    echo "$prog: guest console:" >&2
    sed 's/^/  | /' "$tmp/boot.log" >&2
fi
if [[ -s $tmp/qemu.err ]]; then
    echo "$prog: qemu stderr:" >&2
    sed 's/^/  | /' "$tmp/qemu.err" >&2
fi
exit "$status"
