import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/model/analysis.js';
import { resolveFilterVerdict, resolveTcxVerdict, type VerdictContext } from '../../src/analyze/verdict.js';
import { identifyFilter } from '../../src/analyze/vendors/identify.js';
import { bpf, tcx } from '../helpers/snapshotBuilders.js';

const ctx = (o: Partial<VerdictContext> = {}): VerdictContext => ({ programs: new Map(), progArrays: [], assume: {}, bytecode: null, ...o });
const byteVerdict = (codes: number[]): Verdict => ({ terminal: 'never', returnCodes: codes, source: 'bytecode', mode: 'direct-action', evidence: ['test'], disagreement: null });

describe('resolveFilterVerdict precedence', () => {
  const cilium = bpf(1, 'cil_from_container-lxc1', { program: { id: 7, name: 'cil_from_contai', tag: null } });
  const prog = { id: 7, type: 'sched_cls', name: 'cil_from_contai', tag: null, mapIds: [], xlated: [] };

  it('knowledge base when nothing better is known', () => {
    const v = resolveFilterVerdict(cilium, identifyFilter(cilium), ctx());
    expect(v).toMatchObject({ terminal: 'always', source: 'knowledge-base', returnCodes: [0, 2, 7] });
  });
  it('--assume beats the knowledge base', () => {
    const v = resolveFilterVerdict(cilium, identifyFilter(cilium), ctx({ assume: { cilium: 'unspec' } }));
    expect(v).toMatchObject({ terminal: 'never', source: 'assumed', returnCodes: [-1] });
  });
  it('bytecode beats --assume, and a disagreement with the knowledge base is recorded', () => {
    const v = resolveFilterVerdict(cilium, identifyFilter(cilium), ctx({
      assume: { cilium: 'ok' },
      programs: new Map([[7, prog]]),
      bytecode: () => byteVerdict([-1]),
    }));
    expect(v.source).toBe('bytecode');
    expect(v.disagreement).toContain('knowledge base expects cilium');
  });
  it('classic mode: the bytecode codes are re-read through the action chain', () => {
    const classic = { ...cilium, directAction: false, actions: [{ order: 1, kind: 'gact', control: 'continue', detail: null }] };
    const v = resolveFilterVerdict(classic, identifyFilter(classic), ctx({ programs: new Map([[7, prog]]), bytecode: () => byteVerdict([0, 1]) }));
    expect(v.terminal).toBe('never');
  });
  it('unknown vendor without bytecode is unknown, never guessed', () => {
    const f = bpf(3, 'x.o:[tc]');
    expect(resolveFilterVerdict(f, identifyFilter(f), ctx())).toMatchObject({ terminal: 'unknown', source: 'none', returnCodes: null });
  });
  it('skip_sw filters have no software effect', () => {
    const f = bpf(3, 'x.o:[tc]', { flags: ['skip_sw', 'in_hw'] });
    expect(resolveFilterVerdict(f, identifyFilter(f), ctx()).terminal).toBe('never');
  });
  it('non-bpf filters: matchall with gact drop always ends; flower sometimes; continue never', () => {
    const drop = [{ order: 1, kind: 'gact', control: 'drop', detail: null }];
    const cont = [{ order: 1, kind: 'gact', control: 'continue', detail: null }];
    const m = bpf(2, null, { kind: 'matchall', actions: drop });
    const fl = bpf(2, null, { kind: 'flower', actions: drop });
    const u = bpf(2, null, { kind: 'u32', actions: cont });
    expect(resolveFilterVerdict(m, identifyFilter(m), ctx()).terminal).toBe('always');
    expect(resolveFilterVerdict(fl, identifyFilter(fl), ctx()).terminal).toBe('sometimes');
    expect(resolveFilterVerdict(u, identifyFilter(u), ctx()).terminal).toBe('never');
  });
});

describe('resolveTcxVerdict', () => {
  it('uses the tcx knowledge-base verdict', () => {
    const p = tcx('cil_from_container', 40);
    expect(resolveTcxVerdict(p, { id: 'cilium', evidence: '' }, ctx())).toMatchObject({ terminal: 'always', mode: 'tcx' });
  });
});

describe('knowledge-base verdicts and vendor versions (--cni-version)', () => {
  const retina = bpf(1, 'retina.o:[x]', { program: { id: 3, name: 'endpoint_ingres', tag: null } });
  const at = (version: string | null) =>
    resolveFilterVerdict(retina, identifyFilter(retina), ctx({ vendorVersion: () => version }));
  it('uses the range the knowledge base knows when the version is in it', () => {
    expect(at('0.0.8')).toMatchObject({ terminal: 'never', returnCodes: [-1] });
  });
  it('uses what older versions did when the version is outside the range', () => {
    expect(at('0.0.7')).toMatchObject({ terminal: 'always', returnCodes: [0] });
    expect(at('0.0.7').evidence[0]).toContain('before v0.0.8');
  });
  it('says which versions it assumed when none was given', () => {
    expect(at(null).evidence[0]).toContain('version not given');
  });
  it('is unknown outside the known range when nothing is known about other versions', () => {
    const p = tcx('cil_from_container', 40);
    const v = resolveTcxVerdict(p, { id: 'cilium', evidence: '' }, ctx({ vendorVersion: () => '1.14.2' }));
    expect(v.terminal).toBe('unknown');
  });
});
