// normaliseHandle skips its regex/BigInt path for handles already in normal form; the result
// must be the same as the general path for any handle.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normaliseHandle } from '../../src/parse/tcFilterLine.js';

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
