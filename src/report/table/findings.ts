// Findings grouped by severity, most severe first, each with where and what to do. The
// same finding on many hooks (one per pod veth) is printed once with the places it holds;
// --verbose lists every finding with its own location and dump line.
import { SEVERITIES, type Finding, type Severity } from '../../model/findings.js';
import { hookLabel } from '../describe.js';
import { TupleIds } from '../../tupleIds.js';
import { bold, dim, cyan, red, yellow, safe, safeLine, type Paint } from '../text.js';

const TITLE = { error: 'Errors', warning: 'Warnings', info: 'Info' } as const satisfies Record<Severity, string>;
const PAINT = { error: red, warning: yellow, info: cyan } as const satisfies Record<Severity, (on: boolean) => Paint>;
const EXAMPLES = 3;

const where = (f: Finding): string => {
  const parts = [hookLabel(f)];
  if (f.source) parts.push(`${f.source.file}:${f.source.line}`);
  if (f.filter) parts.push(`pref ${f.filter.pref ?? '?'} ${f.filter.vendor} ${f.filter.name ?? ''}`.trimEnd());
  return safeLine(parts.join('  '));
};

/** "on 412 hooks: a, b, c, … and 409 more" for the distinct places of a folded finding.
 *  Places are counted by their fields (a folded finding can hold 10,000 of them) and only
 *  the examples shown are written out. */
const WHOLE_NODE = Symbol('whole node');
const places = (group: readonly Finding[]): string => {
  const ids = new TupleIds();
  const examples: string[] = [];
  let count = 0;
  for (let i = 0; i < group.length; i++) {
    const f = group[i]!;
    // As hookLabel names them: a missing field reads "?", a whole-node place by its node.
    if (f.netns === null && f.interface === null && f.direction === null) ids.begin().add(WHOLE_NODE).add(f.node);
    else ids.begin().add(f.node ?? '?').add(f.netns ?? '?').add(f.interface ?? '?').add(f.direction ?? '?');
    if (ids.id() < count) continue;
    count++;
    if (examples.length < EXAMPLES) examples.push(hookLabel(f));
  }
  const noun = group.every((f) => f.netns === null && f.interface === null && f.direction === null) ? 'nodes' : 'hooks';
  const more = count > EXAMPLES ? `, … and ${count - EXAMPLES} more` : '';
  return safeLine(`on ${count} ${noun}: ${examples.join(', ')}${more}`);
};

/** Findings that say the same thing (rule, text, remediation) in first-seen order. Keyed
 *  by nested maps: copies of one finding share their strings, so lookups are cheap and no
 *  long joined key is built per finding. */
function fold(findings: readonly Finding[]): Finding[][] {
  const out: Finding[][] = [];
  const byRule = new Map<string, Map<string, Map<string | null, Finding[]>>>();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    let byText = byRule.get(f.ruleId);
    if (!byText) byRule.set(f.ruleId, (byText = new Map()));
    let byRemedy = byText.get(f.message);
    if (!byRemedy) byText.set(f.message, (byRemedy = new Map()));
    const g = byRemedy.get(f.remediation);
    if (g) g.push(f);
    else {
      const ng = [f];
      byRemedy.set(f.remediation, ng);
      out.push(ng);
    }
  }
  return out;
}

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
      const at = same.length === 1 ? where(f) : places(same);
      lines.push(`  ${PAINT[sev](color)(sev.toUpperCase())} ${safeLine(f.ruleId)}  ${dim(color)(at)}`);
      lines.push(`    ${indent(f.message, '    ')}`);
      if (f.remediation) lines.push(`    → ${indent(f.remediation, '      ')}`);
    }
    parts.push(lines.join('\n'));
  }
  return parts.join('\n');
};
