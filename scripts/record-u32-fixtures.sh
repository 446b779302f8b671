#!/usr/bin/env bash
# Records real `tc filter show` text and JSON of u32 keys with and without the terminal flag
# into fixtures/recorded/u32-*.{txt,json}, and their entries into MANIFEST.json (the other
# entries are kept: scripts/record-fixtures.sh records those).
# Each case is its own veth in one throw-away namespace `tcat-rec-*-u` (removed on
# EXIT/INT/TERM): a u32 key at pref 1 that matches every IPv4 packet (`match u32 0 0`), then
# a direct-action bpf filter at pref 2, as the kernel-truth test test/live/kernelTruthU32.test.ts
# builds them (which also counts which keys end the walk).
# Needs root, tc, clang. Optional: TC2=/path/to/other/tc records the dumps again with that
# binary (iproute2 6.15 prints u32's `*flowid` the other way round from 6.1).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/fixtures/recorded"
BPF="$OUT/bpf"
NS="tcat-rec-$$-u"
# shellcheck source=lib/recording.sh
. "$ROOT/scripts/lib/recording.sh"

obj="$BPF/da_pass.o"
if [ ! -f "$obj" ] || [ "$BPF/da_pass.c" -nt "$obj" ]; then
  clang -O2 -g -target bpf -I/usr/include/x86_64-linux-gnu -c "$BPF/da_pass.c" -o "$obj"
fi

KERNEL=$(uname -r)

ip netns add "$NS"
in_ns ip link set lo up

SETUP_LOG=""
setup() { # setup DEV ARGS...: run `tc filter ARGS` on DEV ingress and remember it
  local dev=$1; shift
  in_ns tc filter "$1" dev "$dev" ingress "${@:2}"
  local line="tc filter $1 dev $dev ingress ${*:2}"
  SETUP_LOG+="${line//$ROOT\//}"$'\n'
}

declare -A CASE_SETUP
new_case() { # new_case NAME DEV: a veth pair DEV/DEV's peer with clsact on DEV
  local dev=$2
  in_ns ip link add "$dev" type veth peer name "${dev%0}1"
  in_ns ip link set "$dev" up
  in_ns ip link set "${dev%0}1" up
  in_ns tc qdisc add dev "$dev" clsact
  SETUP_LOG=""
}
end_case() { # end_case NAME DEV: the pref-2 bpf filter every case has
  setup "$2" add protocol all pref 2 bpf da obj "$obj" sec tc
  CASE_SETUP[$1]=$SETUP_LOG
}

# (a) no class, no action: no terminal flag.
new_case nonterminal ua0
setup ua0 add protocol ip pref 1 u32 match u32 0 0
end_case nonterminal ua0
# (b) classid: tc sets the terminal flag.
new_case classid ub0
setup ub0 add protocol ip pref 1 u32 match u32 0 0 classid 1:1
end_case classid ub0
# (c) an action (mirred mirror, control pipe): terminal flag, no class.
new_case mirred-pipe uc0
setup uc0 add protocol ip pref 1 u32 match u32 0 0 action mirred egress mirror dev uc1
end_case mirred-pipe uc0
# (c') the same action with control continue: terminal, but the action chain continues.
new_case mirred-continue ue0
setup ue0 add protocol ip pref 1 u32 match u32 0 0 action mirred egress mirror dev ue1 continue
end_case mirred-continue ue0
# (d) a class without the terminal flag: `change` sends no selector (no `match`), so the
# kernel keeps the old one, flags included (u32_change -> u32_init_knode), and sets the class.
new_case changed-classid ud0
setup ud0 add protocol ip pref 1 handle 800::800 u32 match u32 0 0
setup ud0 change protocol ip pref 1 handle 800::800 u32 classid 1:1
end_case changed-classid ud0
# (e) a link into hash table 1: whose one key has no terminal flag.
new_case link ul0
setup ul0 add protocol ip pref 1 handle 1: u32 divisor 1
setup ul0 add protocol ip pref 1 u32 ht 1: match u32 0 0
setup ul0 add protocol ip pref 1 u32 ht 800: match u32 0 0 link 1:
end_case link ul0

rec() { # rec FILE TCBIN VER CASE ARGS...: save `TCBIN ARGS` output, note it in the manifest
  local file=$1 tcbin=$2 ver=$3 name=$4; shift 4
  in_ns "$tcbin" "$@" >"$OUT/$file"
  printf '%s\t%s\t%s\t%s\n' "$file" "$ver" "tc $*" "$(printf '%s' "${CASE_SETUP[$name]}" | tr '\n' '\037')" >>"$MANIFEST_LINES"
}

record_tc() { # record_tc TCBIN LABEL VER
  local tcbin=$1 label=$2 ver=$3 name dev
  for name in nonterminal classid mirred-pipe mirred-continue changed-classid link; do
    case $name in
      nonterminal) dev=ua0 ;; classid) dev=ub0 ;; mirred-pipe) dev=uc0 ;;
      mirred-continue) dev=ue0 ;; changed-classid) dev=ud0 ;; link) dev=ul0 ;;
    esac
    rec "u32-$name.$label.txt" "$tcbin" "$ver" "$name" filter show dev "$dev" ingress
    rec "u32-$name.$label.json" "$tcbin" "$ver" "$name" -j filter show dev "$dev" ingress
  done
}

record_tc tc tc "$TC_VER"
if [ -n "${TC2:-}" ]; then
  TC2_VER=$("$TC2" -V | sed -n 's/.*iproute2-\([^ ,]*\).*/\1/p')
  record_tc "$TC2" "tc$(echo "$TC2_VER" | tr -d .)" "$TC2_VER"
fi

KERNEL="$KERNEL" NS="$NS" node -e '
  const fs = require("fs");
  const path = process.argv[2];
  const manifest = JSON.parse(fs.readFileSync(path, "utf8"));
  const lines = fs.readFileSync(process.argv[1], "utf8").trim().split("\n");
  const mine = lines.map((l) => {
    const [file, iproute2, command, setup] = l.split("\t");
    return { file, netns: process.env.NS.replace(/-[0-9]+-/, "-PID-"), command, iproute2, bpftool: null,
      kernel: process.env.KERNEL, recordedBy: "scripts/record-u32-fixtures.sh", setup: setup.split("\x1f").filter(Boolean) };
  });
  const names = new Set(mine.map((m) => m.file));
  manifest.files = [...manifest.files.filter((f) => !names.has(f.file)), ...mine];
  fs.writeFileSync(path, JSON.stringify(manifest, null, 2) + "\n");
' "$MANIFEST_LINES" "$OUT/MANIFEST.json"
echo "recorded $(wc -l <"$MANIFEST_LINES") files into $OUT"
