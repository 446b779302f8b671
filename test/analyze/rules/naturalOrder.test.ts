// The direct comparison must order plain names exactly as the collator does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collator, comparePlain, isPlain, naturalCompareFor } from '../../../src/analyze/rules/naturalOrder.js';

const plainChar = fc.constantFrom(...'abz0123456789_-:.@/'.split(''), '0', '0', '1');
const plain = fc.array(plainChar, { maxLength: 12 }).map((cs) => cs.join(''));

describe('comparePlain', () => {
  it('orders like the collator: lxc2 < lxc10, leading zeros equal, punctuation before digits before letters', () => {
    const names = ['lxc10', 'lxc2', 'lxc02', 'eth0', 'cni-1', 'cni_1', 'cni.1', 'cni:1', 'cni@1', 'cni/1', 'cni1', 'cnia', 'cni', ''];
    const mine = [...names].sort(comparePlain);
    expect(mine).toEqual([...names].sort(collator.compare));
    expect(Math.sign(comparePlain('lxc01', 'lxc1'))).toBe(0);
  });

  it('agrees with the collator on every pair of plain names', () => {
    fc.assert(fc.property(plain, plain, (a, b) => {
      expect(Math.sign(comparePlain(a, b))).toBe(Math.sign(collator.compare(a, b)));
    }), { numRuns: 20000 });
  });

  it('leaves anything else to the collator', () => {
    for (const s of ['Lxc1', 'eth0 ', 'café', 'a+b', '1'.repeat(65)]) expect(isPlain(s)).toBe(false);
    expect(naturalCompareFor(['lxc1', 'Lxc2'])).toBe(collator.compare);
    expect(naturalCompareFor(['lxc1', 'lxc2'])).toBe(comparePlain);
  });
});
