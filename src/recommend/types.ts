// The single answer an operator acts on, with the snippets to apply it.
import type { Direction } from '../model/snapshot.js';

export const RECOMMENDATION_ACTIONS = ['keep', 'set-priority', 'disable-network', 'unknown'] as const;
export type RecommendationAction = (typeof RECOMMENDATION_ACTIONS)[number];

/** Strictness order used by `diff` and fleet merging. unknown sits above keep: it is
 *  not a clean bill of health. */
export const actionRank = {
  keep: 0,
  unknown: 1,
  'set-priority': 2,
  'disable-network': 3,
} as const satisfies Record<RecommendationAction, number>;

/** A foreign program that forces the answer. */
export interface Blocker {
  node: string | null;
  netns: string;
  device: string | null;
  direction: Direction | null;
  attach: 'legacy' | 'tcx' | 'netkit';
  pref: number | null;
  vendor: string;
  terminal: string;
  name: string | null;
}

export interface Snippets {
  systemProbeYaml: string;
  helmValues: string;
  env: string;
  operator: string;
}

/** How each snippet is titled in the reports (table, fleet text). */
export const SNIPPET_TITLES = {
  systemProbeYaml: 'system-probe.yaml',
  helmValues: 'Helm values',
  env: 'Environment',
  operator: 'Datadog Operator (DatadogAgent)',
} as const satisfies Record<keyof Snippets, string>;

export interface Recommendation {
  action: RecommendationAction;
  /** For set-priority: the value to set; for keep: the current one; else null. */
  classifierPriority: number | null;
  reasons: string[];
  blockers: Blocker[];
  /** Vendor-side alternatives (e.g. Cilium --bpf-filter-priority) when known. */
  vendorAlternatives: string[];
  snippets: Snippets | null;
  /** For an agent that hard-codes its pref (7.36.0-7.39.1, src/agent/versionEra.ts): the
   *  answer once it runs `agentVersion` or later and reads its configured priority (or the
   *  default). Upgrading is how the known pref 1 race is fixed, and the new pref may sit
   *  behind a classifier the old one ran ahead of. Absent for any other agent. */
  afterUpgrade?: { agentVersion: string; recommendation: Recommendation };
}
