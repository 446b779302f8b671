// Kernel-truth, hand-picked: each return code, classic mode, protocols, several filters at
// one pref, tcx ahead of legacy. The kernel's run counters judge tc-audit's reach claims.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLive } from '../helpers/live.js';
import { checkTruth } from './truthCheck.js';
import { createRig, installChain, type LegacySpec, type Rig } from './truthRig.js';

const cases: Array<{ name: string; legacy: LegacySpec[]; tcx: string[]; ran: Record<string, [boolean, boolean]> }> = [
  {
    name: 'OK ends the walk; UNSPEC, PIPE and RECLASSIFY continue in direct-action',
    legacy: [{ pref: 1, protocol: 'all', prog: 't_unspec' }, { pref: 2, protocol: 'all', prog: 't_pipe' },
      { pref: 3, protocol: 'all', prog: 't_reclass' }, { pref: 4, protocol: 'all', prog: 't_ok' }, { pref: 5, protocol: 'all', prog: 't_unspec' }],
    tcx: [],
    ran: { 'pref 1': [true, true], 'pref 2': [true, true], 'pref 3': [true, true], 'pref 4': [true, true], 'pref 5': [false, false] },
  },
  {
    name: 'SHOT ends the walk',
    legacy: [{ pref: 1, protocol: 'all', prog: 't_shot' }, { pref: 2, protocol: 'all', prog: 't_unspec' }],
    tcx: [], ran: { 'pref 1': [true, true], 'pref 2': [false, false] },
  },
  {
    name: 'protocol ip / ipv6 filters only see their family, so a terminal ip filter hides nothing from v6',
    legacy: [{ pref: 1, protocol: 'ip', prog: 't_ok' }, { pref: 2, protocol: 'ipv6', prog: 't_unspec' }, { pref: 3, protocol: 'all', prog: 't_unspec' }],
    tcx: [], ran: { 'pref 1': [true, false], 'pref 2': [false, true], 'pref 3': [false, true] },
  },
  {
    name: 'classic mode: 0 is no match (continue); a match without actions ends the walk',
    legacy: [{ pref: 1, protocol: 'all', prog: 't_cl_nomatch' }, { pref: 2, protocol: 'all', prog: 't_cl_match' }, { pref: 3, protocol: 'all', prog: 't_unspec' }],
    tcx: [], ran: { 'pref 1': [true, true], 'pref 2': [true, true], 'pref 3': [false, false] },
  },
  {
    name: 'tcx runs ahead of every legacy filter; TCX_PASS hides them, TCX_NEXT does not',
    legacy: [{ pref: 1, protocol: 'all', prog: 't_unspec' }],
    tcx: ['t_tcx_next', 't_tcx_pass'], ran: { 'tcx#0': [true, true], 'tcx#1': [true, true], 'pref 1': [false, false] },
  },
  {
    // tcx_run stops the tcx chain at any value but -1 and reads a value outside 0/2/7 as NEXT:
    // the TCX_PASS program after it never runs, and the legacy filter does.
    name: 'a tcx program returning 3 stops the tcx chain but not the legacy walk',
    legacy: [{ pref: 1, protocol: 'all', prog: 't_unspec' }],
    tcx: ['t_tcx_stop', 't_tcx_pass'], ran: { 'tcx#0': [true, true], 'tcx#1': [false, false], 'pref 1': [true, true] },
  },
];

describeLive('kernel truth: hand-picked chains', () => {
  let rig: Rig;
  beforeAll(() => {
    rig = createRig('kt');
  });
  afterAll(() => rig?.close());

  for (const c of cases) {
    it(c.name, async () => {
      installChain(rig, c.legacy, c.tcx);
      const r = await checkTruth(rig);
      expect(r.mismatches).toEqual([]);
      expect(r.unknown).toBe(0); // every claim decided, so every claim was checked
      // The kernel itself, independent of tc-audit: which programs ran per family.
      for (const [prefix, [v4, v6]] of Object.entries(c.ran)) {
        const claim = r.claims.find((x) => x.label.startsWith(prefix));
        expect(claim, prefix).toBeDefined();
        expect([(r.ran.ipv4.get(claim!.progId) ?? 0) > 0, (r.ran.ipv6.get(claim!.progId) ?? 0) > 0], prefix).toEqual([v4, v6]);
      }
    });
  }

  it('bpf_throw ends the program (its exception callback returns the cookie): tc-audit says unknown, never "reaches"', async () => {
    installChain(rig, [{ pref: 1, protocol: 'all', prog: 't_throw' }, { pref: 2, protocol: 'all', prog: 't_unspec' }], []);
    const r = await checkTruth(rig);
    expect(r.mismatches).toEqual([]);
    const after = r.claims.find((x) => x.label.startsWith('pref 2'))!;
    // The kernel: the datagrams (longer than 10 bytes) never got past the throw.
    expect([(r.ran.ipv4.get(after.progId) ?? 0) > 0, (r.ran.ipv6.get(after.progId) ?? 0) > 0]).toEqual([false, false]);
    expect([after.reaches.ipv4, after.reaches.ipv6]).toEqual([null, null]);
    expect(r.hook.filters?.[0]?.verdict.evidence.join('\n')).toContain('bpf_throw ends the program');
  });

  it('several filters at one pref: the newest runs first, and tc lists them in run order', async () => {
    // add order: t_ok, then t_unspec, then t_pipe, all at pref 1
    installChain(rig, [{ pref: 1, protocol: 'all', prog: 't_ok' }, { pref: 1, protocol: 'all', prog: 't_unspec' },
      { pref: 1, protocol: 'all', prog: 't_pipe' }, { pref: 2, protocol: 'all', prog: 't_unspec' }], []);
    const r = await checkTruth(rig);
    expect(r.claims.map((c) => c.label.split(' ').slice(0, 5).join(' '))).toEqual([
      'pref 1 all 0x3 t_pipe', 'pref 1 all 0x2 t_unspec', 'pref 1 all 0x1 t_ok', 'pref 2 all 0x1 t_unspec',
    ]);
    expect(r.claims.map((c) => (r.ran.ipv4.get(c.progId) ?? 0) > 0)).toEqual([true, true, true, false]);
    expect(r.mismatches).toEqual([]);
  });
});
