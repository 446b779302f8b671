// `-f github`: workflow commands that become annotations on the run (and on the dump
// file's line when the finding has one), the same finding on many hooks folded into one. Escaping follows the runner's own rules:
// data escapes % CR LF; property values additionally escape ':' and ','.
import type { Severity } from '../model/findings.js';
import { hookLabel } from './describe.js';
import { foldFindings, placesOf } from './fold.js';
import type { Formatter } from './types.js';
import { actionHeadline, upgradeHeadline } from './verdict.js';
import type { Recommendation } from '../recommend/types.js';

/** GitHub has no "info" annotation; notice is the mildest. */
export const GITHUB_COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const satisfies Record<Severity, string>;

// Other control characters are shown as \xNN: names from a dump (a device may hold ESC)
// must not reach the runner's log as terminal escapes.
export const escapeData = (s: string): string =>
  s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
    .replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

export const escapeProperty = (s: string): string =>
  escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const command = (name: string, props: Record<string, string | number | null>, message: string): string => {
  const p = Object.entries(props)
    .filter((e): e is [string, string | number] => e[1] !== null)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${name}${p === '' ? '' : ` ${p}`}::${escapeData(message)}`;
};

/** One annotation per thing said, as the table folds them: GitHub shows 10 error and 10
 *  warning annotations of a step, and a node's 12,000 findings are a few dozen situations
 *  on many pod veths. A folded one points at its first finding's dump line and names its
 *  places. */
export const formatGithub: Formatter = (r) => {
  const lines = foldFindings(r.findings).map((same) => {
    const f = same[0]!;
    const p = same.length === 1 ? null : placesOf(same);
    // As the table says it: "N findings on M hooks" when a hook holds several.
    const many = p !== null && same.length !== p.count ? `${same.length} findings on ` : '';
    const where = p === null ? hookLabel(f) : `${many}${p.count} ${p.noun}`;
    const text = p === null ? f.message : `${f.message}\n${many ? `${same.length} findings on` : 'On'} ${p.count} ${p.noun}: ${p.list}`;
    return command(GITHUB_COMMAND[f.severity], {
      title: `tc-audit ${f.ruleId} (${where})`,
      file: f.source?.file ?? null,
      line: f.source?.line ?? null,
    }, f.remediation ? `${text}\nRemediation: ${f.remediation}` : text);
  });
  for (const e of r.errors) {
    lines.push(command('error', { title: 'tc-audit parse error', file: e.file, line: e.line }, e.message));
  }
  lines.push(command('notice', { title: 'tc-audit recommendation' }, [actionHeadline(r.recommendation), ...r.recommendation.reasons, ...r.recommendation.vendorAlternatives.map((a) => `alternative: ${a}`), ...upgradeLines(r.recommendation)].join('\n')));
  return `${lines.join('\n')}\n`;
};

/** The answer for the agent once upgraded (an agent version that reads no priority). */
const upgradeLines = (rec: Recommendation): string[] => {
  const head = upgradeHeadline(rec);
  const later = rec.afterUpgrade?.recommendation;
  return head === null || later === undefined ? [] : [head, ...later.reasons, ...later.vendorAlternatives.map((a) => `alternative: ${a}`)];
};
