// Kernel truth for the recommendation itself: tc-audit audits a live namespace, the agent's
// classifiers (bpf/scenarios/datadog.o, UNSPEC, named as the agent names them) are moved to
// the recommended pref on v0's ingress and egress, and the kernel's run counters must show
// them running for IPv4 and IPv6 in both directions. Where the recommendation is needed, the
// agent at its default pref must be seen missing the traffic first; where it says no pref
// helps, the agent must miss it even at the lowest free pref. Re-auditing with the agent in
// place must then say "keep".
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import { resolveAgentSettings } from '../../src/agent/resolve.js';
import { collectLive } from '../../src/collect/live.js';
import { auditCollection } from '../../src/collect/liveAudit.js';
import { ProcessRunner } from '../../src/collect/runner.js';
import type { AuditResult } from '../../src/model/result.js';
import type { Direction } from '../../src/model/snapshot.js';
import { describeLive } from '../helpers/live.js';
import { inNs } from '../helpers/netns.js';
import { attachTcx, BPF_TRUTH, detachAllTcx, liveOptions } from './liveHelpers.js';
import { createRig, runCounts, send, sendOut, type Rig } from './truthRig.js';

const DATADOG = fileURLToPath(new URL('../../bpf/scenarios/datadog.o', import.meta.url));
const DIRECTIONS = ['ingress', 'egress'] as const;

interface Spec { direction: Direction; pref: number; protocol: 'all' | 'ip' | 'ipv6'; prog: string }

function reset(rig: Rig): void {
  try {
    inNs(rig.a, 'tc', ['qdisc', 'del', 'dev', 'v0', 'clsact']);
  } catch {
    // none yet
  }
  for (const d of DIRECTIONS) detachAllTcx(rig.a, 'v0', d);
  inNs(rig.a, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
}

function addFilter(rig: Rig, s: Spec): void {
  inNs(rig.a, 'tc', ['filter', 'add', 'dev', 'v0', s.direction, 'protocol', s.protocol, 'pref', String(s.pref), 'bpf', 'da',
    'obj', `${BPF_TRUTH}/${s.prog}.o`, 'sec', 'tc']);
}

/** The agent's two classifiers at `pref`, as it attaches them (protocol all, direct-action). */
function attachAgent(rig: Rig, pref: number): void {
  for (const d of DIRECTIONS) {
    inNs(rig.a, 'tc', ['filter', 'add', 'dev', 'v0', d, 'protocol', 'all', 'pref', String(pref), 'bpf', 'da', 'obj', DATADOG, 'sec', `classifier/${d}`]);
  }
}

function detachAgent(rig: Rig, pref: number): void {
  for (const d of DIRECTIONS) inNs(rig.a, 'tc', ['filter', 'del', 'dev', 'v0', d, 'pref', String(pref)]);
}

async function auditRig(rig: Rig, agent = defaultAgentSettings()): Promise<AuditResult> {
  const c = await collectLive(new ProcessRunner(), liveOptions([rig.a]));
  return auditCollection(c, agent, {});
}

/** The agent's program ids on v0 (from tc -j: the kernel's own listing). */
function agentIds(rig: Rig): Record<Direction, number> {
  const id = (d: Direction): number => {
    const fs = JSON.parse(inNs(rig.a, 'tc', ['-j', 'filter', 'show', 'dev', 'v0', d])) as Array<{ options?: { bpf_name?: string; prog?: { id: number } } }>;
    const f = fs.find((x) => x.options?.bpf_name?.startsWith('datadog.o'));
    if (!f?.options?.prog) throw new Error(`no agent classifier on v0 ${d}`);
    return f.options.prog.id;
  };
  return { ingress: id('ingress'), egress: id('egress') };
}

/** Did the agent's classifier run, per hook and family, for datagrams into and out of v0? */
function agentSees(rig: Rig): Record<string, boolean> {
  const ids = agentIds(rig);
  const seen: Record<string, boolean> = {};
  for (const family of ['ipv4', 'ipv6'] as const) {
    for (const d of DIRECTIONS) {
      const before = runCounts().get(ids[d]) ?? 0;
      if (d === 'ingress') send(rig, family);
      else sendOut(rig, family);
      seen[`${d} ${family}`] = (runCounts().get(ids[d]) ?? 0) > before;
    }
  }
  return seen;
}

const ALL_SEEN = { 'ingress ipv4': true, 'ingress ipv6': true, 'egress ipv4': true, 'egress ipv6': true };

describeLive('kernel truth: the recommended classifier_priority', () => {
  let rig: Rig;
  beforeAll(() => {
    rig = createRig('rt');
  });
  afterAll(() => rig?.close());

  it('a terminal classifier at pref 5 hides v0 ingress from the agent at 10; at the recommended 4 it sees everything', async () => {
    reset(rig);
    addFilter(rig, { direction: 'ingress', pref: 5, protocol: 'all', prog: 't_ok' });
    attachAgent(rig, 10);
    expect(agentSees(rig)).toEqual({ ...ALL_SEEN, 'ingress ipv4': false, 'ingress ipv6': false });
    const r = await auditRig(rig);
    expect(r.agent.classifierPriority).toBe(10);
    expect(r.agent.source).toBe('observed');
    expect(r.recommendation).toMatchObject({ action: 'set-priority', classifierPriority: 4 });
    detachAgent(rig, 10);
    attachAgent(rig, 4);
    expect(agentSees(rig)).toEqual(ALL_SEEN);
    const again = await auditRig(rig);
    expect(again.agent).toMatchObject({ classifierPriority: 4, source: 'observed' });
    expect(again.recommendation.action).toBe('keep');
  });

  it('the recommended pref is free on every hook the agent attaches to, the one below the lowest terminal filter of all', async () => {
    reset(rig);
    // Terminal at 9 on ingress and at 7 on egress; foreign UNSPEC filters hold 6 and 5.
    addFilter(rig, { direction: 'ingress', pref: 9, protocol: 'all', prog: 't_ok' });
    addFilter(rig, { direction: 'egress', pref: 7, protocol: 'all', prog: 't_shot' });
    addFilter(rig, { direction: 'ingress', pref: 6, protocol: 'all', prog: 't_unspec' });
    addFilter(rig, { direction: 'egress', pref: 5, protocol: 'all', prog: 't_pipe' });
    const r = await auditRig(rig);
    expect(r.recommendation).toMatchObject({ action: 'set-priority', classifierPriority: 4 });
    attachAgent(rig, 4);
    // Egress datagrams are dropped at pref 7 (SHOT), after the agent has seen them.
    expect(agentSees(rig)).toEqual(ALL_SEEN);
    expect((await auditRig(rig)).recommendation.action).toBe('keep');
  });

  it('a terminal protocol-ip classifier hides IPv4 only; the recommendation moves the agent ahead of it', async () => {
    reset(rig);
    addFilter(rig, { direction: 'ingress', pref: 3, protocol: 'ip', prog: 't_ok' });
    attachAgent(rig, 10);
    expect(agentSees(rig)).toEqual({ ...ALL_SEEN, 'ingress ipv4': false });
    const r = await auditRig(rig);
    expect(r.recommendation).toMatchObject({ action: 'set-priority', classifierPriority: 2 });
    detachAgent(rig, 10);
    attachAgent(rig, 2);
    expect(agentSees(rig)).toEqual(ALL_SEEN);
  });

  it('an agent of 7.38.0 at pref 1, ahead of a terminal classifier at pref 5, sees everything; upgraded to the default 10 it would not, and at the answer after the upgrade, 4, it does', async () => {
    reset(rig);
    addFilter(rig, { direction: 'ingress', pref: 5, protocol: 'all', prog: 't_ok' });
    attachAgent(rig, 1); // as agents 7.36.0-7.39.1 attach, whatever their configuration says
    expect(agentSees(rig)).toEqual(ALL_SEEN);
    const r = await auditRig(rig, resolveAgentSettings([], { agentVersion: '7.38.0' }));
    expect(r.agent).toMatchObject({ classifierPriority: 1, source: 'agent-version', hardCodedPriority: 1, observedPriorities: [1] });
    expect(r.recommendation).toMatchObject({ action: 'keep', classifierPriority: 1 });
    expect(r.recommendation.afterUpgrade).toMatchObject({ agentVersion: '7.39.2', recommendation: { action: 'set-priority', classifierPriority: 4 } });
    detachAgent(rig, 1);
    attachAgent(rig, 10);
    expect(agentSees(rig)).toEqual({ ...ALL_SEEN, 'ingress ipv4': false, 'ingress ipv6': false });
    detachAgent(rig, 10);
    attachAgent(rig, 4);
    expect(agentSees(rig)).toEqual(ALL_SEEN);
  });

  it('UNSPEC classifiers ahead of the agent and a terminal one after it: keep, and the agent sees everything', async () => {
    reset(rig);
    addFilter(rig, { direction: 'ingress', pref: 5, protocol: 'all', prog: 't_unspec' });
    addFilter(rig, { direction: 'egress', pref: 2, protocol: 'all', prog: 't_reclass' });
    addFilter(rig, { direction: 'ingress', pref: 20, protocol: 'all', prog: 't_ok' });
    attachAgent(rig, 10);
    const r = await auditRig(rig);
    expect(r.recommendation).toMatchObject({ action: 'keep', classifierPriority: 10 });
    expect(agentSees(rig)).toEqual(ALL_SEEN);
  });

  it('a terminal classifier at pref 1: disable network detection, and no pref the agent can take sees the traffic', async () => {
    reset(rig);
    addFilter(rig, { direction: 'ingress', pref: 1, protocol: 'all', prog: 't_ok' });
    const r = await auditRig(rig);
    expect(r.recommendation.action).toBe('disable-network');
    expect(r.recommendation.classifierPriority).toBeNull();
    // pref 1 is taken (sharing it is refused: the race behind the checklist); the lowest
    // pref left is 2, and it is blind.
    attachAgent(rig, 2);
    expect(agentSees(rig)).toEqual({ ...ALL_SEEN, 'ingress ipv4': false, 'ingress ipv6': false });
  });

  it('a tcx program that returns TCX_PASS: disable network detection, and even pref 1 is blind', async () => {
    reset(rig);
    attachTcx(rig.a, 'v0', 't_tcx_pass', 'ingress');
    const r = await auditRig(rig);
    expect(r.recommendation.action).toBe('disable-network');
    attachAgent(rig, 1);
    expect(agentSees(rig)).toEqual({ ...ALL_SEEN, 'ingress ipv4': false, 'ingress ipv6': false });
  });
});
