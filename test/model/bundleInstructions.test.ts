// Instructions written once per bundle: the writer shares equal lists, the readers (analyze
// and the fleet) put them back, and a broken reference is an error with its path.
import { describe, expect, it } from 'vitest';
import { bundleText } from '../../src/collect/bundle.js';
import { decodeBundle } from '../../src/collect/bundleFiles.js';
import { Bundle } from '../../src/model/bundle.js';
import { shareInstructions, takeSharedInstructions } from '../../src/model/bundleInstructions.js';
import { readBundleJson } from '../../src/model/readBundle.js';
import type { ProgramInfo } from '../../src/model/snapshot.js';
import { parseBundle } from '../../src/parse/bundle.js';
import { enc, exit, movK } from '../analyze/bytecode/asm.js';
import { sampleBundle } from '../parse/fixtures.js';

const code = (r0: number) => [enc(movK(0, r0)), enc(exit())];
const prog = (id: number, tag: string | null, mapIds: number[], xlated: ProgramInfo['xlated']): ProgramInfo =>
  ({ id, type: 'sched_cls', name: `p${id}`, tag, mapIds, xlated });

describe('shareInstructions', () => {
  it('writes equal instructions of one tag and map set once, naming the first program', () => {
    const shared = code(0);
    const out = shareInstructions([
      prog(1, 'aa', [5], shared),
      prog(2, 'aa', [5], shared), // the same list, as the collector shares it
      prog(3, 'aa', [5], code(0)), // an equal copy (a redacted bundle's, say)
      prog(4, 'aa', [6], code(0)), // other maps: in a real dump other instructions; kept
      prog(5, 'bb', [5], code(0)), // another tag: kept
      prog(6, null, [], code(0)), // no tag: kept
      prog(7, 'aa', [5], null), // none to share
    ]);
    expect(out.map((p) => [p.id, p.xlated === null ? null : p.xlated.length, p.xlatedFrom])).toEqual([
      [1, 2, undefined], [2, null, 1], [3, null, 1], [4, 2, undefined], [5, 2, undefined], [6, 2, undefined], [7, null, undefined],
    ]);
  });

  it('keeps a same-key program whose instructions differ', () => {
    const out = shareInstructions([prog(1, 'aa', [], code(0)), prog(2, 'aa', [], code(2)), prog(3, 'aa', [], code(2))]);
    expect(out.map((p) => p.xlatedFrom)).toEqual([undefined, undefined, 2]);
  });
});

describe('reading shared instructions back', () => {
  const bundle = () => {
    const b = structuredClone(sampleBundle()) as unknown as Bundle;
    b.bundleVersion = 2;
    b.snapshot.programs = [prog(1, 'aa', [], code(0)), prog(2, 'aa', [], code(0)), prog(3, 'bb', [], code(2))];
    return b;
  };

  it('round-trips: what collect writes, analyze and the fleet read as it was', () => {
    const b = bundle();
    const text = bundleText(b);
    expect(text.length).toBeLessThan(JSON.stringify(b).length);
    expect(JSON.parse(text).snapshot.programs[1]).toMatchObject({ xlated: null, xlatedFrom: 1 });
    const viaAnalyze = parseBundle(text, 'b.json');
    expect(viaAnalyze.errors).toEqual([]);
    expect(viaAnalyze.programs).toEqual(Bundle.parse(b).snapshot.programs);
    const viaFleet = decodeBundle('b.json', text);
    expect('bundle' in viaFleet && viaFleet.bundle.snapshot.programs).toEqual(b.snapshot.programs);
  });

  it('gives every reference the very same list: a bundle cannot make the reader build more than it holds', () => {
    const b = bundle();
    b.snapshot.programs = [prog(1, 'aa', [], code(0)), ...Array.from({ length: 50 }, (_, i) => prog(i + 2, 'aa', [], code(0)))];
    const r = parseBundle(bundleText(b), 'b.json');
    expect(r.errors).toEqual([]);
    expect(new Set(r.programs.map((p) => p.xlated)).size).toBe(1);
  });

  it('reads bundleVersion 1 as before', () => {
    expect(parseBundle(JSON.stringify(sampleBundle()), 'v1.json').errors).toEqual([]);
  });

  it.each([
    ['a later program', [{ ...prog(1, 'aa', [], null), xlatedFrom: 2 }, prog(2, 'aa', [], code(0))], 'snapshot.programs[0].xlatedFrom: 2 names no earlier program with instructions'],
    ['a program without instructions', [prog(1, 'aa', [], null), { ...prog(2, 'aa', [], null), xlatedFrom: 1 }], 'snapshot.programs[1].xlatedFrom: 1 names no earlier program with instructions'],
    ['no program at all', [{ ...prog(1, 'aa', [], null), xlatedFrom: 9 }], 'snapshot.programs[0].xlatedFrom: 9 names no earlier program with instructions'],
    ['a program whose instructions are malformed', [{ ...prog(1, 'aa', [], null), xlated: [3] }, { ...prog(2, 'aa', [], null), xlatedFrom: 1 }], 'snapshot.programs[1].xlatedFrom: 1 names no earlier program with instructions'],
    ['a program with instructions of its own', [prog(1, 'aa', [], code(0)), { ...prog(2, 'aa', [], code(0)), xlatedFrom: 1 }], 'snapshot.programs[1].xlatedFrom: given with instructions of its own'],
  ])('says where a reference to %s is', (_what, programs, message) => {
    const b = bundle() as unknown as { snapshot: { programs: unknown[] } };
    b.snapshot.programs = programs;
    expect(parseBundle(JSON.stringify(b), 'x.json').errors[0]).toEqual({ file: 'x.json', line: null, message: `bundle ${message}` });
    const fleet = decodeBundle('x.json', JSON.stringify(b));
    expect('error' in fleet && fleet.error.message).toBe(`an invalid tc-audit bundle (bundleVersion 2, but ${message})`);
  });

  it('analyses the rest of a bundle whose reference cannot be followed: that program has no instructions', () => {
    const b = bundle() as unknown as { snapshot: { programs: unknown[] } };
    b.snapshot.programs = [prog(1, 'aa', [], code(0)), { ...prog(2, 'aa', [], null), xlatedFrom: 7 }];
    const r = parseBundle(JSON.stringify(b), 'x.json');
    expect(r.errors.map((e) => e.message)).toEqual(['bundle snapshot.programs[1].xlatedFrom: 7 names no earlier program with instructions']);
    expect(r.nodes).toHaveLength(1);
    expect(r.programs.map((p) => [p.id, p.xlated?.length ?? null])).toEqual([[1, 2], [2, null]]);
  });

  it("the schema alone refuses a reference rather than drop it; readBundleJson (the library's reader) follows it", () => {
    const text = bundleText(bundle());
    const r = Bundle.safeParse(JSON.parse(text));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['snapshot', 'programs', 1, 'xlatedFrom']);
    const read = readBundleJson(JSON.parse(text));
    expect(read.success && read.bundle.snapshot.programs[1]!.xlated).toBe(read.success && read.bundle.snapshot.programs[0]!.xlated);
  });

  it('leaves JSON that is no bundle to the schema', () => {
    for (const v of [null, 1, [], {}, { snapshot: null }, { snapshot: { programs: 3 } }]) expect(takeSharedInstructions(v)).toEqual({ errors: [], links: [] });
  });
});
