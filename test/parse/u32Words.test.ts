// Whether a u32 key matches every packet, as the text dump shows it (src/parse/u32Words.ts).
import { describe, expect, test } from 'vitest';
import { parseTcText } from '../../src/parse/tcText.js';
import { NO_DEFAULTS } from './fixtures.js';

const HEAD = 'filter protocol ip pref 1 u32 chain 0 \n';
const TABLE = (ht: string) => `filter protocol ip pref 1 u32 chain 0 fh ${ht}: ht divisor 1 \n`;
const KEY = (handle: string) => `filter protocol ip pref 1 u32 chain 0 fh ${handle} order 2048 key ht ${handle.split(':')[0]} bkt 0 terminal flowid not_in_hw \n`;

const matchesEvery = (text: string) =>
  (parseTcText(text, 't', NO_DEFAULTS).observations[0]?.legacy?.filters ?? []).map((f) => [f.handle, f.u32?.matchesEvery]);

describe('u32 match words', () => {
  test.each([
    ['mask 0 at 0', ['match 00000000/00000000 at 0'], true],
    ['mask 0 with any value, up to offset 16 (every IPv4 header has those bytes)', ['match 0a000001/00000000 at 16', 'match 00000000/00000000 at 12'], true],
    ['a mask that tests bits', ['match 0a000001/ffffffff at 16'], false],
    ['a value redacted by collect --redact (the mask decides)', ['match redacted-0123456789ab/ffffffff at 16'], false],
    // tc -s on a kernel with CONFIG_CLS_U32_PERF (this one has none; the format is tc/f_u32.c's).
    ['hit counts after the words (tc -s)', ['match 00000000/00000000 at 0 (success 12 )'], true],
    ['hit counts after a word that tests bits', ['match 0a000001/ffffffff at 16 (success 0 )'], false],
    ['one word testing bits among mask-0 words', ['match 00000000/00000000 at 0', 'match 00060000/00ff0000 at 8'], false],
    ['a mask-0 word past the 20 bytes every IP header has', ['match 00000000/00000000 at 20'], null],
    ['a mask-0 word before the network header', ['match 00000000/00000000 at -4'], null],
    ['a mask-0 word after the next header', ['match 00000000/00000000 at nexthdr+0'], null],
    ['a word decoded by tc -p', ['match IP protocol 1 (success 0 )'], null],
    ['no word shown', [], null],
  ])('%s', (_, words, want) => {
    const text = HEAD + TABLE('800') + KEY('800::800') + words.map((w) => `  ${w}\n`).join('');
    expect(matchesEvery(text)).toEqual([['800::800', want]]);
  });

  test.each([
    // tc/f_u32.c's lines for the key's other tests (this kernel has no CONFIG_CLS_U32_MARK to record them).
    ['a mark test', ['match 00000000/00000000 at 0', 'mark 0x0001 0x00ff (success 0)'], false],
    ['a mark of 0/0, which every packet passes', ['mark 0x0000 0x0000 (success 7)', 'match 00000000/00000000 at 0'], true],
    ['an input device', ['match 00000000/00000000 at 0', 'input dev eth1'], false],
    ['a mark iproute2 could not read', ['match 00000000/00000000 at 0', 'Invalid mark (kernel&iproute2 mismatch)'], null],
  ])('%s under the key', (_, lines, want) => {
    expect(matchesEvery(HEAD + TABLE('800') + KEY('800::800') + lines.map((l) => `  ${l}\n`).join(''))).toEqual([['800::800', want]]);
  });

  test('spacing changed by a paste is taken', () => {
    const text = HEAD + TABLE('800') + KEY('800::800') + '  match  00000000/00000000\tat  0\n';
    expect(matchesEvery(text)).toEqual([['800::800', true]]);
  });

  test.each(['match', 'match 0/0 at 0', 'match zzzzzzzz/00000000 at 0', 'match 00000000/zzzzzzzz at 0', 'match 00000000/00000000 at'])(
    'a line meant as a raw word that is none is reported, and the key left unknown: %j', (word) => {
      const r = parseTcText(HEAD + TABLE('800') + KEY('800::800') + `  ${word}\n`, 't', NO_DEFAULTS);
      expect(r.errors).toEqual([{ file: 't', line: 4, message: 'unreadable u32 match word: expected `match VALUE/MASK at OFFSET` (MASK 8 hex digits)' }]);
      expect(r.observations[0]?.legacy?.filters.map((f) => f.u32?.matchesEvery)).toEqual([null]);
    });

  test('two tables in one classifier: which one is the root is not shown', () => {
    const text = HEAD + TABLE('1') + KEY('1::800') + '  match 00000000/00000000 at 0\n' + TABLE('800') + KEY('800::800') + '  match 00000000/00000000 at 0\n';
    expect(matchesEvery(text)).toEqual([['1::800', null], ['800::800', null]]);
  });

  test('the key must sit in the one table listed, and the table lines must be there', () => {
    expect(matchesEvery(HEAD + TABLE('800') + KEY('1::800') + '  match 00000000/00000000 at 0\n')).toEqual([['1::800', null]]);
    expect(matchesEvery(KEY('800::800') + '  match 00000000/00000000 at 0\n')).toEqual([['800::800', null]]);
  });

  test('tables are counted per classifier (chain, pref, protocol)', () => {
    const other = 'filter protocol ip pref 2 u32 chain 0 fh 801: ht divisor 1 \n';
    const text = HEAD + TABLE('800') + other + KEY('800::800') + '  match 00000000/00000000 at 0\n';
    expect(matchesEvery(text)).toEqual([['800::800', true]]);
  });

  test('words belong to the key above them, also after its actions', () => {
    const text = HEAD + TABLE('800') + KEY('800::800') + '  match 00000000/00000000 at 0\n\taction order 1: mirred (Egress Mirror to device m0) pipe\n\tindex 1 ref 1 bind 1\n' +
      KEY('800::801') + '  match 0a000001/ffffffff at 16\n';
    expect(matchesEvery(text)).toEqual([['800::800', true], ['800::801', false]]);
  });
});
