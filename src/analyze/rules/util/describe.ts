// Wordings shared by rules. Messages must not contain per-device names (the tc name of a
// Cilium filter embeds the lxc device), so identical situations on 300 pod veths give
// identical messages and formatters can fold them.
import type { AnalyzedFilter, AnalyzedHook, AnalyzedTcx, Terminal } from '../../../model/analysis.js';
import { VENDORS } from '../../vendors/index.js';
import { isPodDevice } from './where.js';

export function vendorName(p: AnalyzedFilter | AnalyzedTcx): string {
  return VENDORS[p.vendor.id].displayName;
}

/** "Cilium (cil_from_contai)": display name plus the 15-character kernel name, which is
 *  the same on every device, unlike the tc name. */
export function who(p: AnalyzedFilter | AnalyzedTcx): string {
  const prog = ('filter' in p ? p.filter.program : p.program)?.name ?? null;
  const base = p.vendor.id === 'unknown' ? 'an unidentified program' : vendorName(p);
  return prog ? `${base} (${prog})` : base;
}

/** Messages are sentences: "An unidentified program …" at the start. */
export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "always ends" / "can end" / "may end" the walk. */
export function ends(t: Terminal): string {
  if (t === 'always') return 'always ends';
  if (t === 'sometimes') return 'can end';
  return 'may end';
}

/** Which traffic a protocol selector lets a filter see (cls_api skips other ethertypes). */
export function trafficOf(protocol: string | null): string {
  if (protocol === null) return 'traffic (protocol unknown)';
  const p = protocol.toLowerCase();
  if (p === 'all') return 'all traffic';
  if (p === 'ip' || p === 'ipv4' || p === '0x0800') return 'IPv4 traffic';
  if (p === 'ipv6' || p === '0x86dd') return 'IPv6 traffic';
  return `${protocol} frames`;
}

/** "ingress traffic inside containers" style phrase for a hook. */
export function hookTraffic(h: AnalyzedHook): string {
  const dir = h.direction ? `${h.direction} ` : '';
  return `${dir}traffic on this device${isPodDevice(h.device) ? ' (inside containers: a pod\'s host veth)' : ''}`;
}
