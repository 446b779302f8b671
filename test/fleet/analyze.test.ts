import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import { accumulateFleet, analyzeFleetWith as analyzeFleet } from '../../src/fleet/analyze.js';
import { fakeAudit, fakeRecommend } from './fakeEngine.js';
import { writeBundles } from './helpers.js';

const options = { agent: defaultAgentSettings(), assume: {}, audit: fakeAudit, recommend: fakeRecommend };
const v = (variant: string, n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ index: from + i, variant }));

describe('analyzeFleet', () => {
  it('groups nodes with identical chain shapes and gives one keep answer', async () => {
    const files = writeBundles([...v('agent-first', 3), ...v('agent-first-v6', 2, 3)]);
    const r = await analyzeFleet(files, options);
    expect(r.nodes).toHaveLength(5);
    expect(r.groups.map((g) => g.nodes.length)).toEqual([3, 2]);
    expect(r.groups[0]!.nodes).toEqual(['node-00000', 'node-00001', 'node-00002']);
    expect(r.recommendation.action).toBe('keep');
    expect(r.forcingNodes).toEqual([]);
    expect(r.nodes.every((n) => n.action === 'keep' && n.hooks === 12)).toBe(true);
  });

  it('takes the priority that works on every node and names the nodes forcing it', async () => {
    const files = writeBundles([...v('agent-first', 2), ...v('cilium-pref5', 1, 2)]);
    const r = await analyzeFleet(files, options);
    expect(r.recommendation).toMatchObject({ action: 'set-priority', classifierPriority: 4 });
    expect(r.forcingNodes).toEqual(['node-00002']);
    expect(r.nodes.find((n) => n.node === 'node-00000')!.action).toBe('keep');
  });

  it('answers disable-network when any node needs it, naming exactly those nodes', async () => {
    const files = writeBundles([...v('agent-first', 3), ...v('tcx-terminal', 1, 3), ...v('cilium-pref5', 1, 4)]);
    const r = await analyzeFleet(files, options);
    expect(r.recommendation.action).toBe('disable-network');
    expect(r.forcingNodes).toEqual(['node-00003']);
    const forcing = r.groups[r.nodes.find((n) => n.node === 'node-00003')!.group]!;
    expect(forcing.findings).toEqual([{ ruleId: 'terminal-tcx', severity: 'error', shapes: 1 }]);
  });

  it('says when and over how long the bundles were collected, and when too far apart to be one moment', async () => {
    const at = (name: string, createdAt: string, index: number) => ({ index, variant: 'agent-first', name, createdAt });
    const close = await analyzeFleet(writeBundles([at('a', '2026-01-01T10:00:00.000Z', 0), at('b', '2026-01-01T10:10:00.000Z', 1)]), options);
    expect(close.stats.collected).toEqual({ from: '2026-01-01T10:00:00.000Z', to: '2026-01-01T10:10:00.000Z', spanSeconds: 600 });
    expect(close.recommendation.reasons.join(' ')).not.toContain('collected over');
    const apart = await analyzeFleet(writeBundles([at('a', '2026-01-01T10:00:00.000Z', 0), at('b', '2026-01-01T13:00:00.000Z', 1), at('c', 'not a time', 2)]), options);
    expect(apart.stats.collected).toEqual({ from: '2026-01-01T10:00:00.000Z', to: '2026-01-01T13:00:00.000Z', spanSeconds: 10800 });
    expect(apart.recommendation.reasons.at(-1)).toBe('the bundles were collected over 3.0 hours (2026-01-01T10:00:00.000Z to 2026-01-01T13:00:00.000Z): nodes may have changed since their bundle was taken; collect them again at one time before acting on this answer');
  });

  it('reports a node name seen twice once, keeping the newest bundle', async () => {
    const files = writeBundles([
      { index: 0, variant: 'tcx-terminal', name: 'n1', createdAt: '2026-01-01T00:00:00.000Z' },
      { index: 1, variant: 'agent-first', name: 'n2' },
      { index: 2, variant: 'agent-first', name: 'n1', createdAt: '2026-01-02T00:00:00.000Z' },
    ]);
    const r = await analyzeFleet(files, options);
    expect(r.nodes.map((n) => n.node)).toEqual(['n1', 'n2']);
    expect(r.duplicates).toEqual([{ node: 'n1', files: [files[0], files[2]], kept: files[2] }]);
    // The superseded tcx bundle no longer counts.
    expect(r.recommendation.action).toBe('keep');
    expect(r.stats).toMatchObject({ files: 3, bundles: 3, hooks: 24 });
  });

  it('reports unreadable and invalid files and still analyses the rest', async () => {
    const [good, bad, junk] = writeBundles(v('agent-first', 3));
    writeFileSync(bad!, JSON.stringify({ bundleVersion: 3 })); // a version this reader does not know
    writeFileSync(junk!, '{not json');
    const r = await analyzeFleet([good!, bad!, junk!, '/nonexistent/x.json'], options);
    expect(r.nodes).toHaveLength(1);
    expect(r.errors.map((e) => e.file)).toEqual([bad, junk, '/nonexistent/x.json']);
    expect(r.errors[0]!.message).toMatch(/not a tc-audit bundle/);
  });

  it('holds memory per distinct shape, not per file', async () => {
    const few = await accumulateFleet(writeBundles(Array.from({ length: 8 }, (_, i) => ({ index: i }))));
    const many = await accumulateFleet(writeBundles(Array.from({ length: 160 }, (_, i) => ({ index: i }))));
    expect(many.bundles).toBe(160);
    expect(many.store.reps.length).toBe(few.store.reps.length);
    expect(many.groupShapes.length).toBe(few.groupShapes.length);
  });
});
