import { HARD_CODED_RANGE } from '../../../agent/versionEra.js';
import type { VendorEntry } from '../types.js';

// DataDog/datadog-agent pkg/security/ebpf/c/include/hooks/network/tc.h; ebpf-manager tc.go.
export const datadog: VendorEntry = {
  id: 'datadog',
  displayName: 'Datadog Workload Protection (system-probe)',
  tcName: [/^classifier_(raw_packet_)?(ingress|egress)_security/, /^classifier_(ingress|egress)_/],
  progName: [/^classifier_(ingr|egre|raw_)/],
  bpftoolName: [/^classifier_(raw_packet_)?(ingress|egress)/],
  usualPref: 10,
  usualHandle: null,
  legacy: {
    terminal: 'never',
    returnCodes: [-1],
    versions: null,
    confidence: 'verified',
    note: 'network classifiers return TC_ACT_UNSPEC (ACT_OK is defined as TC_ACT_UNSPEC)',
  },
  tcx: null,
  hazards: [
    {
      kind: 'prio-handle-collision',
      versions: HARD_CODED_RANGE, // the same fact as src/agent/versionEra.ts, one source
      description: 'attaches at pref 1 (hard-coded) and, when its filter was replaced, stops and deletes the filter it thinks it owns',
      source: 'DataDog/datadog-agent PR #13692',
    },
  ],
  knob: null,
  sources: ['https://github.com/DataDog/datadog-agent/pull/13692'],
};
