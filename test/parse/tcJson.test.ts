import { describe, expect, test } from 'vitest';
import { parseTcJsonEntries, parseTcJsonText } from '../../src/parse/tcJson.js';
import { parseTcText } from '../../src/parse/tcText.js';
import type { LegacyFilter } from '../../src/model/snapshot.js';
import { takeU32Flags } from '../../src/parse/u32.js';
import { NO_DEFAULTS, recorded } from './fixtures.js';

const noSource = (fs: LegacyFilter[] | undefined) => (fs ?? []).map((f) => ({ ...f, source: null }));

describe('tc -j filter show', () => {
  test('an egress dump leaves out the legacy ingress qdisc\'s entries ("parent":"ffff:"), which tc lists for both', () => {
    const text = '[{"parent":"ffff:","protocol":"all","pref":4,"kind":"bpf","chain":0},{"parent":"ffff:","protocol":"all","pref":4,"kind":"bpf","chain":0,"options":{"handle":"0x1","bpf_name":"da_pass.o:[tc]","direct-action":true,"not_in_hw":true,"prog":{"id":131632,"name":"rec_da_pass","tag":"59f4a931744dcdc6","jited":1}}}]';
    const prefs = (direction: 'ingress' | 'egress') => parseTcJsonText(text, 'j', { ...NO_DEFAULTS, device: 'w1', direction }).observations[0]?.legacy?.filters.map((f) => f.pref);
    expect([prefs('ingress'), prefs('egress')]).toEqual([[4], []]);
    // Added with `tc filter add dev w1 ingress`, they carry "ingress":true instead (iproute2 6.1 on 6.18).
    const ingressKey = text.replace(/"parent":"ffff:"/g, '"ingress":true');
    expect(parseTcJsonText(ingressKey, 'j', { ...NO_DEFAULTS, device: 'w1', direction: 'egress' }).observations[0]?.legacy?.filters).toEqual([]);
  });
  test('a pref tc cannot print (negative, over 65535) is reported with its entry', () => {
    const r = parseTcJsonText('[{"protocol":"all","pref":-3,"kind":"bpf","chain":0,"options":{"handle":"0x1"}},\n{"protocol":"all","pref":70000,"kind":"bpf","chain":0,"options":{"handle":"0x1"}},\n{"protocol":"all","pref":7,"kind":"bpf","chain":0,"options":{"handle":"0x1"}}]', 'j', NO_DEFAULTS);
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [1, 'tc -j entry 0: "pref" -3 is out of range (tc prefs are 0-65535)'],
      [2, 'tc -j entry 1: "pref" 70000 is out of range (tc prefs are 0-65535)'],
    ]);
    expect(r.observations[0]?.legacy?.filters.map((f) => f.pref)).toEqual([7]);
  });

  test.each([
    ['a-v0-ingress.tc.json', 'a-v0-ingress.tc.txt'],
    ['a-v0-ingress.tc6150.json', 'a-v0-ingress.tc6150.txt'],
    ['a-v0-egress.tc.json', 'a-v0-egress.tc.txt'],
    ['b-eth0-ingress.tc.json', 'b-eth0-ingress.tc.txt'],
  ])('%s gives the same filters as %s, except the u32 terminal flag JSON does not print', (json, text) => {
    const j = parseTcJsonText(recorded(json), json, NO_DEFAULTS);
    const t = parseTcText(recorded(text), text, NO_DEFAULTS);
    expect(j.errors).toEqual([]);
    const jf = j.observations[0]?.legacy?.filters ?? [];
    const tf = t.observations[0]?.legacy?.filters ?? [];
    expect(jf.filter((f) => f.kind === 'u32').every((f) => f.u32?.terminal === null)).toBe(true);
    takeU32Flags(jf, tf); // what the live collector does with the text dump of a u32 hook
    expect(noSource(jf)).toEqual(noSource(tf));
  });

  test('handle as "0x1", "1" or a number; headers skipped; fallback tag; u32 fh; goto chain', () => {
    const r = parseTcJsonEntries([
      { protocol: 'all', pref: 1, kind: 'bpf', chain: 0 },
      { protocol: 'all', pref: 1, kind: 'bpf', chain: 0, options: { handle: '0X1F', bpf_name: 'x', tag: 'AB' } },
      { protocol: 'ip', pref: 2, kind: 'flower', chain: 0, options: { handle: 2, keys: {}, not_in_hw: true, actions: [{ order: 1, kind: 'gact', control_action: { type: 'goto', chain: 5 } }] } },
      { protocol: 'ip', pref: 3, kind: 'matchall', options: { handle: '3' } },
      { protocol: 'ip', pref: 4, kind: 'u32', chain: 0, options: { fh: '800:', ht_divisor: 1 } },
      { protocol: 'ip', pref: 4, kind: 'u32', chain: 0, options: { fh: '800::800' } },
      'garbage',
    ], 'f');
    expect(r.filters.map((f) => [f.kind, f.handle, f.program, f.actions[0]?.control ?? null])).toEqual([
      ['bpf', '0x1f', { id: null, name: null, tag: 'ab' }, null],
      ['flower', '0x2', null, 'goto chain 5'],
      ['matchall', '0x3', null, null],
      ['u32', '800::800', null, null],
    ]);
    expect(r.errors).toEqual([{ file: 'f', line: 1, message: 'tc -j entry 6: entry is not an object' }]);
  });

  test('police: its two actions share one key, so neither is taken; gact random: the prob object', () => {
    // tc -j of police prints "control_action" twice in one object (exceed, then conform).
    const text = '[{"protocol":"all","pref":1,"kind":"matchall","chain":0,"options":{"handle":1,"actions":[{"order":1,"kind":"police","index":1,"control_action":{"type":"continue"},"control_action":{"type":"pass"},"overhead":0}]}},'
      + '{"protocol":"all","pref":2,"kind":"matchall","chain":0,"options":{"handle":1,"actions":[{"order":1,"kind":"gact","control_action":{"type":"pass"},"prob":{"random_type":"determ","control_action":{"type":"continue"},"val":2}}]}},'
      + '{"protocol":"all","pref":3,"kind":"matchall","chain":0,"options":{"handle":1,"actions":[{"order":1,"kind":"gact","control_action":{"type":"drop"},"prob":{"random_type":"none","control_action":{"type":"pass"},"val":0}}]}}]';
    const r = parseTcJsonText(text, 'j', NO_DEFAULTS);
    expect(r.observations[0]?.legacy?.filters.map((f) => f.actions[0])).toEqual([
      { order: 1, kind: 'police', control: null, detail: null },
      { order: 1, kind: 'gact', control: 'pass', detail: 'random determ continue' },
      { order: 1, kind: 'gact', control: 'drop', detail: null },
    ]);
  });

  test('pretty JSON: sources and errors point at the entry line', () => {
    const text = '[\n  {"protocol":"all","pref":1,"kind":"bpf"},\n  {"protocol":"all","pref":1,"kind":"bpf",\n   "options":{"handle":"0x1"}},\n  {"pref":"x"}\n]\n';
    const r = parseTcJsonText(text, 'p', NO_DEFAULTS);
    expect(r.observations[0]?.legacy?.filters[0]?.source).toEqual({ file: 'p', line: 3 });
    expect(r.errors.map((e) => e.line)).toEqual([5]);
  });

  test('invalid JSON is a line/column message', () => {
    const r = parseTcJsonText('[{"a":1,}\n]', 'p', NO_DEFAULTS);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toMatch(/line 1 column \d+/);
  });
});
