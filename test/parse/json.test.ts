// objectLines skips whole strings with indexOf; it must give the lines the plain character
// walk (kept here as the reference) gives, for any text.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { objectLines, parseJson } from '../../src/parse/json.js';

/** objectLines' walk without its jump over strings. */
function reference(text: string, depth: number, firstLine = 1): number[] {
  const out: number[] = [];
  let line = firstLine;
  let d = 0;
  let inStr = false;
  let inArray = false;
  let awaiting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++;
      else if (c === 34) inStr = false;
      else if (c === 10) line++;
      continue;
    }
    if (awaiting && ![' ', '\t', '\n', '\r', ']'].includes(text[i]!)) {
      out.push(line);
      awaiting = false;
    }
    if (c === 34) inStr = true;
    else if (c === 10) line++;
    else if (c === 123 || c === 91) {
      d++;
      if (d === depth) awaiting = inArray = c === 91;
    } else if (c === 125 || c === 93) {
      if (d === depth) inArray = awaiting = false;
      d--;
    } else if (c === 44 && d === depth && inArray) awaiting = true;
  }
  return out;
}

describe('objectLines', () => {
  test('objects at depth 1, braces in strings ignored', () => {
    expect(objectLines('[\n{"a":"{"},\n{"b":"x\\"{"}\n]', 1)).toEqual([2, 3]);
  });

  test('every element counts, so a stray value does not move the lines of the objects after it', () => {
    expect(objectLines('[0,\n{"a":1},\n"x",\n[1, 2],\n{"b":[3]}]', 1)).toEqual([1, 2, 3, 4, 5]);
    // bpftool -j: the entries of each section's list, three containers deep.
    expect(objectLines('[{"xdp":[],\n"tc":[1,\n{"devname":"a"},\n{"devname":"b"}]}]', 3)).toEqual([2, 3, 4]);
  });

  test('valid JSON arrays, one element a line: element i is on line i + 1', () => {
    const element = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 3 }), fc.array(fc.integer(), { maxLength: 3 }));
    fc.assert(fc.property(fc.array(element, { maxLength: 8 }), (xs) => {
      const text = `[${xs.map((x) => JSON.stringify(x)).join(',\n')}]`;
      expect(objectLines(text, 1)).toEqual(xs.map((_, i) => i + 1));
    }), { numRuns: 500 });
  });

  test('same as the character walk for any text', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', '"', '\\', '\n', 'a', ',', ':');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }).map((p) => p.join('')), fc.nat(3), fc.nat(5), (text, depth, first) => {
      expect(objectLines(text, depth, first + 1)).toEqual(reference(text, depth, first + 1));
    }), { numRuns: 3000 });
  });
});

describe('parseJson', () => {
  test('a UTF-8 byte order mark is ignored, and errors still say where in the text', () => {
    expect(parseJson('\ufeff[{"a":1}]\n')).toEqual({ ok: true, value: [{ a: 1 }] });
    const bad = parseJson('\ufeff[1,\n2,]\n');
    expect(bad.ok).toBe(false);
    expect(bad.ok ? null : bad.line).toBe(2);
    expect(bad.ok ? '' : bad.message).toMatch(/^invalid JSON at line 2 column 3: .*\(a trailing comma before a closing bracket\?\)$/);
    expect(parseJson('[1,\n2,]\n')).toEqual(bad); // the same place without the mark
  });
});
