// Kernel-truth for u32 keys: only a matched key with the terminal flag (TC_U32_TERMINAL, set
// by tc with a classid or an action) ends the walk (net/sched/cls_u32.c u32_classify).
// Each case puts a u32 key matching every IPv4 packet (`match u32 0 0`, `protocol ip`) at
// pref 1 and a counting program (t_unspec) at pref 2; the kernel's run counters of the pref-2
// program say whether the key ended the walk, and tc-audit's `reaches` for it must agree.
// A terminal key whose words all have mask 0 (`match u32 0 0`), in its classifier's only table,
// matches every IPv4 packet: tc-audit calls it "always" for `protocol ip` (src/parse/u32Words.ts).
// The same setups are recorded as fixtures by scripts/record-u32-fixtures.sh.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Terminal } from '../../src/model/analysis.js';
import { describeLive } from '../helpers/live.js';
import { inNs } from '../helpers/netns.js';
import { BPF_TRUTH } from './liveHelpers.js';
import { checkTruth } from './truthCheck.js';
import { createRig, type Rig } from './truthRig.js';

interface Case {
  name: string;
  /** `tc filter ...` argument lists after `dev v0 ingress`, in order (the first word is add/change). */
  u32: string[][];
  /** tc-audit's verdict for each u32 key, in dump order. */
  verdicts: Array<[string, Terminal]>;
  /** Did the kernel run the pref-2 program for IPv4 / IPv6? */
  ran: [boolean, boolean];
  /** tc-audit's reaches for the pref-2 program (null: it cannot tell, not checked). */
  reaches: [boolean | null, boolean | null];
}

const MATCH_ALL = ['match', 'u32', '0', '0'];
const key = (...rest: string[]) => ['add', 'protocol', 'ip', 'pref', '1', 'u32', ...MATCH_ALL, ...rest];

const cases: Case[] = [
  {
    name: '(a) no class, no action: no terminal flag, a match moves on',
    u32: [key()], verdicts: [['800::800', 'never']], ran: [true, true], reaches: [true, true],
  },
  {
    name: '(b) classid 1:1: terminal, and every IPv4 packet matches and ends the walk',
    u32: [key('classid', '1:1')], verdicts: [['800::800', 'always']], ran: [false, true], reaches: [false, true],
  },
  {
    name: '(c) an action (mirred mirror, pipe): terminal, the chain of PIPEs returns PIPE and ends the walk',
    u32: [key('action', 'mirred', 'egress', 'mirror', 'dev', 'm0')], verdicts: [['800::800', 'always']], ran: [false, true], reaches: [false, true],
  },
  {
    name: '(c) the same action with control continue: terminal, but the chain continues',
    u32: [key('action', 'mirred', 'egress', 'mirror', 'dev', 'm0', 'continue')], verdicts: [['800::800', 'never']], ran: [true, true], reaches: [true, true],
  },
  {
    name: '(d) a class without the terminal flag (`tc filter change` keeps the old selector): a match moves on',
    u32: [['add', 'protocol', 'ip', 'pref', '1', 'handle', '800::800', 'u32', ...MATCH_ALL],
      ['change', 'protocol', 'ip', 'pref', '1', 'handle', '800::800', 'u32', 'classid', '1:1']],
    verdicts: [['800::800', 'never']], ran: [true, true], reaches: [true, true],
  },
  {
    name: 'skip_sw: the key runs only in hardware (veth has none), so software walks past it: never',
    u32: [key('classid', '1:1', 'skip_sw')], verdicts: [['800::800', 'never']], ran: [true, true], reaches: [true, true],
  },
  {
    name: '`protocol all`: every IP packet matches, a non-IP frame only when long enough: sometimes',
    u32: [['add', 'protocol', 'all', 'pref', '1', 'u32', ...MATCH_ALL, 'classid', '1:1']],
    verdicts: [['800::800', 'sometimes']], ran: [false, false], reaches: [null, null],
  },
  {
    name: 'a word that tests the destination (no packet sent matches it): sometimes',
    u32: [['add', 'protocol', 'ip', 'pref', '1', 'u32', 'match', 'ip', 'dst', '192.0.2.99/32', 'classid', '1:1']],
    verdicts: [['800::800', 'sometimes']], ran: [true, true], reaches: [null, true],
  },
  {
    name: 'a link into a table whose key has no terminal flag: the walk goes on (tc-audit leaves the linking key open)',
    u32: [['add', 'protocol', 'ip', 'pref', '1', 'handle', '1:', 'u32', 'divisor', '1'],
      ['add', 'protocol', 'ip', 'pref', '1', 'u32', 'ht', '1:', ...MATCH_ALL],
      ['add', 'protocol', 'ip', 'pref', '1', 'u32', 'ht', '800:', ...MATCH_ALL, 'link', '1:']],
    verdicts: [['1::800', 'never'], ['800::800', 'sometimes']], ran: [true, true], reaches: [null, true],
  },
  {
    name: 'a link into a table whose key is terminal: the walk ends',
    u32: [['add', 'protocol', 'ip', 'pref', '1', 'handle', '1:', 'u32', 'divisor', '1'],
      ['add', 'protocol', 'ip', 'pref', '1', 'u32', 'ht', '1:', ...MATCH_ALL, 'classid', '1:2'],
      ['add', 'protocol', 'ip', 'pref', '1', 'u32', 'ht', '800:', ...MATCH_ALL, 'link', '1:']],
    verdicts: [['1::800', 'sometimes'], ['800::800', 'sometimes']], ran: [false, true], reaches: [null, true],
  },
];

describeLive('kernel truth: u32 keys end the walk only with the terminal flag', () => {
  let rig: Rig;
  beforeAll(() => {
    rig = createRig('ku');
    // Where the mirred cases mirror to: a veth pair of its own, so v0 sees only what we send.
    inNs(rig.a, 'ip', ['link', 'add', 'm0', 'type', 'veth', 'peer', 'name', 'm1']);
    for (const d of ['m0', 'm1']) {
      inNs(rig.a, 'ip', ['link', 'set', d, 'addrgenmode', 'none']);
      inNs(rig.a, 'ip', ['link', 'set', d, 'up']);
    }
  });
  afterAll(() => rig?.close());

  for (const c of cases) {
    it(c.name, async () => {
      try {
        inNs(rig.a, 'tc', ['qdisc', 'del', 'dev', 'v0', 'clsact']);
      } catch {
        // none yet
      }
      inNs(rig.a, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
      for (const args of c.u32) inNs(rig.a, 'tc', ['filter', args[0]!, 'dev', 'v0', 'ingress', ...args.slice(1)]);
      inNs(rig.a, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'all', 'pref', '2', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_unspec.o`, 'sec', 'tc']);
      const r = await checkTruth(rig);
      expect(r.hook.filters?.filter((f) => f.filter.kind === 'u32').map((f) => [f.filter.handle, f.verdict.terminal])).toEqual(c.verdicts);
      const pref2 = r.claims.find((x) => x.label.startsWith('pref 2'));
      expect(pref2).toBeDefined();
      // The kernel, independent of tc-audit: did the program after the key run?
      expect([(r.ran.ipv4.get(pref2!.progId) ?? 0) > 0, (r.ran.ipv6.get(pref2!.progId) ?? 0) > 0]).toEqual(c.ran);
      expect([pref2!.reaches.ipv4, pref2!.reaches.ipv6]).toEqual(c.reaches);
      expect(r.mismatches).toEqual([]);
    });
  }
});
