#!/usr/bin/env bash
# Records the scenario fixtures (fixtures/scenarios/*.capture) from the real tc and bpftool:
# one throw-away namespace per scenario, a host-side pod veth with vendor stand-in programs
# (bpf/scenarios, same names as the real vendors), captured with docs/capture.sh exactly as
# an operator would. Namespaces and pins are removed on exit, also on failure.
# Usage: scripts/record-scenarios.sh [NAME...]  (no NAME: every scenario)
set -euo pipefail
cd "$(dirname "$0")/.."
B=bpf/scenarios
OUT=fixtures/scenarios
PFX="tcat-scn-$$"
ONLY=" $* "
want() { [ "$ONLY" = "  " ] || [[ "$ONLY" == *" $1 "* ]]; }
mkdir -p "$OUT"
cleanup() {
  for ns in $(ip netns list | awk '{print $1}' | grep "^$PFX-" || true); do ip netns del "$ns" || true; done
  rm -rf "/sys/fs/bpf/$PFX"
}
trap cleanup EXIT INT TERM

ns_new() { # ns_new NAME DEV: namespace with a veth DEV <-> peer, clsact on DEV
  ip netns add "$PFX-$1"
  n ip link add "$2" type veth peer name peer0
  n ip link set "$2" up
  n ip link set peer0 up
  n tc qdisc add dev "$2" clsact
}
n() { nsenter --net="/var/run/netns/$NS" "$@"; }
filter() { # filter DEV HOOK PREF OBJ SEC [extra...]
  local dev=$1 hook=$2 pref=$3 obj=$4 sec=$5; shift 5
  n tc filter add dev "$dev" "$hook" "$@" pref "$pref" bpf da obj "$B/$obj" sec "$sec"
}
agent() { # the agent's two classifiers at PREF on DEV
  filter "$1" ingress "$2" datadog.o classifier/ingress
  filter "$1" egress "$2" datadog.o classifier/egress
}
capture() { # capture NAME: docs/capture.sh on this namespace only, names made stable
  TCAT_CAPTURE_SKIP_HOST=1 TCAT_CAPTURE_NETNS_FILTER="$NS" sh docs/capture.sh |
    sed -e "s/node=[^ ]*/node=node-a/" -e "s/$PFX-//g" >"$OUT/$1.capture"
  echo "recorded $OUT/$1.capture"
}

if want cilium-pref1; then
  NS="$PFX-cilium-pref1"; ns_new cilium-pref1 lxc1a2b3c
  filter lxc1a2b3c ingress 1 bpf_lxc.o from-container handle 1
  filter lxc1a2b3c egress 1 bpf_lxc.o to-container handle 1
  agent lxc1a2b3c 10
  capture cilium-pref1
fi

if want vendor-pref5; then
  NS="$PFX-vendor-pref5"; ns_new vendor-pref5 eni0a1b2c
  filter eni0a1b2c egress 5 aws_npa.o tc_cls handle 1
  filter eni0a1b2c ingress 5 aws_npa.o tc_cls_egress handle 1
  agent eni0a1b2c 10
  capture vendor-pref5
fi

if want retina-unspec; then
  NS="$PFX-retina-unspec"; ns_new retina-unspec lxc9f8e7d
  filter lxc9f8e7d ingress 1 retina.o classifier_endpoint_ingress
  filter lxc9f8e7d egress 1 retina.o classifier_endpoint_egress handle 1
  agent lxc9f8e7d 10
  capture retina-unspec
fi

if want collision; then
  NS="$PFX-collision"; ns_new collision lxc5d6e7f
  agent lxc5d6e7f 1
  filter lxc5d6e7f ingress 1 bpf_lxc.o from-container
  capture collision
fi

if want unknown-pref3; then
  NS="$PFX-unknown-pref3"; ns_new unknown-pref3 eth1
  filter eth1 ingress 3 mystery.o tc
  agent eth1 10
  capture unknown-pref3
fi

if want ip-only; then
  NS="$PFX-ip-only"; ns_new ip-only eth2
  filter eth2 ingress 2 bpf_lxc.o from-container protocol ip
  agent eth2 10
  capture ip-only
fi

if want cilium-tcx; then
  NS="$PFX-cilium-tcx"; ns_new cilium-tcx lxc0c1d2e
  mkdir -p "/sys/fs/bpf/$PFX"
  bpftool prog load "$B/cilium_tcx.o" "/sys/fs/bpf/$PFX/cil" type tc
  n bpftool net attach tcx_ingress pinned "/sys/fs/bpf/$PFX/cil" dev lxc0c1d2e
  agent lxc0c1d2e 10
  capture cilium-tcx
fi

# An agent of 7.36.0-7.39.1 attaches at pref 1 whatever its configuration says
# (src/agent/versionEra.ts): ahead of a terminal classifier at pref 5.
if want old-agent-pref5; then
  NS="$PFX-old-agent-pref5"; ns_new old-agent-pref5 eni3c4d5e
  filter eni3c4d5e egress 5 aws_npa.o tc_cls handle 1
  filter eni3c4d5e ingress 5 aws_npa.o tc_cls_egress handle 1
  agent eni3c4d5e 1
  capture old-agent-pref5
fi
