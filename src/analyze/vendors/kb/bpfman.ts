import type { VendorEntry } from '../types.js';

// bpfman/bpfman bpfman/src/multiprog/tc.rs, tc_dispatcher.
export const bpfman: VendorEntry = {
  id: 'bpfman',
  displayName: 'bpfman TC dispatcher',
  tcName: [/^tc_dispatcher/],
  progName: [/^tc_dispatcher/],
  bpftoolName: [/^tc_dispatcher/],
  usualPref: 50,
  usualHandle: null,
  legacy: {
    terminal: 'sometimes',
    returnCodes: null,
    versions: null,
    confidence: 'verified',
    note: 'returns TC_ACT_OK when every program "proceeds", otherwise the program\'s own verdict',
  },
  tcx: null,
  hazards: [],
  knob: 'bpfman TC dispatcher priority is fixed at 50; programs loaded through it choose proceed-on actions',
  sources: ['https://github.com/bpfman/bpfman'],
};
