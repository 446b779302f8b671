// A knowledge-base verdict that holds for a version range the input does not confirm (no
// --cni-version): src/analyze/verdict.ts writes the range into the verdict's evidence, and the
// rules and the recommendation that must say so read it back here, so the wording lives once.
import type { KnownVerdict } from './types.js';
import type { VendorId } from './ids.js';
import { VENDORS } from './index.js';

/** The evidence tail for a verdict whose range the version given cannot confirm. */
export const unconfirmedNote = (range: string): string => ` (holds for versions ${range}; version not given, --cni-version to check)`;

const UNCONFIRMED = /holds for versions ([^;]+); version not given/;

/** The range a verdict holds for when the input did not confirm it, else null. */
export function unconfirmedRange(v: { source: string; evidence: readonly string[] }): string | null {
  if (v.source !== 'knowledge-base') return null;
  for (const e of v.evidence) {
    const m = UNCONFIRMED.exec(e);
    if (m) return m[1]!;
  }
  return null;
}

/** What the vendor's versions outside that range do, when it may end the walk. */
export function endingOtherwise(id: string): NonNullable<KnownVerdict['otherwise']> | null {
  const o = VENDORS[id as VendorId]?.legacy?.otherwise;
  return o !== undefined && o.terminal !== 'never' ? o : null;
}
