import type { VendorEntry } from '../types.js';

// Anything we cannot attribute. No patterns, no known verdict: the evaluator must say unknown.
export const unknown: VendorEntry = {
  id: 'unknown',
  displayName: 'unidentified program',
  tcName: [],
  progName: [],
  bpftoolName: [],
  usualPref: null,
  usualHandle: null,
  legacy: null,
  tcx: null,
  hazards: [],
  knob: null,
  sources: [],
};
