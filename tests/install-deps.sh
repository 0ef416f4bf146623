#!/bin/sh
# Installs everything the build and all test suites need on Debian 12, as
# root. Quick when everything is already there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

pkgs="meson ninja-build pkg-config gcc g++ python3 check
libnl-3-dev libnl-route-3-dev libnl-xfrm-3-dev iproute2 binutils valgrind clang
scdoc man-db abigail-tools"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
fi
"$here/vm/install-deps.sh"
