import { describe, expect, it } from 'vitest';
import { diffAsAudit } from '../../src/diff/asAudit.js';
import { DIFF_FORMATTERS } from '../../src/diff/format.js';
import { diffExitCode, diffResults } from '../../src/diff/index.js';
import { OUTPUT_FORMATS } from '../../src/report/types.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../src/report/types.js';
import { ALL, cilium, cleanResult, datadog, finding, hook, recommendation, sampleResult, tcx, verdict } from '../report/sample.js';

describe('diffResults', () => {
  it('same -> not worse, no changes', () => {
    const d = diffResults(sampleResult(), sampleResult());
    expect(d.hooks).toEqual([]);
    expect(d.newFindings).toEqual([]);
    expect(diffExitCode(d)).toBe(0);
  });

  it('clean -> cilium at pref 1: worse (new error and stricter action)', () => {
    const d = diffResults(cleanResult(), sampleResult());
    expect(diffExitCode(d)).toBe(1);
    expect(d.regressions).toEqual(expect.arrayContaining([
      expect.stringMatching(/^new error terminal-at-pref-1 at node-a \/ inode:4026532001 \/ lxc1 \/ ingress/),
      'recommendation got stricter: keep 10 -> disable-network',
    ]));
  });

  it('the agent\'s classifier gone from a hook that is still there: worse', () => {
    const before = cleanResult();
    const node = before.analysis.nodes[0]!;
    const after = { ...before, analysis: { nodes: [{ ...node, hooks: [hook('eth0', 'ingress', [], []), node.hooks[1]!] }] } };
    const d = diffResults(before, after);
    expect(diffExitCode(d)).toBe(1);
    expect(d.regressions).toEqual(['the agent\'s classifier is gone from node-a / host / eth0 / ingress']);
    // Gone with its device (a pod that went away) is no regression.
    expect(diffResults(before, { ...before, analysis: { nodes: [{ ...node, hooks: [node.hooks[1]!] }] } }).regressions).toEqual([]);
    // Nor after network detection (or ingress detection) was turned off, as disable-network says.
    for (const off of [{ networkEnabled: false }, { ingressEnabled: false }]) {
      expect(diffResults(before, { ...after, agent: { ...after.agent, ...off } }).regressions, JSON.stringify(off)).toEqual([]);
    }
  });

  it('a hook whose filters AFTER does not show is worse, not "resolved"', () => {
    const before = cleanResult();
    const node = before.analysis.nodes[0]!;
    const after = { ...before, analysis: { nodes: [{ ...node, hooks: [{ ...node.hooks[0]!, filters: null }, node.hooks[1]!] }] } };
    expect(diffResults(before, after).regressions).toEqual(['node-a / host / eth0 / ingress: its legacy filters were read before and are not in AFTER\'s input']);
  });

  it('the fix is not worse', () => {
    const d = diffResults(sampleResult(), cleanResult());
    expect(diffExitCode(d)).toBe(0);
    expect(d.resolvedFindings.map((f) => f.ruleId)).toContain('terminal-at-pref-1');
  });

  it('a lower priority needed is worse; a higher one is not', () => {
    const at = (p: number) => ({ ...cleanResult(), recommendation: recommendation('set-priority', p) });
    expect(diffResults(at(5), at(3)).worse).toBe(true);
    expect(diffResults(at(3), at(5)).worse).toBe(false);
  });

  it('an agent that reads no priority: a stricter answer after its upgrade is worse, and every format shows both', () => {
    const up = (r: ReturnType<typeof recommendation>) => ({ agentVersion: '7.39.2', recommendation: r });
    const before = { ...cleanResult(), recommendation: { ...recommendation('keep', 1), afterUpgrade: up(recommendation('keep', 10)) } };
    const after = { ...cleanResult(), recommendation: { ...recommendation('keep', 1), afterUpgrade: up(recommendation('set-priority', 4)) } };
    const d = diffResults(before, after);
    expect(d.regressions).toEqual(['after the agent upgrade to 7.39.2: recommendation got stricter: keep 10 -> set-priority 4']);
    expect(diffExitCode(d)).toBe(1);
    expect(diffResults(after, before).regressions).toEqual([]);
    expect(DIFF_FORMATTERS.table(d, DEFAULT_FORMAT_OPTIONS)).toContain('  (after) After upgrading the agent to 7.39.2 or later: Set the classifier priority to 4.');
    expect(JSON.parse(DIFF_FORMATTERS.json(d, DEFAULT_FORMAT_OPTIONS)).recommendation.after.afterUpgrade).toMatchObject({ agentVersion: '7.39.2', action: 'set-priority', classifierPriority: 4 });
    expect(DIFF_FORMATTERS.markdown(d, DEFAULT_FORMAT_OPTIONS)).toContain('| After, after the agent upgrade | After upgrading the agent to 7.39.2 or later: Set the classifier priority to 4. |');
    expect(JSON.parse(DIFF_FORMATTERS.json(diffResults(cleanResult(), cleanResult()), DEFAULT_FORMAT_OPTIONS)).recommendation.after.afterUpgrade).toBeNull();
  });

  it('a new warning alone is not worse', () => {
    const after = { ...cleanResult(), findings: [finding({ ruleId: 'pref-unknown', severity: 'warning', message: 'm' })] };
    const d = diffResults(cleanResult(), after);
    expect(d.newFindings).toHaveLength(1);
    expect(d.worse).toBe(false);
  });

  it('describes filters added, moved, verdict and vendor changes, tcx appearing; ignores new prog ids', () => {
    const b = cleanResult();
    const a = cleanResult();
    b.analysis.nodes[0]!.hooks = [hook('lxc1', 'ingress', [cilium(12), datadog(ALL)], [])];
    const c99 = cilium(99);
    const moved = { ...c99, filter: { ...c99.filter, pref: 20 }, verdict: verdict('never', [-1], 'bytecode'), vendor: { id: 'unknown' as const, evidence: '' } };
    a.analysis.nodes[0]!.hooks = [hook('lxc1', 'ingress', [datadog(ALL), moved], [tcx(50, 'cilium', verdict('always', [0], 'bytecode'), ALL)])];
    const [h] = diffResults(b, a).hooks;
    expect(h!.changes.map((c) => c.kind)).toEqual(['tcx-added', 'filter-moved', 'vendor-changed', 'verdict-changed']);
    expect(h!.changes[1]!.detail).toBe('all bpf unknown cil_from_container: moved from pref 1 to 20');
    // Knowledge base before, bytecode after: the line says so (the codes differ with the source).
    expect(h!.changes[3]!.detail).toBe('pref 20 all bpf unknown cil_from_container: always [0,2] (knowledge-base) -> never [-1] (bytecode)');
  });

  it('reports hooks that appeared or went away', () => {
    const a = cleanResult();
    a.analysis.nodes[0]!.hooks.push(hook('lxc7', 'ingress', [cilium(7)], [], 'inode:7'));
    const d = diffResults(a, cleanResult());
    expect(d.hooks).toEqual([{ location: { node: 'node-a', netns: 'inode:7', interface: 'lxc7', direction: 'ingress' }, changes: [{ kind: 'hook-removed', detail: 'hook with 1 program(s)/filter(s) no longer present' }] }]);
    const added = diffResults(cleanResult(), a).hooks[0]!;
    expect(added.changes.map((c) => c.kind)).toEqual(['hook-added', 'filter-added']);
  });
});

describe('diff rendering', () => {
  it('renders as findings: regressions as errors, changes as info', () => {
    const r = diffAsAudit(diffResults(cleanResult(), sampleResult()));
    const ids = r.findings.map((f) => `${f.severity}:${f.ruleId}`);
    expect(ids).toContain('error:rollout-regression');
    expect(ids).toContain('info:rollout-change');
    expect(ids.every((i) => i.includes('rollout-'))).toBe(true);
  });

  it('a fixing rollout shows what it resolved and the milder recommendation, as changes, not regressions', () => {
    const r = diffAsAudit(diffResults(sampleResult(), cleanResult()));
    const messages = r.findings.map((f) => `${f.severity}:${f.ruleId}:${f.message.split(':')[0]}`);
    expect(messages).toContain('info:rollout-change:resolved in AFTER');
    expect(messages.some((m) => m.startsWith('info:rollout-change:recommendation changed'))).toBe(true);
    expect(r.findings.filter((f) => f.ruleId === 'rollout-regression')).toEqual([]);
  });

  it('every format renders a diff', () => {
    const d = diffResults(cleanResult(), sampleResult());
    for (const f of OUTPUT_FORMATS) expect(DIFF_FORMATTERS[f](d, DEFAULT_FORMAT_OPTIONS).length).toBeGreaterThan(0);
    expect(JSON.parse(DIFF_FORMATTERS.json(d, DEFAULT_FORMAT_OPTIONS))).toMatchObject({ kind: 'diff', worse: true });
    expect(DIFF_FORMATTERS.table(d, DEFAULT_FORMAT_OPTIONS)).toMatch(/^tc-audit diff: WORSE/);
    expect(DIFF_FORMATTERS.markdown(d, DEFAULT_FORMAT_OPTIONS)).toMatch(/^## ❌ tc-audit diff: worse/);
  });
});
