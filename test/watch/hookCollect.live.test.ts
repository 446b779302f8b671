// Live: the watch's narrow re-collection of one hook (tc -j through nsenter) reads u32 keys'
// match words as the full audit does (src/parse/u32JsonWords.ts).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ProcessRunner } from '../../src/collect/runner.js';
import { collectHookFilters } from '../../src/watch/hookCollect.js';
import { describeLive } from '../helpers/live.js';
import { createVethNetns, deleteNetns, inNs } from '../helpers/netns.js';

describeLive('watch: one hook re-collected', () => {
  let ns = '';
  beforeAll(() => {
    ns = createVethNetns('hkc');
    inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'ip', 'pref', '1', 'u32', 'match', 'u32', '0', '0', 'classid', '1:1']);
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'ip', 'pref', '2', 'u32', 'match', 'ip', 'dst', '10.0.0.1/32', 'match', 'u32', '0', '0', 'classid', '1:2']);
  });
  afterAll(() => deleteNetns(ns));

  test('u32 keys get every match word: matchesEvery as in the full audit', async () => {
    const r = await collectHookFilters(new ProcessRunner(), { label: ns, path: `/run/netns/${ns}` }, 'v0', 'ingress', 10_000);
    expect('filters' in r ? r.filters.map((f) => [f.pref, f.handle, f.u32]) : r).toEqual([
      [1, '800::800', { terminal: null, link: null, matchesEvery: true }],
      // The last word (mask 0) alone, as JSON.parse keeps it, would have said every packet.
      [2, '801::800', { terminal: null, link: null, matchesEvery: false }],
    ]);
  });
});
