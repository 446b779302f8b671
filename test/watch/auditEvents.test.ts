// The watcher's step from one audit to the next, without processes or namespaces.
import { describe, expect, it } from 'vitest';
import { audited, auditEvents } from '../../src/watch/auditEvents.js';
import { hookKey } from '../../src/watch/state.js';
import type { AuditResult } from '../../src/model/result.js';
import { ALL, cilium, datadog, hook, recommendation, sampleResult } from '../report/sample.js';

/** sampleResult with lxc1 ingress holding `filters` and the given recommendation. */
const withLxc1 = (filters: Parameters<typeof hook>[2], rec: AuditResult['recommendation']): AuditResult => {
  const r = sampleResult();
  const node = r.analysis.nodes[0]!;
  return { ...r, recommendation: rec, analysis: { nodes: [{ ...node, hooks: [hook('lxc1', 'ingress', filters, [], 'inode:4026532001'), ...node.hooks.slice(1)] }] } };
};
const LXC1 = hookKey('inode:4026532001', 'lxc1', 'ingress');

describe('auditEvents', () => {
  it('says nothing on the first audit, and nothing when nothing changed', () => {
    const first = audited(withLxc1([datadog(ALL)], recommendation('keep', 10)));
    expect(auditEvents(null, first, [])).toEqual([]);
    expect(auditEvents(first, audited(withLxc1([datadog(ALL)], recommendation('keep', 10))), [LXC1])).toEqual([]);
  });

  it('reports a terminal filter put ahead of the agent on a changed hook, and the new answer', () => {
    const before = audited(withLxc1([datadog(ALL)], recommendation('keep', 10)));
    const after = audited(withLxc1([cilium(12), datadog(ALL)], recommendation('disable-network', null)));
    const events = auditEvents(before, after, [LXC1]);
    expect(events.map((e) => e.type)).toEqual(['terminal-ahead-of-agent', 'recommendation-changed']);
    expect(events[0]!.fields).toMatchObject({ netns: 'inode:4026532001', device: 'lxc1', direction: 'ingress', pref: 1 });
    expect(events[1]!.fields).toMatchObject({ before: { action: 'keep', classifierPriority: 10 }, after: { action: 'disable-network' } });
  });

  it('derives hook events only for the hooks it is told changed', () => {
    const before = audited(withLxc1([datadog(ALL)], recommendation('keep', 10)));
    const after = audited(withLxc1([cilium(12), datadog(ALL)], recommendation('keep', 10)));
    expect(auditEvents(before, after, [])).toEqual([]);
  });
});
