import type { VendorEntry } from '../types.js';

// merbridge/merbridge internal/cni-server/cni-plugin.go, bpf/mb_tc.c.
export const merbridge: VendorEntry = {
  id: 'merbridge',
  displayName: 'Merbridge',
  tcName: [/^mb_tc_(ingress|egress)/],
  progName: [/^mb_tc_(ingress|egress)/],
  bpftoolName: [/^mb_tc_/],
  usualPref: 66,
  usualHandle: null,
  legacy: { terminal: 'always', returnCodes: [0], versions: null, confidence: 'verified', note: 'returns TC_ACT_OK' },
  tcx: null,
  hazards: [],
  knob: null,
  sources: ['https://github.com/merbridge/merbridge'],
};
