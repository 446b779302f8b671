import { describe, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import { audit } from '../../src/analyze/audit.js';
import type { AuditOptions } from '../../src/analyze/contracts.js';
import type { Verdict } from '../../src/model/analysis.js';
import type { LegacyFilter } from '../../src/model/snapshot.js';
import { parseInput } from '../../src/parse/index.js';
import { mergeParsed } from '../../src/parse/merge.js';
import { recorded } from '../parse/fixtures.js';
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
  it('classic mode: --assume ok|unspec and knowledge-base return values are read the classic way; terminal|passthrough state the effect', () => {
    const classic = bpf(2, 'classic.o:[classifier]', { directAction: false, program: { id: 9, name: 'rec_classic', tag: null } });
    const as = (a: 'ok' | 'unspec' | 'terminal' | 'passthrough') => resolveFilterVerdict(classic, identifyFilter(classic), ctx({ assume: { unknown: a } }));
    // Returning TC_ACT_OK (0) is no match: the walk goes on. Returning UNSPEC (-1) is a match
    // with the default classid, and with no actions that is TC_ACT_OK: the walk ends
    // (net/sched/cls_bpf.c cls_bpf_classify; kernel truth in test/live/kernelTruthBasics).
    expect([as('ok').terminal, as('ok').returnCodes]).toEqual(['never', [0]]);
    expect([as('unspec').terminal, as('unspec').returnCodes]).toEqual(['always', [-1]]);
    expect([as('terminal').terminal, as('terminal').returnCodes]).toEqual(['always', null]);
    expect([as('passthrough').terminal, as('passthrough').returnCodes]).toEqual(['never', null]);
    // Retina's knowledge-base -1 (UNSPEC) is a match in classic mode: no actions, so TC_ACT_OK ends.
    const retina = bpf(2, 'retina.o:[classifier_endpoint_ingress]', { directAction: false, program: { id: 9, name: 'endpoint_ingres', tag: null } });
    const v = resolveFilterVerdict(retina, identifyFilter(retina), ctx());
    expect([v.source, v.terminal]).toEqual(['knowledge-base', 'always']);
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

describe('u32 keys: only a key with the terminal flag can end the walk (cls_u32.c u32_classify)', () => {
  const u32 = (terminal: boolean | null, link: string | null, o: Partial<LegacyFilter> = {}): LegacyFilter =>
    bpf(1, null, { kind: 'u32', directAction: null, handle: '800::800', u32: { terminal, link }, ...o });
  const v = (f: LegacyFilter) => resolveFilterVerdict(f, identifyFilter(f), ctx());
  const cont = [{ order: 1, kind: 'mirred', control: 'continue', detail: 'egress mirror' }];

  it('without the flag and without a link a match moves on: never', () => {
    expect(v(u32(false, null))).toMatchObject({ terminal: 'never', mode: 'not-bpf', source: 'none',
      evidence: ['u32 key without the terminal flag: a match moves on to the next key (cls_u32.c u32_classify)'] });
    // Its actions never run, whatever they are.
    expect(v(u32(false, null, { actions: [{ order: 1, kind: 'gact', control: 'drop', detail: null }] })).terminal).toBe('never');
  });
  it('with the flag: as before, the action chain decides', () => {
    expect(v(u32(true, null)).terminal).toBe('sometimes');
    expect(v(u32(true, null, { classid: '1:1' })).evidence).toContain('u32 key with the terminal flag (a class or an action): a match runs its actions');
    expect(v(u32(true, null, { actions: cont })).terminal).toBe('never');
  });
  it('with a link the linked table decides: sometimes, even without the flag', () => {
    const r = v(u32(false, '1:'));
    expect(r.terminal).toBe('sometimes');
    expect(r.evidence).toContain('u32 key with link 1: (a match descends into that hash table, whose keys decide)');
  });
  it('flag unknown (tc -j), or no u32 facts at all (older bundles): sometimes, as before', () => {
    expect(v(u32(null, null)).terminal).toBe('sometimes');
    expect(v(bpf(1, null, { kind: 'u32', directAction: null, handle: '800::800' })).terminal).toBe('sometimes');
  });
  it('a terminal key matching every packet (matchesEvery) ends the walk for every packet of an IP-only protocol: always', () => {
    const every = (o: Partial<LegacyFilter>, u: Partial<NonNullable<LegacyFilter['u32']>> = {}) =>
      v(u32(true, null, { classid: '1:1', ...o, u32: { terminal: true, link: null, matchesEvery: true, ...u } }));
    for (const protocol of ['ip', 'ipv6', '0x0800', '0x86dd']) {
      const r = every({ protocol });
      expect(r.terminal, protocol).toBe('always');
      expect(r.evidence[0]).toContain('the key matches every IPv4 and IPv6 packet');
    }
    // protocol all (or another ethertype) also lets in non-IP frames, which match only when long enough.
    expect(every({ protocol: 'all' }).terminal).toBe('sometimes');
    expect(every({ protocol: 'all' }).evidence[0]).toContain('protocol all also lets in non-IP frames');
    expect(every({ protocol: '802.1Q' }).terminal).toBe('sometimes');
    expect(every({ protocol: null }).evidence[0]).toContain('its protocol is not shown');
    // The action chain still decides, and the flag, a link or unknown words take it back.
    expect(every({ protocol: 'ip', actions: cont }).terminal).toBe('never');
    expect(every({ protocol: 'ip' }, { terminal: null }).terminal).toBe('sometimes');
    expect(every({ protocol: 'ip' }, { terminal: false }).terminal).toBe('never');
    expect(every({ protocol: 'ip' }, { link: '1:' }).terminal).toBe('sometimes');
    expect(every({ protocol: 'ip' }, { matchesEvery: null }).terminal).toBe('sometimes');
    expect(every({ protocol: 'ip' }, { matchesEvery: false }).terminal).toBe('sometimes');
  });
  it('skip_sw: u32, matchall and flower filters run only in hardware, as bpf ones: never', () => {
    const every = u32(true, null, { protocol: 'ip', classid: '1:1', flags: ['skip_sw', 'in_hw'], u32: { terminal: true, link: null, matchesEvery: true } });
    expect(v(every)).toMatchObject({ terminal: 'never', evidence: ['skip_sw: runs only in hardware; in software it counts as UNSPEC'] });
    for (const kind of ['matchall', 'flower']) {
      const f = bpf(1, null, { kind, directAction: null, flags: ['skip_sw'], actions: [{ order: 1, kind: 'gact', control: 'drop', detail: null }] });
      expect(v(f).terminal, kind).toBe('never');
    }
  });
  it('--assume is about vendors of bpf programs and does not touch u32 keys', () => {
    const f = u32(false, null);
    expect(resolveFilterVerdict(f, identifyFilter(f), ctx({ assume: { unknown: 'terminal' } })).terminal).toBe('never');
  });
});

describe('recorded u32 dumps: what reaches the bpf filter at pref 2', () => {
  const options: AuditOptions = { agent: defaultAgentSettings(), mode: 'offline', assume: {}, errors: [], notes: [], inputs: [] };
  const pref2 = (file: string, iproute2: string | null) => {
    const { nodes } = mergeParsed([parseInput(recorded(file), file, { device: 'v0', direction: 'ingress', node: null, iproute2 })]);
    const hook = audit(nodes, options).analysis.nodes[0]?.hooks[0];
    const f = hook?.filters?.find((x) => x.filter.pref === 2);
    return [f?.reaches.ipv4, f?.reaches.ipv6];
  };
  // The kernel's run counters for these setups (test/live/kernelTruthU32.test.ts): pref 2 ran
  // for IPv4 after nonterminal, mirred-continue, changed-classid and link; not after classid and
  // mirred-pipe, whose terminal `match u32 0 0` key in the classifier's only table matches
  // every IPv4 packet; always for IPv6 (the keys are `protocol ip`). The link case's keys sit
  // in two tables, and which is the root the text does not say: unknown.
  it.each([
    ['nonterminal', [true, true]], ['classid', [false, true]], ['mirred-pipe', [false, true]],
    ['mirred-continue', [true, true]], ['changed-classid', [true, true]], ['link', [null, true]],
  ] as const)('%s', (name, want) => {
    expect(pref2(`u32-${name}.tc.txt`, '6.1.0')).toEqual(want);
    expect(pref2(`u32-${name}.tc6150.txt`, '6.15.0')).toEqual(want);
  });
  it('tc -j alone cannot tell: a key that could end the walk leaves IPv4 unknown', () => {
    expect(pref2('u32-nonterminal.tc.json', null)).toEqual([null, true]);
    expect(pref2('u32-mirred-continue.tc.json', null)).toEqual([true, true]);
  });
});
