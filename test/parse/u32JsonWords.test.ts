// u32 match words from tc -j, where each word is a repeated "match" key (src/parse/u32JsonWords.ts).
import { describe, expect, test } from 'vitest';
import { parseTcJsonText } from '../../src/parse/tcJson.js';
import { u32JsonWords } from '../../src/parse/u32JsonWords.js';
import { NO_DEFAULTS } from './fixtures.js';

// As iproute2 6.1 printed three u32 filters on kernel 6.18 (protocol all pref 5 `match u32 0 0`;
// protocol ip pref 6 `match ip dst 10.0.0.1/32 match ip protocol 6 0xff`; pref 7 two mask-0
// words and an action).
const DUMP = '[{"protocol":"all","pref":5,"kind":"u32","chain":0},{"protocol":"all","pref":5,"kind":"u32","chain":0,"options":{"fh":"800:","ht_divisor":1}},' +
  '{"protocol":"all","pref":5,"kind":"u32","chain":0,"options":{"fh":"800::800","order":2048,"key_ht":"800","bkt":"0","flowid":"1:1","not_in_hw":true,"match":{"value":"0","mask":"0","offmask":"","off":0}}},' +
  '{"protocol":"ip","pref":6,"kind":"u32","chain":0},{"protocol":"ip","pref":6,"kind":"u32","chain":0,"options":{"fh":"801:","ht_divisor":1}},' +
  '{"protocol":"ip","pref":6,"kind":"u32","chain":0,"options":{"fh":"801::800","order":2048,"key_ht":"801","bkt":"0","flowid":"1:2","not_in_hw":true,"match":{"value":"a000001","mask":"ffffffff","offmask":"","off":16},"match":{"value":"60000","mask":"ff0000","offmask":"","off":8}}},' +
  '{"protocol":"all","pref":7,"kind":"u32","chain":0},{"protocol":"all","pref":7,"kind":"u32","chain":0,"options":{"fh":"802:","ht_divisor":1}},' +
  '{"protocol":"all","pref":7,"kind":"u32","chain":0,"options":{"fh":"802::800","order":2048,"key_ht":"802","bkt":"0","not_in_hw":true,"match":{"value":"0","mask":"0","offmask":"","off":0},"match":{"value":"0","mask":"0","offmask":"","off":4},' +
  '"actions":[{"order":1,"kind":"mirred","mirred_action":"mirror","direction":"egress","to_dev":"d1","control_action":{"type":"pipe"},"index":1,"ref":1,"bind":1}]}}]';

describe('u32 words in tc -j', () => {
  test('every repeated "match" key of an entry is read, by entry', () => {
    expect(u32JsonWords(DUMP)).toEqual(new Map([
      [2, [{ mask: 0, off: 0, nexthdr: false }]],
      [5, [{ mask: 0xffffffff, off: 16, nexthdr: false }, { mask: 0xff0000, off: 8, nexthdr: false }]],
      [8, [{ mask: 0, off: 0, nexthdr: false }, { mask: 0, off: 4, nexthdr: false }]],
    ]));
  });

  test('the keys get matchesEvery, as the text dump gives it', () => {
    const r = parseTcJsonText(DUMP, 'j', NO_DEFAULTS);
    expect(r.errors).toEqual([]);
    expect(r.observations[0]?.legacy?.filters.map((f) => [f.pref, f.handle, f.u32?.matchesEvery])).toEqual([[5, '800::800', true], [6, '801::800', false], [7, '802::800', true]]);
  });

  test('a word after the next header, an unreadable mask, or none at all: unknown', () => {
    const entry = (options: string) => `{"protocol":"ip","pref":1,"kind":"u32","chain":0,"options":{"fh":"800::800"${options}}}`;
    const table = '{"protocol":"ip","pref":1,"kind":"u32","chain":0,"options":{"fh":"800:","ht_divisor":1}}';
    const one = (options: string) => parseTcJsonText(`[${table},${entry(options)}]`, 'j', NO_DEFAULTS).observations[0]?.legacy?.filters[0]?.u32?.matchesEvery;
    expect(one(',"match":{"value":"0","mask":"0","offmask":"ff00","off":0}')).toBeNull();
    expect(one(',"match":{"value":"0","mask":"zz","offmask":"","off":0}')).toBeNull();
    expect(one(',"match":{"value":"0","mask":"0","offmask":"","off":20}')).toBeNull();
    expect(one('')).toBeNull();
    expect(one(',"match":{"value":"0","mask":"0","offmask":"","off":0}')).toBe(true);
    // A "match" key elsewhere (in an action, say) is no word of the key.
    expect(one(',"match":{"value":"0","mask":"0","offmask":"","off":0},"actions":[{"kind":"x","match":{"mask":"ff","off":0}}]')).toBe(true);
  });

  test('a stray non-object entry moves neither the words nor the lines of the keys after it', () => {
    const entries = JSON.parse(DUMP) as unknown[];
    const text = `[0,\n${entries.map((e) => JSON.stringify(e)).join(',\n')}]`;
    const r = parseTcJsonText(text, 'j', NO_DEFAULTS);
    expect(r.errors).toEqual([{ file: 'j', line: 1, message: 'tc -j entry 0: entry is not an object' }]);
    expect(r.observations[0]?.legacy?.filters.map((f) => [f.handle, f.u32?.matchesEvery, f.source?.line])).toEqual([['800::800', true, 4], ['801::800', false, 7], ['802::800', true, 10]]);
  });

  test('nesting too deep for the word reader leaves the words unknown, the filters read', () => {
    const deep = `[{"protocol":"all","pref":1,"kind":"bpf","chain":0,"x":${'['.repeat(20_000)}${']'.repeat(20_000)}},\n${DUMP.slice(1)}`;
    expect(u32JsonWords(deep)).toBeUndefined();
    const r = parseTcJsonText(deep, 'j', NO_DEFAULTS);
    expect(r.errors).toEqual([]);
    expect(r.observations[0]?.legacy?.filters.map((f) => [f.pref, f.u32?.matchesEvery])).toEqual([[5, null], [6, null], [7, null]]);
  });

  test('a key with an input device or a mark (plain keys in tc -j) does not match every packet', () => {
    const entry = (extra: string) => `[{"protocol":"ip","pref":1,"kind":"u32","chain":0,"options":{"fh":"800:","ht_divisor":1}},{"protocol":"ip","pref":1,"kind":"u32","chain":0,"options":{"fh":"800::800","match":{"value":"0","mask":"0","offmask":"","off":0}${extra}}}]`;
    const every = (extra: string) => parseTcJsonText(entry(extra), 'j', NO_DEFAULTS).observations[0]?.legacy?.filters[0]?.u32?.matchesEvery;
    expect([every(''), every(',"input_dev":"v1"'), every(',"fwmark_value":"0x1","fwmark_mask":"0xff"'), every(',"fwmark_value":"0x0","fwmark_mask":"0x0"')]).toEqual([true, false, false, true]);
  });

  test('a dump without u32 has no words', () => {
    expect(u32JsonWords('[{"protocol":"all","pref":1,"kind":"bpf","chain":0}]')?.size).toBe(0);
  });
});
