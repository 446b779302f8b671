// Findings are data: rules produce them, formatters render them, nobody else decides.
import type { Direction, SourceRef } from './snapshot.js';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Higher is more severe; used by --fail-on and sorting. */
export const severityRank = { error: 3, warning: 2, info: 1 } as const satisfies Record<Severity, number>;

export interface FindingLocation {
  node: string | null;
  netns: string | null;
  interface: string | null;
  direction: Direction | null;
}

export interface FilterRef {
  pref: number | null;
  handle: string | null;
  kind: string;
  vendor: string;
  progId: number | null;
  name: string | null;
}

export interface Finding extends FindingLocation {
  ruleId: string;
  severity: Severity;
  message: string;
  /** What to do about it, concrete (a key and a value), or null for info. */
  remediation: string | null;
  filter: FilterRef | null;
  /** Offline inputs: the dump line the finding is about. */
  source: SourceRef | null;
}
