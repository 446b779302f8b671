// The fleet answer: one recommendation for a whole cluster, computed from bundles of many
// nodes. Serialised as-is by `analyze DIR --format json`; docs/cluster.md documents it.
import type { AgentSettings } from '../agent/types.js';
import type { Severity } from '../model/findings.js';
import type { ParseError } from '../parse/types.js';
import type { Recommendation, RecommendationAction } from '../recommend/types.js';

/** One node's answer. Nodes in the same shape group share their answer. */
export interface FleetNodeVerdict {
  node: string;
  /** The bundle this verdict came from (the kept one when the name was duplicated). */
  file: string;
  createdAt: string;
  /** Index into FleetResult.groups. */
  group: number;
  action: RecommendationAction;
  classifierPriority: number | null;
  hooks: number;
}

export interface FindingCount {
  ruleId: string;
  severity: Severity;
  /** Distinct hook shapes in the group that raised it (not hook instances); 0 for a
   *  finding about the whole node (wholeNode). */
  shapes: number;
  /** About each node of the group as a whole (destructive-vendor, agent-config-hazard,
   *  nothing-audited, …), not one of its hooks. */
  wholeNode?: true;
}

/** Nodes whose hooks have the same set of distinct chain shapes. */
export interface ShapeGroup {
  index: number;
  /** Stable short id derived from the shape key (first 12 hex of its sha256). */
  id: string;
  nodes: string[];
  /** Distinct hook-chain shapes in this group. */
  hookShapes: number;
  /** The group's own answer; blockers name the example hook that first showed the shape. */
  recommendation: Recommendation;
  findings: FindingCount[];
}

/** The same node name seen in more than one bundle: counted once, the newest kept. */
export interface DuplicateNode {
  node: string;
  files: string[];
  kept: string;
}

export interface FleetStats {
  files: number;
  /** Bundles read and valid. */
  bundles: number;
  /** Hook instances across the kept bundles. */
  hooks: number;
  distinctHookShapes: number;
  /** Representatives held in memory (<= distinctHookShapes; what streaming bounds). */
  representatives: number;
  distinctNodeShapes: number;
  /** When the kept bundles were collected: the first and last createdAt, and the seconds
   *  between them (null when no createdAt reads as a time). */
  collected: { from: string | null; to: string | null; spanSeconds: number | null };
}

export interface FleetResult {
  mode: 'fleet';
  agent: AgentSettings;
  nodes: FleetNodeVerdict[];
  groups: ShapeGroup[];
  duplicates: DuplicateNode[];
  /** The single cluster-wide answer: what works on every node. */
  recommendation: Recommendation;
  /** Nodes that force the cluster answer (hold a blocking hook shape); empty for keep. */
  forcingNodes: string[];
  errors: ParseError[];
  stats: FleetStats;
}
