#!/bin/sh
# Stage 2 of the guest: PID 1 inside the chroot over the host's filesystem.
#
# guest-init.sh execs this with the host's /bin/sh; $1 is the run directory
# that run-in-guest.sh wrote on the host (visible here through the share).
# It runs "$1/run.sh" (which does the cd, the exports and the command) in a
# clean environment, reports the exit status on the console with a marker
# line carrying the run's token, and powers the guest off.

run=$1
token=$(cat "$run/token" 2>/dev/null) || token=missing

# First line the host looks for: proves the boot worked and names the kernel.
echo "XFRMIF-VM-BOOTED-$token $(uname -r)"

if [ -r "$run/run.sh" ]; then
    # Start from an empty environment so nothing of the initramfs leaks in;
    # run.sh exports what the caller asked to pass through.
    env -i \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TERM=dumb \
        /bin/bash --noprofile --norc "$run/run.sh" </dev/null
    status=$?
else
    echo "guest-stage2: $run/run.sh is not visible in the guest"
    status=125
fi

echo "XFRMIF-VM-EXIT-$token $status"
# Give the serial line a moment to drain before the power goes: sysrq-o does
# not wait for the UART, and losing the marker would misreport the run.
sleep 0.3
echo o > /proc/sysrq-trigger
# sysrq-o only schedules the power-off; PID 1 must not exit meanwhile (that
# panics the kernel).
sleep 30
