import type { VendorEntry } from '../types.js';

// grafana/beyla and OTel OBI pkg/internal/ebpf/tcmanager/netlinkmanager.go.
export const beyla: VendorEntry = {
  id: 'beyla',
  displayName: 'Grafana Beyla / OpenTelemetry eBPF instrumentation',
  tcName: [/^tc\/(tc_)?(http_)?(ingress|egress)/, /^tc\/(ingress|egress)_flow_parse/, /^(beyla|obi)_/],
  progName: [/^(beyla|obi)_app_/, /^tc_http_(ingres|egress)/, /^tc_(ingress|egress)$/],
  bpftoolName: [/^(beyla|obi)_/, /^tc_http_(ingress|egress)/],
  usualPref: 1,
  usualHandle: '0xb311',
  legacy: {
    terminal: 'never',
    returnCodes: [-1],
    versions: null,
    confidence: 'verified',
    note: 'returns TC_ACT_UNSPEC',
  },
  tcx: { terminal: 'never', returnCodes: [-1], versions: null, confidence: 'verified', note: 'tcx at the head, returns NEXT' },
  hazards: [],
  knob: null,
  sources: ['https://github.com/grafana/beyla/pull/1535'],
};
