// Filter and action lines that repeat are read once (filterLineRead.ts, tcActions.ts). What a
// reader gets must be what reading the line afresh gives, and no two filters may share what
// the reader later completes (source, flags, actions).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionOfLine, parseActionLine } from '../../src/parse/tcActions.js';
import { parseFilterLine } from '../../src/parse/filterLineRead.js';
import { addFlag, tokenFilterLine } from '../../src/parse/tcFilterLine.js';
import { parseTcText } from '../../src/parse/tcText.js';
import type { LegacyFilter } from '../../src/model/snapshot.js';

const U32 = 'filter protocol ip pref 10 u32 chain 0 fh 800::800 order 2048 key ht 800 bkt 0 flowid 1:1 not_in_hw ';
const MATCHALL = 'filter protocol all pref 20 matchall chain 0 handle 0x1 ';
const filterOf = (line: string): LegacyFilter => {
  const r = parseFilterLine(line);
  if (!('filter' in r)) throw new Error(`no filter in ${line}`);
  return r.filter;
};

describe('remembered filter lines', () => {
  it('a repeated line gives an equal filter of its own each time', () => {
    const a = filterOf(U32);
    const b = filterOf(U32);
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    expect(b.u32).not.toBe(a.u32);
    a.source = { file: 'x', line: 1 };
    addFlag(a, 'skip_sw');
    a.actions = [{ order: 1, kind: 'gact', control: 'pass', detail: null }];
    const c = filterOf(U32);
    expect(c).toEqual((tokenFilterLine(U32) as { filter: LegacyFilter }).filter);
    expect(c.flags).toEqual(['not_in_hw']);
    expect(b.flags).toEqual(['not_in_hw']);
    expect(c.source).toBeNull();
    expect(c.actions).toEqual([]);
  });

  it('the star meaning is part of what is remembered', () => {
    const line = 'filter protocol ip pref 10 u32 chain 0 fh 800::800 order 2048 key ht 800 bkt 0 *flowid 1:1 not_in_hw ';
    for (const star of ['terminal', 'non-terminal', null, 'terminal'] as const) {
      expect(parseFilterLine(line, star)).toEqual(tokenFilterLine(line, star));
    }
  });

  it('any line, read twice or more, reads as the token reader reads it', () => {
    const word = fc.constantFrom('filter', 'protocol', 'ip', 'all', 'pref', '10', 'u32', 'matchall', 'flower', 'chain', '0', 'handle', '0x1', 'fh', '800:', '800::800',
      'flowid', '*flowid', '1:1', 'not_in_hw', 'skip_sw', 'in_hw', 'in_hw_count', '2', 'terminal', 'link', '1:', 'dev', 'eth0', 'ingress', 'x');
    const line = fc.array(word, { maxLength: 14 }).map((w) => `filter ${w.join(' ')} `);
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.constantFrom('terminal', 'non-terminal', null), (lines, star) => {
      for (const l of [...lines, ...lines]) expect(parseFilterLine(l, star)).toEqual(tokenFilterLine(l, star));
    }), { numRuns: 300 });
  });

  it('sections of one text that repeat lines keep their filters apart', () => {
    const section = [U32, '  match 00000000/00000000 at 0', '\taction order 1: mirred (Egress Mirror to device eth0) pipe', MATCHALL, '  in_hw in_hw_count 1', '\taction order 1: gact action pass'];
    const r = parseTcText([...section, ...section].join('\n'), 'f', { node: null, device: 'd', direction: 'ingress' });
    const fs = r.observations[0]!.legacy!.filters;
    expect(fs).toHaveLength(4);
    expect(fs.map((f) => f.source?.line)).toEqual([1, 4, 7, 10]);
    expect(fs[1]!.flags).toEqual(['in_hw', 'in_hw_count=1']);
    expect(fs[3]!.flags).toEqual(['in_hw', 'in_hw_count=1']);
    expect(fs[1]!.flags).not.toBe(fs[3]!.flags);
    expect(fs[0]!.actions).toEqual([{ order: 1, kind: 'mirred', control: 'pipe', detail: 'egress mirror' }]);
    expect(fs[2]!.actions).toEqual(fs[0]!.actions);
    expect(fs[0]!.actions).not.toBe(fs[2]!.actions);
  });
});

describe('remembered action lines', () => {
  it('the same answer as parseActionLine, frozen, one object per line', () => {
    const lines = ['action order 1: mirred (Egress Mirror to device eth0) pipe', 'action order 2: gact action drop', 'not an action', 'action order 1: bpf tc.o:[x] id 4 tag ab'];
    for (const l of [...lines, ...lines]) {
      const a = actionOfLine(l);
      expect(a).toEqual(parseActionLine(l));
      if (a !== null) {
        expect(Object.isFrozen(a)).toBe(true);
        expect(actionOfLine(l)).toBe(a);
      }
    }
  });
});
