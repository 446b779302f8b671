// The answer first in words, then the exact configuration to apply it.
import type { AgentSettings } from '../../agent/types.js';
import type { Recommendation, Snippets } from '../../recommend/types.js';
import { bold, green, red, yellow, safe, safeLine } from '../text.js';
import { actionHeadline } from '../verdict.js';

const SNIPPET_TITLES = {
  systemProbeYaml: 'system-probe.yaml',
  helmValues: 'Helm values',
  env: 'Environment',
  operator: 'Datadog Operator (DatadogAgent)',
} as const satisfies Record<keyof Snippets, string>;

const block = (s: string): string => safe(s).trimEnd().replace(/^/gm, '    ');

export const renderRecommendation = (rec: Recommendation, color: boolean): string => {
  const paint = rec.action === 'keep' ? green(color) : rec.action === 'unknown' ? yellow(color) : red(color);
  const lines = [bold(color)('Recommendation'), `  ${paint(safeLine(actionHeadline(rec)))}`];
  for (const r of rec.reasons) lines.push(`  - ${safeLine(r)}`);
  for (const b of rec.blockers) {
    lines.push(`  blocker: ${safeLine(`${b.node ?? '?'} / ${b.netns} / ${b.device ?? '?'} / ${b.direction ?? '?'} ${b.attach} pref ${b.pref ?? '-'} ${b.vendor} ${b.name ?? ''} (${b.terminal})`)}`);
  }
  for (const v of rec.vendorAlternatives) lines.push(`  alternative: ${safeLine(v)}`);
  if (rec.snippets) {
    for (const key of Object.keys(SNIPPET_TITLES) as Array<keyof Snippets>) {
      lines.push(`  ${SNIPPET_TITLES[key]}:`, block(rec.snippets[key]));
    }
  }
  return lines.join('\n');
};

export const renderAgent = (a: AgentSettings, color: boolean): string => {
  const lines = [bold(color)('Agent'), `  classifier priority ${a.classifierPriority} (${a.source})`];
  if (a.configuredPriority !== null && a.configuredPriority !== a.classifierPriority) {
    lines.push(`  configured value ${a.configuredPriority}`);
  }
  if (a.observedPriorities.length > 0) lines.push(`  agent filters seen at pref ${a.observedPriorities.join(', ')}`);
  lines.push(`  network detection ${a.networkEnabled ? 'on' : 'off'}, ingress ${a.ingressEnabled ? 'on' : 'off'}`);
  if (a.agentVersion) lines.push(`  agent ${safeLine(a.agentVersion)}`);
  for (const t of a.trace) lines.push(`  ${safeLine(`${t.key} = ${t.value} (${t.from}${t.file ? `, ${t.file}` : ''})`)}`);
  return lines.join('\n');
};
