#!/usr/bin/env bash
# Records real tc / bpftool output into fixtures/recorded/ so the parser tests run on what
# the tools actually print, not on what documents say they print.
# Needs root, tc, bpftool, clang. Works only inside throw-away namespaces `tcat-rec-*`
# (removed on EXIT/INT/TERM); the machine's own interfaces are never touched.
# Optional: TC2=/path/to/other/tc records the tc outputs a second time with that binary
# (e.g. iproute2 6.15 unpacked with `apt-get download` + `dpkg -x`).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/fixtures/recorded"
BPF="$OUT/bpf"
NS_A="tcat-rec-$$-a"
NS_B="tcat-rec-$$-b"
PIN="/sys/fs/bpf/tcat-rec-$$-tcx"
MANIFEST_LINES=$(mktemp)

cleanup() {
  rm -f "$PIN" 2>/dev/null || true
  ip netns del "$NS_A" 2>/dev/null || true
  ip netns del "$NS_B" 2>/dev/null || true
  rm -f "$MANIFEST_LINES"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_a() { nsenter --net="/var/run/netns/$NS_A" "$@"; }
in_b() { nsenter --net="/var/run/netns/$NS_B" "$@"; }

# Object files are committed; rebuild only when a source is newer.
for src in "$BPF"/*.c; do
  obj="${src%.c}.o"
  if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ]; then
    clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c "$src" -o "$obj"
  fi
done

KERNEL=$(uname -r)
TC_VER=$(tc -V | sed -n 's/.*iproute2-\([^ ,]*\).*/\1/p')
BPFTOOL_VER=$(bpftool version | sed -n 's/^bpftool v\(.*\)$/\1/p')

# rec FILE NS TOOLVER -- CMD...: run CMD in namespace NS, save stdout, note it in the manifest.
rec() {
  local file=$1 ns=$2 iproute2=$3 bpftool=$4; shift 5
  nsenter --net="/var/run/netns/$ns" "$@" >"$OUT/$file"
  printf '%s\t%s\t%s\t%s\t%s\n' "$file" "$ns" "$iproute2" "$bpftool" "$*" >>"$MANIFEST_LINES"
}

ip netns add "$NS_A"
ip netns add "$NS_B"
in_a ip link set lo up
in_a ip link add v0 type veth peer name v1
in_a ip link set v0 up
in_a ip link set v1 up
in_b ip link set lo up
in_b ip link add eth0 type veth peer name eth1
in_b ip link set eth0 up
in_b ip link set eth1 up

# --- namespace A, v0 ingress: several filters per pref and every kind this kernel has ---
# (this machine's kernel has only cls_bpf, cls_u32 and act_mirred: no flower, matchall,
# gact or skbedit, so those appear only in the published dumps, not in recordings)
in_a tc qdisc add dev v0 clsact
in_a tc filter add dev v0 ingress protocol all pref 1 handle 0x1 bpf da obj "$BPF/da_pass.o" sec tc
in_a tc filter add dev v0 ingress protocol all pref 1 handle 0x2 bpf da obj "$BPF/da_pass.o" sec tc
in_a tc filter add dev v0 ingress protocol ip pref 2 handle 0xa bpf obj "$BPF/classic.o" sec classifier classid ffff:1 \
  action mirred egress mirror dev v1
in_a tc filter add dev v0 ingress protocol ipv6 pref 3 bpf da skip_hw obj "$BPF/da_pass.o" sec tc
in_a tc filter add dev v0 ingress protocol ip pref 10 u32 match ip dst 10.0.0.0/8 action mirred egress mirror dev v1
in_a tc filter add dev v0 ingress protocol ip pref 20 u32 match ip protocol 6 0xff action mirred egress redirect dev v1
in_a tc filter add dev v0 ingress protocol ip pref 40 u32 match ip protocol 17 0xff \
  action mirred egress mirror dev v1 goto chain 5
in_a tc filter add dev v0 ingress protocol all pref 1 chain 5 u32 match u32 0 0
# No pref: the kernel picks 49152.
in_a tc filter add dev v0 ingress bpf da obj "$BPF/da_pass.o" sec tc
# --- v0 egress ---
in_a tc filter add dev v0 egress protocol all pref 1 bpf da obj "$BPF/da_pass.o" sec tc \
  action mirred egress mirror dev v1 pipe
in_a tc filter add dev v0 egress protocol 802.1Q pref 2 u32 match u32 0 0 action mirred egress mirror dev v1 pass
# --- tcx on v0 ingress (runs before every clsact filter) ---
bpftool prog load "$BPF/tcx_next.o" "$PIN" type tcx/ingress
in_a bpftool net attach tcx_ingress pinned "$PIN" dev v0
rm -f "$PIN" # the attachment keeps the program alive

# --- namespace B: a plain cilium-like setup on eth0 ---
in_b tc qdisc add dev eth0 clsact
in_b tc filter add dev eth0 ingress bpf da obj "$BPF/da_pass.o" sec tc
in_b tc filter add dev eth0 egress bpf da obj "$BPF/da_pass.o" sec tc

record_tc() { # record_tc TCBIN LABEL IPROUTE2VER
  local tcbin=$1 label=$2 ver=$3 dir
  for dir in ingress egress; do
    rec "a-v0-$dir.$label.txt" "$NS_A" "$ver" "" -- "$tcbin" filter show dev v0 "$dir"
    rec "a-v0-$dir.$label-sdp.txt" "$NS_A" "$ver" "" -- "$tcbin" -s -d -p filter show dev v0 "$dir"
    rec "a-v0-$dir.$label.json" "$NS_A" "$ver" "" -- "$tcbin" -j filter show dev v0 "$dir"
  done
  rec "a-v0-chain5.$label.txt" "$NS_A" "$ver" "" -- "$tcbin" filter show dev v0 ingress chain 5
  rec "a-v0-parent-fff2.$label.txt" "$NS_A" "$ver" "" -- "$tcbin" filter show dev v0 parent ffff:fff2
  rec "b-eth0-ingress.$label.txt" "$NS_B" "$ver" "" -- "$tcbin" filter show dev eth0 ingress
  rec "b-eth0-ingress.$label.json" "$NS_B" "$ver" "" -- "$tcbin" -j filter show dev eth0 ingress
}

record_tc tc tc "$TC_VER"
if [ -n "${TC2:-}" ]; then
  TC2_VER=$("$TC2" -V | sed -n 's/.*iproute2-\([^ ,]*\).*/\1/p')
  record_tc "$TC2" "tc$(echo "$TC2_VER" | tr -d .)" "$TC2_VER"
fi
rec a-bpftool-net.txt "$NS_A" "" "$BPFTOOL_VER" -- bpftool net show
rec a-bpftool-net.json "$NS_A" "" "$BPFTOOL_VER" -- bpftool -j net show
rec b-bpftool-net.txt "$NS_B" "" "$BPFTOOL_VER" -- bpftool net show
rec b-bpftool-net.json "$NS_B" "" "$BPFTOOL_VER" -- bpftool -j net show

# The capture snippet, run for real: its output covers the host and both namespaces, so
# keep only our namespaces' sections (the host's devices are not fixture material).
if [ -f "$ROOT/docs/capture.sh" ]; then
  TCAT_CAPTURE_NETNS_FILTER="tcat-rec-$$-" TCAT_CAPTURE_SKIP_HOST=1 sh "$ROOT/docs/capture.sh" >"$OUT/capture.txt"
  printf '%s\t%s\t%s\t%s\t%s\n' capture.txt "$NS_A,$NS_B" "$TC_VER" "$BPFTOOL_VER" \
    "TCAT_CAPTURE_NETNS_FILTER=tcat-rec-\$\$- TCAT_CAPTURE_SKIP_HOST=1 sh docs/capture.sh" >>"$MANIFEST_LINES"
fi

KERNEL="$KERNEL" node -e '
  const fs = require("fs");
  const lines = fs.readFileSync(process.argv[1], "utf8").trim().split("\n");
  const files = lines.map((l) => {
    const [file, netns, iproute2, bpftool, command] = l.split("\t");
    return { file, netns: netns.replace(/-[0-9]+-/, "-PID-"), command: command.replace(/tcat-rec-[0-9]+-/g, "tcat-rec-PID-"),
      iproute2: iproute2 || null, bpftool: bpftool || null, kernel: process.env.KERNEL };
  });
  fs.writeFileSync(process.argv[2], JSON.stringify({ recordedBy: "scripts/record-fixtures.sh", files }, null, 2) + "\n");
' "$MANIFEST_LINES" "$OUT/MANIFEST.json"
echo "recorded $(wc -l <"$MANIFEST_LINES") files into $OUT"
