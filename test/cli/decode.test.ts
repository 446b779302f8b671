// Reading ASCII as Latin-1 is only a shortcut: every input must read as UTF-8 does.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/cli/readInputs.js';

describe('decode', () => {
  it('reads any bytes exactly as UTF-8 does', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      const buf = Buffer.from(bytes);
      expect(decode(buf)).toBe(buf.toString('utf8'));
    }), { numRuns: 3000 });
  });

  it('ASCII, multi-byte characters, a BOM and broken sequences', () => {
    for (const buf of [Buffer.from('filter protocol all pref 1 bpf\n'), Buffer.from('café ✓'), Buffer.from([0xef, 0xbb, 0xbf, 0x41]), Buffer.from([0xc3, 0x41, 0xff])]) {
      expect(decode(buf)).toBe(buf.toString('utf8'));
    }
  });
});
