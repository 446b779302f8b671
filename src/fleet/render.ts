// Fleet output: JSON (the FleetResult as documented in docs/cluster.md) or a short text
// summary. Pure: the CLI writes the string.
import { SNIPPET_TITLES, type Recommendation, type Snippets } from '../recommend/types.js';
import type { FleetResult } from './types.js';
import { safeLine } from '../report/text.js';
import { upgradeHeadline } from '../report/verdict.js';

export type FleetFormat = 'json' | 'text';

const answer = (r: Recommendation): string =>
  r.action === 'set-priority' || r.action === 'keep' ? `${r.action} ${r.classifierPriority ?? ''}`.trim() : r.action;

const list = (names: string[], max = 8): string =>
  safeLine(names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`);

/** Every form, as the node report gives them: on a cluster Helm or the Operator is the usual one. */
function snippetLines(out: string[], snippets: Snippets | null, when: string): void {
  if (snippets === null) return;
  for (const key of Object.keys(SNIPPET_TITLES) as Array<keyof Snippets>) out.push('', `${SNIPPET_TITLES[key]}${when}:`, snippets[key].trimEnd().replace(/^/gm, '  '));
}

export function renderFleetText(r: FleetResult): string {
  const out: string[] = [];
  out.push(`Cluster answer: ${answer(r.recommendation)} (${r.nodes.length} node(s), ${r.groups.length} shape group(s))`);
  // Names from the bundles (node, device, file) are shown as the node report shows them:
  // control characters as \xNN, never written to the terminal.
  for (const reason of r.recommendation.reasons) out.push(`  ${safeLine(reason)}`);
  if (r.forcingNodes.length > 0) out.push(`  forced by: ${list(r.forcingNodes)}`);
  snippetLines(out, r.recommendation.snippets, '');
  // An agent version that reads no priority: the cluster's answer once it is upgraded.
  const up = r.recommendation.afterUpgrade;
  if (up !== undefined) {
    out.push('', `${upgradeHeadline(r.recommendation) ?? ''}`);
    for (const reason of up.recommendation.reasons) out.push(`  ${safeLine(reason)}`);
    snippetLines(out, up.recommendation.snippets, ' (after the upgrade)');
  }
  out.push('', 'Shape groups:');
  for (const g of r.groups) {
    const findings = g.findings.map((f) => `${f.ruleId}(${f.severity})`).join(' ') || 'no findings';
    out.push(`  #${g.index} ${g.id}  ${answer(g.recommendation)}  ${g.nodes.length} node(s), ${g.hookShapes} hook shape(s): ${list(g.nodes, 5)}`);
    out.push(`      ${findings}`);
  }
  if (r.duplicates.length > 0) {
    out.push('', 'Node names seen more than once (counted once, newest kept):');
    for (const d of r.duplicates) out.push(`  ${safeLine(`${d.node}: ${d.files.join(', ')} -> kept ${d.kept}`)}`);
  }
  if (r.errors.length > 0) {
    out.push('', 'Inputs not analysed:');
    for (const e of r.errors) out.push(`  ${safeLine(`${e.file}: ${e.message}`)}`);
  }
  return `${out.join('\n')}\n`;
}

export function renderFleet(r: FleetResult, format: FleetFormat): string {
  return format === 'json' ? `${JSON.stringify(r, null, 2)}\n` : renderFleetText(r);
}
