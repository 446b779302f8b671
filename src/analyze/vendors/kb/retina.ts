import type { VendorEntry } from '../types.js';

// microsoft/retina pkg/plugin/packetparser.
export const retina: VendorEntry = {
  id: 'retina',
  displayName: 'Microsoft Retina (packetparser)',
  tcName: [/^endpoint_(ingres|egress)/, /^host_(ingress_fi|egress_fil)/],
  progName: [/^endpoint_(ingres|egress)/, /^host_(ingress_fi|egress_fil)/],
  bpftoolName: [/^endpoint_(ingress|egress)/, /^host_(ingress|egress)_filter/],
  usualPref: 1,
  usualHandle: null,
  legacy: {
    terminal: 'never',
    returnCodes: [-1],
    versions: '>=0.0.8',
    confidence: 'verified',
    note: 'returns TC_ACT_UNSPEC since PR #276 (v0.0.8)',
    otherwise: { terminal: 'always', returnCodes: [0], note: 'before v0.0.8 packetparser returned TC_ACT_OK (retina#252)' },
  },
  tcx: {
    terminal: 'never',
    returnCodes: [-1],
    versions: '>=1.2.0',
    confidence: 'inferred',
    note: 'tcx attach at the head (enableTCX auto); same programs',
  },
  hazards: [
    {
      kind: 'deletes-clsact',
      versions: null,
      description: 'teardown deletes the clsact qdisc, removing every vendor\'s filters on that device',
      source: 'retina pkg/plugin/packetparser clean()',
    },
  ],
  knob: 'upgrade to Retina >= v0.0.8 (returns TC_ACT_UNSPEC)',
  sources: ['https://github.com/microsoft/retina/issues/252', 'https://github.com/microsoft/retina/pull/276'],
};
