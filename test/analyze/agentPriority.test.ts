import { describe, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import { resolveAgentPriority } from '../../src/analyze/agentPriority.js';
import type { AgentSettings } from '../../src/agent/types.js';
import { agentFilter, analysisOf, hook } from '../helpers/analysisBuilders.js';

const at = (...prefs: number[]) => analysisOf(hook({ filters: prefs.map((p) => agentFilter({ pref: p })) }));
const settings = (o: Partial<AgentSettings>): AgentSettings => ({ ...defaultAgentSettings(), ...o });
// As resolveAgentSettings leaves it: the configuration (none: default 10) and the version's pref.
const old = settings({ agentVersion: '7.38.0', hardCodedPriority: 1, upgraded: { classifierPriority: 10, configuredPriority: null, source: 'default', ingressEnabled: true, classifierHandle: null } });

describe('the priority tc-audit reasons with', () => {
  it('nothing configured: the highest pref the agent\'s filters are seen at (the one most classifiers run before)', () => {
    expect(resolveAgentPriority(defaultAgentSettings(), at(12, 9))).toMatchObject({ classifierPriority: 12, source: 'observed', observedPriorities: [9, 12] });
  });
  it('a configured value stands, whatever is seen (agent-priority-mismatch says so)', () => {
    expect(resolveAgentPriority(settings({ classifierPriority: 4, configuredPriority: 4, source: 'env' }), at(10))).toMatchObject({ classifierPriority: 4, source: 'env' });
  });
  it('an agent version that hard-codes pref 1 stands when its filters are seen there', () => {
    expect(resolveAgentPriority(old, at(1))).toMatchObject({ classifierPriority: 1, source: 'agent-version', hardCodedPriority: 1 });
    expect(resolveAgentPriority(old, at(1, 10))).toMatchObject({ classifierPriority: 1, source: 'agent-version' });
    expect(resolveAgentPriority(old, analysisOf())).toMatchObject({ classifierPriority: 1, source: 'agent-version' });
  });
  it('its filters seen only elsewhere: that is not the agent running, and what runs is reasoned with', () => {
    expect(resolveAgentPriority(old, at(10))).toMatchObject({ classifierPriority: 10, source: 'observed', hardCodedPriority: null, upgraded: null, agentVersion: '7.38.0' });
    // A configured value then stands, as for any agent that reads it.
    expect(resolveAgentPriority({ ...old, classifierPriority: 4, configuredPriority: 4, source: 'env' }, at(10))).toMatchObject({ classifierPriority: 4, source: 'env', hardCodedPriority: null });
  });
});
