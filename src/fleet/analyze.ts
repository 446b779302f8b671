// analyzeFleet: bundles of many nodes in, one cluster-wide answer out.
import { createHash } from 'node:crypto';
import type { AgentSettings } from '../agent/types.js';
import { resolveAgentPriority } from '../analyze/agentPriority.js';
import type { Assumptions, AuditFn } from '../analyze/contracts.js';
import type { AnalyzedHook } from '../model/analysis.js';
import type { RecommendContext } from '../recommend/recommend.js';
import type { ParseError } from '../parse/types.js';
import type { Recommendation } from '../recommend/types.js';
import { FleetAccumulator } from './accumulate.js';
import { auditRepresentatives } from './audit.js';
import { locationKey, representativeSnapshots } from './represent.js';
import type { Finding } from '../model/findings.js';
import { readBundles, type BundleSource } from '../collect/bundleFiles.js';
import type { FleetResult, FleetStats, ShapeGroup } from './types.js';
import { findingCounts, forcingNodes } from './verdicts.js';

/** Pure over hooks (src/recommend/recommend.ts), so a representative per shape suffices. */
export type FleetRecommendFn = (hooks: AnalyzedHook[], agent: AgentSettings, ctx: RecommendContext) => Recommendation;

export interface FleetOptions {
  agent: AgentSettings;
  assume: Assumptions;
  /** src/analyze/audit.ts in production (see ./index.ts); doubles in unit tests. */
  audit: AuditFn;
  /** src/recommend/recommend.ts in production. */
  recommend: FleetRecommendFn;
  /** Bundles read ahead of analysis (memory = inFlight x bundle size). */
  inFlight?: number;
}

export async function accumulateFleet(files: BundleSource, inFlight = 4): Promise<FleetAccumulator> {
  const acc = new FleetAccumulator();
  for await (const r of readBundles(files, inFlight)) {
    if ('error' in r) acc.addError(r.error);
    else acc.add(r.file, r.bundle);
  }
  return acc;
}

export async function analyzeFleetWith(files: BundleSource, options: FleetOptions): Promise<FleetResult> {
  return finishFleet(await accumulateFleet(files, options.inFlight), options);
}

export function finishFleet(acc: FleetAccumulator, options: FleetOptions): FleetResult {
  const { audit: auditFn, recommend: recommendFn } = options;
  const kept = [...acc.nodes.values()].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  // Groups and shapes referenced by kept nodes only: a superseded duplicate leaves no trace.
  const usedGroups = [...new Set(kept.map((n) => n.group))];
  const usedShapes = [...new Set(usedGroups.flatMap((g) => acc.groupShapes[g] ?? []))].sort((a, b) => a - b);
  const shapes = auditRepresentatives(usedShapes.map((i) => acc.store.reps[i]!), auditFn, options.agent, options.assume);
  const hooksOf = (idx: number[]): AnalyzedHook[] => idx.flatMap((i) => shapes.hooks.get(i) ?? []);
  // As audit does per node: over the whole fleet for the cluster answer (one priority for
  // every node), over a group's own hooks for its answer (what its nodes get alone, as their
  // findings are: a group whose agent runs at another pref is answered at that pref).
  const agentOver = (idx: number[]): AgentSettings =>
    resolveAgentPriority(options.agent, { nodes: [{ name: null, versions: { kernel: null, iproute2: null, bpftool: null }, tcxVisible: null, hooks: hooksOf(idx) }] });
  const agent = agentOver(usedShapes);
  const answer = (idx: number[], a: AgentSettings = agentOver(idx)): Recommendation =>
    recommendFn(hooksOf(idx), a, { tcxBlind: idx.some((i) => acc.store.reps[i]!.tcxVisible === false) });
  // A group's findings are what each of its nodes gets analysed alone: one audit of the
  // group's representatives together, so the agent's pref is the one its own filters show
  // (the shapes of a node may have come first from other bundles: audited by origin alone,
  // a node whose agent shapes another bundle brought read the default pref, and a terminal
  // classifier before its agent came back as info). Node-level facts (versions, tcx
  // visibility) are part of every shape key.
  const groupFindings = (idx: number[]): { wholeNode: Finding[]; byShape: Map<number, Finding[]> } => {
    const reps = idx.map((i) => acc.store.reps[i]!);
    const where = new Map<string, number>();
    for (const r of reps) where.set(locationKey(r.nodeName, r.netns.id, r.device.name, r.device.hooks[0]?.direction ?? null), r.index);
    const found = auditFn(representativeSnapshots(reps), {
      agent: options.agent, mode: 'offline', assume: options.assume, errors: [], notes: [], inputs: ['fleet group'],
    }).findings;
    const wholeNode: Finding[] = [];
    const byShape = new Map<number, Finding[]>();
    for (const f of found) {
      if (f.interface === null && f.direction === null) { wholeNode.push(f); continue; }
      const i = where.get(locationKey(f.node, f.netns, f.interface, f.direction));
      if (i === undefined) continue;
      const list = byShape.get(i);
      if (list) list.push(f);
      else byShape.set(i, [f]);
    }
    return { wholeNode, byShape };
  };

  const members = new Map<number, string[]>();
  for (const n of kept) {
    const list = members.get(n.group); // pushed, not copied: a group may hold thousands of nodes
    if (list) list.push(n.node);
    else members.set(n.group, [n.node]);
  }
  const ordered = usedGroups.sort((a, b) => (members.get(b)?.length ?? 0) - (members.get(a)?.length ?? 0) || a - b);
  const renumber = new Map(ordered.map((g, i) => [g, i]));
  const groups: ShapeGroup[] = ordered.map((g, index) => {
    const idx = acc.groupShapes[g] ?? [];
    const own = groupFindings(idx);
    const keys = idx.map((i) => acc.store.reps[i]!.key).sort();
    return {
      index,
      id: createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 12),
      nodes: members.get(g) ?? [],
      hookShapes: idx.length,
      recommendation: answer(idx),
      findings: findingCounts(idx, own.byShape, own.wholeNode),
    };
  });

  const collected = collectedSpan(kept.map((n) => n.createdAt));
  const recommendation = withSpread(atLeastUnknown(answer(usedShapes, agent), groups, acc.errors), collected);
  const nodes = kept.map((n) => {
    const group = groups[renumber.get(n.group)!]!;
    const { action, classifierPriority } = group.recommendation;
    return { node: n.node, file: n.file, createdAt: n.createdAt, group: group.index, action, classifierPriority, hooks: n.hooks };
  });
  return {
    mode: 'fleet',
    agent,
    nodes,
    groups,
    duplicates: [...acc.duplicateFiles].map(([node, files]) => ({ node, files, kept: acc.nodes.get(node)!.file })),
    recommendation,
    forcingNodes: forcingNodes(recommendation, groups, ordered.map((g) => acc.groupShapes[g] ?? []), acc.store.reps),
    errors: [...acc.errors, ...shapes.errors],
    stats: {
      files: acc.files,
      bundles: acc.bundles,
      hooks: kept.reduce((s, n) => s + n.hooks, 0),
      distinctHookShapes: usedShapes.length,
      representatives: acc.store.reps.length,
      distinctNodeShapes: groups.length,
      collected,
    },
  };
}

/** The first and last collection time of the kept bundles: an answer over bundles taken hours
 *  apart is about no one moment of the cluster. Times that do not parse are left out. */
function collectedSpan(times: readonly string[]): FleetStats['collected'] {
  let from: { t: number; s: string } | null = null;
  let to: { t: number; s: string } | null = null;
  for (const s of times) {
    const t = Date.parse(s);
    if (Number.isNaN(t)) continue;
    if (from === null || t < from.t) from = { t, s };
    if (to === null || t > to.t) to = { t, s };
  }
  return { from: from?.s ?? null, to: to?.s ?? null, spanSeconds: from && to ? Math.round((to.t - from.t) / 1000) : null };
}

/** Bundles taken further apart than this are said to be (an hour: a rollout fits in it). */
const SPREAD_SECONDS = 3600;

const duration = (s: number): string =>
  s >= 86400 ? `${(s / 86400).toFixed(1)} days` : s >= 3600 ? `${(s / 3600).toFixed(1)} hours` : `${Math.round(s / 60)} minutes`;

/** The answer says when its bundles were taken far apart. */
function withSpread(r: Recommendation, c: FleetStats['collected']): Recommendation {
  if (c.spanSeconds === null || c.spanSeconds <= SPREAD_SECONDS) return r;
  return { ...r, reasons: [...r.reasons, `the bundles were collected over ${duration(c.spanSeconds)} (${c.from} to ${c.to}): nodes may have changed since their bundle was taken; collect them again at one time before acting on this answer`] };
}

/** The cluster answer over every hook can be keep while a group of nodes has nothing that
 *  supports keep (nothing audited: its hooks add nothing to the pool), or while an input
 *  could not be read as a bundle (a node whose answer is not known: a damaged or cut-short
 *  bundle is where collection went wrong). What works on every node is then not known. */
function atLeastUnknown(r: Recommendation, groups: readonly ShapeGroup[], unread: readonly ParseError[]): Recommendation {
  if (r.action !== 'keep') return r;
  const open = groups.filter((g) => g.recommendation.action === 'unknown');
  if (open.length === 0 && unread.length === 0) return r;
  const reasons = open.map((g) => `group ${g.index + 1} (${g.nodes.length} node(s): ${g.nodes.slice(0, 3).join(', ')}${g.nodes.length > 3 ? ', …' : ''}) is unknown: ${g.recommendation.reasons.join('; ')}`);
  if (unread.length > 0) {
    const files = [...new Set(unread.map((e) => e.file))];
    reasons.push(`${files.length} input(s) could not be read as bundles (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}; see the inputs not analysed): the nodes behind them are not known; collect them again, or remove files that are no bundles`);
  }
  // (What leaves a group unknown, nothing audited or no pref, stays after an agent upgrade.)
  const afterUpgrade = r.afterUpgrade && { ...r.afterUpgrade, recommendation: atLeastUnknown(r.afterUpgrade.recommendation, groups, unread) };
  return { ...r, action: 'unknown', classifierPriority: null, reasons: [...reasons, ...r.reasons.map((x) => `the other nodes: ${x}`)], ...(afterUpgrade ? { afterUpgrade } : {}) };
}
