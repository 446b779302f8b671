// The in-place tokenizer must split exactly as the array-based reader it replaced did (see
// the three cases in src/parse/tokens.ts); that reader is kept here as the reference.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Tokens } from '../../src/parse/tokens.js';

/** The old reader, verbatim; it only ever saw lines starting with "filter". */
function reference(line: string): string[] {
  if (line.includes('\t')) return line.trim().split(/\s+/);
  if (line.includes('  ')) return line.trim().split(' ').filter((w) => w !== '');
  return line.split(' ');
}

function all(line: string): string[] {
  const t = new Tokens(line);
  const out: string[] = [];
  while (t.next()) out.push(t.text());
  return out;
}

const piece = fc.constantFrom('filter', 'pref', '1', 'bpf', 'a b', ' ', '  ', '\t', '\u00a0', '\v', 'x', '');

describe('Tokens', () => {
  test('tc output: split on single spaces, a trailing space gives an empty last token', () => {
    expect(all('filter protocol all pref 1 bpf ')).toEqual(['filter', 'protocol', 'all', 'pref', '1', 'bpf', '']);
  });

  test('tabs and double spaces: runs of blanks separate', () => {
    expect(all('  filter\tpref  1 ')).toEqual(['filter', 'pref', '1']);
  });

  test('peek does not consume; is() compares in place', () => {
    const t = new Tokens('filter pref 7');
    t.next();
    expect(t.peek()).toBe('pref');
    expect(t.next() && t.is('pref') && !t.is('pre')).toBe(true);
    expect(t.next() && t.text()).toBe('7');
    expect(t.next()).toBe(false);
    expect(t.next()).toBe(false);
  });

  test('same tokens as the split-based reader for any filter line', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.array(piece).map((p) => p.join(''))), (rest) => {
      const line = `filter${rest}`;
      expect(all(line)).toEqual(reference(line));
    }), { numRuns: 2000 });
  });
});
