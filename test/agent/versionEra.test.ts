import { describe, expect, it } from 'vitest';
import { hardCodedPriority, HARD_CODED_PRIORITY, pinToVersion, PRIORITY_CONFIGURABLE_FROM } from '../../src/agent/versionEra.js';
import { resolveAgentSettings } from '../../src/agent/resolve.js';
import { fromSystemProbeYaml } from '../../src/agent/layers.js';

describe('agent versions that hard-code pref 1 (7.36.0-7.39.1)', () => {
  it.each([
    ['7.35.9', null],
    ['7.36.0', 1],
    ['7.38.2', 1],
    ['7.39.1', 1],
    ['v7.38.0-rc.1', 1], // read as the agent's release it names
    ['7.39.2', null],
    ['7.40.0', null],
    ['7.60.1', null],
    ['latest', null], // cannot be read: the configuration applies
  ] as const)('%s -> %s', (v, p) => expect(hardCodedPriority(v)).toBe(p));

  it('no version: the configuration applies', () => expect(hardCodedPriority(null)).toBeNull());
  it('the first version that reads classifier_priority is the fix for the known race', () => {
    expect(PRIORITY_CONFIGURABLE_FROM).toBe('7.39.2');
    expect(HARD_CODED_PRIORITY).toBe(1);
  });
});

describe('the settings of such an agent', () => {
  const file = (text: string) => fromSystemProbeYaml(text, 'system-probe.yaml', []);
  // What audit does: resolve the configuration, then pin the version where the agent's
  // filters do not contradict it (src/analyze/agentPriority.ts).
  const run = (layers: ReturnType<typeof file>, flags: Parameters<typeof resolveAgentSettings>[1]) => pinToVersion(resolveAgentSettings(layers, flags));

  it('the configured priority, handle and ingress are not read: pref 1, from the version, and the trace says why', () => {
    const s = run(file('runtime_security_config:\n  network:\n    classifier_priority: 4\n    classifier_handle: 7\n    ingress:\n      enabled: false\n'), { agentVersion: '7.38.0' });
    expect(s).toMatchObject({ classifierPriority: 1, source: 'agent-version', hardCodedPriority: 1, configuredPriority: 4, classifierHandle: null, ingressEnabled: true });
    expect(s.trace.map((t) => [t.key, t.used, t.ignoredBecause])).toEqual([
      ['runtime_security_config.network.classifier_priority', false, 'agent-version'],
      ['runtime_security_config.network.classifier_handle', false, 'agent-version'],
      ['runtime_security_config.network.ingress.enabled', false, 'agent-version'],
    ]);
    // Once upgraded, the agent reads them.
    expect(s.upgraded).toEqual({ classifierPriority: 4, configuredPriority: 4, source: 'system-probe.yaml', ingressEnabled: false, classifierHandle: 7 });
  });

  it('network detection on or off is read as ever', () => {
    const s = run(file('runtime_security_config:\n  network:\n    enabled: false\n'), { agentVersion: '7.37.0' });
    expect(s).toMatchObject({ networkEnabled: false, classifierPriority: 1 });
    expect(s.trace[0]).toMatchObject({ used: true, ignoredBecause: null });
  });

  it('--agent-priority is not read either; the upgraded agent reads the configuration, not the flag', () => {
    const s = run([], { agentVersion: '7.38.0', priority: 3 });
    expect(s).toMatchObject({ classifierPriority: 1, source: 'agent-version', configuredPriority: null });
    expect(s.trace).toEqual([expect.objectContaining({ key: '--agent-priority', used: false, ignoredBecause: 'agent-version' })]);
    expect(s.upgraded).toMatchObject({ classifierPriority: 10, configuredPriority: null, source: 'default' });
    // A configured 0 reads as 50 once upgraded.
    expect(run(file('runtime_security_config:\n  network:\n    classifier_priority: 0\n'), { agentVersion: '7.38.0' }).upgraded?.classifierPriority).toBe(50);
  });

  it('from 7.39.2 the configuration applies and nothing is pinned', () => {
    const s = resolveAgentSettings(file('runtime_security_config:\n  network:\n    classifier_priority: 4\n'), { agentVersion: '7.39.2' });
    expect(s).toMatchObject({ classifierPriority: 4, source: 'system-probe.yaml', hardCodedPriority: null, upgraded: null });
    expect(s.trace[0]).toMatchObject({ used: true, ignoredBecause: null });
  });

  it('a value another source overrides says so', () => {
    const s = resolveAgentSettings(file('runtime_security_config:\n  network:\n    classifier_priority: 4\n'), { priority: 6 });
    expect(s.trace.map((t) => [t.key, t.ignoredBecause])).toEqual([
      ['runtime_security_config.network.classifier_priority', 'overridden'],
      ['--agent-priority', null],
    ]);
  });
});
