import type { VendorEntry } from '../types.js';

// cilium/cilium pkg/datapath/loader/tc.go, tcx.go; bpf/include/bpf/ctx/skb.h.
export const cilium: VendorEntry = {
  id: 'cilium',
  displayName: 'Cilium',
  tcName: [/^cil_(from|to)_/, /^bpf_(lxc|netdev|host|overlay|network|wireguard|xdp)[\w-]*\.o:\[/],
  progName: [/^cil_/],
  bpftoolName: [/^cil_/, /^bpf_(lxc|netdev|host|overlay)[\w-]*\.o:\[/],
  usualPref: 1,
  usualHandle: '0x1',
  legacy: {
    terminal: 'always',
    returnCodes: [0, 2, 7],
    versions: null,
    confidence: 'verified',
    note: 'returns TC_ACT_OK / TC_ACT_REDIRECT / TC_ACT_SHOT; never passes to later programs (cilium#36775)',
  },
  tcx: {
    terminal: 'always',
    returnCodes: [0, 2, 7],
    versions: '>=1.16.0',
    confidence: 'verified',
    note: 'tcx programs appended at the tail return PASS/REDIRECT/DROP',
  },
  hazards: [
    {
      kind: 'deletes-legacy-after-tcx',
      versions: '>=1.16.0',
      description: 'after a tcx attach succeeds it deletes every legacy filter in that direction, not only its own',
      source: 'cilium pkg/datapath/loader/tc.go removeTCFilters',
    },
    {
      kind: 'deletes-clsact',
      versions: '<1.6.0',
      description: 'bpf/init.sh deleted and re-added the clsact qdisc on host devices, wiping other filters',
      source: 'cilium PR #8919 (2019)',
    },
    {
      kind: 'prio-handle-collision',
      versions: '<=1.9.x',
      description: 'owns pref 1 / handle 0x1 on lxc veths; with Datadog agent 7.36-7.39.1 at the same pref/handle, a new pod could lose connectivity',
      source: 'DataDog/datadog-agent PR #13692; DataDog/documentation PR #15481',
    },
  ],
  knob: 'Cilium agent flag --bpf-filter-priority=N, N above the agent\'s classifier_priority (e.g. that priority + 1; cilium-config key bpf-filter-priority; no Helm value, use extraArgs), moves its legacy filters to pref N (>= 1.12); where Cilium attaches with tcx (bpf.enableTCX, default on >= 1.16) set bpf.enableTCX=false as well, or no priority helps',
  knobVersions: '>=1.12.0',
  tcxKnob: 'set bpf.enableTCX=false (Helm value; tcx is the default from 1.16), so Cilium attaches legacy filters instead, and move those after the agent with the Cilium agent flag --bpf-filter-priority=N, N above the agent\'s classifier_priority (cilium-config key bpf-filter-priority, >= 1.12); while it attaches with tcx, no classifier_priority helps',
  sources: ['https://github.com/cilium/cilium/issues/36775', 'https://github.com/cilium/cilium/pull/18896', 'https://github.com/cilium/cilium/issues/36172'],
};
