// Vendor ids are part of the JSON contract; keep them stable.
export const VENDOR_IDS = [
  'cilium',
  'calico',
  'aws-network-policy-agent',
  'retina',
  'beyla',
  'netobserv',
  'kubeskoop',
  'bpfman',
  'merbridge',
  'azure-ipv6-hp',
  'datadog',
  'unknown',
] as const;
export type VendorId = (typeof VENDOR_IDS)[number];
