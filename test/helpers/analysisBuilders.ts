// Concise builders for the analysed model, with realistic defaults: a Cilium node whose
// lxc veth carries cil_from_container at pref 1 and the agent's classifier at pref 10.
import type { AgentSettings } from '../../src/agent/types.js';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import type { AnalyzedFilter, AnalyzedHook, AnalyzedNode, AnalyzedTcx, Analysis, Reach, Terminal, Verdict } from '../../src/model/analysis.js';
import type { LegacyFilter } from '../../src/model/snapshot.js';
import type { VendorId } from '../../src/analyze/vendors/ids.js';
import type { RuleContext } from '../../src/analyze/rules/types.js';
import type { Recommendation } from '../../src/recommend/types.js';
import { disableNetworkSnippets, setPrioritySnippets } from '../../src/recommend/snippets.js';

export const ALL: Reach = { ipv4: true, ipv6: true, other: true };
export const NONE: Reach = { ipv4: false, ipv6: false, other: false };
export const UNKNOWN: Reach = { ipv4: null, ipv6: null, other: null };

const CODES: Record<Terminal, number[] | null> = { always: [0, 2, 7], sometimes: [-1, 2], never: [-1], unknown: null };

export const verdict = (terminal: Terminal, o: Partial<Verdict> = {}): Verdict => ({
  terminal, returnCodes: CODES[terminal], source: terminal === 'unknown' ? 'none' : 'knowledge-base',
  mode: 'direct-action', evidence: [`test: ${terminal}`], disagreement: null, ...o,
});

export interface FilterOpts {
  pref?: number | null; vendor?: VendorId; terminal?: Terminal; verdict?: Verdict; protocol?: string | null;
  handle?: string | null; tcName?: string | null; progName?: string | null; progId?: number | null;
  chain?: number | null; reaches?: Reach; kind?: string; line?: number; u32?: LegacyFilter['u32'];
}

export function filter(o: FilterOpts = {}): AnalyzedFilter {
  const kind = o.kind ?? 'bpf';
  const progName = o.progName === undefined ? 'some_prog' : o.progName;
  return {
    filter: {
      pref: o.pref === undefined ? 1 : o.pref, protocol: o.protocol === undefined ? 'all' : o.protocol,
      chain: o.chain === undefined ? 0 : o.chain, kind, handle: o.handle === undefined ? '0x1' : o.handle,
      directAction: kind === 'bpf' ? true : null, flags: ['not_in_hw'],
      tcName: o.tcName === undefined ? (kind === 'bpf' ? `${progName}:[${o.progId ?? 7}]` : null) : o.tcName,
      program: kind === 'bpf' ? { id: o.progId === undefined ? 7 : o.progId, name: progName, tag: 'abcdef0123456789' } : null,
      classid: null, actions: [],
      source: o.line === undefined ? null : { file: 'node-a.tc.txt', line: o.line },
      ...(o.u32 === undefined ? {} : { u32: o.u32 }),
    },
    vendor: { id: o.vendor ?? 'unknown', evidence: 'test' },
    verdict: o.verdict ?? verdict(o.terminal ?? 'always', kind === 'bpf' ? {} : { mode: 'not-bpf', source: 'none', returnCodes: null }),
    reaches: o.reaches ?? ALL,
  };
}

/** Cilium's lxc filter: pref 1, handle 0x1, always ends the walk. */
export const cilium = (o: FilterOpts = {}): AnalyzedFilter =>
  filter({ vendor: 'cilium', progName: 'cil_from_contai', tcName: 'cil_from_container-lxc1', progId: 12, ...o });

/** The agent's classifier: pref 10, never ends the walk. */
export const agentFilter = (o: FilterOpts = {}): AnalyzedFilter =>
  filter({ vendor: 'datadog', pref: 10, handle: '0x1', terminal: 'never', progName: 'classifier_ingr', tcName: 'classifier_ingress_security_classifier_ingress_12_4026531840_1234', progId: 30, ...o });

/** A foreign filter at `pref` with the given verdict. */
export const foreign = (pref: number | null, terminal: Terminal, o: FilterOpts = {}): AnalyzedFilter =>
  filter({ vendor: 'unknown', pref, terminal, progName: 'mystery', handle: '0x2', progId: 50, ...o });

export function tcx(o: { vendor?: VendorId; terminal?: Terminal; name?: string; progId?: number; attach?: 'tcx' | 'netkit'; disagreement?: string } = {}): AnalyzedTcx {
  const t = o.terminal ?? 'always';
  return {
    attach: o.attach ?? 'tcx', program: { id: o.progId ?? 40, name: o.name ?? 'cil_from_container', tag: null }, linkId: 5, source: null,
    vendor: { id: o.vendor ?? 'cilium', evidence: 'test' },
    verdict: verdict(t, { mode: o.attach ?? 'tcx', disagreement: o.disagreement ?? null }), reaches: ALL,
  };
}

export interface HookOpts {
  node?: string | null; netns?: string; device?: string | null; direction?: 'ingress' | 'egress' | null;
  filters?: AnalyzedFilter[] | null; tcx?: AnalyzedTcx[] | null; legacyPrefsKnown?: boolean; ingressQdisc?: boolean | null;
}

export const hook = (o: HookOpts = {}): AnalyzedHook => ({
  node: o.node === undefined ? 'node-a' : o.node, netns: o.netns ?? 'host',
  device: o.device === undefined ? 'lxc1' : o.device, ifindex: 12,
  direction: o.direction === undefined ? 'ingress' : o.direction,
  filters: o.filters === undefined ? [] : o.filters, legacyPrefsKnown: o.legacyPrefsKnown ?? true,
  tcx: o.tcx === undefined ? [] : o.tcx, legacyReach: ALL, exitReach: ALL, ingressQdisc: o.ingressQdisc ?? null,
});

export const node = (hooks: AnalyzedHook[], o: Partial<Omit<AnalyzedNode, 'hooks'>> = {}): AnalyzedNode => ({
  name: 'node-a', versions: { kernel: '6.8.0', iproute2: '6.1.0', bpftool: '7.5.0' }, tcxVisible: true, ...o,
  hooks: hooks.map((h) => ({ ...h, node: o.name === undefined ? h.node : o.name })),
});

/** One node holding these hooks. */
export const analysisOf = (...hooks: AnalyzedHook[]): Analysis => ({ nodes: [node(hooks)] });

export const agent = (o: Partial<AgentSettings> = {}): AgentSettings => ({ ...defaultAgentSettings(), observedPriorities: [10], ...o });

export function recommendation(action: Recommendation['action'], n: number | null = null): Recommendation {
  return {
    action, classifierPriority: action === 'set-priority' || action === 'keep' ? n ?? 10 : null,
    reasons: [action === 'disable-network' ? 'a classifier that may end the walk sits at pref 1' : `test ${action}`],
    blockers: [], vendorAlternatives: [],
    snippets: action === 'set-priority' ? setPrioritySnippets(n ?? 9) : action === 'disable-network' ? disableNetworkSnippets() : null,
  };
}

export const ctx = (o: { agent?: Partial<AgentSettings>; mode?: 'offline' | 'live'; recommendation?: Recommendation } = {}): RuleContext => ({
  agent: agent(o.agent), mode: o.mode ?? 'offline', recommendation: o.recommendation ?? recommendation('keep', 10),
});
