// The fleet's text summary (src/fleet/render.ts), through the real audit and recommendation.
import { describe, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import { analyzeFleet } from '../../src/fleet/index.js';
import { renderFleetText } from '../../src/fleet/render.js';
import { writeBundles } from './helpers.js';
import { setPrioritySnippets } from '../../src/recommend/snippets.js';

describe('renderFleetText', () => {
  it('gives the cluster answer with every snippet form (Helm and the Operator are the usual ones on a cluster)', async () => {
    const files = writeBundles([{ index: 0, variant: 'agent-first' }, { index: 1, variant: 'cilium-pref5' }]);
    const out = renderFleetText(await analyzeFleet(files, { agent: defaultAgentSettings(), assume: {} }));
    expect(out).toMatch(/^Cluster answer: set-priority 4 \(2 node\(s\), 2 shape group\(s\)\)\n/);
    expect(out).toContain('  forced by: node-00001\n');
    expect(out).toContain('\nsystem-probe.yaml:\n  runtime_security_config:\n    network:\n      classifier_priority: 4\n');
    expect(out).toContain('\nHelm values:\n');
    expect(out).toContain('\nEnvironment:\n  DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY=4\n');
    expect(out).toContain('\nDatadog Operator (DatadogAgent):\n  spec:\n');
    expect(out.indexOf('Datadog Operator')).toBeLessThan(out.indexOf('Shape groups:'));
  });

  it('names from the bundles never write control characters to the terminal', async () => {
    const evil = 'evil\u001b[2J\u001b[31mnode\nFAKE LINE';
    const files = writeBundles([{ index: 0, variant: 'cilium-pref5', name: evil }, { index: 1, variant: 'cilium-pref5', name: evil }]);
    const out = renderFleetText(await analyzeFleet(files, { agent: defaultAgentSettings(), assume: {} }));
    expect(out).not.toMatch(/\u001b/);
    expect(out).not.toContain('\nFAKE LINE');
    expect(out).toContain('evil\\x1b[2J\\x1b[31mnode⏎FAKE LINE');
  });

  it('keep has no snippets', async () => {
    const files = writeBundles([{ index: 0, variant: 'agent-first' }, { index: 1, variant: 'agent-first' }]);
    const out = renderFleetText(await analyzeFleet(files, { agent: defaultAgentSettings(), assume: {} }));
    expect(out).toMatch(/^Cluster answer: keep 10 /);
    expect(out).not.toContain('system-probe.yaml:');
  });

  it('an agent version that reads no priority: the cluster answer after the upgrade, with its snippets', async () => {
    const files = writeBundles([{ index: 0, variant: 'agent-first' }]);
    const r = await analyzeFleet(files, { agent: defaultAgentSettings(), assume: {} });
    const later = { action: 'set-priority' as const, classifierPriority: 4, reasons: ['why 4'], blockers: [], vendorAlternatives: [], snippets: setPrioritySnippets(4) };
    const out = renderFleetText({ ...r, recommendation: { ...r.recommendation, afterUpgrade: { agentVersion: '7.39.2', recommendation: later } } });
    expect(out).toContain('\nAfter upgrading the agent to 7.39.2 or later: Set the classifier priority to 4.\n  why 4\n');
    expect(out).toContain('\nEnvironment (after the upgrade):\n  DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY=4\n');
  });
});
