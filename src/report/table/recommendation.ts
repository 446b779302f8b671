// The answer first in words, then the exact configuration to apply it.
import type { AgentSettings } from '../../agent/types.js';
import { AGENT_PRECEDENCE } from '../../agent/defaults.js';
import { SNIPPET_TITLES, type Recommendation, type Snippets } from '../../recommend/types.js';
import { bold, green, red, yellow, safe, safeLine } from '../text.js';
import { actionHeadline, upgradeHeadline } from '../verdict.js';
import { append } from '../../arrays.js';
import { blockerTexts } from '../blockerTexts.js';

const block = (s: string): string => safe(s).trimEnd().replace(/^/gm, '    ');


function snippetLines(snippets: Snippets | null, indent: string): string[] {
  if (snippets === null) return [];
  const out: string[] = [];
  for (const key of Object.keys(SNIPPET_TITLES) as Array<keyof Snippets>) {
    out.push(`${indent}${SNIPPET_TITLES[key]}:`, block(snippets[key]).replace(/^/gm, indent.slice(2)));
  }
  return out;
}

export const renderRecommendation = (rec: Recommendation, color: boolean, verbose = false): string => {
  const paint = rec.action === 'keep' ? green(color) : rec.action === 'unknown' ? yellow(color) : red(color);
  const lines = [bold(color)('Recommendation'), `  ${paint(safeLine(actionHeadline(rec)))}`];
  for (const r of rec.reasons) lines.push(`  - ${safeLine(r)}`);
  append(lines, blockerTexts(rec.blockers, verbose).map((t) => `  blocker: ${safeLine(t)}`));
  for (const v of rec.vendorAlternatives) lines.push(`  alternative: ${safeLine(v)}`);
  append(lines, snippetLines(rec.snippets, '  '));
  // An agent that reads no priority: the answer for it once upgraded, with what to apply then.
  const later = rec.afterUpgrade?.recommendation;
  if (later !== undefined) {
    lines.push(`  ${safeLine(upgradeHeadline(rec) ?? '')}`);
    for (const r of later.reasons) lines.push(`    - ${safeLine(r)}`);
    for (const v of later.vendorAlternatives) lines.push(`    alternative: ${safeLine(v)}`);
    append(lines, snippetLines(later.snippets, '    '));
  }
  return lines.join('\n');
};

const IGNORED = {
  used: '',
  overridden: ' ignored: overridden',
  'agent-version': ' ignored: this agent version does not read it',
} as const satisfies Record<NonNullable<AgentSettings['trace'][number]['ignoredBecause']> | 'used', string>;

export const renderAgent = (a: AgentSettings, color: boolean): string => {
  const lines = [bold(color)('Agent'), `  classifier priority ${a.classifierPriority} (${a.source})`];
  if (a.configuredPriority !== null && a.configuredPriority !== a.classifierPriority) {
    lines.push(`  configured value ${a.configuredPriority}${a.source === 'agent-version' ? ` (not read by agent ${safeLine(a.agentVersion ?? '?')})` : ''}`);
  }
  if (a.observedPriorities.length > 0) lines.push(`  agent filters seen at pref ${a.observedPriorities.join(', ')}`);
  lines.push(`  network detection ${a.networkEnabled ? 'on' : 'off'}, ingress ${a.ingressEnabled ? 'on' : 'off'}`);
  if (a.agentVersion) lines.push(`  agent ${safeLine(a.agentVersion)}`);
  for (const t of a.trace) lines.push(`  ${safeLine(`${t.key} = ${t.value} (${t.from}${t.file ? `, ${t.file}` : ''})${IGNORED[t.ignoredBecause ?? 'used']}`)}`);
  if (a.trace.some((t) => t.ignoredBecause === 'overridden')) lines.push(`  (${AGENT_PRECEDENCE})`);
  return lines.join('\n');
};
