import type { VendorEntry } from '../types.js';

// netobserv/netobserv-ebpf-agent pkg/tracer/tracer.go, bpf/flows.c.
export const netobserv: VendorEntry = {
  id: 'netobserv',
  displayName: 'NetObserv eBPF agent',
  tcName: [/^tc_(ingress|egress)_flow_parse/, /^tcx?_(ingress|egress)_flow_pa/],
  progName: [/^tc_(ingress|egress)_flo/, /^tcx_(ingress|egress)_fl/],
  bpftoolName: [/^tcx?_(ingress|egress)_flow_parse/],
  usualPref: 1,
  usualHandle: '0x1',
  legacy: {
    terminal: 'always',
    returnCodes: [0],
    versions: null,
    confidence: 'verified',
    note: 'legacy programs return TC_ACT_OK',
  },
  tcx: { terminal: 'never', returnCodes: [-1], versions: null, confidence: 'verified', note: 'tcx programs return TCX_NEXT' },
  hazards: [
    {
      kind: 'deletes-clsact',
      versions: null,
      description: 'deletes any existing clsact qdisc before adding its own, removing other vendors\' filters',
      source: 'netobserv-ebpf-agent pkg/tracer/tracer.go',
    },
  ],
  knob: 'TC_ATTACH_MODE=tcx (default) makes it return TCX_NEXT; legacy tc mode returns TC_ACT_OK at pref 1',
  sources: ['https://github.com/netobserv/netobserv-ebpf-agent/pull/822'],
};
