// Findings grouped by severity, most severe first, each with where and what to do. The
// same finding on many hooks (one per pod veth) is printed once with the places it holds;
// --verbose lists every finding with its own location and dump line.
import { SEVERITIES, type Finding, type Severity } from '../../model/findings.js';
import { hookLabel } from '../describe.js';
import { foldFindings as fold, placesOf } from '../fold.js';
import { bold, dim, cyan, red, yellow, safe, safeLine, type Paint } from '../text.js';

const TITLE = { error: 'Errors', warning: 'Warnings', info: 'Info' } as const satisfies Record<Severity, string>;
const PAINT = { error: red, warning: yellow, info: cyan } as const satisfies Record<Severity, (on: boolean) => Paint>;

const where = (f: Finding): string => {
  const parts = [hookLabel(f)];
  if (f.source) parts.push(`${f.source.file}:${f.source.line}`);
  // A tcx or netkit program has no pref: its attach point says where it runs.
  const at = (r: NonNullable<Finding['filter']>): string => (r.kind === 'tcx' || r.kind === 'netkit' ? r.kind : `pref ${r.pref ?? '?'}`);
  if (f.filter) parts.push(`${at(f.filter)} ${f.filter.vendor} ${f.filter.name ?? ''}`.trimEnd());
  return safeLine(parts.join('  '));
};

const indent = (s: string, by: string): string => safe(s).replace(/\n/g, `\n${by}`);

export const renderFindings = (findings: readonly Finding[], color: boolean, verbose = false): string => {
  if (findings.length === 0) return `${bold(color)('Findings')}\nNone.`;
  const parts = [bold(color)(`Findings (${findings.length})`)];
  for (const sev of SEVERITIES) {
    const group = findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    const lines = [PAINT[sev](color)(`${TITLE[sev]} (${group.length})`)];
    for (const same of verbose ? group.map((f) => [f]) : fold(group)) {
      const f = same[0]!;
      const p = same.length === 1 ? null : placesOf(same);
      // Said as "N findings on M hooks" when one hook holds several (the counts add up).
      const at = p === null ? where(f) : safeLine(`${same.length !== p.count ? `${same.length} findings ` : ''}on ${p.count} ${p.noun}: ${p.list}`);
      lines.push(`  ${PAINT[sev](color)(sev.toUpperCase())} ${safeLine(f.ruleId)}  ${dim(color)(at)}`);
      lines.push(`    ${indent(f.message, '    ')}`);
      if (f.remediation) lines.push(`    → ${indent(f.remediation, '      ')}`);
    }
    parts.push(lines.join('\n'));
  }
  return parts.join('\n');
};
