// normaliseHandle skips its regex/BigInt path for handles already in normal form; the result
// must be the same as the general path for any handle.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normaliseHandle } from '../../src/parse/tcFilterLine.js';
import { parseTcText } from '../../src/parse/tcText.js';
import { NO_DEFAULTS } from './fixtures.js';

function general(h: string): string {
  if (/^0x[0-9a-f]+$/i.test(h)) return `0x${BigInt(h).toString(16)}`;
  if (/^\d+$/.test(h)) return `0x${BigInt(h).toString(16)}`;
  return h.toLowerCase();
}

describe('normaliseHandle', () => {
  test('examples', () => {
    expect(normaliseHandle('0x1')).toBe('0x1');
    expect(normaliseHandle('0x01')).toBe('0x1');
    expect(normaliseHandle('0x0')).toBe('0x0');
    expect(normaliseHandle('0xAB')).toBe('0xab');
    expect(normaliseHandle('17')).toBe('0x11');
    expect(normaliseHandle('1:2')).toBe('1:2');
  });

  test('same as the general path for any handle', () => {
    const hexish = fc.array(fc.constantFrom('0', 'x', 'X', '1', '9', 'a', 'f', 'F', 'g', ':'), { maxLength: 8 }).map((c) => c.join(''));
    fc.assert(fc.property(fc.oneof(hexish, hexish.map((h) => `0x${h}`), fc.string()), (h) => {
      expect(normaliseHandle(h)).toBe(general(h));
    }), { numRuns: 2000 });
  });
});

describe('u32 class ids', () => {
  test('a key node without the terminal flag prints `*flowid`, and its class is still read', async () => {
    const { parseTcText } = await import('../../src/parse/tcText.js');
    const text = 'filter protocol ip pref 40 u32 chain 0 fh 802::800 order 2048 key ht 802 bkt 0 *flowid ffff:2 not_in_hw\n  match 0a000001/ffffffff at 16\n';
    const r = parseTcText(text, 'u32.txt', { device: 'v0', direction: 'ingress', node: null });
    expect(r.errors).toEqual([]);
    expect(r.observations[0]?.legacy?.filters[0]).toMatchObject({ kind: 'u32', handle: '802::800', classid: 'ffff:2' });
  });
});

describe('values tc cannot print are reported, not read as something else', () => {
  test.each([
    ['filter protocol all pref 65536 bpf chain 0 ', 'pref 65536 is out of range (tc prefs are 0-65535)'],
    ['filter protocol all pref 99999999999999999999999 bpf chain 0 handle 0x1 x.o:[tc] direct-action not_in_hw id 1 name x tag 00 jited ', 'pref 99999999999999999999999 is out of range (tc prefs are 0-65535)'],
    ['filter protocol all pref 3 bpf chain 0 handle', '`handle` without a value'],
    ['filter protocol ip pref 3 u32 chain 0 fh', '`fh` without a value'],
  ])('%s', (line, message) => {
    const r = parseTcText(`${line}\n`, 't', { ...NO_DEFAULTS, device: 'v0', direction: 'ingress' });
    expect(r.errors).toEqual([{ file: 't', line: 1, message }]);
    expect(r.observations[0]?.legacy?.filters ?? []).toEqual([]);
  });
  test('pref 65535 is read, by the shortcut as by the token reader', () => {
    const r = parseTcText('filter protocol all pref 65535 bpf chain 0 \nfilter protocol all pref 65535 bpf chain 0 handle 0x1 x.o:[tc] direct-action not_in_hw id 1 name x tag 00 jited \n', 't', { ...NO_DEFAULTS, device: 'v0', direction: 'ingress' });
    expect(r.errors).toEqual([]);
    expect(r.observations[0]?.legacy?.filters.map((f) => f.pref)).toEqual([65535]);
  });
});
