// The per-hook section. On a 500-pod node most lxc chains are identical, so hooks that
// share a chain signature are printed once with a count and a few example names.
import type { AnalyzedHook } from '../../model/analysis.js';
import type { AuditResult } from '../../model/result.js';
import { allHooks, hookKey, hookLabel, hookLocation, hookMatters, locationKey } from '../describe.js';
import type { FormatOptions } from '../types.js';
import { bold, safeLine } from '../text.js';
import { chainSignature, renderChain } from './chain.js';

const EXAMPLES = 3;

interface Group { signature: string; hooks: AnalyzedHook[]; hasFindings: boolean }

/** Hooks with findings are never folded: each is a place the operator must look at. */
export const groupHooks = (hooks: AnalyzedHook[], withFindings: ReadonlySet<string>): Group[] => {
  const groups = new Map<string, Group>();
  const out: Group[] = [];
  for (const h of hooks) {
    const hasFindings = withFindings.has(hookKey(h));
    const signature = hasFindings ? `finding:${hookKey(h)}` : chainSignature(h);
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
  return `${g.hooks.length} hooks with the same chain (${first.direction ?? '?'}): ${names.join(', ')}${more}`;
};

export const renderHooks = (r: AuditResult, opts: FormatOptions): string => {
  const withFindings = new Set(r.findings.map(locationKey));
  const hooks = allHooks(r.analysis.nodes);
  const shown = opts.verbose ? hooks : hooks.filter((h) => hookMatters(h, withFindings));
  const hidden = hooks.length - shown.length;
  const parts = [bold(opts.color)(`Hooks (${shown.length} shown of ${hooks.length})`)];
  for (const g of groupHooks(shown, withFindings)) parts.push(`${groupTitle(g)}\n${renderChain(g.hooks[0] as AnalyzedHook)}`);
  if (hidden > 0) parts.push(`${hidden} hook(s) with no BPF program and no finding hidden; --verbose shows them.`);
  if (shown.length === 0 && hidden === 0) parts.push('No hooks observed.');
  return parts.join('\n');
};
