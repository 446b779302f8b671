// `-f table` (default): what an SRE reads at 3 a.m. Verdict and answer first, then the
// chains that explain it, then the findings, then what could not be read.
import type { Formatter } from '../types.js';
import type { AuditResult } from '../../model/result.js';
import { bold, safeLine } from '../text.js';
import { countBySeverity, overallVerdict } from '../verdict.js';
import { renderHooks } from './hooks.js';
import { renderFindings } from './findings.js';
import { renderAgent, renderRecommendation } from './recommendation.js';

const renderProblems = (r: AuditResult, color: boolean): string | null => {
  const lines: string[] = [];
  if (r.errors.length > 0) {
    lines.push(bold(color)(`Parse errors (${r.errors.length})`));
    for (const e of r.errors) lines.push(`  ${safeLine(`${e.file}${e.line === null ? '' : `:${e.line}`}: ${e.message}`)}`);
  }
  if (r.notes.length > 0) {
    lines.push(bold(color)(`Collection notes (${r.notes.length})`));
    for (const n of r.notes) lines.push(`  ${safeLine(`[${n.kind}] ${n.netns ?? '?'}/${n.device ?? '?'}: ${n.message}`)}`);
  }
  return lines.length > 0 ? lines.join('\n') : null;
};

export const formatTable: Formatter = (r, opts) => {
  const c = countBySeverity(r.findings);
  const head = `${bold(opts.color)(`tc-audit: ${overallVerdict(r.findings, r.recommendation)}`)}  ${c.error} error(s), ${c.warning} warning(s), ${c.info} info  (${r.mode}, ${r.analysis.nodes.length} node(s))`;
  const sections = [
    head,
    renderRecommendation(r.recommendation, opts.color, opts.verbose),
    renderAgent(r.agent, opts.color),
    renderHooks(r, opts),
    renderFindings(r.findings, opts.color, opts.verbose),
    renderProblems(r, opts.color),
  ];
  return `${sections.filter((s): s is string => s !== null).join('\n\n')}\n`;
};
