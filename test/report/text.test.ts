// safe/safeLine skip their replacements when a text has no control character; the result
// must be what the replacements give for any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safe, safeLine } from '../../src/report/text.js';

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
const hex = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

describe('safe, safeLine', () => {
  it('escape control characters exactly as the plain replacements do', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('a\nb', '\u0000', '\u001b[31m', 'x\u009f', '\u0080', 'é✓', ''));
    fc.assert(fc.property(text, (s) => {
      expect(safe(s)).toBe(s.replace(CONTROL, hex));
      expect(safeLine(s)).toBe(s.replace(CONTROL, hex).replace(/\n/g, '⏎'));
    }), { numRuns: 3000 });
  });

  it('examples', () => {
    expect(safeLine('a\nb\u001b')).toBe('a⏎b\\x1b');
    expect(safe('a\nb\u0007')).toBe('a\nb\\x07');
    const plain = 'lxc419ecc000000';
    expect(safeLine(plain)).toBe(plain);
  });
});
