#!/bin/sh
# Captures real kernel replies as fuzz seeds. On the host:
#   tests/fuzz/capture-seeds.sh OUTDIR
# boots the guest (whose writes do not reach the host), where this script
# runs again with --in-guest: it builds xfrm/vti/vti6 interfaces, SAs and
# policies with iproute2 in a scratch namespace, captures the replies and
# prints them as a base64 tar between marker lines, unpacked here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" != --in-guest ]; then
	out=$1
	mkdir -p "$out"
	"$here/../vm/run-in-guest.sh" -- "$here/capture-seeds.sh" --in-guest </dev/null |
		sed -n '/^--- seeds begin ---$/,/^--- seeds end ---$/p' |
		sed '1d;$d' | base64 -d | tar -xzf - -C "$out"
	echo "seeds: $(find "$out" -type f | wc -l) files in $out"
	exit 0
fi
ns=fuzzseeds$$
bin=$(mktemp -d)
out=$bin/out
trap 'ip netns del $ns 2>/dev/null; rm -rf "$bin"' EXIT
cc -O1 -o "$bin/capture" "$here/capture.c"
ip netns add $ns
n() { ip -n $ns "$@"; }
# Everything the kernel announces while the objects come and go.
ip netns exec $ns "$bin/capture" "$out" listen 30 >"$bin/listen.log" &
listener=$!
until grep -q listening "$bin/listen.log" 2>/dev/null; do sleep 0.2; done
K20=0x0102030405060708090a0b0c0d0e0f1011121314
n link add dummy0 type dummy
n link add xfrm1 type xfrm dev dummy0 if_id 7
n link add xfrm2 type xfrm external
n link add vti1 type vti local 192.0.2.1 remote 192.0.2.2 ikey 5 okey 6
n link add vti61 type vti6 local 2001:db8::1 remote 2001:db8::2 key 9
n xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x100 reqid 1 \
	mode tunnel if_id 7 aead 'rfc4106(gcm(aes))' $K20 128 \
	replay-window 64 flag esn output-mark 0x10 mask 0xff mark 3 mask 0xf \
	encap espinudp 4500 4500 0.0.0.0 limit time-soft 100
n xfrm state add src 2001:db8::1 dst 2001:db8::2 proto esp spi 0x200 \
	mode transport enc 'cbc(aes)' 0x00112233445566778899aabbccddeeff \
	auth-trunc 'hmac(sha256)' 0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff 128 \
	sel src 2001:db8::1 dst 2001:db8::2 proto udp sport 53 dport 53
n xfrm state add src 192.0.2.1 dst 192.0.2.2 proto comp spi 0x3 comp deflate
n xfrm policy add src 198.51.100.0/24 dst 203.0.113.0/24 proto tcp dport 443 \
	dir out if_id 7 mark 1 mask 1 priority 10 \
	tmpl src 192.0.2.1 dst 192.0.2.2 proto esp reqid 1 mode tunnel \
	tmpl src 0.0.0.0 dst 0.0.0.0 proto comp mode transport level use
n xfrm policy add src 2001:db8:1::/48 dst 2001:db8:2::/48 proto ipv6-icmp \
	type 128 code 0 dir fwd action block ptype sub
# An SA that expires (soft then hard), an ACQUIRE from traffic that meets a
# policy with no SA, a flush of each table.
n link set lo up
n xfrm state add src 203.0.113.1 dst 203.0.113.2 proto esp spi 0x400 \
	mode tunnel aead 'rfc4106(gcm(aes))' $K20 128 limit time-soft 1 limit time-hard 2
n xfrm policy add src 203.0.113.1/32 dst 203.0.113.9/32 dir out \
	tmpl src 203.0.113.1 dst 203.0.113.9 proto esp reqid 4 mode tunnel
n addr add 203.0.113.1/24 dev dummy0
n link set dummy0 up
ip netns exec $ns ping -c 1 -W 1 203.0.113.9 >/dev/null 2>&1 || true
sleep 4
ip netns exec $ns "$bin/capture" "$out"
n xfrm policy del src 203.0.113.1/32 dst 203.0.113.9/32 dir out
n link del xfrm1
n xfrm state flush
n xfrm policy flush
wait $listener
echo "--- seeds begin ---"
tar -czf - -C "$out" . | base64
echo "--- seeds end ---"
