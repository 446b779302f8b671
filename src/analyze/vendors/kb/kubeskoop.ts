import type { VendorEntry } from '../types.js';

// alibaba/kubeskoop pkg/exporter/probe/flow/flow.go, bpf/flow.c.
export const kubeskoop: VendorEntry = {
  id: 'kubeskoop',
  displayName: 'KubeSkoop flow probe',
  // `<dev>-ingress` alone is too generic: also require protocol ip (see identify.ts).
  tcName: [/^[\w.@:-]+-(ingress|egress)$/],
  requireProtocol: 'ip',
  progName: [/^tc_(ingress|egress)$/, /^kubeskoop/],
  bpftoolName: [/^kubeskoop/],
  usualPref: 1,
  usualHandle: '0x1',
  legacy: {
    terminal: 'always',
    returnCodes: [0],
    versions: null,
    confidence: 'verified',
    note: 'returns TC_ACT_OK; attaches with protocol ip (ETH_P_IP) only',
  },
  tcx: null,
  hazards: [
    {
      kind: 'deletes-clsact',
      versions: null,
      description: 'deletes the clsact qdisc when the probe stops',
      source: 'kubeskoop pkg/exporter/probe/flow/flow.go',
    },
  ],
  knob: null,
  sources: ['https://github.com/alibaba/kubeskoop/issues/224'],
};
