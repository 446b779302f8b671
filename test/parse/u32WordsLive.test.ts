// Live: the real tc's text and JSON dumps of the same u32 keys give the same matchesEvery
// (src/parse/u32Words.ts, u32JsonWords.ts), and the one each setup should give.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeLive } from '../helpers/live.js';
import { createVethNetns, deleteNetns, inNs } from '../helpers/netns.js';
import { parseInput } from '../../src/parse/index.js';

/** Each setup: `tc filter add dev v0 ingress` arguments, and [handle, matchesEvery] of its keys. */
const SETUPS: Array<[string[][], Array<[string, boolean | null]>]> = [
  [[['protocol', 'ip', 'pref', '1', 'u32', 'match', 'u32', '0', '0', 'classid', '1:1']], [['800::800', true]]],
  [[['protocol', 'ip', 'pref', '2', 'u32', 'match', 'ip', 'dst', '10.0.0.1/32', 'classid', '1:2']], [['801::800', false]]],
  [[['protocol', 'ip', 'pref', '3', 'u32', 'match', 'u32', '0', '0', 'at', '20', 'classid', '1:3']], [['802::800', null]]],
  [[['protocol', 'ip', 'pref', '4', 'u32', 'match', 'u32', '0', '0', 'at', 'nexthdr+0', 'classid', '1:4']], [['803::800', null]]],
  [[['protocol', 'ipv6', 'pref', '5', 'u32', 'match', 'u32', '0', '0', 'match', 'u16', '0', '0', 'at', '4', 'classid', '1:5']], [['804::800', true]]],
  // A table of its own and a key linking to it: two tables, the root not shown.
  [[['protocol', 'ip', 'pref', '6', 'handle', '1:', 'u32', 'divisor', '1'],
    ['protocol', 'ip', 'pref', '6', 'u32', 'ht', '1:', 'match', 'u32', '0', '0', 'classid', '1:6'],
    ['protocol', 'ip', 'pref', '6', 'u32', 'ht', '805:', 'match', 'u32', '0', '0', 'link', '1:']], [['1::800', null], ['805::800', null]]],
  // A key that also tests the input device (`input dev v1`) matches only what came in there.
  [[['protocol', 'ip', 'pref', '7', 'u32', 'match', 'u32', '0', '0', 'indev', 'v1', 'classid', '1:7']], [['806::800', false]]],
];

describeLive('u32 match words: text and tc -j agree with each other and with the setup', () => {
  let ns = '';
  beforeAll(() => {
    ns = createVethNetns('u32w');
    inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
    for (const [adds] of SETUPS) for (const a of adds) inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', ...a]);
  });
  afterAll(() => deleteNetns(ns));

  test('every key', () => {
    const dflt = { device: 'v0', direction: 'ingress' as const, node: null };
    const text = parseInput(inNs(ns, 'tc', ['filter', 'show', 'dev', 'v0', 'ingress']), 'text', dflt);
    const json = parseInput(inNs(ns, 'tc', ['-j', 'filter', 'show', 'dev', 'v0', 'ingress']), 'json', dflt);
    for (const r of [text, json]) expect(r.errors).toEqual([]);
    const want = SETUPS.flatMap(([, keys]) => keys);
    const got = (r: typeof text) => (r.observations[0]?.legacy?.filters ?? []).map((f) => [f.handle, f.u32?.matchesEvery]);
    expect(got(text)).toEqual(want);
    expect(got(json)).toEqual(want);
  });
});
