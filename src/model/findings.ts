// Findings are data: rules produce them, formatters render them, nobody else decides.
import type { AnalyzedHook } from './analysis.js';
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

/** Each hook's findings, as the audit found them: `groups[ofHook.get(h)]` holds the findings
 *  whose place (node, netns, interface, direction) is the hook's, in report order. It
 *  indexes `findings` (that very array) and nothing else: a result whose findings were
 *  replaced must not use it. */
export interface FindingPlaces {
  findings: readonly Finding[];
  groups: readonly (readonly Finding[])[];
  ofHook: ReadonlyMap<AnalyzedHook, number>;
}
