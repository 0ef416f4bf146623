#!/bin/bash
# Install the host packages the QEMU guest runner needs (Debian 12).
#
# Idempotent: when every package is already installed this only runs one
# dpkg-query and exits, so CI can call it unconditionally on every run.
#
#   qemu-system-x86  qemu-system-x86_64 (TCG; no need for KVM)
#   busybox-static   the statically linked shell/insmod/mount in the initramfs
#   kmod             depmod/modprobe (host side for the module tree, and the
#                    guest kernel's module loader runs the host's modprobe)
#   cpio, gzip       to pack the initramfs
#   xz-utils, zstd   to decompress .ko.xz/.ko.zst modules for busybox insmod
#   iproute2         ip(8): the oracle of the kernel tests and smoke test
#   iputils-ping     ping for the smoke test
#   util-linux       flock(1) for the cache lock
#   coreutils        timeout(1), sha256sum(1)
set -euo pipefail

PACKAGES=(qemu-system-x86 busybox-static kmod cpio gzip xz-utils zstd
          iproute2 iputils-ping util-linux coreutils)

missing=()
for pkg in "${PACKAGES[@]}"; do
    # "install ok installed" is the only state in which the files are there.
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [[ $status != "install ok installed" ]]; then
        missing+=("$pkg")
    fi
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

if ((EUID != 0)); then
    echo "install-deps.sh: missing packages: ${missing[*]}" >&2
    echo "install-deps.sh: run me as root (or: sudo apt-get install --no-install-recommends ${missing[*]})" >&2
    exit 1
fi

echo "install-deps.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh CI machine has no (or stale) package lists; refresh them only when
# we really have to install something.
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
