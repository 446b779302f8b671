// The direct comparison must order plain strings exactly as the collator does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PUNCT, collatorCompare, comparePlain, isPlain, plainKey } from '../../../src/analyze/rules/naturalOrder.js';

const collator = new Intl.Collator('en', { numeric: true });
// Every printable ASCII character, with digits, zeros and letters of both cases weighted up.
const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const plainChar = fc.oneof(fc.constantFrom(...printable), fc.constantFrom('0', '0', '1', '9', 'a', 'A', 'b', 'B', ' ', '-'));
const plain = fc.array(plainChar, { maxLength: 12 }).map((cs) => cs.join(''));

describe('comparePlain', () => {
  it('knows the collator\'s order of space and punctuation', () => {
    const punct = printable.filter((c) => !/[0-9a-zA-Z]/.test(c));
    expect([...punct].sort(collator.compare).join('')).toBe(PUNCT);
  });

  it('orders like the collator: lxc2 < lxc10, leading zeros equal, punctuation, digits, letters, then case', () => {
    const names = ['lxc10', 'lxc2', 'lxc02', 'eth0', 'cni-1', 'cni_1', 'cni.1', 'cni:1', 'cni@1', 'cni/1', 'cni1', 'cnia', 'cni', '', 'Cni', 'a 2', 'a 10', 'B', 'b'];
    expect([...names].sort(comparePlain)).toEqual([...names].sort(collator.compare));
    expect(Math.sign(comparePlain('lxc01', 'lxc1'))).toBe(0);
  });

  it('agrees with the collator on every pair of plain strings', () => {
    fc.assert(fc.property(plain, plain, (a, b) => {
      expect(Math.sign(comparePlain(a, b))).toBe(Math.sign(collator.compare(a, b)));
    }), { numRuns: 30000 });
  });

  it('agrees on strings that differ only in case, zeros and digit runs', () => {
    const near = fc.array(fc.constantFrom('a', 'A', '0', '00', '1', '01', 'b', 'B', '-'), { maxLength: 6 }).map((xs) => xs.join(''));
    fc.assert(fc.property(near, near, (a, b) => {
      expect(Math.sign(comparePlain(a, b))).toBe(Math.sign(collator.compare(a, b)));
    }), { numRuns: 20000 });
  });

  it('plainKey sorts natively in comparePlain\'s order, equal keys for equal strings', () => {
    const sign = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    fc.assert(fc.property(plain, plain, (a, b) => {
      expect(sign(plainKey(a), plainKey(b))).toBe(Math.sign(comparePlain(a, b)));
    }), { numRuns: 30000 });
    expect(plainKey('lxc01')).toBe(plainKey('lxc1'));
  });

  it('leaves anything else to the collator', () => {
    for (const s of ['café', 'tab\there', '1'.repeat(65), 'x'.repeat(513)]) expect(isPlain(s)).toBe(false);
    expect(isPlain('Lxc2 (x)')).toBe(true);
    expect(Math.sign(collatorCompare('é', 'f'))).toBe(-1);
  });
});
