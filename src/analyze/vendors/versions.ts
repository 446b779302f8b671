// Version facts from the agent settings: semver ranges come from the knowledge base, and a
// version we cannot parse is unknown (never "not affected").
import { semver } from '../../lazy.js';
import type { VendorId } from './ids.js';
import { VENDORS } from './index.js';

/** true/false when both are known; null when the version cannot be parsed. */
export function inRange(version: string | null, range: string | null): boolean | null {
  if (version === null) return null;
  if (range === null) return true;
  const v = semver().coerce(version);
  if (!v || !semver().validRange(range)) return null;
  return semver().satisfies(v, range);
}

/** The version of `vendor` named by the CNI version string ("cilium 1.9.5", "Calico v3.31.1"),
 *  or null when the string names another product or no version. */
export function cniVersionOf(vendor: VendorId, cniVersion: string | null): string | null {
  if (!cniVersion || vendor === 'unknown') return null;
  const names = [vendor, VENDORS[vendor].displayName.split(' ')[0]!.toLowerCase()];
  const lower = cniVersion.toLowerCase();
  if (!names.some((n) => lower.includes(n))) return null;
  const v = semver().coerce(cniVersion);
  return v ? v.version : null;
}
