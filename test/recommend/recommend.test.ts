import { describe, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import { fromEnv } from '../../src/agent/layers.js';
import { resolveAgentSettings } from '../../src/agent/resolve.js';
import { pinToVersion } from '../../src/agent/versionEra.js';
import { analyzeSnapshots } from '../../src/analyze/analyze.js';
import { recommend } from '../../src/recommend/recommend.js';
import type { LegacyFilter, TcxProgram } from '../../src/model/snapshot.js';
import { bpf, hook, node, tcx } from '../helpers/snapshotBuilders.js';

const DD = 'classifier_ingress_security_classifier_ingress_3_4026531840_77';
const rec = (filters: LegacyFilter[], t: TcxProgram[] = [], agent = defaultAgentSettings(), tcxBlind = false) => {
  const a = analyzeSnapshots([node([{ name: 'lxc1', hooks: [hook('ingress', filters, t), hook('egress', [])] }])], { assume: {}, bytecode: null });
  return recommend(a.nodes[0]!.hooks, agent, { tcxBlind });
};

describe('recommend', () => {
  it('keep when only pass-through vendors precede the agent', () => {
    const r = rec([bpf(1, null, { program: { id: 1, name: 'endpoint_ingres', tag: null } }), bpf(10, DD)]);
    expect(r).toMatchObject({ action: 'keep', classifierPriority: 10 });
  });
  it('keep at a priority the agent does not run at yet carries the snippets to apply it', () => {
    const r = rec([bpf(1, null, { program: { id: 1, name: 'endpoint_ingres', tag: null } }), bpf(10, DD)], [], { ...defaultAgentSettings(), classifierPriority: 3, configuredPriority: 3, source: 'flag', observedPriorities: [10] });
    expect(r).toMatchObject({ action: 'keep', classifierPriority: 3 });
    expect(r.reasons.at(-1)).toBe("the agent's classifiers run at pref 10 now, not 3: set classifier_priority: 3 and restart system-probe");
    expect(r.snippets?.env).toBe('DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY=3\n');
  });
  it('keep where the agent runs at that pref on some hooks and elsewhere on others (a rollout under way) carries the snippets too', () => {
    const r = rec([bpf(1, null, { program: { id: 1, name: 'endpoint_ingres', tag: null } }), bpf(3, DD)], [], { ...defaultAgentSettings(), classifierPriority: 3, source: 'observed', observedPriorities: [3, 10] });
    expect(r).toMatchObject({ action: 'keep', classifierPriority: 3 });
    expect(r.reasons.at(-1)).toBe("the agent's classifiers also run at pref 10 on some hooks, not at 3 everywhere yet: set classifier_priority: 3 everywhere and restart system-probe where they do");
    expect(r.snippets?.env).toBe('DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY=3\n');
  });
    it('keep says so when non-eBPF filters that may end the walk run before the agent', () => {
    const mirrorAll = bpf(3, null, { kind: 'u32', protocol: 'ip', handle: '800::800', directAction: null, program: null, classid: '1:1', u32: { terminal: true, link: null, matchesEvery: true } });
    const r = rec([mirrorAll, bpf(10, DD)]);
    expect(r.action).toBe('keep');
    expect(r.reasons).toEqual([
      'no foreign eBPF classifier that may end the walk runs at or before pref 10 on 2 audited hook(s)',
      '1 non-eBPF filter(s) that may end the walk run at or before pref 10 (not-ebpf-classifier): the checklist leaves them out, but they hide what they match from the agent',
    ]);
    // One that never ends the walk (no terminal flag) is not mentioned.
    expect(rec([{ ...mirrorAll, u32: { terminal: false, link: null, matchesEvery: true } }, bpf(10, DD)]).reasons).toHaveLength(1);
  });
  it('a foreign classifier without a pref (bpftool only) on another hook makes set-priority unknown', () => {
    const prefless = { ...hook('ingress', [bpf(1, 'cil_from_container-lxc2', { pref: null })]), legacyPrefsKnown: false };
    const a = analyzeSnapshots([node([
      { name: 'lxc1', hooks: [hook('ingress', [bpf(5, 'cil_from_container-lxc1'), bpf(10, DD)]), hook('egress', [])] },
      { name: 'lxc2', hooks: [prefless, hook('egress', [])] },
    ])], { assume: {}, bytecode: null });
    const r = recommend(a.nodes[0]!.hooks, defaultAgentSettings(), { tcxBlind: false });
    expect(r.action).toBe('unknown');
    expect(r.reasons[0]).toMatch(/^1 foreign classifier\(s\) that may end the walk were seen without a pref .* may sit below 4, the priority the others would allow/);
    expect(r.blockers.map((b) => [b.device, b.pref])).toEqual([['lxc2', null], ['lxc1', 5]]);
  });
  it('disable-network for a terminal classifier at pref 1', () => {
    const r = rec([bpf(1, 'cil_from_container-lxc1'), bpf(10, DD)]);
    expect(r.action).toBe('disable-network');
    expect(r.snippets?.env).toContain('DD_RUNTIME_SECURITY_CONFIG_NETWORK_ENABLED=false');
    expect(r.vendorAlternatives.join()).toContain('--bpf-filter-priority');
  });
  it('set-priority: largest free pref strictly below the lowest terminal one', () => {
    const r = rec([bpf(4, 'cil_from_container-lxc1'), bpf(5, 'cil_to_container-lxc1'), bpf(10, DD)]);
    expect(r).toMatchObject({ action: 'set-priority', classifierPriority: 3 });
    expect(r.snippets?.systemProbeYaml).toContain('classifier_priority: 3');
  });
  it('skips prefs other filters use', () => {
    const r = rec([bpf(1, null, { kind: 'u32', handle: '800::800' }), bpf(2, 'x.o:[a]', { program: { id: 1, name: 'endpoint_ingres', tag: null } }), bpf(3, 'cil_from_container-lxc1')]);
    expect(r.action).toBe('disable-network');
    expect(r.reasons[0]).toContain('every pref below 3 is taken on the audited hooks (pref 1: unknown u32; pref 2: retina bpf, never ends the walk)');
    expect(r.reasons[0]).toContain('moving one of those filters, or the blocker, to a higher pref would free one');
  });
  it('a terminal tcx program forces disable-network whatever the prefs', () => {
    const r = rec([bpf(10, DD)], [tcx('cil_from_container', 9)]);
    expect(r.action).toBe('disable-network');
    expect(r.blockers[0]).toMatchObject({ attach: 'tcx', vendor: 'cilium' });
  });
  it('an unknown verdict at or before the agent counts as terminal', () => {
    expect(rec([bpf(5, 'mystery.o:[tc]')])).toMatchObject({ action: 'set-priority', classifierPriority: 4 });
  });
  it('terminal classifiers after the agent are no concern', () => {
    expect(rec([bpf(11, 'cil_from_container-lxc1')]).action).toBe('keep');
  });
  it('ingress disabled: only egress matters', () => {
    const agent = { ...defaultAgentSettings(), ingressEnabled: false };
    expect(rec([bpf(1, 'cil_from_container-lxc1')], [], agent).action).toBe('keep');
  });
  it('never says keep when tcx could not be seen', () => {
    expect(rec([], [], defaultAgentSettings(), true).action).toBe('unknown');
  });
  it('200,000 hooks with a blocker before the agent (many dumps at once): no crash, the same answer', () => {
    // The lowest pref was Math.min(...prefs), one argument per blocker: V8 refuses a call with
    // that many ("Maximum call stack size exceeded"), which the CLI reported as an internal error.
    const [one] = analyzeSnapshots([node([{ name: 'lxc1', hooks: [hook('ingress', [bpf(4, 'cil_from_container-lxc1'), bpf(3, 'cil_to_container-lxc1'), bpf(10, DD)]), hook('egress', [])] }])], { assume: {}, bytecode: null }).nodes[0]!.hooks;
    const hooks = Array.from({ length: 200_000 }, () => one!);
    const r = recommend(hooks, defaultAgentSettings(), { tcxBlind: false });
    expect(r).toMatchObject({ action: 'set-priority', classifierPriority: 2 });
    expect(r.blockers).toHaveLength(200_000);
    expect(r.reasons[0]).toMatch(/^200000 classifier\(s\) .* the lowest is cilium pref 4 on host\/lxc1 ingress; 2 is the largest free pref below 4$/);
  });
});


describe('pref 1', () => {
  const cil2 = bpf(2, 'bpf_lxc.o:[from-container]', { program: { id: 2, name: 'cil_from_contai', tag: null } });
  it('set-priority 1 warns that pref 1 is where vendors attach by default', () => {
    const r = rec([cil2, bpf(10, DD)]);
    expect(r).toMatchObject({ action: 'set-priority', classifierPriority: 1 });
    expect(r.reasons[1]).toContain('pref 1 is where Cilium, the AWS network policy agent, Retina, Beyla and NetObserv attach by default');
    expect(rec([{ ...cil2, pref: 5 }, bpf(10, DD)]).reasons.join(' ')).not.toContain('pref 1 is where');
  });
  it('keep at an observed pref 1 asks for the agent version (7.36.0-7.39.1 attach there whatever they read)', () => {
    const r = rec([bpf(1, DD)], [], { ...defaultAgentSettings(), classifierPriority: 1, source: 'observed', observedPriorities: [1] });
    expect(r).toMatchObject({ action: 'keep', classifierPriority: 1 });
    expect(r.reasons.join(' ')).toContain('give --agent-version');
    expect(r.reasons.join(' ')).toContain('pref 1 is where Cilium');
  });
});

describe('an agent that hard-codes pref 1 (7.36.0-7.39.1)', () => {
  // As audit makes them: the configuration resolved, then the version pinned.
  const old = (env: Record<string, string> = {}, o: Partial<ReturnType<typeof defaultAgentSettings>> = {}) =>
    ({ ...pinToVersion(resolveAgentSettings([fromEnv(env, 'env', null, [])], { agentVersion: '7.38.0' })), ...o });
  const PRIO = 'DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY';
  const AWS5 = bpf(5, 'aws_npa.o:[tc_cls]', { program: { id: 3, name: 'handle_ingress', tag: null } });

  it('ahead of a terminal classifier at pref 5: nothing to change now; after the upgrade, at the default 10, set 4', () => {
    const r = rec([AWS5], [], old());
    expect(r).toMatchObject({ action: 'keep', classifierPriority: 1, snippets: null });
    expect(r.reasons.at(-1)).toBe('agent 7.38.0 attaches at pref 1 whatever its configuration says; from 7.39.2 (the fix for the known pref 1 race) it reads classifier_priority: see the answer after the upgrade');
    expect(r.afterUpgrade?.agentVersion).toBe('7.39.2');
    expect(r.afterUpgrade?.recommendation).toMatchObject({ action: 'set-priority', classifierPriority: 4 });
    expect(r.afterUpgrade?.recommendation.reasons[0]).toContain("at or before the agent's priority 10");
    expect(r.afterUpgrade?.recommendation.afterUpgrade).toBeUndefined();
  });

  it('after the upgrade the configured priority applies (0 reads as 50), and --agent-priority does not', () => {
    expect(rec([AWS5], [], old({ [PRIO]: '3' })).afterUpgrade?.recommendation).toMatchObject({ action: 'keep', classifierPriority: 3 });
    expect(rec([AWS5], [], old({ [PRIO]: '0' })).afterUpgrade?.recommendation).toMatchObject({ action: 'set-priority', classifierPriority: 4 });
    const r50 = rec([bpf(20, 'aws_npa.o:[tc_cls]', { program: { id: 3, name: 'handle_ingress', tag: null } })], [], old({ [PRIO]: '0' }));
    expect(r50.afterUpgrade?.recommendation.reasons[0]).toContain("at or before the agent's priority 50");
    const flagged = { ...pinToVersion(resolveAgentSettings([], { agentVersion: '7.38.0', priority: 1 })) };
    expect(rec([AWS5], [], flagged)).toMatchObject({ action: 'keep', classifierPriority: 1, afterUpgrade: { recommendation: { action: 'set-priority', classifierPriority: 4 } } });
  });

  it('after the upgrade ingress is as configured again (this version attaches it always)', () => {
    const egressOnly = rec([AWS5], [], old({ DD_RUNTIME_SECURITY_CONFIG_NETWORK_INGRESS_ENABLED: 'false' }));
    // AWS5 sits on ingress: the upgraded agent, egress only, has nothing before it.
    expect(egressOnly.afterUpgrade?.recommendation).toMatchObject({ action: 'keep', classifierPriority: 10 });
  });

  it('a terminal classifier at pref 1 forces disable-network before and after the upgrade', () => {
    const r = rec([bpf(1, 'cil_from_container-lxc1')], [], old());
    expect(r.action).toBe('disable-network');
    expect(r.afterUpgrade?.recommendation.action).toBe('disable-network');
  });

  it('no restart advice into a value such an agent cannot read', () => {
    const r = rec([AWS5, bpf(10, DD)], [], old({}, { observedPriorities: [1, 10] }));
    expect(r.snippets).toBeNull();
    expect(r.reasons.join()).not.toContain('restart system-probe');
  });

  it('any other agent, or one with network detection off, has no after-upgrade answer', () => {
    expect(rec([AWS5]).afterUpgrade).toBeUndefined();
    expect(rec([AWS5], [], { ...defaultAgentSettings(), agentVersion: '7.39.2' }).afterUpgrade).toBeUndefined();
    expect(rec([AWS5], [], old({}, { networkEnabled: false })).afterUpgrade).toBeUndefined();
  });
});

describe("a blocking vendor's own setting", () => {
  const cil = bpf(1, 'bpf_lxc.o:[from-container]', { program: { id: 2, name: 'cil_from_contai', tag: null } });
  it('is offered as it is, and said missing where the version given lacks it', () => {
    const alt = (cniVersion: string | null) => rec([cil, bpf(10, DD)], [], { ...defaultAgentSettings(), cniVersion }).vendorAlternatives.join(' ');
    expect(alt(null)).toContain('--bpf-filter-priority');
    expect(alt(null)).not.toContain('not in');
    expect(alt('cilium:1.14.2')).not.toContain('not in');
    expect(alt('cilium:1.9.4')).toContain('(not in 1.9.4, which this node runs: the setting came with >=1.12.0; upgrade first)');
  });
});

describe('a keep that rests on a version the input does not confirm', () => {
  it('says which version it assumes', () => {
    const retina = bpf(1, 'retina.o:[classifier_endpoint_ingress]', { program: { id: 1, name: 'endpoint_ingres', tag: null } });
    expect(rec([retina, bpf(10, DD)]).reasons).toContainEqual(expect.stringContaining('this answer assumes Microsoft Retina (packetparser) >=0.0.8, as the version was not given'));
  });
});

describe('disable-network forced by tcx programs of unknown verdict', () => {
  it('says the answer rests on what they return, and how to learn it', () => {
    const r = rec([bpf(10, DD)], [tcx('x_prog', 40)]);
    expect(r.action).toBe('disable-network');
    expect(r.reasons[1]).toContain('what it returns is unknown: learn it before acting');
  });
});
