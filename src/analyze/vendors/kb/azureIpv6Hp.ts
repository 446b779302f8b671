import type { VendorEntry } from '../types.js';

// Azure/azure-container-networking ipv6-hp-bpf (PR #2710).
export const azureIpv6Hp: VendorEntry = {
  id: 'azure-ipv6-hp',
  displayName: 'Azure CNI ipv6-hp-bpf',
  tcName: [/^ingress_filter/, /ipv6_hp/],
  progName: [/^ingress_filter/],
  bpftoolName: [/^ingress_filter/],
  usualPref: 1,
  usualHandle: null,
  legacy: null,
  tcx: null,
  hazards: [],
  knob: null,
  sources: ['https://github.com/Azure/azure-container-networking/pull/2710'],
};
