// The answer first in words, then the exact configuration to apply it.
import type { AgentSettings } from '../../agent/types.js';
import { AGENT_PRECEDENCE } from '../../agent/defaults.js';
import { SNIPPET_TITLES, type Blocker, type Recommendation, type Snippets } from '../../recommend/types.js';
import { bold, green, red, yellow, safe, safeLine } from '../text.js';
import { actionHeadline, upgradeHeadline } from '../verdict.js';
import { append } from '../../arrays.js';

const block = (s: string): string => safe(s).trimEnd().replace(/^/gm, '    ');

const where = (b: Blocker): string => `${b.node ?? '?'} / ${b.netns} / ${b.device ?? '?'} / ${b.direction ?? '?'}`;
const EXAMPLES = 3;

/** One line per kind of blocker (attach, pref, vendor, verdict) with a few of its hooks: a
 *  node with 800 pod veths has 1,600 blockers of one kind, and the SRE needs the kind. */
function blockerLines(blockers: readonly Blocker[], verbose: boolean): string[] {
  if (verbose) return blockers.map((b) => `  blocker: ${safeLine(`${where(b)} ${b.attach} pref ${b.pref ?? '-'} ${b.vendor} ${b.name ?? ''} (${b.terminal})`)}`);
  const groups = new Map<string, Blocker[]>();
  for (const b of blockers) {
    const key = `${b.attach !== 'legacy' ? `${b.attach} program` : `pref ${b.pref ?? '?'}`} ${b.vendor} (${b.terminal})`;
    const g = groups.get(key);
    if (g) g.push(b);
    else groups.set(key, [b]);
  }
  return [...groups].map(([key, bs]) => {
    const shown = bs.slice(0, EXAMPLES).map((b) => `${where(b)}${b.name ? ` ${b.name}` : ''}`).join('; ');
    const more = bs.length > EXAMPLES ? ` and ${bs.length - EXAMPLES} more (--verbose lists them)` : '';
    // Two filters of one kind on one hook are two blockers but one hook.
    const hooks = hookCount(bs);
    const count = bs.length === 1 ? '' : hooks === bs.length ? `${hooks} hooks: ` : `${hooks} hook(s), ${bs.length} programs: `;
    return `  blocker: ${safeLine(`${key} on ${count}${shown}${more}`)}`;
  });
}

/** Distinct hooks among blockers: the recommendation lists a hook's blockers together. */
function hookCount(bs: readonly Blocker[]): number {
  let n = 0;
  for (let i = 0; i < bs.length; i++) {
    const b = bs[i]!;
    const p = i > 0 ? bs[i - 1]! : null;
    if (p === null || p.node !== b.node || p.netns !== b.netns || p.device !== b.device || p.direction !== b.direction) n++;
  }
  return n;
}

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
  append(lines, blockerLines(rec.blockers, verbose));
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
