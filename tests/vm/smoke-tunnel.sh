#!/bin/bash
# Smoke test of the guest kernel: a route-based IPsec tunnel between two
# network namespaces, built with iproute2 only, must carry ping with ESP.
#
#   [ns A] ipsec0 192.0.2.1 --xfrm if_id 42-- veth 198.51.100.1
#                                                  |
#   [ns B] ipsec0 192.0.2.2 --xfrm if_id 42-- veth 198.51.100.2
#
# Needs root and a kernel with xfrm interfaces, ESP and rfc4106(gcm(aes))
# (the vm tier's guest kernel has them; this machine's host kernel does not).
# Runnable by hand anywhere. Prints TAP; exits non-zero if a check failed.
# Everything lives in two namespaces with per-run names that are deleted on
# exit, so nothing leaks into the caller's network setup.
set -u

PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

echo "TAP version 13"
if ((EUID != 0)); then
    echo "1..0 # SKIP needs root (network namespaces)"
    exit 0
fi
for tool in ip ping; do
    if ! command -v "$tool" >/dev/null; then
        echo "1..0 # SKIP $tool not installed (tests/vm/install-deps.sh)"
        exit 0
    fi
done

# Unique per run: several runs may share a host (or a guest).
id=$$$RANDOM
nsa=xfrmif-smoke-a-$id
nsb=xfrmif-smoke-b-$id

cleanup() {
    ip netns del "$nsa" 2>/dev/null
    ip netns del "$nsb" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

n=0 failed=0
# check DESCRIPTION COMMAND...: one TAP line; the command's output is shown
# as TAP comments only when it fails.
check() {
    local desc=$1 out
    shift
    n=$((n + 1))
    if out=$("$@" 2>&1); then
        echo "ok $n - $desc"
    else
        echo "not ok $n - $desc"
        failed=$((failed + 1))
        [[ -z $out ]] || printf '%s\n' "$out" | sed 's/^/# /'
    fi
}
# Run one command; on failure name it (the output becomes a TAP comment).
run() {
    "$@" || { echo "failed: $*"; return 1; }
}

# Documentation keys (RFC 4106: 16-byte AES key + 4-byte salt = 20 bytes).
key_ab=0x0102030405060708090a0b0c0d0e0f1011121314
key_ba=0x2122232425262728292a2b2c2d2e2f3031323334
spi_ab=0x1000a001
spi_ba=0x1000b002

make_pair() {
    run ip netns add "$nsa" &&
    run ip netns add "$nsb" &&
    run ip -n "$nsa" link add veth-a type veth peer name veth-b netns "$nsb"
}
# outer_side NS VETH ADDR: the underlay address on the veth.
outer_side() {
    local ns=$1 veth=$2 me=$3
    run ip -n "$ns" addr add "$me/24" dev "$veth" &&
    run ip -n "$ns" link set "$veth" up &&
    run ip -n "$ns" link set lo up
}
outer_both() {
    outer_side "$nsa" veth-a 198.51.100.1 && outer_side "$nsb" veth-b 198.51.100.2
}
# xfrm_side NS VETH OUTER_ME OUTER_PEER INNER_ME INNER_PEER SPI_OUT KEY_OUT SPI_IN KEY_IN
xfrm_side() {
    local ns=$1 veth=$2 me=$3 peer=$4 in_me=$5 in_peer=$6
    local spi_out=$7 key_out=$8 spi_in=$9 key_in=${10}
    local tun=(mode tunnel if_id 42)
    run ip -n "$ns" link add ipsec0 type xfrm dev "$veth" if_id 42 &&
    run ip -n "$ns" addr add "$in_me/32" dev ipsec0 &&
    run ip -n "$ns" link set ipsec0 up &&
    run ip -n "$ns" route add "$in_peer/32" dev ipsec0 src "$in_me" &&
    run ip -n "$ns" xfrm state add src "$me" dst "$peer" proto esp spi "$spi_out" reqid 1 \
        aead 'rfc4106(gcm(aes))' "$key_out" 128 "${tun[@]}" &&
    run ip -n "$ns" xfrm state add src "$peer" dst "$me" proto esp spi "$spi_in" reqid 1 \
        aead 'rfc4106(gcm(aes))' "$key_in" 128 "${tun[@]}" &&
    run ip -n "$ns" xfrm policy add src "$in_me/32" dst "$in_peer/32" dir out \
        tmpl src "$me" dst "$peer" proto esp reqid 1 "${tun[@]}" &&
    run ip -n "$ns" xfrm policy add src "$in_peer/32" dst "$in_me/32" dir in \
        tmpl src "$peer" dst "$me" proto esp reqid 1 "${tun[@]}" &&
    run ip -n "$ns" xfrm policy add src "$in_peer/32" dst "$in_me/32" dir fwd \
        tmpl src "$peer" dst "$me" proto esp reqid 1 "${tun[@]}"
}

# Packets counted by one SA: "ip -s xfrm state get" prints its lifetime
# counters as "  N(bytes), M(packets)".
sa_packets() {
    local ns=$1 src=$2 dst=$3 spi=$4
    ip -n "$ns" -s xfrm state get src "$src" dst "$dst" proto esp spi "$spi" |
        sed -n 's/.*(bytes), *\([0-9]*\)(packets).*/\1/p' | head -n 1
}
# sa_moved NS SRC DST SPI: the SA carried at least one packet.
sa_moved() {
    local p
    p=$(sa_packets "$@")
    echo "packets: ${p:-none}"
    [[ -n $p ]] && ((p > 0))
}
# if_moved NS COUNTER: the xfrm interface's counter is above zero.
if_moved() {
    local v
    v=$(ip netns exec "$1" cat "/sys/class/net/ipsec0/statistics/$2") || return 1
    echo "$2: $v"
    ((v > 0))
}

check "namespaces and veth pair" make_pair
check "outer addresses (198.51.100.0/24)" outer_both
check "outer path pings" \
    ip netns exec "$nsa" ping -c 1 -W 5 198.51.100.2
check "xfrm interfaces, ESP SAs and policies (if_id 42) in A" \
    xfrm_side "$nsa" veth-a 198.51.100.1 198.51.100.2 192.0.2.1 192.0.2.2 \
        "$spi_ab" "$key_ab" "$spi_ba" "$key_ba"
check "xfrm interfaces, ESP SAs and policies (if_id 42) in B" \
    xfrm_side "$nsb" veth-b 198.51.100.2 198.51.100.1 192.0.2.2 192.0.2.1 \
        "$spi_ba" "$key_ba" "$spi_ab" "$key_ab"
check "ping 192.0.2.2 through the tunnel" \
    ip netns exec "$nsa" ping -c 3 -i 0.2 -W 5 -I 192.0.2.1 192.0.2.2
check "ESP SA A->B counted packets (sender side)" \
    sa_moved "$nsa" 198.51.100.1 198.51.100.2 "$spi_ab"
check "ESP SA A->B counted packets (receiver side)" \
    sa_moved "$nsb" 198.51.100.1 198.51.100.2 "$spi_ab"
check "ESP SA B->A counted packets (reply)" \
    sa_moved "$nsa" 198.51.100.2 198.51.100.1 "$spi_ba"
check "xfrm interface in A sent packets" if_moved "$nsa" tx_packets
check "xfrm interface in A received packets" if_moved "$nsa" rx_packets

echo "1..$n"
((failed == 0))
