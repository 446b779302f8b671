// The per-hook section. On a 500-pod node most lxc chains are identical, so hooks that
// share a chain signature and the same findings are printed once with a count and a few
// example names: the operator needs the distinct situations, not 10,000 grids. Findings
// of one shape read the same on every hook (messages name no device, by design).
import type { AnalyzedHook } from '../../model/analysis.js';
import type { Finding } from '../../model/findings.js';
import type { AuditResult } from '../../model/result.js';
import { allHooks, hookKey, hookLabel, hookLocation, hookMatters, locationKey } from '../describe.js';
import type { FormatOptions } from '../types.js';
import { bold, safeLine } from '../text.js';
import { chainSignature, renderChain } from './chain.js';

const EXAMPLES = 3;

interface Group { signature: string; hooks: AnalyzedHook[]; hasFindings: boolean }

/** What a hook's findings say, apart from where: rule, severity, text and program slot.
 *  Texts are numbered rather than joined: 12,000 findings of a large node repeat a few
 *  dozen of them, and long keys cost more to build than to look up. */
interface TextIds { next: number; byText: Map<string, Map<string | null, number>> }
function findingsSignature(fs: readonly Finding[], ids: TextIds): string {
  return fs.map((f) => {
    let byRemedy = ids.byText.get(f.message);
    if (!byRemedy) ids.byText.set(f.message, (byRemedy = new Map()));
    let id = byRemedy.get(f.remediation);
    if (id === undefined) byRemedy.set(f.remediation, (id = ids.next++));
    return `${f.ruleId} ${f.severity} ${id} ${f.filter?.pref ?? '-'} ${f.filter?.vendor ?? '-'}`;
  }).join('|');
}

/** Hooks with the same chain and the same findings share a grid; with `verbose`, hooks
 *  with findings each get their own, as every finding is then listed on its own too. */
export const groupHooks = (hooks: AnalyzedHook[], findingsOf: ReadonlyMap<string, Finding[]>, verbose = false): Group[] => {
  const groups = new Map<string, Group>();
  const textIds: TextIds = { next: 0, byText: new Map() };
  const out: Group[] = [];
  for (const h of hooks) {
    const key = findingsOf.size > 0 ? hookKey(h) : '';
    const fs = findingsOf.get(key);
    const hasFindings = fs !== undefined;
    const signature = !hasFindings ? chainSignature(h)
      : verbose ? `finding:${key}`
      : `${chainSignature(h)}\n${findingsSignature(fs, textIds)}`;
    const g = groups.get(signature);
    if (g) g.hooks.push(h);
    else {
      const ng = { signature, hooks: [h], hasFindings };
      groups.set(signature, ng);
      out.push(ng);
    }
  }
  return out;
};

const groupTitle = (g: Group): string => {
  const first = g.hooks[0] as AnalyzedHook;
  if (g.hooks.length === 1) return safeLine(hookLabel(hookLocation(first)));
  const names = g.hooks.slice(0, EXAMPLES).map((h) => safeLine(`${h.netns}/${h.device ?? '?'}`));
  const more = g.hooks.length > EXAMPLES ? `, … and ${g.hooks.length - EXAMPLES} more` : '';
  const same = g.hasFindings ? 'the same chain and findings' : 'the same chain';
  return `${g.hooks.length} hooks with ${same} (${first.direction ?? '?'}): ${names.join(', ')}${more}`;
};

export const renderHooks = (r: AuditResult, opts: FormatOptions): string => {
  const findingsOf = new Map<string, Finding[]>();
  for (const f of r.findings) {
    const k = locationKey(f);
    const list = findingsOf.get(k);
    if (list) list.push(f);
    else findingsOf.set(k, [f]);
  }
  const hooks = allHooks(r.analysis.nodes);
  const shown = opts.verbose ? hooks : hooks.filter((h) => hookMatters(h, findingsOf));
  const hidden = hooks.length - shown.length;
  const parts = [bold(opts.color)(`Hooks (${shown.length} shown of ${hooks.length})`)];
  for (const g of groupHooks(shown, findingsOf, opts.verbose)) parts.push(`${groupTitle(g)}\n${renderChain(g.hooks[0] as AnalyzedHook)}`);
  if (hidden > 0) parts.push(`${hidden} hook(s) with no BPF program and no finding hidden; --verbose shows them.`);
  if (shown.length === 0 && hidden === 0) parts.push('No hooks observed.');
  return parts.join('\n');
};
