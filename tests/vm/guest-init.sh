#!/bin/sh
# /init of the guest's initramfs (stage 1). Runs under busybox-static.
#
# prepare-guest.sh copies this file into the initramfs; it is not meant to
# run on the host. It loads the virtio/9p/overlay modules (the Debian kernel
# builds them as modules), mounts the host's root filesystem (shared
# read-only by qemu over virtio-9p) under a tmpfs overlay so the guest can
# write, and then `exec chroot`s into it to run stage 2 (guest-stage2.sh)
# with the host's own /bin/sh.
#
# PID 1 must end up inside the chroot: the kernel starts its module loader
# (/proc/sys/kernel/modprobe = /sbin/modprobe) in PID 1's root, and that is
# how xfrm_interface, esp4, gcm, ... get autoloaded from the host's kmod.
#
# Kernel command line parameters (set by run-in-guest.sh):
#   xfrmif.run=DIR      host directory holding run.sh and token
#   xfrmif.moddir=DIR   host directory of the extracted lib/modules/KVER

/bin/busybox --install -s /bin
export PATH=/bin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

# Keep kernel messages (module loads, veth link changes, ...) off the serial
# console: it carries the test output the host parses. Emergencies only.
echo 1 > /proc/sys/kernel/printk

fail() {
    # run-in-guest.sh looks for this prefix to report a boot failure.
    echo "XFRMIF-VM-INIT-FAILED: $*"
    sleep 1
    echo o > /proc/sysrq-trigger
    sleep 30
    exit 1
}

run=
moddir=
# The command line is one line of space-separated words; our values contain
# no spaces (run-in-guest.sh and prepare-guest.sh make sure of that).
read -r cmdline < /proc/cmdline
for arg in $cmdline; do
    case $arg in
        xfrmif.run=*) run=${arg#xfrmif.run=} ;;
        xfrmif.moddir=*) moddir=${arg#xfrmif.moddir=} ;;
    esac
done
[ -n "$run" ] || fail "no xfrmif.run= on the kernel command line"
[ -n "$moddir" ] || fail "no xfrmif.moddir= on the kernel command line"

# modules/order lists the decompressed modules in dependency order (computed
# on the host with modprobe --show-depends).
while read -r mod; do
    insmod "/modules/$mod" || fail "insmod $mod failed"
done < /modules/order

mkdir -p /mnt/lower /mnt/rw /mnt/root
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,ro host /mnt/lower \
    || fail "cannot mount the host's root over 9p"
mount -t tmpfs -o mode=0755 tmpfs /mnt/rw || fail "cannot mount tmpfs"
mkdir -p /mnt/rw/upper /mnt/rw/work
mount -t overlay overlay \
    -o lowerdir=/mnt/lower,upperdir=/mnt/rw/upper,workdir=/mnt/rw/work /mnt/root \
    || fail "cannot mount the overlay"

r=/mnt/root
mount -t proc proc $r/proc || fail "mount proc"
mount -t sysfs sysfs $r/sys || fail "mount sysfs"
mount -t devtmpfs devtmpfs $r/dev || fail "mount devtmpfs"
mkdir -p $r/dev/pts $r/dev/shm
mount -t devpts devpts $r/dev/pts
mount -t tmpfs tmpfs $r/dev/shm
# /run must not show the host's state (e.g. /run/netns entries of the host
# would look like existing namespaces to `ip netns`).
mount -t tmpfs -o mode=0755 tmpfs $r/run || fail "mount /run"
# /tmp is deliberately NOT a fresh tmpfs: it is the host's /tmp seen through
# the overlay (writes land in the tmpfs upper layer), so test binaries built
# under the host's /tmp run in the guest too.

# Make the guest kernel's modules visible where modprobe looks for them.
kver=$(uname -r)
[ -d "$r$moddir" ] || fail "module tree $moddir not visible through the share"
mkdir -p "$r/lib/modules/$kver" || fail "mkdir /lib/modules/$kver"
mount -o bind "$r$moddir" "$r/lib/modules/$kver" || fail "bind-mount modules"

hostname xfrmif-vm
ip link set lo up

cp /stage2.sh $r/run/xfrmif-vm-stage2.sh || fail "copy stage 2"
# shellcheck disable=SC2093 # exec is the point: PID 1 must move into the chroot
exec chroot $r /bin/sh /run/xfrmif-vm-stage2.sh "$run"
fail "exec chroot failed"
