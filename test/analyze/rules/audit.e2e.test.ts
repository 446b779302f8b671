// End to end through audit(): hand-built snapshots -> analysis -> recommendation -> findings.
// No program instructions are given, so verdicts come from the knowledge base or --assume.
import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/analyze/audit.js';
import type { Assumptions } from '../../../src/analyze/contracts.js';
import { defaultAgentSettings } from '../../../src/agent/defaults.js';
import type { AgentSettings } from '../../../src/agent/types.js';
import type { LegacyFilter, NodeSnapshot } from '../../../src/model/snapshot.js';

let line = 0;
const bpf = (pref: number, tcName: string, progName: string, id: number, protocol = 'all'): LegacyFilter => ({
  pref, protocol, chain: 0, kind: 'bpf', handle: '0x1', directAction: true, flags: ['not_in_hw'], tcName,
  program: { id, name: progName, tag: 'abcdef0123456789' }, classid: null, actions: [],
  source: { file: 'node-a.tc.txt', line: ++line },
});
const agentBpf = (dir: 'ingress' | 'egress') =>
  bpf(10, `classifier_${dir}_security_classifier_${dir}_12_4026531840_1234`, dir === 'ingress' ? 'classifier_ingr' : 'classifier_egre', dir === 'ingress' ? 30 : 31);

/** One node, one device, both directions carrying `foreign` before the agent's classifier. */
function snapshot(device: string, foreign: (dir: 'ingress' | 'egress') => LegacyFilter[]): NodeSnapshot {
  return {
    name: 'node-a', versions: { kernel: '6.8.0', iproute2: '6.1.0', bpftool: '7.5.0' }, tcxVisible: true,
    netns: [{ id: 'host', inode: 4026531840, path: null, owner: null, devices: [{
      name: device, ifindex: 12, linkKind: 'veth',
      hooks: (['ingress', 'egress'] as const).map((d) => ({ direction: d, legacy: [...foreign(d), agentBpf(d)], legacyPrefsKnown: true, tcx: [] })),
    }] }],
    programs: [], progArrays: [],
  };
}

const run = (snap: NodeSnapshot, assume: Assumptions = {}, agent: AgentSettings = defaultAgentSettings()) =>
  audit([snap], { agent, mode: 'offline', assume, errors: [], notes: [], inputs: ['node-a.tc.txt'] });

const ids = (r: ReturnType<typeof run>) => [...new Set(r.findings.map((f) => `${f.severity}:${f.ruleId}`))];

describe('audit() end to end', () => {
  it('Cilium at pref 1 on an lxc veth -> terminal-at-pref-1 errors and disable-network', () => {
    const r = run(snapshot('lxc1a2b', (d) => [bpf(1, `cil_${d === 'ingress' ? 'from' : 'to'}_container-lxc1a2b`, 'cil_from_contai', 12)]));
    expect(r.recommendation.action).toBe('disable-network');
    const at1 = r.findings.filter((f) => f.ruleId === 'terminal-at-pref-1');
    expect(at1.map((f) => f.direction)).toEqual(['egress', 'ingress']);
    expect(at1[0]).toMatchObject({ severity: 'error', interface: 'lxc1a2b', filter: { vendor: 'cilium', pref: 1 }, source: { file: 'node-a.tc.txt' } });
    expect(at1[0]!.message).toContain('inside containers');
    expect(at1[0]!.remediation).toContain('runtime_security_config.network.enabled: false');
    expect(r.findings[0]!.severity).toBe('error');
    expect(ids(r)).toContain('warning:destructive-vendor');
  });

  it('a matchall whose action is an eBPF program (act_bpf) at pref 5: the checklist applies, its verdict is unknown -> set-priority 4', () => {
    // act_bpf.c tcf_bpf: the program's return decides; default-action only for TC_ACT_UNSPEC.
    const actBpf = (): LegacyFilter => ({
      pref: 5, protocol: 'all', chain: 0, kind: 'matchall', handle: '0x1', directAction: null, flags: ['not_in_hw'], tcName: null,
      program: null, classid: null, actions: [{ order: 1, kind: 'bpf', control: 'continue', detail: null }], source: { file: 'node-a.tc.txt', line: ++line },
    });
    const r = run(snapshot('eth0', () => [actBpf()]));
    const f = r.analysis.nodes[0]!.hooks[0]!.filters![0]!;
    expect(f.verdict.terminal).toBe('unknown');
    expect(f.verdict.evidence.join(' ')).toContain('runs an eBPF program as an action (act_bpf)');
    expect(r.recommendation).toMatchObject({ action: 'set-priority', classifierPriority: 4 });
    expect(ids(r)).toContain('warning:unknown-verdict-before-agent');
    expect(ids(r)).not.toContain('info:not-ebpf-classifier');
  });

  it('--assume states what the act_bpf program returns: unspec -> its default-action (continue) -> keep; ok -> ends', () => {
    const actBpf = (): LegacyFilter => ({
      pref: 5, protocol: 'all', chain: 0, kind: 'matchall', handle: '0x1', directAction: null, flags: [], tcName: null,
      program: null, classid: null, actions: [{ order: 1, kind: 'bpf', control: 'continue', detail: null }], source: null,
    });
    const unspec = run(snapshot('eth0', () => [actBpf()]), { unknown: 'unspec' });
    expect(unspec.analysis.nodes[0]!.hooks[0]!.filters![0]!.verdict.terminal).toBe('never');
    expect(unspec.recommendation.action).toBe('keep');
    const ok = run(snapshot('eth0', () => [actBpf()]), { unknown: 'ok' });
    expect(ok.analysis.nodes[0]!.hooks[0]!.filters![0]!.verdict.terminal).toBe('always');
    expect(ok.recommendation).toMatchObject({ action: 'set-priority', classifierPriority: 4 });
    // sometimes: OK for some packets, UNSPEC (default-action) for others.
    const some = run(snapshot('eth0', () => [actBpf()]), { unknown: 'sometimes' });
    expect(some.analysis.nodes[0]!.hooks[0]!.filters![0]!.verdict.terminal).toBe('sometimes');
    const passDefault = { ...actBpf(), actions: [{ order: 1, kind: 'bpf', control: 'pass', detail: null }] };
    expect(run(snapshot('eth0', () => [passDefault]), { unknown: 'sometimes' }).analysis.nodes[0]!.hooks[0]!.filters![0]!.verdict.terminal).toBe('always');
    const unknown = run(snapshot('eth0', () => [actBpf()]));
    expect(unknown.findings.find((f) => f.ruleId === 'unknown-verdict-before-agent')!.remediation).toContain('act_bpf');
  });

  it('Retina at pref 1 returning UNSPEC -> keep, only info findings about it', () => {
    const r = run(snapshot('eth0', (d) => [bpf(1, `host_${d}_filter:[55]`, d === 'ingress' ? 'host_ingress_fi' : 'host_egress_fil', 55)]));
    expect(r.recommendation).toMatchObject({ action: 'keep', classifierPriority: 10 });
    expect(r.findings.filter((f) => f.ruleId === 'passthrough-classifier')).toHaveLength(2);
    expect(r.findings.some((f) => f.severity === 'error')).toBe(false);
  });

  it('a terminal vendor at pref 5 -> set-priority 4, named in the finding', () => {
    const r = run(snapshot('eth0', () => [bpf(5, 'my_shaper:[70]', 'my_shaper', 70)]), { unknown: 'ok' });
    expect(r.recommendation).toMatchObject({ action: 'set-priority', classifierPriority: 4 });
    const before = r.findings.filter((f) => f.ruleId === 'terminal-before-agent');
    expect(before).toHaveLength(2);
    expect(before[0]!.remediation).toMatch(/^set runtime_security_config\.network\.classifier_priority: 4/);
    // Same situation apart from the direction: same sentence but for that word.
    expect(new Set(before.map((f) => f.message.replace(/\b(ingress|egress)\b/g, 'DIR'))).size).toBe(1);
  });

  it('an unidentified program at pref 5 -> unknown-verdict-before-agent, treated as terminal', () => {
    const r = run(snapshot('eth0', () => [bpf(5, 'my_shaper:[70]', 'my_shaper', 70)]));
    expect(r.recommendation.action).toBe('set-priority');
    expect(ids(r)).toContain('warning:unknown-verdict-before-agent');
    expect(ids(r)).not.toContain('error:terminal-before-agent');
  });

  it('protocol ip terminal before the agent -> narrow-protocol-terminal too', () => {
    const r = run(snapshot('eth0', () => [bpf(3, 'eth0-ingress', 'flow', 80, 'ip')]), { unknown: 'ok' });
    expect(ids(r)).toEqual(expect.arrayContaining(['error:terminal-before-agent', 'warning:narrow-protocol-terminal']));
    expect(r.recommendation.classifierPriority).toBe(2);
  });

  it('ingress disabled -> ingress hooks are not audited', () => {
    const r = run(snapshot('eth0', (d) => (d === 'ingress' ? [bpf(5, 'my_shaper:[70]', 'my_shaper', 70)] : [])), { unknown: 'ok' }, { ...defaultAgentSettings(), ingressEnabled: false });
    expect(r.recommendation.action).toBe('keep');
    // The agent's ingress classifiers are in the snapshot although ingress is configured off.
    expect(ids(r)).toEqual(['warning:agent-priority-mismatch', 'info:agent-config-hazard']);
  });
});
