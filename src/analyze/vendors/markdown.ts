// Renders the knowledge base as docs/vendors.md, so the docs cannot drift from the data
// (test/analyze/vendors/markdown.test.ts fails when they differ; `npm run docs` rewrites).
import { VENDORS } from './index.js';
import type { KnownVerdict, VendorEntry } from './types.js';

const codes = (v: KnownVerdict | null): string =>
  v ? `${v.terminal}${v.returnCodes ? ` (${v.returnCodes.join(', ')})` : ''}${v.versions ? `, ${v.versions}` : ''} — ${v.confidence}` : 'unknown';

const pats = (rs: RegExp[]): string => (rs.length ? rs.map((r) => `\`${r.source}\``).join(', ') : '—');

function entry(v: VendorEntry): string {
  const lines = [
    `## ${v.displayName} (\`${v.id}\`)`,
    '',
    `| | |`,
    `|---|---|`,
    `| tc name | ${pats(v.tcName)} |`,
    `| kernel program name | ${pats(v.progName)} |`,
    `| bpftool name | ${pats(v.bpftoolName)} |`,
    `| usual pref / handle | ${v.usualPref ?? '—'} / ${v.usualHandle ?? '—'} |`,
    `| legacy verdict | ${codes(v.legacy)} |`,
    `| tcx verdict | ${codes(v.tcx)} |`,
    `| vendor-side knob | ${v.knob ?? '—'} |`,
  ];
  if (v.legacy) lines.push(`| legacy note | ${v.legacy.note} |`);
  for (const [label, kv] of [['legacy', v.legacy], ['tcx', v.tcx]] as const) {
    if (kv?.otherwise) lines.push(`| ${label} verdict outside ${kv.versions} | ${kv.otherwise.terminal}${kv.otherwise.returnCodes ? ` (${kv.otherwise.returnCodes.join(', ')})` : ''} — ${kv.otherwise.note} |`);
  }
  if (v.requireProtocol) lines.push(`| name match requires protocol | ${v.requireProtocol} |`);
  lines.push('');
  for (const h of v.hazards) lines.push(`- **${h.kind}** (${h.versions ?? 'versions unknown'}): ${h.description}. Source: ${h.source}.`);
  if (v.hazards.length) lines.push('');
  if (v.sources.length) lines.push(`Sources: ${v.sources.join(', ')}`, '');
  return lines.join('\n');
}

export function vendorsMarkdown(): string {
  return [
    '# Vendor knowledge base',
    '',
    'Generated from `src/analyze/vendors/kb/*.ts` (`npm run docs`). A program is attributed to the',
    'first vendor whose pattern matches its tc name, else its kernel program name (15 characters),',
    'else bpftool\'s name (tcx). Verdicts here are the fallback: bytecode analysis outranks them, and',
    '`--assume vendor=ok|unspec|terminal|passthrough|sometimes` overrides them. Confidence: verified (read in the',
    'vendor\'s source), inferred, unverified. A verdict holds for its version range: with',
    '`--cni-version \"retina 0.0.7\"` the range decides (what older versions did, or unknown);',
    'without it the current behaviour is assumed and the evidence says so.',
    '',
    ...Object.values(VENDORS).map(entry),
  ].join('\n');
}
