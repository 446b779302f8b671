// objectLines skips whole strings with indexOf; it must give the lines the plain character
// walk (kept here as the reference) gives, for any text.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { objectLines } from '../../src/parse/json.js';

function reference(text: string, depth: number, firstLine = 1): number[] {
  const out: number[] = [];
  let line = firstLine;
  let d = 0;
  let inStr = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;
      else if (c === 34) inStr = false;
      else if (c === 10) line++;
      continue;
    }
    if (c === 34) inStr = true;
    else if (c === 10) line++;
    else if (c === 123 || c === 91) {
      if (c === 123 && d === depth) out.push(line);
      d++;
    } else if (c === 125 || c === 93) d--;
  }
  return out;
}

describe('objectLines', () => {
  test('objects at depth 1, braces in strings ignored', () => {
    expect(objectLines('[\n{"a":"{"},\n{"b":"x\\"{"}\n]', 1)).toEqual([2, 3]);
  });

  test('same as the character walk for any text', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', '"', '\\', '\n', 'a', ',', ':');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }).map((p) => p.join('')), fc.nat(3), fc.nat(5), (text, depth, first) => {
      expect(objectLines(text, depth, first + 1)).toEqual(reference(text, depth, first + 1));
    }), { numRuns: 3000 });
  });
});
