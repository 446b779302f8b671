// The JSON contract (schemaVersion 1), documented field by field in docs/output.md.
// Names here are public: change them only with a schemaVersion bump.
import type { AnalyzedFilter, AnalyzedHook, AnalyzedNode, AnalyzedTcx, Verdict } from '../model/analysis.js';
import type { Finding } from '../model/findings.js';
import type { AuditResult } from '../model/result.js';
import type { Recommendation } from '../recommend/types.js';

export const JSON_SCHEMA_VERSION = 1 as const;

const verdictJson = (v: Verdict) => ({
  terminal: v.terminal,
  returnCodes: v.returnCodes,
  source: v.source,
  mode: v.mode,
  evidence: v.evidence,
});

export const filterJson = (f: AnalyzedFilter) => ({
  pref: f.filter.pref,
  protocol: f.filter.protocol,
  chain: f.filter.chain,
  kind: f.filter.kind,
  handle: f.filter.handle,
  progId: f.filter.program?.id ?? null,
  progName: f.filter.program?.name ?? null,
  tcName: f.filter.tcName,
  directAction: f.filter.directAction,
  flags: f.filter.flags,
  classid: f.filter.classid,
  actions: f.filter.actions,
  u32: f.filter.u32 ?? null,
  vendor: f.vendor.id,
  vendorEvidence: f.vendor.evidence,
  verdict: verdictJson(f.verdict),
  reaches: f.reaches,
  source: f.filter.source,
});

const tcxJson = (t: AnalyzedTcx) => ({
  attach: t.attach,
  progId: t.program.id,
  progName: t.program.name,
  linkId: t.linkId,
  vendor: t.vendor.id,
  vendorEvidence: t.vendor.evidence,
  verdict: verdictJson(t.verdict),
  reaches: t.reaches,
  source: t.source,
});

export const hookJson = (h: AnalyzedHook) => ({
  name: h.device,
  ifindex: h.ifindex,
  netns: h.netns,
  direction: h.direction,
  filters: h.filters === null ? null : h.filters.map(filterJson),
  legacyPrefsKnown: h.legacyPrefsKnown,
  tcx: h.tcx === null ? null : h.tcx.map(tcxJson),
  legacyReach: h.legacyReach,
  exitReach: h.exitReach,
  ingressQdisc: h.ingressQdisc,
});

export const nodeJson = (n: AnalyzedNode) => ({
  name: n.name,
  versions: n.versions,
  tcxVisible: n.tcxVisible,
  interfaces: n.hooks.map(hookJson),
});

export const findingJson = (f: Finding) => ({
  ruleId: f.ruleId,
  severity: f.severity,
  node: f.node,
  netns: f.netns,
  interface: f.interface,
  direction: f.direction,
  message: f.message,
  remediation: f.remediation,
  filter: f.filter,
  source: f.source,
});

/** For an agent version that reads no priority: the answer once upgraded; else null. */
const upgradeJson = (rec: Recommendation) => {
  const up = rec.afterUpgrade;
  if (up === undefined) return null;
  const { action, classifierPriority, reasons, blockers, vendorAlternatives, snippets } = up.recommendation;
  return { agentVersion: up.agentVersion, action, classifierPriority, reasons, blockers, vendorAlternatives, snippets };
};

/** The whole report as a plain JSON-ready object. */
export const toJsonReport = (r: AuditResult, toolVersion: string) => ({
  schemaVersion: JSON_SCHEMA_VERSION,
  tool: { name: 'tc-audit', version: toolVersion },
  mode: r.mode,
  inputs: r.inputs,
  agent: { ...r.agent },
  nodes: r.analysis.nodes.map(nodeJson),
  findings: r.findings.map(findingJson),
  recommendation: {
    action: r.recommendation.action,
    classifierPriority: r.recommendation.classifierPriority,
    reasons: r.recommendation.reasons,
    blockers: r.recommendation.blockers,
    vendorAlternatives: r.recommendation.vendorAlternatives,
    snippets: r.recommendation.snippets,
    afterUpgrade: upgradeJson(r.recommendation),
  },
  errors: r.errors.map((e) => ({ file: e.file, line: e.line, message: e.message })),
  notes: r.notes,
});
export type JsonReport = ReturnType<typeof toJsonReport>;
