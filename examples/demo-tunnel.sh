#!/bin/bash
# The demonstration proper (run by examples/demo.sh, as root, on a kernel
# with xfrm interfaces and ESP): two network namespaces joined by a veth
# pair, a route-based IPsec tunnel between them set up by libxfrmif
# (`xfrmifctl tunnel up`: xfrm interface + 2 SAs + in/out/fwd policies,
# one if_id, all or nothing), ping through it, then the tunnel and its
# counters as the library reads them back.
#
#   [ns A] ipsec0 192.0.2.1 ==ESP if_id 42== veth-a 198.51.100.1
#                                               |
#   [ns B] ipsec0 192.0.2.2 ==ESP if_id 42== veth-b 198.51.100.2
#
# Usage: demo-tunnel.sh BUILD_DIR
set -eu
ctl=$(cd "${1:?usage: demo-tunnel.sh BUILD_DIR}" && pwd)/examples/xfrmifctl
a=xfrmif-demo-a-$$ b=xfrmif-demo-b-$$
cleanup() { ip netns del "$a" 2>/dev/null || :; ip netns del "$b" 2>/dev/null || :; }
trap cleanup EXIT
say() { printf '\n== %s\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

say "two namespaces joined by a veth pair (198.51.100.0/24)"
ip netns add "$a"
ip netns add "$b"
ip -n "$a" link add veth-a type veth peer name veth-b netns "$b"
ip -n "$a" addr add 198.51.100.1/24 dev veth-a
ip -n "$b" addr add 198.51.100.2/24 dev veth-b
ip -n "$a" link set lo up
ip -n "$b" link set lo up
ip -n "$a" link set veth-a up
ip -n "$b" link set veth-b up

# Documentation keys (RFC 4106: 16-byte AES key + 4-byte salt).
k1=0x0102030405060708090a0b0c0d0e0f1011121314
k2=0x2122232425262728292a2b2c2d2e2f3031323334
gcm='rfc4106(gcm(aes))'

say "one call per side: xfrmifctl tunnel up"
show "$ctl" -n "$a" tunnel up ipsec0 type xfrm if_id 42 \
	local 198.51.100.1 remote 198.51.100.2 dev veth-a \
	out spi 0x1000a001 aead "$gcm" $k1 128 \
	in spi 0x1000b002 aead "$gcm" $k2 128 \
	address 192.0.2.1/32 route 192.0.2.2/32
show "$ctl" -n "$b" tunnel up ipsec0 type xfrm if_id 42 \
	local 198.51.100.2 remote 198.51.100.1 dev veth-b \
	out spi 0x1000b002 aead "$gcm" $k2 128 \
	in spi 0x1000a001 aead "$gcm" $k1 128 \
	address 192.0.2.2/32 route 192.0.2.1/32

say "ping through the tunnel"
show ip netns exec "$a" ping -c 3 -i 0.2 -W 5 192.0.2.2

say "the tunnel in A, read back by the library (with the SAs' counters)"
show "$ctl" -n "$a" tunnel show ipsec0

say "the same as JSON"
show "$ctl" -n "$a" -j tunnel show ipsec0

say "what the kernel says (iproute2)"
show ip -n "$a" -s link show ipsec0
show ip -n "$a" -s xfrm state
show ip -n "$a" xfrm policy

say "ESP on the wire: the outbound SA of A counted packets"
pkts=$(ip -n "$a" -s xfrm state get src 198.51.100.1 dst 198.51.100.2 \
	proto esp spi 0x1000a001 | sed -n 's/.*(bytes), *\([0-9]*\)(packets).*/\1/p' | head -n 1)
echo "packets sent through ESP SA 0x1000a001: ${pkts:-0}"
[ "${pkts:-0}" -gt 0 ]

say "xfrmifctl tunnel down removes all of it"
show "$ctl" -n "$a" tunnel down ipsec0
show ip -n "$a" xfrm state
show ip -n "$a" xfrm policy
echo
echo "demo: OK"
