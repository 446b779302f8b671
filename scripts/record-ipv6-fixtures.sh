#!/usr/bin/env bash
# Records what ip and tc really print for IPv6 (u32 ip6 matches, vxlan over IPv6, inet6
# addresses) into fixtures/recorded/ipv6/, for the --redact tests (src/collect/redact.ts).
# Needs root, ip, tc. Works only inside one throw-away namespace `tcat-rec6-*` (removed on
# EXIT/INT/TERM); the machine's own interfaces are never touched. MACs and link-local
# addresses are random per run; every other address comes from the documentation ranges
# (2001:db8::/32, 192.0.2.0/24) plus one ULA and one IPv4-mapped address.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/fixtures/recorded/ipv6"
NS="tcat-rec6-$$"
# shellcheck source=lib/recording.sh
. "$ROOT/scripts/lib/recording.sh"

# rec FILE [--stdin TEXT] -- CMD...: run CMD in the namespace, save stdout, note it in the manifest.
rec() {
  local file=$1 input=''; shift
  if [ "$1" = --stdin ]; then input=$2; shift 2; fi
  shift # --
  printf '%b' "$input" | in_ns "$@" >"$OUT/$file"
  printf '%s\t%s\n' "$file" "$*${input:+ <<< $input}" >>"$MANIFEST_LINES"
}

mkdir -p "$OUT"
ip netns add "$NS"
in_ns ip link set lo up
in_ns ip link add v0 type veth peer name v1
in_ns ip link set v0 up
in_ns ip link set v1 up
in_ns ip addr add 192.0.2.5/24 dev v0
in_ns ip -6 addr add 2001:db8:1::1/64 dev v0 nodad
in_ns ip -6 addr add fd00:abcd::7/128 dev v1 nodad
in_ns ip -6 addr add ::ffff:192.0.2.77/128 dev v1 nodad
# vxlan over IPv6: `ip -j -d link show` (which collect runs) prints remote6/local6.
in_ns ip link add vx6 type vxlan id 42 remote 2001:db8:ffff::2 local 2001:db8:1::1 dstport 4789

# u32 is the only address-matching classifier this kernel has (no flower). tc prints its
# keys as 32-bit hex words and offsets, never as addresses.
in_ns tc qdisc add dev v0 clsact
in_ns tc filter add dev v0 ingress protocol ipv6 pref 10 u32 match ip6 dst 2001:db8::1/128 flowid 1:1
in_ns tc filter add dev v0 ingress protocol ipv6 pref 11 u32 match ip6 src 2001:db8:abcd:12::/64 \
  match ip6 dport 443 0xffff action mirred egress mirror dev v1
in_ns tc filter add dev v0 egress protocol ip pref 5 u32 match ip dst 192.0.2.9/32 action mirred egress redirect dev v1
in_ns tc filter add dev v0 egress protocol all pref 6 u32 match ether src aa:bb:cc:dd:ee:0f action mirred egress mirror dev v1
# A hash table 1: with an explicit handle (prints "fh 1::5"), reached through "link 1:".
in_ns tc filter add dev v0 egress protocol ipv6 pref 12 handle 1: u32 divisor 1
in_ns tc filter add dev v0 egress protocol ipv6 pref 12 handle 1:0:5 u32 ht 1: match ip6 dst 2001:db8::5/128 flowid 1:5
in_ns tc filter add dev v0 egress protocol ipv6 pref 12 u32 match ip6 src ::ffff:192.0.2.77/128 link 1:

for dir in ingress egress; do
  rec "u32-v0-$dir.tc.txt" -- tc filter show dev v0 "$dir"
  rec "u32-v0-$dir.tc.json" -- tc -j filter show dev v0 "$dir"
done
rec u32-v0-batch.tc.json --stdin 'filter show dev "v0" ingress\nfilter show dev "v0" egress\n' -- tc -j -force -batch -
rec link.ip.json -- ip -j -d link show
rec link-vx6.ip.txt -- ip -d link show dev vx6
rec addr.ip.txt -- ip addr show
rec addr.ip.json -- ip -j addr show

KERNEL=$(uname -r) TC_VER="$TC_VER" node -e '
  const fs = require("fs");
  const lines = fs.readFileSync(process.argv[1], "utf8").trim().split("\n");
  const files = lines.map((l) => {
    const [file, command] = l.split("\t");
    return { file, netns: "tcat-rec6-PID", command, iproute2: process.env.TC_VER, kernel: process.env.KERNEL };
  });
  fs.writeFileSync(process.argv[2], JSON.stringify({ recordedBy: "scripts/record-ipv6-fixtures.sh", files }, null, 2) + "\n");
' "$MANIFEST_LINES" "$OUT/MANIFEST.json"
echo "recorded $(wc -l <"$MANIFEST_LINES") files into $OUT"
