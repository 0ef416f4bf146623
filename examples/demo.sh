#!/bin/sh
# The main job, as root on Debian 12: build libxfrmif and show it working
# for real: two namespaces, a route-based IPsec tunnel set up through the
# library, ping through it, the tunnel and its counters printed
# (examples/demo-tunnel.sh). Where this machine's kernel lacks xfrm
# interfaces or ESP, that part runs inside the project's QEMU guest
# (Debian 12's own kernel; tests/vm/).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
tests/install-deps.sh >/dev/null
[ -d build-demo ] || meson setup build-demo >/dev/null
meson compile -C build-demo >/dev/null
echo "== libxfrmif built: build-demo/libxfrmif/libxfrmif.so ($(build-demo/examples/xfrmifctl --version))"
echo "== xfrmifctl probe on this machine's kernel ($(uname -r))"
build-demo/examples/xfrmifctl probe || :

# Does this kernel have xfrm interfaces and ESP? The library's own probe
# says, in a throw-away namespace.
ns=xfrmif-demo-probe-$$
ip netns add "$ns"
features=$(build-demo/examples/xfrmifctl -n "$ns" -j probe || :)
ip netns del "$ns"
case $features in
*'"xfrm_interface":true'*'"esp4":true'*)
	exec examples/demo-tunnel.sh build-demo ;;
esac
echo
echo "== this kernel lacks xfrm interfaces/ESP: running the demonstration in"
echo "== the QEMU guest (Debian 12 kernel; first run downloads it, ~1 min)"
exec tests/vm/run-in-guest.sh --timeout 900 -- examples/demo-tunnel.sh build-demo
