// u32's terminal flag, read from the dumps scripts/record-u32-fixtures.sh recorded with
// iproute2 6.1.0 (`*flowid` = terminal, the inverted printing) and 6.15.0 (`*flowid` = not).
import { describe, expect, test } from 'vitest';
import type { LegacyFilter } from '../../src/model/snapshot.js';
import { parseInput } from '../../src/parse/index.js';
import { parseTcJsonText } from '../../src/parse/tcJson.js';
import { parseTcText } from '../../src/parse/tcText.js';
import { takeU32Flags, u32StarMeaning, u32TerminalOf } from '../../src/parse/u32.js';
import { NO_DEFAULTS, realDump, recorded } from './fixtures.js';

/** The u32 keys of a dump as [handle, classid, u32] (the bpf filter at pref 2 left out). */
const keys = (fs: LegacyFilter[] | undefined) => (fs ?? []).filter((f) => f.kind === 'u32').map((f) => [f.handle, f.classid, f.u32]);
const text = (file: string, iproute2: string | null) => parseTcText(recorded(file), file, { ...NO_DEFAULTS, iproute2 });

/** What each recorded key is, as the kernel showed (test/live/kernelTruthU32.test.ts). Every
 *  key is `match u32 0 0`: it matches every packet where its table is the classifier's only
 *  one, and nobody can say which of two tables is the root (src/parse/u32Words.ts). */
type Key = { terminal: boolean; link: string | null; matchesEvery: boolean | null };
const CASES: Array<[string, Array<[string, string | null, Key]>]> = [
  ['nonterminal', [['800::800', null, { terminal: false, link: null, matchesEvery: true }]]],
  ['classid', [['800::800', '1:1', { terminal: true, link: null, matchesEvery: true }]]],
  ['mirred-pipe', [['800::800', null, { terminal: true, link: null, matchesEvery: true }]]],
  ['mirred-continue', [['800::800', null, { terminal: true, link: null, matchesEvery: true }]]],
  ['changed-classid', [['800::800', '1:1', { terminal: false, link: null, matchesEvery: true }]]],
  ['link', [['1::800', null, { terminal: false, link: null, matchesEvery: null }], ['800::800', null, { terminal: false, link: '1:', matchesEvery: null }]]],
];

describe('which iproute2 prints the star which way', () => {
  test.each([
    ['ss170501', 'non-terminal'], ['4.11.0', 'non-terminal'], ['5.10.0', 'non-terminal'], ['6.0.0', 'non-terminal'],
    ['6.1.0', 'terminal'], ['6.2.0', null], ['6.3.0', 'non-terminal'], ['6.15.0', 'non-terminal'], [null, null], ['junk', null],
  ] as const)('%s: a star means %s', (v, meaning) => {
    expect(u32StarMeaning(v)).toBe(meaning);
  });
  test('`terminal flowid` and no class mark at all need no version', () => {
    expect(u32TerminalOf('terminal', null)).toBe(true);
    expect(u32TerminalOf('none', null)).toBe(false);
    expect(u32TerminalOf('star', null)).toBeNull();
    expect(u32TerminalOf('plain', null)).toBeNull();
  });
});

describe('recorded u32 dumps, tc text', () => {
  test.each(CASES)('%s: iproute2 6.1.0 and 6.15.0 give the same flags', (name, want) => {
    for (const [label, version] of [['tc', '6.1.0'], ['tc6150', '6.15.0']]) {
      const r = text(`u32-${name}.${label}.txt`, version!);
      expect(r.errors).toEqual([]);
      expect(keys(r.observations[0]?.legacy?.filters), `${label}`).toEqual(want);
    }
  });

  test('the two versions print the same keys with the star the other way round', () => {
    expect(recorded('u32-classid.tc.txt')).toContain(' *flowid 1:1 ');
    expect(recorded('u32-classid.tc6150.txt')).toContain(' flowid 1:1 ');
    expect(recorded('u32-changed-classid.tc.txt')).toContain(' flowid 1:1 ');
    expect(recorded('u32-changed-classid.tc6150.txt')).toContain(' *flowid 1:1 ');
  });

  test('without the iproute2 version a key with a class is unknown; the others are still read', () => {
    for (const [name, want] of CASES) {
      const got = keys(text(`u32-${name}.tc.txt`, null).observations[0]?.legacy?.filters);
      expect(got, name).toEqual(want.map(([h, c, u]) => [h, c, c === null ? u : { ...u, terminal: null }]));
    }
  });

  test('a capture takes the version from its `# tc utility` line', () => {
    const capture = (version: string) => `# tc-audit capture from n, kernel 6.18\n# tc utility, iproute2-${version}, libbpf 1.1.2\n` +
      `### tc-audit capture v1 node=n netns=x dev=ub0 hook=ingress ###\n${recorded(`u32-classid.${version === '6.1.0' ? 'tc' : 'tc6150'}.txt`)}`;
    for (const v of ['6.1.0', '6.15.0']) {
      const r = parseInput(capture(v), 'capture', NO_DEFAULTS);
      expect(r.format).toBe('capture');
      expect(keys(r.observations[0]?.legacy?.filters)).toEqual([['800::800', '1:1', { terminal: true, link: null, matchesEvery: true }]]);
    }
  });

  test('old iproute2: `terminal flowid ???` with -s stats (published dump 030)', () => {
    const r = parseTcText(realDump('030-arthurchiao-u32-pretty-stats-mirred.txt'), '030', NO_DEFAULTS);
    // `match IP protocol 1` is tc -p's decoded word: what it tests is not read.
    expect(keys(r.observations[0]?.legacy?.filters)).toEqual([['800::800', null, { terminal: true, link: null, matchesEvery: null }]]);
  });

  test('hash-table and header lines are no keys', () => {
    const r = text('u32-link.tc.txt', '6.1.0');
    expect(r.observations[0]?.legacy?.filters.map((f) => [f.pref, f.kind, f.handle])).toEqual([[1, 'u32', '1::800'], [1, 'u32', '800::800'], [2, 'bpf', '0x1']]);
    expect(r.observations[0]?.legacy?.filters[2]?.u32).toBeUndefined();
  });
});

describe('recorded u32 dumps, tc -j', () => {
  test.each(CASES)('%s: JSON never shows the flag (the text dump of the same hook fills it in), but all match words', (name, want) => {
    for (const [label, version] of [['tc', '6.1.0'], ['tc6150', '6.15.0']]) {
      const j = parseTcJsonText(recorded(`u32-${name}.${label}.json`), name, NO_DEFAULTS);
      expect(j.errors).toEqual([]);
      const jf = j.observations[0]?.legacy?.filters ?? [];
      expect(keys(jf)).toEqual(want.map(([h, c, u]) => [h, c, { ...u, terminal: null }]));
      takeU32Flags(jf, text(`u32-${name}.${label}.txt`, version!).observations[0]?.legacy?.filters ?? []);
      expect(keys(jf)).toEqual(want);
    }
  });

  test('a flag is taken only from the same key with the same class, link and actions', () => {
    const jf = parseTcJsonText(recorded('u32-classid.tc.json'), 'j', NO_DEFAULTS).observations[0]?.legacy?.filters ?? [];
    const tf = text('u32-classid.tc.txt', '6.1.0').observations[0]?.legacy?.filters ?? [];
    takeU32Flags(jf, tf.map((f) => ({ ...f, classid: f.classid === null ? null : '1:2' })));
    takeU32Flags(jf, tf.map((f) => ({ ...f, handle: f.handle === '800::800' ? '800::801' : f.handle })));
    takeU32Flags(jf, [...tf, ...tf]); // the same key twice: not one key
    expect(keys(jf)).toEqual([['800::800', '1:1', { terminal: null, link: null, matchesEvery: true }]]);
  });
});
