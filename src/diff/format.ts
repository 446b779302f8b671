// Diff renderers for every output format: table, JSON and Markdown show the diff itself;
// SARIF, JUnit and GitHub render it as findings (see asAudit.ts).
import { findingJson } from '../report/jsonModel.js';
import { FORMATTERS } from '../report/index.js';
import { hookLabel } from '../report/describe.js';
import { mdInline } from '../report/markdown/escape.js';
import { bold, green, red, safeLine } from '../report/text.js';
import type { FormatOptions, OutputFormat } from '../report/types.js';
import { actionHeadline, upgradeHeadline } from '../report/verdict.js';
import type { Finding } from '../model/findings.js';
import type { ParseError } from '../parse/types.js';
import { diffAsAudit } from './asAudit.js';
import type { ChangeKind, DiffResult } from './types.js';

export type DiffFormatter = (d: DiffResult, opts: FormatOptions) => string;

const SIGN = {
  'hook-added': '+', 'hook-removed': '-', 'filter-added': '+', 'filter-removed': '-', 'filter-moved': '~',
  'verdict-changed': '~', 'vendor-changed': '~', 'tcx-added': '+', 'tcx-removed': '-',
} as const satisfies Record<ChangeKind, string>;

const findingLine = (f: Finding): string => `${f.severity.toUpperCase()} ${f.ruleId} ${hookLabel(f)}: ${f.message}`;
const errLine = (side: string, e: ParseError): string => `${side} ${e.file}${e.line === null ? '' : `:${e.line}`}: ${e.message}`;

const diffTable: DiffFormatter = (d, o) => {
  const verdict = d.worse ? red(o.color)('WORSE') : green(o.color)('not worse');
  const out = [bold(o.color)(`tc-audit diff: ${verdict}`), '',
    `Recommendation before: ${safeLine(actionHeadline(d.recommendation.before))}`,
    `Recommendation after:  ${safeLine(actionHeadline(d.recommendation.after))}`];
  for (const [side, r] of [['before', d.recommendation.before], ['after', d.recommendation.after]] as const) {
    const up = upgradeHeadline(r);
    if (up !== null) out.push(`  (${side}) ${safeLine(up)}`);
  }
  if (d.regressions.length > 0) out.push('', bold(o.color)('Regressions'), ...d.regressions.map((r) => `  - ${safeLine(r)}`));
  out.push('', bold(o.color)(`Changed hooks (${d.hooks.length})`));
  for (const h of d.hooks) {
    out.push(`  ${safeLine(hookLabel(h.location))}`, ...h.changes.map((c) => `    ${SIGN[c.kind]} ${c.kind}: ${safeLine(c.detail)}`));
  }
  if (d.hooks.length === 0) out.push('  none');
  out.push('', bold(o.color)(`New findings (${d.newFindings.length})`), ...d.newFindings.map((f) => `  ${safeLine(findingLine(f))}`));
  out.push('', bold(o.color)(`Resolved findings (${d.resolvedFindings.length})`), ...d.resolvedFindings.map((f) => `  ${safeLine(findingLine(f))}`));
  const errs = [...d.before.errors.map((e) => errLine('BEFORE', e)), ...d.after.errors.map((e) => errLine('AFTER', e))];
  if (errs.length > 0) out.push('', bold(o.color)(`Parse errors (${errs.length})`), ...errs.map((e) => `  ${safeLine(e)}`));
  return `${out.join('\n')}\n`;
};

const recJson = (r: DiffResult['recommendation']['before']) => {
  const up = r.afterUpgrade;
  const later = up === undefined ? null : { agentVersion: up.agentVersion, action: up.recommendation.action, classifierPriority: up.recommendation.classifierPriority, reasons: up.recommendation.reasons };
  return { action: r.action, classifierPriority: r.classifierPriority, reasons: r.reasons, afterUpgrade: later };
};

const diffJson: DiffFormatter = (d) => `${JSON.stringify({
  schemaVersion: 1,
  kind: 'diff',
  worse: d.worse,
  regressions: d.regressions,
  recommendation: { before: recJson(d.recommendation.before), after: recJson(d.recommendation.after) },
  hooks: d.hooks.map((h) => ({ node: h.location.node, netns: h.location.netns, interface: h.location.interface, direction: h.location.direction, changes: h.changes })),
  newFindings: d.newFindings.map(findingJson),
  resolvedFindings: d.resolvedFindings.map(findingJson),
  errors: { before: d.before.errors, after: d.after.errors },
  inputs: { before: d.before.inputs, after: d.after.inputs },
}, null, 2)}\n`;

const diffMarkdown: DiffFormatter = (d) => {
  const out = [`## ${d.worse ? '❌ tc-audit diff: worse' : '✅ tc-audit diff: not worse'}`, '',
    '| | Recommendation |', '| --- | --- |',
    `| Before | ${mdInline(actionHeadline(d.recommendation.before))} |`,
    `| After | ${mdInline(actionHeadline(d.recommendation.after))} |`];
  for (const [side, r] of [['Before', d.recommendation.before], ['After', d.recommendation.after]] as const) {
    const up = upgradeHeadline(r);
    if (up !== null) out.push(`| ${side}, after the agent upgrade | ${mdInline(up)} |`);
  }
  if (d.regressions.length > 0) out.push('', '### Regressions', '', ...d.regressions.map((r) => `- ${mdInline(r)}`));
  out.push('', `### Changed hooks (${d.hooks.length})`);
  if (d.hooks.length > 0) out.push('', '| Hook | Change | Detail |', '| --- | --- | --- |');
  for (const h of d.hooks) for (const c of h.changes) out.push(`| ${mdInline(hookLabel(h.location))} | ${c.kind} | ${mdInline(c.detail)} |`);
  if (d.newFindings.length > 0) out.push('', '### New findings', '', ...d.newFindings.map((f) => `- ${mdInline(findingLine(f))}`));
  if (d.resolvedFindings.length > 0) out.push('', '### Resolved findings', '', ...d.resolvedFindings.map((f) => `- ${mdInline(findingLine(f))}`));
  return `${out.join('\n')}\n`;
};

const viaFindings = (format: OutputFormat): DiffFormatter => (d, o) => FORMATTERS[format](diffAsAudit(d), o);

export const DIFF_FORMATTERS = {
  table: diffTable,
  json: diffJson,
  markdown: diffMarkdown,
  sarif: viaFindings('sarif'),
  junit: viaFindings('junit'),
  github: viaFindings('github'),
} as const satisfies Record<OutputFormat, DiffFormatter>;
