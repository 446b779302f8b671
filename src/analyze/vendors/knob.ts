// What the knowledge base offers to move a vendor out of the agent's way: its tcx setting for
// a tcx blocker, else its legacy one, and, where the vendor's version is known (--cni-version)
// and lacks the setting, said so rather than offered as if it were there. One wording for the
// recommendation's alternatives and the findings' "or move ... instead".
import type { VendorId } from './ids.js';
import { VENDORS } from './index.js';
import { cniVersionOf, inRange } from './versions.js';

export function vendorKnob(id: VendorId, cniVersion: string | null, tcx = false): string | null {
  const v = VENDORS[id];
  const k = tcx ? v?.tcxKnob ?? v?.knob : v?.knob;
  if (!k) return null;
  const version = v.knobVersions === undefined ? null : cniVersionOf(id, cniVersion);
  const lacks = version !== null && inRange(version, v.knobVersions!) === false;
  return `${k}${lacks ? ` (not in ${version}, which this node runs: the setting came with ${v.knobVersions}; upgrade first)` : ''}`;
}
