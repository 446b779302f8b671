// What `tc-audit diff BEFORE AFTER` computes: per-hook changes of the chain, findings that
// appeared or went away, both recommendations, and whether AFTER is worse (exit 1).
import type { Finding, FindingLocation } from '../model/findings.js';
import type { AuditResult } from '../model/result.js';
import type { Recommendation } from '../recommend/types.js';

export const CHANGE_KINDS = [
  'hook-added',
  'hook-removed',
  'filter-added',
  'filter-removed',
  'filter-moved',
  'verdict-changed',
  'vendor-changed',
  'tcx-added',
  'tcx-removed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface HookChange {
  kind: ChangeKind;
  /** Human wording, e.g. "pref 1 bpf cilium cil_from_container: terminal never -> always". */
  detail: string;
}

export interface HookDiff {
  location: FindingLocation;
  changes: HookChange[];
}

export interface DiffResult {
  before: AuditResult;
  after: AuditResult;
  /** Only hooks where something changed, in AFTER's order (removed hooks last). */
  hooks: HookDiff[];
  /** In AFTER but not BEFORE, matched by rule id and location. */
  newFindings: Finding[];
  /** In BEFORE but not AFTER. */
  resolvedFindings: Finding[];
  recommendation: { before: Recommendation; after: Recommendation };
  /** Why AFTER is worse; empty when it is not. */
  regressions: string[];
  worse: boolean;
}
