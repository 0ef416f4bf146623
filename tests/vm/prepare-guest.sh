#!/bin/bash
# Prepare the QEMU guest: Debian 12's distribution kernel plus a small
# busybox initramfs. Idempotent and quick once the cache is filled.
#
# Cache (outside the source tree, shared between runs and build dirs):
#   ${XFRMIF_VM_CACHE:-/var/cache/libxfrmif-vm}/
#     kernel/PKG_VERSION/        dpkg-deb -x of the kernel image package,
#                                depmod'ed; .kver names the kernel release
#     initramfs-KVER-HASH.cpio.gz  rebuilt when HASH changes: HASH covers
#                                this script, the guest scripts, busybox and
#                                the kernel package version
#
# On success prints shell-style assignments on stdout (nothing else):
#   XFRMIF_VM_KERNEL=.../boot/vmlinuz-KVER
#   XFRMIF_VM_INITRD=.../initramfs-KVER-HASH.cpio.gz
#   XFRMIF_VM_KVER=KVER
#   XFRMIF_VM_MODDIR=.../lib/modules/KVER
# Progress and errors go to stderr.
#
# Environment:
#   XFRMIF_VM_CACHE       cache directory (default /var/cache/libxfrmif-vm)
#   XFRMIF_VM_KERNEL_PKG  kernel image package to use instead of the one
#                         linux-image-amd64 depends on
#   XFRMIF_VM_KERNEL_SERIES  a kernel series Debian 12 also ships (e.g. 6.12,
#                         from bookworm-security): the newest
#                         linux-image-SERIES.*+deb12-amd64 package is used
set -euo pipefail

prog=prepare-guest.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${XFRMIF_VM_CACHE:-/var/cache/libxfrmif-vm}

die() {
    echo "$prog: error: $*" >&2
    exit 1
}
note() {
    echo "$prog: $*" >&2
}
# Any command failing under set -e should say where, not just vanish.
trap 'die "command failed (line $LINENO): $BASH_COMMAND"' ERR

# The guest is started with kernel command line parameters that hold paths;
# the kernel splits them at spaces.
case $cache in
    /*) ;;
    *) die "XFRMIF_VM_CACHE must be an absolute path: $cache" ;;
esac
[[ $cache != *[[:space:]]* ]] || die "XFRMIF_VM_CACHE must not contain spaces: $cache"

# --- tools ---------------------------------------------------------------
need_tools=(apt-cache apt-get dpkg-deb depmod modprobe cpio gzip xz zstd
            flock sha256sum timeout qemu-system-x86_64)
missing=()
for t in "${need_tools[@]}"; do
    PATH=$PATH:/usr/sbin:/sbin command -v "$t" >/dev/null || missing+=("$t")
done
# (Not "busybox --list | grep -q": under pipefail grep's early exit kills
# busybox with SIGPIPE and the check fails at random.)
bb_applets=$(/bin/busybox --list 2>/dev/null) || true
[[ $'\n'$bb_applets$'\n' == *$'\ninsmod\n'* ]] || missing+=(busybox-static)
if ((${#missing[@]})); then
    note "missing tools: ${missing[*]}; running install-deps.sh"
    "$here/install-deps.sh" || die "install-deps.sh failed; cannot prepare the guest"
fi
export PATH=$PATH:/usr/sbin:/sbin

mkdir -p "$cache/kernel" 2>/dev/null || die "cannot create the cache directory $cache (run as root, or set XFRMIF_VM_CACHE)"
[[ -w $cache ]] || die "cache directory $cache is not writable (run as root, or set XFRMIF_VM_CACHE)"

# Several runs (parallel CI jobs, a hand run) may prepare at once.
exec 9>"$cache/.lock"
flock -w 900 9 || die "timed out waiting for the lock on $cache/.lock"

work=
cleanup() {
    if [[ -n $work ]]; then rm -rf -- "$work"; fi
}
trap cleanup EXIT

# --- kernel ----------------------------------------------------------------
pkg=${XFRMIF_VM_KERNEL_PKG:-}
ver=
if [[ -z $pkg && -n ${XFRMIF_VM_KERNEL_SERIES:-} ]]; then
    series=${XFRMIF_VM_KERNEL_SERIES//./\\.}
    pkg=$(apt-cache pkgnames "linux-image-$XFRMIF_VM_KERNEL_SERIES" 2>/dev/null |
          grep -E "^linux-image-$series\.[0-9.]+\+deb12-amd64\$" | sort -V | tail -n 1) || true
    [[ -n $pkg ]] || die "Debian 12's archive has no linux-image-$XFRMIF_VM_KERNEL_SERIES kernel (XFRMIF_VM_KERNEL_SERIES); run 'apt-get update'"
    XFRMIF_VM_KERNEL_PKG=$pkg
fi
if [[ -z $pkg ]]; then
    # One apt-cache call (each costs ~1 s without a pkgcache.bin): the
    # metapackage pins its image, "Depends: linux-image-X (= VERSION)".
    read -r pkg ver < <(apt-cache show --no-all-versions linux-image-amd64 2>/dev/null |
        sed -n 's/^Depends:.*\(linux-image-[^ ,]*\) (= \([^)]*\)).*/\1 \2/p;T;q') || true
fi
if [[ -n $pkg && -z $ver ]]; then
    ver=$(apt-cache show --no-all-versions "$pkg" 2>/dev/null |
          awk '$1 == "Version:" { print $2; exit }') || true
fi

if [[ -n $pkg && -n $ver ]]; then
    tree=$cache/kernel/${pkg}_${ver}
elif [[ -n ${XFRMIF_VM_KERNEL_PKG:-} ]]; then
    die "apt-cache knows no package $XFRMIF_VM_KERNEL_PKG (XFRMIF_VM_KERNEL_PKG)"
else
    # No package lists (fresh machine without apt-get update, or offline):
    # fall back to a kernel that is already in the cache.
    tree=$(find "$cache/kernel" -mindepth 2 -maxdepth 2 -name .kver -printf '%h\n' 2>/dev/null |
           sort -V | tail -n 1)
    [[ -n $tree ]] || die "apt-cache knows no linux-image-amd64 kernel and the cache is empty; run 'apt-get update'"
    note "apt-cache cannot name the kernel; using cached $(basename "$tree")"
fi

if [[ ! -f $tree/.kver ]]; then
    note "fetching $pkg $ver"
    work=$(mktemp -d "$cache/tmp.XXXXXX")
    # Running as root, apt would drop to user _apt, which cannot write into
    # our private temp dir; download as root instead of warning about it.
    (cd "$work" && apt-get -q -o APT::Sandbox::User=root download "$pkg=$ver" >&2) ||
        die "apt-get download $pkg=$ver failed"
    debs=("$work"/*.deb)
    [[ -f ${debs[0]} ]] || die "apt-get download produced no .deb"
    dpkg-deb -x "${debs[0]}" "$work/root" || die "dpkg-deb -x ${debs[0]} failed"
    rm -f -- "${debs[@]}"
    kvers=()
    for d in "$work/root/lib/modules"/*/; do
        [[ -d $d ]] && kvers+=("$(basename "$d")")
    done
    ((${#kvers[@]} == 1)) || die "expected one lib/modules/KVER in $pkg, found: ${kvers[*]:-none}"
    kver=${kvers[0]}
    [[ -f $work/root/boot/vmlinuz-$kver ]] || die "$pkg has no boot/vmlinuz-$kver"
    depmod -b "$work/root" "$kver" || die "depmod -b failed for $kver"
    echo "$kver" > "$work/root/.kver"
    rm -rf -- "$tree"
    mv -- "$work/root" "$tree"
    rm -rf -- "$work"
    work=
    # Each tree is ~400 MB; keep only the current version of each image
    # package (the default kernel and one named by XFRMIF_VM_KERNEL_PKG
    # may both be in use).
    for old in "$cache/kernel/${pkg}_"*/; do
        old=${old%/}
        [[ -d $old && $old != "$tree" ]] || continue
        note "removing stale $(basename "$old")"
        rm -rf -- "$old"
    done
fi

kver=$(<"$tree/.kver")
moddir=$tree/lib/modules/$kver
kernel=$tree/boot/vmlinuz-$kver
[[ -f $kernel ]] || die "missing $kernel (remove $tree to refetch)"
if [[ ! -s $moddir/modules.dep ]]; then
    depmod -b "$tree" "$kver" || die "depmod -b failed for $kver"
fi

# --- initramfs ---------------------------------------------------------------
key=$(cat "$here/prepare-guest.sh" "$here/guest-init.sh" "$here/guest-stage2.sh" \
          /bin/busybox "$tree/.kver" <(echo "$tree") | sha256sum | cut -c1-16)
initrd=$cache/initramfs-$kver-$key.cpio.gz

if [[ ! -f $initrd ]]; then
    note "building initramfs for $kver"
    work=$(mktemp -d "$cache/tmp.XXXXXX")
    ird=$work/initramfs
    mkdir -p "$ird"/{bin,dev,proc,sys,mnt,modules}
    cp /bin/busybox "$ird/bin/busybox"
    ln -s busybox "$ird/bin/sh"
    install -m 0755 "$here/guest-init.sh" "$ird/init"
    install -m 0755 "$here/guest-stage2.sh" "$ird/stage2.sh"

    # Resolve the modules needed to reach the share, with their dependencies
    # in load order. (modprobe takes one module per call: further names would
    # be read as module parameters.)
    declare -A seen=()
    : > "$ird/modules/order"
    for want in virtio_pci 9pnet_virtio 9p overlay; do
        deps=$(modprobe -d "$tree" -S "$kver" --show-depends "$want") ||
            die "modprobe --show-depends $want failed for $kver"
        while read -r kind path _; do
            [[ $kind == insmod ]] || continue   # "builtin NAME": nothing to load
            name=$(basename "$path")
            name=${name%.ko*}
            [[ -z ${seen[$name]:-} ]] || continue
            seen[$name]=1
            # busybox insmod cannot read compressed modules: store them plain.
            case $path in
                *.ko) cp -- "$path" "$ird/modules/$name.ko" ;;
                *.ko.xz) xz -dc -- "$path" > "$ird/modules/$name.ko" ;;
                *.ko.zst) zstd -qdc -- "$path" > "$ird/modules/$name.ko" ;;
                *.ko.gz) gzip -dc -- "$path" > "$ird/modules/$name.ko" ;;
                *) die "unexpected module file $path" ;;
            esac
            echo "$name.ko" >> "$ird/modules/order"
        done <<< "$deps"
    done
    [[ -s $ird/modules/order ]] || note "all guest boot modules are built in"

    (cd "$ird" && find . -print0 | LC_ALL=C sort -z |
        cpio --null -o -H newc --quiet --owner=0:0) | gzip -9 > "$work/initrd.gz" ||
        die "packing the initramfs failed"
    for old in "$cache"/initramfs-"$kver"-*.cpio.gz; do
        [[ -e $old ]] && rm -f -- "$old"
    done
    mv -- "$work/initrd.gz" "$initrd"
fi

echo "XFRMIF_VM_KERNEL=$kernel"
echo "XFRMIF_VM_INITRD=$initrd"
echo "XFRMIF_VM_KVER=$kver"
echo "XFRMIF_VM_MODDIR=$moddir"
