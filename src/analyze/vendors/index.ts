// The vendor knowledge base, one entry per vendor, checked complete by the compiler.
import type { VendorId } from './ids.js';
import type { VendorEntry } from './types.js';
import { awsNetworkPolicyAgent } from './kb/awsNetworkPolicyAgent.js';
import { azureIpv6Hp } from './kb/azureIpv6Hp.js';
import { beyla } from './kb/beyla.js';
import { bpfman } from './kb/bpfman.js';
import { calico } from './kb/calico.js';
import { cilium } from './kb/cilium.js';
import { datadog } from './kb/datadog.js';
import { kubeskoop } from './kb/kubeskoop.js';
import { merbridge } from './kb/merbridge.js';
import { netobserv } from './kb/netobserv.js';
import { retina } from './kb/retina.js';
import { unknown } from './kb/unknown.js';

export const VENDORS = {
  cilium,
  calico,
  'aws-network-policy-agent': awsNetworkPolicyAgent,
  retina,
  beyla,
  netobserv,
  kubeskoop,
  bpfman,
  merbridge,
  'azure-ipv6-hp': azureIpv6Hp,
  datadog,
  unknown,
} as const satisfies Record<VendorId, VendorEntry>;

export function vendor(id: VendorId): VendorEntry {
  return VENDORS[id];
}

export type { VendorEntry } from './types.js';
export { VENDOR_IDS, type VendorId } from './ids.js';
