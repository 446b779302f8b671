// The hooks bpftool's tc entry kinds stand for.
import type { Direction } from '../model/snapshot.js';

export interface Hook { attach: 'tcx' | 'netkit' | 'legacy'; direction: Direction }

const HOOKS = new Map<string, Hook>([
  ['tcx/ingress', { attach: 'tcx', direction: 'ingress' }],
  ['tcx/egress', { attach: 'tcx', direction: 'egress' }],
  // bpftool lists both netkit kinds under the primary (host-side) device. Peer programs run
  // when the pod side transmits, i.e. traffic entering the host through this device (the
  // role clsact ingress has on a veth); primary programs run on the primary's transmit
  // towards the pod (the role of clsact egress).
  ['netkit/primary', { attach: 'netkit', direction: 'egress' }],
  ['netkit/peer', { attach: 'netkit', direction: 'ingress' }],
  ['clsact/ingress', { attach: 'legacy', direction: 'ingress' }],
  ['clsact/egress', { attach: 'legacy', direction: 'egress' }],
]);

/** The hook a bpftool kind names. A Map, not an object: a kind such as "constructor" must
 *  not find Object.prototype's function, and looking up 20,000 kinds read from the text as
 *  property names costs more than hashing them. */
export function hookOf(kind: string): Hook | undefined {
  return HOOKS.get(kind);
}
