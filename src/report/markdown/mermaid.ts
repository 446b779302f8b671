// A Mermaid flowchart of one hook's chain, in run order, so a PR reviewer can see which
// program ends the walk before the agent's classifier.
import type { AnalyzedHook, Reach, Verdict } from '../../model/analysis.js';
import { reachMark } from '../describe.js';
import { mermaidLabel } from './escape.js';

interface Step { label: string; verdict: Verdict; reaches: Reach; agent: boolean }

const codes = (v: Verdict): string => (v.returnCodes === null ? 'any' : v.returnCodes.join(','));
const reach = (r: Reach): string => `v4 ${reachMark(r.ipv4)} v6 ${reachMark(r.ipv6)} other ${reachMark(r.other)}`;

const steps = (h: AnalyzedHook): Step[] => [
  ...(h.tcx ?? []).map((t, i) => ({
    label: `${t.attach} #${i + 1} ${t.vendor.id} ${t.program.name ?? `id ${t.program.id ?? '?'}`}`,
    verdict: t.verdict, reaches: t.reaches, agent: t.vendor.id === 'datadog',
  })),
  ...(h.filters ?? []).map((f) => ({
    label: `pref ${f.filter.pref ?? '?'} ${f.filter.protocol ?? '?'} ${f.filter.kind} ${f.vendor.id} ${f.filter.program?.name ?? f.filter.tcName ?? ''}`.trimEnd(),
    verdict: f.verdict, reaches: f.reaches, agent: f.vendor.id === 'datadog',
  })),
];

/** `flowchart LR` with ids prefixed by `p` so several charts can share a page. */
export const mermaidChain = (h: AnalyzedHook, p: string, title: string): string => {
  const lines = ['flowchart LR', `  ${p}in([${mermaidLabel(title)}])`];
  let prev = `${p}in`;
  steps(h).forEach((s, i) => {
    const id = `${p}s${i}`;
    lines.push(`  ${id}[${mermaidLabel(`${s.label} | ${s.verdict.terminal} [${codes(s.verdict)}] | ${reach(s.reaches)}`)}]`);
    lines.push(`  ${prev} --> ${id}`);
    if (s.verdict.terminal === 'always' || s.verdict.terminal === 'sometimes') {
      lines.push(`  ${id} -.->|${mermaidLabel(s.verdict.terminal === 'always' ? 'ends walk' : 'may end walk')}| ${p}end${i}((${mermaidLabel('stop')}))`);
    }
    lines.push(`  class ${id} ${s.agent ? 'agent' : s.verdict.terminal === 'always' ? 'terminal' : s.verdict.terminal === 'sometimes' ? 'maybe' : 'pass'}`);
    prev = id;
  });
  lines.push('  classDef agent fill:#632ca6,color:#fff', '  classDef terminal fill:#d33,color:#fff', '  classDef maybe fill:#f5a623', '  classDef pass fill:#eee');
  return lines.join('\n');
};
