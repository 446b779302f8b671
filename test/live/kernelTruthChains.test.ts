// Kernel-truth, generated: fast-check builds chains (prefs, protocols, several filters per
// pref in a random add order, direct-action and classic programs, tcx ahead), real IPv4 and
// IPv6 packets go through v0 ingress, and every reach claim tc-audit makes must match the
// kernel's per-program run counters.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLive } from '../helpers/live.js';
import { checkTruth } from './truthCheck.js';
import { createRig, installChain, type LegacySpec, type Rig } from './truthRig.js';

const RUNS = Number(process.env.TC_AUDIT_TRUTH_RUNS ?? 60);

// Pass-through codes weigh more so chains go deep enough to test what lies behind them.
const legacyProg = fc.constantFrom('t_unspec', 't_unspec', 't_pipe', 't_reclass', 't_cl_nomatch', 't_ok', 't_shot', 't_cl_match');
const tcxProg = fc.constantFrom('t_tcx_next', 't_tcx_next', 't_tcx_next', 't_tcx_pass');

// One protocol per pref: the kernel refuses a second protocol at an existing pref.
const group = fc.record({
  pref: fc.integer({ min: 1, max: 12 }),
  protocol: fc.constantFrom('all', 'all', 'ip', 'ipv6') as fc.Arbitrary<LegacySpec['protocol']>,
  progs: fc.array(legacyProg, { minLength: 1, maxLength: 3 }),
});

const chain = fc.record({
  groups: fc.uniqueArray(group, { selector: (g) => g.pref, minLength: 1, maxLength: 4 }),
  tcx: fc.array(tcxProg, { maxLength: 2 }),
  /** Interleave the adds across prefs: the add order only matters within a pref. */
  seed: fc.integer({ min: 0, max: 1000 }),
});

function addOrder(groups: Array<{ pref: number; protocol: LegacySpec['protocol']; progs: string[] }>, seed: number): LegacySpec[] {
  const queues = groups.map((g) => g.progs.map((prog) => ({ pref: g.pref, protocol: g.protocol, prog })));
  const out: LegacySpec[] = [];
  let s = seed;
  while (queues.some((q) => q.length > 0)) {
    const open = queues.filter((q) => q.length > 0);
    s = (s * 1103515245 + 12345) % 2147483648;
    out.push(open[s % open.length]!.shift()!);
  }
  return out;
}

describeLive('kernel truth: generated chains', () => {
  let rig: Rig;
  beforeAll(() => {
    rig = createRig('kg');
  });
  afterAll(() => rig?.close());

  it(`tc-audit's reach claims match the kernel's run counters on ${RUNS} generated chains`, async () => {
    let decided = 0;
    let unknown = 0;
    await fc.assert(
      fc.asyncProperty(chain, async (c) => {
        const legacy = addOrder(c.groups, c.seed);
        installChain(rig, legacy, c.tcx);
        const r = await checkTruth(rig);
        decided += r.claims.length * 2 - r.unknown;
        unknown += r.unknown;
        if (r.mismatches.length > 0) {
          throw new Error(`chain tcx=${JSON.stringify(c.tcx)} legacy (add order)=${JSON.stringify(legacy)}\n${r.mismatches.join('\n')}`);
        }
      }),
      // No shrinking: each run costs real tc/bpftool calls; the failing chain is printed whole.
      { numRuns: RUNS, endOnFailure: true },
    );
    // tc-audit must actually decide most claims, or the comparison proves little.
    expect(decided).toBeGreaterThan(unknown * 4);
  }, 240_000);
});
