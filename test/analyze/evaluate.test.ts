import { fc, test as prop } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Terminal } from '../../src/model/analysis.js';
import { afterProgram, allReach, applicability, reachOf, walk, type Step } from '../../src/analyze/evaluate.js';

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
