import type { VendorEntry } from '../types.js';

// aws/aws-network-policy-agent pkg/ebpf/bpf_client.go; aws/aws-ebpf-sdk-go pkg/tc/tc.go.
export const awsNetworkPolicyAgent: VendorEntry = {
  id: 'aws-network-policy-agent',
  displayName: 'AWS VPC CNI network policy agent',
  tcName: [/^handle_(ingress|egress)$/],
  progName: [/^handle_(ingress|egress)$/],
  bpftoolName: [/^handle_(ingress|egress)$/],
  usualPref: 1,
  usualHandle: '0x1',
  legacy: {
    terminal: 'always',
    returnCodes: [0, 2],
    versions: null,
    confidence: 'verified',
    note: 'returns BPF_OK (TC_ACT_OK) or BPF_DROP (TC_ACT_SHOT)',
  },
  tcx: null,
  hazards: [
    {
      kind: 'deletes-handle-1',
      versions: '>=1.4.0',
      description: 'detach deletes any filter with handle 0x1 on that parent, whatever its owner; an EEXIST on attach triggers detach and re-attach',
      source: 'aws-ebpf-sdk-go pkg/tc/tc.go TCIngressDetach/TCEgressDetach',
    },
  ],
  knob: null,
  sources: ['https://github.com/aws/aws-network-policy-agent/issues/480'],
};
