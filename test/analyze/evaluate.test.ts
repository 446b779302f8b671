import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../src/model/analysis.js';
import { afterProgram, allReach, applicability, reachOf, walk, walkTcx, type Step } from '../../src/analyze/evaluate.js';
import { tcxStops } from '../../src/analyze/attachMode.js';

const step = (protocol: string | null, terminal: Terminal, chain: number | null = 0): Step => ({ protocol, terminal, chain });

describe('applicability', () => {
  it.each([
    ['all', 'ipv4', 'full'],
    ['ip', 'ipv4', 'full'],
    ['ip', 'ipv6', 'none'],
    ['ipv6', 'ipv6', 'full'],
    ['ipv6', 'other', 'none'],
    ['arp', 'other', 'partial'],
    ['802.1Q', 'ipv4', 'none'],
    [null, 'ipv6', 'unknown'],
  ] as const)('%s selects %s: %s', (p, c, want) => expect(applicability(p, c)).toBe(want));
});

describe('walk', () => {
  it('an always-terminal protocol-all filter hides everything after it', () => {
    const r = walk(allReach(true), [step('all', 'never'), step('all', 'always'), step('all', 'never')], false);
    expect(r.reaches[1]).toEqual(allReach(true));
    expect(r.reaches[2]).toEqual(allReach(false));
    expect(r.after).toEqual(allReach(false));
  });
  it('a protocol ip terminal filter hides only IPv4 and never sees IPv6', () => {
    const r = walk(allReach(true), [step('ip', 'always'), step('all', 'never')], false);
    expect(r.reaches[0]).toEqual({ ipv4: true, ipv6: false, other: false });
    expect(r.reaches[1]).toEqual({ ipv4: false, ipv6: true, other: true });
  });
  it('sometimes and unknown verdicts make what follows unknowable, never false', () => {
    const r = walk(allReach(true), [step('all', 'sometimes'), step('all', 'never'), step('all', 'unknown'), step('all', 'never')], false);
    expect(r.reaches[1]).toEqual(allReach(null));
    expect(r.reaches[3]).toEqual(allReach(null));
  });
  it('filters outside chain 0 are unreachable without a goto chain, unknown with one', () => {
    expect(walk(allReach(true), [step('all', 'never', 5)], false).reaches[0]).toEqual(allReach(false));
    expect(walk(allReach(true), [step('all', 'never', 5)], true).reaches[0]).toEqual(allReach(null));
  });
  it('unknown protocol (bpftool-only) with a terminal verdict leaves reach unknown', () => {
    const after = afterProgram(allReach(true), null, 'always');
    expect(after).toEqual(allReach(null));
    expect(reachOf(allReach(true), null)).toEqual(allReach(null));
  });

  const terminal = fc.constantFrom<Terminal>('always', 'never', 'sometimes', 'unknown');
  const protocol = fc.constantFrom('all', 'ip', 'ipv6', 'arp', null);
  const steps = fc.array(fc.record({ protocol, terminal, chain: fc.constant(0) }), { maxLength: 12 });

  prop.prop([steps])('UNSPEC-only chains reach everything their protocol selects', (s) => {
    const never = s.map((x) => ({ ...x, terminal: 'never' as const }));
    const r = walk(allReach(true), never, false);
    never.forEach((x, i) => {
      expect(r.reaches[i]!.ipv4).toBe(x.protocol === null ? null : ['all', 'ip'].includes(x.protocol));
      expect(r.reaches[i]!.ipv6).toBe(x.protocol === null ? null : ['all', 'ipv6'].includes(x.protocol));
    });
    expect(r.after).toEqual(allReach(true));
  });

  prop.prop([steps, steps])('after an always-terminal protocol-all filter nothing is reachable', (a, b) => {
    const r = walk(allReach(true), [...a, step('all', 'always'), ...b], false);
    for (const reach of r.reaches.slice(a.length + 1)) expect(reach).toEqual(allReach(false));
  });

  prop.prop([steps])('reach never comes back once false (monotone)', (s) => {
    const r = walk(allReach(true), s, false);
    let state = allReach(true);
    s.forEach((x, i) => {
      for (const c of ['ipv4', 'ipv6', 'other'] as const) if (state[c] === false) expect(r.reaches[i]![c]).toBe(false);
      state = afterProgram(state, x.protocol, x.terminal);
    });
  });
});

describe('walkTcx (net/core/dev.c tcx_run)', () => {
  const T = allReach(true);
  const F = allReach(false);
  const N = allReach(null);
  const step = (codes: number[] | null, ends: Terminal) => ({ ends, stops: tcxStops(codes, ends) });
  it.each([
    ['NEXT only: every program and the legacy walk run', [step([-1], 'never'), step([0], 'always')], [T, T], F],
    ['PASS first: nothing after it runs', [step([0], 'always'), step([-1], 'never')], [T, F], F],
    ['3 (PIPE) stops the tcx chain, then counts as NEXT: the PASS after it never runs, legacy does',
      [step([3], 'never'), step([0], 'always')], [T, F], T],
    ['-1 or 3: some reach the next program, all reach legacy', [step([-1, 3], 'never'), step([0], 'always')], [T, N], N],
    ['-1 or 0: some end everything', [step([-1, 0], 'sometimes')], [T], N],
    ['unknown codes: the next program and legacy may or may not run', [step(null, 'unknown'), step([-1], 'never')], [T, N], N],
    ['a knowledge-base "always" without codes stops the chain', [step(null, 'always'), step([-1], 'never')], [T, F], F],
  ] as const)('%s', (_n, steps, reaches, after) => {
    const r = walkTcx(T, steps);
    expect(r.reaches).toEqual(reaches);
    expect(r.after).toEqual(after);
  });

  it('tcxStops: any value but -1 stops the chain', () => {
    expect([tcxStops([-1], 'never'), tcxStops([3], 'never'), tcxStops([-1, 1000], 'never'), tcxStops(null, 'never')]).toEqual(['never', 'always', 'sometimes', 'unknown']);
  });
});
