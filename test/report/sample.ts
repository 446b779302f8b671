// Hand-built AuditResults for formatter and diff tests: a realistic Cilium node where
// cilium_from_container sits at pref 1 on lxc ingress and ends the walk before the agent.
import type { AgentSettings } from '../../src/agent/types.js';
import type { AnalyzedFilter, AnalyzedHook, AnalyzedTcx, Reach, Verdict } from '../../src/model/analysis.js';
import type { Finding } from '../../src/model/findings.js';
import type { AuditResult } from '../../src/model/result.js';
import type { Recommendation } from '../../src/recommend/types.js';
import type { VendorId } from '../../src/analyze/vendors/ids.js';

export const ALL: Reach = { ipv4: true, ipv6: true, other: true };
export const NONE: Reach = { ipv4: false, ipv6: false, other: false };
export const UNKNOWN: Reach = { ipv4: null, ipv6: null, other: null };

export const verdict = (terminal: Verdict['terminal'], codes: number[] | null, source: Verdict['source']): Verdict => ({
  terminal, returnCodes: codes, source, mode: 'direct-action', evidence: [`${source} says ${terminal}`], disagreement: null,
});

export const filter = (o: { pref: number; vendor: VendorId; name: string; progId: number | null; verdict: Verdict; reaches: Reach; line?: number; file?: string }): AnalyzedFilter => ({
  filter: {
    pref: o.pref, protocol: 'all', chain: 0, kind: 'bpf', handle: '0x1', directAction: true, flags: [],
    tcName: `${o.name}:[${o.progId ?? '?'}]`, program: { id: o.progId, name: o.name, tag: null },
    classid: null, actions: [],
    source: o.line === undefined ? null : { file: o.file ?? 'dumps/node-a.tc.txt', line: o.line },
  },
  vendor: { id: o.vendor, evidence: `tc name matches ${o.name}` }, verdict: o.verdict, reaches: o.reaches,
});

export const tcx = (progId: number, vendor: VendorId, v: Verdict, reaches: Reach): AnalyzedTcx => ({
  attach: 'tcx', program: { id: progId, name: `tcx_prog_${progId}`, tag: null }, linkId: progId + 100, source: null,
  vendor: { id: vendor, evidence: 'bpftool net name' }, verdict: { ...v, mode: 'tcx' }, reaches,
});

export const hook = (device: string, direction: 'ingress' | 'egress', filters: AnalyzedFilter[] | null, tcxProgs: AnalyzedTcx[] | null, netns = 'host', node = 'node-a'): AnalyzedHook => ({
  node, netns, device, ifindex: null, direction, filters, legacyPrefsKnown: true, tcx: tcxProgs,
  legacyReach: ALL, exitReach: ALL, ingressQdisc: null,
});

export const cilium = (progId = 12, line?: number) => filter({ pref: 1, vendor: 'cilium', name: 'cil_from_container', progId, verdict: verdict('always', [0, 2], 'knowledge-base'), reaches: ALL, line });
export const datadog = (reaches: Reach, line?: number) => filter({ pref: 10, vendor: 'datadog', name: 'classifier_ingress', progId: 30, verdict: verdict('never', [-1], 'knowledge-base'), reaches, line });

export const agent: AgentSettings = {
  classifierPriority: 10, source: 'default', configuredPriority: null, observedPriorities: [10],
  networkEnabled: true, ingressEnabled: true, rawPacketEnabled: null, classifierHandle: null,
  agentVersion: '7.60.0', cniVersion: 'cilium 1.15.3', hardCodedPriority: null, upgraded: null, trace: [],
};

export const finding = (o: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity' | 'message'>): Finding => ({
  node: 'node-a', netns: 'inode:4026532001', interface: 'lxc1', direction: 'ingress',
  remediation: null, filter: null, source: null, ...o,
});

export const recommendation = (action: Recommendation['action'], classifierPriority: number | null): Recommendation => ({
  action, classifierPriority,
  reasons: action === 'keep' ? ['nothing ends the walk before pref 10'] : ['cilium (cil_from_container) at pref 1 ends the walk on lxc1 ingress'],
  blockers: [], vendorAlternatives: ['Cilium: --bpf-filter-priority=2 moves its filters after the agent'],
  snippets: action === 'keep' ? null : {
    systemProbeYaml: 'runtime_security_config:\n  network:\n    classifier_priority: 1\n',
    helmValues: 'datadog:\n  securityAgent:\n    runtime:\n      network:\n        classifierPriority: 1\n',
    env: 'DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY=1',
    operator: 'spec:\n  features:\n    cws:\n      network:\n        classifierPriority: 1\n',
  },
});

/** The main sample: cilium terminal at pref 1 on lxc1, a tcx program on eth0, parse errors. */
export const sampleResult = (): AuditResult => ({
  mode: 'offline',
  inputs: ['dumps/node-a.tc.txt', 'dumps/node-a.bpftool.json'],
  agent,
  analysis: { nodes: [{
    name: 'node-a', versions: { kernel: '6.8.0', iproute2: '6.1.0', bpftool: '7.5.0' }, tcxVisible: true,
    hooks: [
      hook('lxc1', 'ingress', [cilium(12, 3), datadog(NONE, 5)], [], 'inode:4026532001'),
      hook('eth0', 'ingress', [datadog(UNKNOWN)], [tcx(40, 'unknown', verdict('sometimes', [-1, 0, 2], 'bytecode'), ALL)]),
      hook('eth0', 'egress', [datadog(ALL)], []),
      hook('lo', 'ingress', [], []),
    ],
  }] },
  findings: [
    finding({ ruleId: 'terminal-at-pref-1', severity: 'error', message: 'cilium cil_from_container at pref 1 always ends the walk: the agent at pref 10 never sees lxc1 ingress traffic',
      remediation: 'set classifier_priority: 1 or Cilium --bpf-filter-priority=2',
      filter: { pref: 1, handle: '0x1', kind: 'bpf', vendor: 'cilium', progId: 12, name: 'cil_from_container' },
      source: { file: 'dumps/node-a.tc.txt', line: 3 } }),
    finding({ ruleId: 'terminal-tcx', severity: 'warning', netns: 'host', interface: 'eth0', message: 'tcx program 40 may end the walk before any clsact filter', remediation: 'check what tcx_prog_40 returns' }),
    finding({ ruleId: 'agent-priority-mismatch', severity: 'info', node: 'node-a', netns: null, interface: null, direction: null, message: 'agent priority 10 is the default' }),
  ],
  recommendation: recommendation('disable-network', null),
  errors: [
    { file: 'dumps/node-a.tc.txt', line: 7, message: 'expected "filter", got "qdisc"' },
    { file: 'dumps/broken.json', line: null, message: 'not JSON' },
  ],
  notes: [{ kind: 'vanished', netns: 'inode:4026532009', device: 'lxc9', message: 'device vanished during collection' }],
});

/** A clean node: only the agent's own filters. */
export const cleanResult = (): AuditResult => ({
  ...sampleResult(),
  analysis: { nodes: [{ name: 'node-a', versions: { kernel: '6.8.0', iproute2: null, bpftool: null }, tcxVisible: true,
    hooks: [hook('eth0', 'ingress', [datadog(ALL)], []), hook('eth0', 'egress', [datadog(ALL)], [])] }] },
  findings: [],
  recommendation: recommendation('keep', 10),
  errors: [],
  notes: [],
});
