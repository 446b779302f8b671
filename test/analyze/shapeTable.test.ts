// ShapeTable must call two hooks alike exactly when their shape keys (shapeKey.ts) are equal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnalyzedHook, VendorMatch } from '../../src/model/analysis.js';
import type { Hook, LegacyFilter, TcxProgram } from '../../src/model/snapshot.js';
import { hookShapeKey } from '../../src/analyze/shapeKey.js';
import { ShapeTable } from '../../src/analyze/shapeTable.js';
import { KeyedShapes } from '../helpers/keyedShapes.js';
import type { VerdictContext } from '../../src/analyze/verdict.js';
import type { VendorId } from '../../src/analyze/vendors/ids.js';

// Few values per field, so that equal hooks, near misses and hash collisions are all common.
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });
const filter: fc.Arbitrary<LegacyFilter> = fc.record({
  pref: maybe(fc.constantFrom(1, 2, 100)),
  protocol: maybe(fc.constantFrom('all', 'ip')),
  chain: maybe(fc.constantFrom(0, 1)),
  kind: fc.constantFrom('bpf', 'u32'),
  handle: maybe(fc.constantFrom('0x1', '0x2')),
  directAction: maybe(fc.boolean()),
  flags: fc.array(fc.constantFrom('not_in_hw', 'skip_hw'), { maxLength: 2 }),
  tcName: maybe(fc.constantFrom('a', 'b')),
  program: maybe(fc.record({ id: maybe(fc.constantFrom(7, 8)), name: maybe(fc.constantFrom('p', 'q', 'r')), tag: fc.constant(null) })),
  classid: maybe(fc.constantFrom('1:1', '1:2')),
  actions: fc.array(fc.record({ order: maybe(fc.constantFrom(1, 2)), kind: fc.constantFrom('gact', 'mirred'), control: maybe(fc.constantFrom('pass', 'pipe')), detail: maybe(fc.constant('x')) }), { maxLength: 1 }),
  source: fc.constant(null),
  u32: fc.option(fc.record({ terminal: maybe(fc.boolean()), link: maybe(fc.constantFrom('1:', '2:')) }), { nil: undefined }),
}, { requiredKeys: ['pref', 'protocol', 'chain', 'kind', 'handle', 'directAction', 'flags', 'tcName', 'program', 'classid', 'actions', 'source'] });
const tcxProg: fc.Arbitrary<TcxProgram> = fc.record({
  attach: fc.constantFrom('tcx' as const, 'netkit' as const),
  program: fc.record({ id: maybe(fc.constantFrom(7, 9)), name: maybe(fc.constantFrom('p', 'q')), tag: fc.constant(null) }),
  linkId: fc.constant(null), source: fc.constant(null),
});
const vendor = fc.constantFrom<VendorId>('cilium', 'datadog', 'unknown').map((id): VendorMatch => ({ id, evidence: '' }));
const hookCase = fc.record({
  device: maybe(fc.constantFrom('eth0', 'lxc1', 'lxc2')),
  hook: fc.record({
    direction: maybe(fc.constantFrom('ingress' as const, 'egress' as const)),
    legacy: maybe(fc.array(filter, { maxLength: 2 })),
    legacyPrefsKnown: fc.boolean(),
    tcx: maybe(fc.array(tcxProg, { maxLength: 2 })),
    ingressQdisc: fc.option(maybe(fc.boolean()), { nil: undefined }),
  }),
}).chain(({ device, hook }) => fc.record({
  device: fc.constant(device),
  hook: fc.constant<Hook>(hook),
  fv: fc.tuple(...(hook.legacy ?? []).map(() => vendor)),
  tv: fc.tuple(...(hook.tcx ?? []).map(() => vendor)),
}));
// Program 7 has instructions here: its id is part of the shape, 8 and 9 are not.
const ctx = { programs: new Map([[7, {}]]), progArrays: [], assume: {}, bytecode: null } as unknown as VerdictContext;
const rep = (i: number) => ({ device: `rep${i}` }) as unknown as AnalyzedHook;

type Case = { device: string | null; hook: Hook; fv: readonly VendorMatch[]; tv: readonly VendorMatch[] };
/** Copies of a case with one thing changed: some change the shape, some (names, devices of
 *  the same kind, ids without instructions) do not. */
const TWEAKS: Array<(c: Case) => Case> = [
  (c) => c,
  (c) => ({ ...c, device: c.device === 'lxc1' ? 'lxc2' : c.device === 'lxc2' ? 'eth0' : 'lxc1' }),
  (c) => ({ ...c, hook: { ...c.hook, legacy: c.hook.legacy?.map((f) => ({ ...f, tcName: f.tcName === 'a' ? 'b' : 'a' })) ?? null } }),
  (c) => ({ ...c, hook: { ...c.hook, legacy: c.hook.legacy?.map((f) => ({ ...f, program: f.program && { ...f.program, id: f.program.id === 8 ? 7 : 8 } })) ?? null } }),
  (c) => ({ ...c, hook: { ...c.hook, legacy: c.hook.legacy?.map((f, i) => (i === 0 ? { ...f, pref: (f.pref ?? 0) + 1 } : f)) ?? null } }),
  (c) => ({ ...c, hook: { ...c.hook, legacy: c.hook.legacy?.map((f) => ({ ...f, u32: f.u32 === undefined ? null : undefined })) ?? null } }),
  (c) => ({ ...c, hook: { ...c.hook, tcx: c.hook.tcx?.map((t) => ({ ...t, program: { ...t.program, name: t.program.name === 'p' ? 'q' : 'p' } })) ?? null } }),
  (c) => ({ ...c, fv: c.fv.map((v) => ({ ...v, id: v.id === 'cilium' ? 'datadog' : 'cilium' })) }),
];
const cases = fc.tuple(fc.array(hookCase, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.nat(), fc.nat(TWEAKS.length - 1)), { minLength: 1, maxLength: 12 }))
  .map(([pool, picks]) => picks.map(([i, t]) => TWEAKS[t]!(pool[i % pool.length]!)));

describe('ShapeTable', () => {
  // With a hash that puts every hook in one bucket, every lookup compares field by field.
  it.each([['its hash', undefined], ['one bucket for all', () => 0]] as const)('finds a hook of an earlier one\'s shape exactly when their keys are equal (%s)', (_, hash) => {
    let deep = 0;
    fc.assert(fc.property(cases, (cases) => {
      const table = new ShapeTable(hash);
      const keyed = new KeyedShapes(hookShapeKey);
      cases.forEach((c, i) => {
        const a = table.find(c.device, c.hook, c.fv, c.tv, ctx);
        const b = keyed.find(c.device, c.hook, c.fv, c.tv, ctx);
        expect(a?.device ?? null).toBe(b?.device ?? null);
        if (a === undefined) { table.add(rep(i)); keyed.add(rep(i)); }
        else if ((c.hook.legacy?.length ?? 0) > 0) deep++;
      });
    }), { numRuns: 3000 });
    expect(deep).toBeGreaterThan(1000); // hooks with filters do meet their shape again
  });

  it('tells hooks apart that differ in any one field the key holds', () => {
    const base: Hook = { direction: 'egress', legacy: [{ pref: 1, protocol: 'all', chain: 0, kind: 'bpf', handle: '0x1', directAction: true, flags: ['not_in_hw'], tcName: 'a', program: { id: 7, name: 'p', tag: null }, classid: null, actions: [], source: null }], legacyPrefsKnown: true, tcx: [] };
    const cil: VendorMatch = { id: 'cilium', evidence: '' };
    const table = new ShapeTable();
    expect(table.find('lxc1', base, [cil], [], ctx)).toBeUndefined();
    table.add(rep(0));
    // Same shape: another pod veth, another tc name, another program id without instructions.
    expect(table.find('lxc2', { ...base, legacy: [{ ...base.legacy![0]!, tcName: 'b' }] }, [cil], [], ctx)?.device).toBe('rep0');
    for (const [device, h, fv] of [
      ['eth0', base, [cil]],
      ['lxc2', { ...base, direction: 'ingress' }, [cil]],
      ['lxc2', base, [{ id: 'datadog', evidence: '' }]],
      ['lxc2', { ...base, legacy: [{ ...base.legacy![0]!, pref: 2 }] }, [cil]],
      ['lxc2', { ...base, legacy: [{ ...base.legacy![0]!, program: { id: 8, name: 'p', tag: null } }] }, [cil]],
      ['lxc2', { ...base, legacy: [{ ...base.legacy![0]!, program: { id: 7, name: 'q', tag: null } }] }, [cil]],
      ['lxc2', { ...base, tcx: null }, [cil]],
    ] as const) expect(table.find(device, h as Hook, fv as readonly VendorMatch[], [], ctx)).toBeUndefined();
  });
});

// Each changes one field the key holds; string changes keep length and last character, so
// the hash cannot tell them apart and only the comparison can.
const cil: VendorMatch = { id: 'cilium', evidence: '' };
const baseFilter: LegacyFilter = {
  pref: 1, protocol: 'ip', chain: 0, kind: 'u32', handle: '0x10', directAction: true, flags: ['not_in_hw'], tcName: 'a',
  program: { id: 7, name: 'p', tag: null }, classid: '1:1', actions: [{ order: 1, kind: 'gact', control: 'pass', detail: 'x' }],
  source: null, u32: { terminal: true, link: '1:' },
};
const baseTcx: TcxProgram = { attach: 'tcx', program: { id: 7, name: 'p', tag: null }, linkId: null, source: null };
const baseHook: Hook = { direction: 'ingress', legacy: [baseFilter], legacyPrefsKnown: true, tcx: [baseTcx] };
const withFilter = (o: Partial<LegacyFilter>): Hook => ({ ...baseHook, legacy: [{ ...baseFilter, ...o }] });
const withAction = (o: object): Hook => withFilter({ actions: [{ ...baseFilter.actions[0]!, ...o }] });
const CHANGES: Array<[string, Hook, VendorMatch]> = [
  ['handle 0x10 -> 0x20', withFilter({ handle: '0x20' }), cil],
  ['protocol ip -> 1p', withFilter({ protocol: '1p' }), cil],
  ['chain 0 -> 1', withFilter({ chain: 1 }), cil],
  ['directAction true -> false', withFilter({ directAction: false }), cil],
  ['directAction true -> null', withFilter({ directAction: null }), cil],
  ['classid 1:1 -> 2:1', withFilter({ classid: '2:1' }), cil],
  ['flags +skip_sw', withFilter({ flags: ['not_in_hw', 'skip_sw'] }), cil],
  ['flags not_in_hw -> skip_hw', withFilter({ flags: ['skip_hw'] }), cil],
  ['no actions', withFilter({ actions: [] }), cil],
  ['action order', withAction({ order: 2 }), cil],
  ['action kind gact -> pact', withAction({ kind: 'pact' }), cil],
  ['action control pass -> drop', withAction({ control: 'drop' }), cil],
  ['action detail x -> y', withAction({ detail: 'y' }), cil],
  ['u32 terminal', withFilter({ u32: { terminal: false, link: '1:' } }), cil],
  ['u32 link 1: -> 2:', withFilter({ u32: { terminal: true, link: '2:' } }), cil],
  ['u32 matchesEvery absent -> true', withFilter({ u32: { terminal: true, link: '1:', matchesEvery: true } }), cil],
  ['no u32 key', withFilter({ u32: undefined }), cil],
  ['program name p -> q', withFilter({ program: { id: 7, name: 'q', tag: null } }), cil],
  ['tcx attach', { ...baseHook, tcx: [{ ...baseTcx, attach: 'netkit' }] }, cil],
  ['tcx program id (one with instructions)', { ...baseHook, tcx: [{ ...baseTcx, program: { ...baseTcx.program, id: 8 } }] }, cil],
  ['tcx null', { ...baseHook, tcx: null }, cil],
  ['legacyPrefsKnown', { ...baseHook, legacyPrefsKnown: false }, cil],
  ['the legacy ingress qdisc', { ...baseHook, ingressQdisc: true }, cil],
  ['direction', { ...baseHook, direction: 'egress' }, cil],
  ['filter vendor', baseHook, { id: 'calico', evidence: '' }],
];

describe('ShapeTable tells apart hooks that differ in any one field of the key', () => {
  it.each(CHANGES)('%s', (_, other, vendor) => {
    expect(hookShapeKey('eth0', other, [vendor], [cil], ctx)).not.toBe(hookShapeKey('eth0', baseHook, [cil], [cil], ctx));
    for (const hash of [undefined, () => 0]) {
      const table = new ShapeTable(hash);
      expect(table.find('eth0', baseHook, [cil], [cil], ctx)).toBeUndefined();
      table.add(rep(0));
      expect(table.find('eth0', other, [vendor], [cil], ctx)).toBeUndefined();
      expect(table.find('eth0', baseHook, [cil], [cil], ctx)?.device).toBe('rep0');
    }
  });
});
