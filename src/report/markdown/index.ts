// `-f markdown`: for $GITHUB_STEP_SUMMARY or a PR comment. Verdict and answer first; the
// findings table and chart are capped so a large fleet still fits a comment (65536 chars).
import type { AuditResult } from '../../model/result.js';
import type { Snippets } from '../../recommend/types.js';
import { allHooks, hookKey, hookLabel, hookLocation, locationKey } from '../describe.js';
import type { Formatter } from '../types.js';
import { actionHeadline, countBySeverity, overallVerdict, upgradeHeadline } from '../verdict.js';
import { mdFence, mdInline } from './escape.js';
import { mermaidChain } from './mermaid.js';
import { blockerTexts } from '../blockerTexts.js';

const MAX_ROWS = 100;
const MAX_CHARTS = 10;
const ICON = { FAIL: '❌', WARN: '⚠️', PASS: '✅' } as const;
const SNIPPETS = [
  ['systemProbeYaml', 'system-probe.yaml', 'yaml'],
  ['helmValues', 'Helm values', 'yaml'],
  ['env', 'Environment', 'sh'],
  ['operator', 'Datadog Operator', 'yaml'],
] as const satisfies ReadonlyArray<readonly [keyof Snippets, string, string]>;

const recommendation = (r: AuditResult): string[] => {
  const rec = r.recommendation;
  const out = ['### Recommendation', '', `**${mdInline(actionHeadline(rec))}**`, ''];
  for (const reason of rec.reasons) out.push(`- ${mdInline(reason)}`);
  for (const b of blockerTexts(rec.blockers, false)) out.push(`- Blocker: ${mdInline(b)}`);
  for (const alt of rec.vendorAlternatives) out.push(`- Alternative: ${mdInline(alt)}`);
  out.push('', `Agent classifier priority: **${r.agent.classifierPriority}** (${mdInline(r.agent.source)})`);
  snippets(out, rec.snippets, '');
  // An agent that reads no priority: the answer once it is upgraded, and what to apply then.
  const later = rec.afterUpgrade?.recommendation;
  if (later !== undefined) {
    out.push('', `**${mdInline(upgradeHeadline(rec) ?? '')}**`, '');
    for (const reason of later.reasons) out.push(`- ${mdInline(reason)}`);
    for (const alt of later.vendorAlternatives) out.push(`- Alternative: ${mdInline(alt)}`);
    snippets(out, later.snippets, ' (after the upgrade)');
  }
  return out;
};

function snippets(out: string[], s: Snippets | null, when: string): void {
  if (s) for (const [key, title, lang] of SNIPPETS) out.push('', `<details><summary>${title}${when}</summary>`, '', mdFence(lang, s[key]), '', '</details>');
}

const findings = (r: AuditResult): string[] => {
  if (r.findings.length === 0) return ['### Findings', '', 'None.'];
  const out = ['### Findings', '', '| Severity | Rule | Where | Message | Remediation |', '| --- | --- | --- | --- | --- |'];
  for (const f of r.findings.slice(0, MAX_ROWS)) {
    const where = f.source ? `${hookLabel(f)} (${f.source.file}:${f.source.line})` : hookLabel(f);
    out.push(`| ${f.severity} | \`${f.ruleId.replace(/`/g, '')}\` | ${mdInline(where)} | ${mdInline(f.message)} | ${mdInline(f.remediation ?? '')} |`);
  }
  if (r.findings.length > MAX_ROWS) out.push('', `… and ${r.findings.length - MAX_ROWS} more; see the JSON or SARIF output.`);
  return out;
};

/** Charts for hooks named by an error or warning finding. */
const charts = (r: AuditResult): string[] => {
  const keys = new Set(r.findings.filter((f) => f.severity !== 'info').map(locationKey));
  const hooks = allHooks(r.analysis.nodes).filter((h) => keys.has(hookKey(h)));
  if (hooks.length === 0) return [];
  const out = ['### Conflicting chains'];
  hooks.slice(0, MAX_CHARTS).forEach((h, i) => {
    const title = hookLabel(hookLocation(h));
    out.push('', `**${mdInline(title)}**`, '', mdFence('mermaid', mermaidChain(h, `h${i}`, title)));
  });
  if (hooks.length > MAX_CHARTS) out.push('', `… and ${hooks.length - MAX_CHARTS} more hooks.`);
  return out;
};

const problems = (r: AuditResult): string[] => {
  if (r.errors.length === 0 && r.notes.length === 0) return [];
  const out = ['### Inputs not fully read', ''];
  for (const e of r.errors) out.push(`- ${mdInline(`${e.file}${e.line === null ? '' : `:${e.line}`}: ${e.message}`)}`);
  for (const n of r.notes) out.push(`- ${mdInline(`[${n.kind}] ${n.netns ?? '?'}/${n.device ?? '?'}: ${n.message}`)}`);
  return out;
};

export const formatMarkdown: Formatter = (r) => {
  const v = overallVerdict(r.findings, r.recommendation);
  const c = countBySeverity(r.findings);
  const head = [`## ${ICON[v]} tc-audit: ${v}`, '', `${c.error} error(s), ${c.warning} warning(s), ${c.info} info · ${r.mode} · ${r.analysis.nodes.length} node(s)`];
  const sections = [head, recommendation(r), findings(r), charts(r), problems(r)].filter((s) => s.length > 0);
  return `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
};
