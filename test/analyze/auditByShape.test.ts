// Auditing one hook per shape must give exactly what auditing every hook on its own gives:
// the same analysis, findings (order included), recommendation and agent settings.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import type { AgentSettings } from '../../src/agent/types.js';
import type { ShapesFactory } from '../../src/analyze/analyze.js';
import { KeyedShapes } from '../helpers/keyedShapes.js';
import { auditByShape } from '../../src/analyze/audit.js';
import type { AuditOptions } from '../../src/analyze/contracts.js';
import type { Hook, LegacyFilter, NodeSnapshot, TcxProgram } from '../../src/model/snapshot.js';
import { parseInput } from '../../src/parse/index.js';
import { formatTable } from '../../src/report/table/index.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../src/report/types.js';
import { mergeParsed } from '../../src/parse/merge.js';
import { exit, movK, prog } from './bytecode/asm.js';
import { bpf, tcx } from '../helpers/snapshotBuilders.js';

let n = 0;
/** Every hook its own shape: the plain audit of every hook. */
const everyHookApart: ShapesFactory = () => new KeyedShapes(() => String(n++));

/** Both audits, without their `representatives` (which hook stood for which: that is the
 *  one thing they are meant to differ in), and the shaped result as the table draws it. */
function bothWays(nodes: NodeSnapshot[], agent: Partial<AgentSettings> = {}, mode: AuditOptions['mode'] = 'offline') {
  const options: AuditOptions = { agent: { ...defaultAgentSettings(), ...agent }, mode, assume: {}, errors: [], notes: [], inputs: [] };
  const { representatives, ...shaped } = auditByShape(nodes, options);
  const { representatives: _, ...alone } = auditByShape(nodes, options, everyHookApart);
  expect(representatives?.size).toBe(shaped.analysis.nodes.reduce((n, x) => n + x.hooks.length, 0));
  const tables = (verbose: boolean) => [formatTable({ ...shaped, representatives }, { ...DEFAULT_FORMAT_OPTIONS, verbose }), formatTable(alone, { ...DEFAULT_FORMAT_OPTIONS, verbose })];
  return { shaped, alone, tables };
}

const AGENTS: Array<Partial<AgentSettings>> = [
  {},
  { ingressEnabled: false },
  { classifierPriority: 3, source: 'flag', configuredPriority: 3 },
  { classifierPriority: 0, source: 'flag', configuredPriority: 0, agentVersion: '7.37.0', cniVersion: 'cilium 1.9.5' },
  { networkEnabled: false },
];

const filter = (pref: number, tcName: string, name: string, id: number, o: Partial<LegacyFilter> = {}): LegacyFilter =>
  bpf(pref, tcName, { program: { id, name, tag: 'ab' }, source: { file: 'f', line: id }, ...o });

/** Many pod veths over a few chain shapes, per-device names and ids, two nodes. */
function syntheticNode(name: string, devices: number): NodeSnapshot {
  let id = 100;
  const programs: NodeSnapshot['programs'] = [];
  const netns: NodeSnapshot['netns'] = [{ id: 'host', inode: null, path: null, owner: null, devices: [] }, { id: 'cni-1', inode: null, path: null, owner: null, devices: [] }];
  for (let d = 0; d < devices; d++) {
    const dev = d % 7 === 0 ? `eth${d}` : `lxc${d.toString(16)}ab`;
    const hooks: Hook[] = (['ingress', 'egress'] as const).map((dir, k) => {
      const variant = (d + k) % 6;
      const legacy: LegacyFilter[] = [];
      if (variant === 0) legacy.push(filter(1, `cil_from_container-${dev}`, 'cil_from_contai', id++));
      if (variant === 1) legacy.push(filter(5, `prog_${dev}.o:[tc]`, 'mystery', id++), filter(5, `prog2_${dev}.o:[tc]`, 'mystery', id++, { handle: '0x2' }));
      if (variant === 2) legacy.push(filter(2, `x.o:[${id}]`, 'ip_only', id++, { protocol: 'ip' }));
      if (variant === 3) {
        // Bytecode verdict: evidence names the program id, so only this hook has it.
        const pid = id++;
        programs.push({ ...prog([movK(0, 2), exit()], pid), name: 'dropper' });
        legacy.push(filter(4, `drop_${dev}`, 'dropper', pid));
        legacy.push({ ...filter(30, 'u', 'u', id++), kind: 'u32', tcName: null, program: null, actions: [{ order: 1, kind: 'gact', control: 'goto chain 5', detail: null }] });
        legacy.push({ ...filter(40, 'm', 'm', id++), kind: 'matchall', tcName: null, program: null, chain: 5, actions: [{ order: 1, kind: 'gact', control: 'drop', detail: null }] });
      }
      if (d % 3 !== 0) legacy.push(filter(d % 2 ? 10 : 20, `classifier_${dir}_security_${d}:[${id}]`, `classifier_${dir}`, id++));
      const tcxProgs: TcxProgram[] | null = variant === 4 ? [tcx('cil_tcx_prog', id++)] : variant === 5 ? null : [];
      // bpftool-only hooks: no prefs, and pref-unknown's remediation names the device.
      const prefsKnown = d % 11 !== 5;
      // Some devices hold the legacy ingress qdisc (known true/false on some, unknown on others).
      const ingressQdisc = d % 7 === 3 ? true : d % 7 === 4 ? false : undefined;
      return { direction: dir, legacy, legacyPrefsKnown: prefsKnown, tcx: tcxProgs, ...(ingressQdisc === undefined ? {} : { ingressQdisc }) };
    });
    netns[d % 2]!.devices.push({ name: dev, ifindex: d + 2, linkKind: 'veth', hooks });
  }
  return { name, versions: { kernel: '6.8.0', iproute2: null, bpftool: null }, tcxVisible: name === 'b' ? false : null, netns, programs, progArrays: [] };
}

const scenarios = readdirSync('fixtures/scenarios').filter((f) => f.endsWith('.capture'));

describe('audit by hook shape', () => {
  it.each(AGENTS)('synthetic nodes, agent %o', (agent) => {
    const { shaped, alone } = bothWays([syntheticNode('a', 80), syntheticNode('b', 40)], agent);
    expect(shaped.findings.length).toBeGreaterThan(0);
    expect(shaped).toEqual(alone);
    // Same order too (toEqual on arrays is ordered), and no internal keys leak out.
    expect(JSON.stringify(shaped)).toBe(JSON.stringify(alone));
    expect(shaped.findings.every((f) => Object.getOwnPropertySymbols(f).length === 0)).toBe(true);
    // The table groups hooks by shape when it knows the shapes: the same grids either way.
    for (const verbose of [false, true]) {
      const [byShape, byHook] = bothWays([syntheticNode('a', 80), syntheticNode('b', 40)], agent).tables(verbose);
      expect(byShape).toBe(byHook);
    }
  });

  // Each case: one u32 key per device, differing only in `u32`, then a bpf filter whose IPv4
  // reach the key decides.
  type U32 = NonNullable<LegacyFilter['u32']>;
  it.each<[string, Partial<LegacyFilter>, U32[], Array<boolean | null>]>([
    ['the terminal flag', {}, [false, true, null, false].map((terminal) => ({ terminal, link: null })), [true, null, null, true]],
    ['whether they match every packet', { protocol: 'ip', classid: '1:1' },
      [true, false, null, true].map((matchesEvery) => ({ terminal: true, link: null, matchesEvery })), [false, null, null, false]],
  ])('u32 keys that differ only in %s are different shapes', (_, base, keys, reaches) => {
    const key = (u32: U32): LegacyFilter =>
      ({ ...filter(1, 'u', 'u', 1), kind: 'u32', handle: '800::800', tcName: null, program: null, directAction: null, ...base, u32 });
    const devices = keys.map((u, i) => ({ name: `v${i}`, ifindex: i + 2, linkKind: 'veth',
      hooks: [{ direction: 'ingress' as const, legacy: [key(u), filter(2, 'x.o:[tc]', 'x', 10 + i)], legacyPrefsKnown: true, tcx: [] }] }));
    const nodes: NodeSnapshot[] = [{ name: 'n', versions: { kernel: '6.8.0', iproute2: null, bpftool: null }, tcxVisible: null,
      netns: [{ id: 'host', inode: null, path: null, owner: null, devices }], programs: [], progArrays: [] }];
    const { shaped, alone } = bothWays(nodes);
    expect(JSON.stringify(shaped)).toBe(JSON.stringify(alone));
    expect(shaped.analysis.nodes[0]?.hooks.map((h) => h.filters?.[1]?.reaches.ipv4)).toEqual(reaches);
  });

  it('live mode', () => {
    const { shaped, alone } = bothWays([syntheticNode('a', 30)], {}, 'live');
    expect(shaped).toEqual(alone);
  });

  it.each(scenarios)('%s', (file) => {
    const path = `fixtures/scenarios/${file}`;
    const { nodes } = mergeParsed([parseInput(readFileSync(path, 'utf8'), path, { device: null, direction: null, node: null })]);
    for (const agent of AGENTS) {
      const { shaped, alone, tables } = bothWays(nodes, agent);
      expect(JSON.stringify(shaped)).toBe(JSON.stringify(alone));
      const [byShape, byHook] = tables(false);
      expect(byShape).toBe(byHook);
    }
  });
});
