// An agent that hard-codes pref 1 (7.36.0-7.39.1): every format gives the answer for it now
// and the answer once it is upgraded, with what to apply then.
import { describe, expect, it } from 'vitest';
import { formatGithub } from '../../src/report/github.js';
import { toJsonReport } from '../../src/report/jsonModel.js';
import { formatMarkdown } from '../../src/report/markdown/index.js';
import { formatTable } from '../../src/report/table/index.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../src/report/types.js';
import { actionHeadline, upgradeHeadline } from '../../src/report/verdict.js';
import type { AuditResult } from '../../src/model/result.js';
import { setPrioritySnippets } from '../../src/recommend/snippets.js';
import { agent, cleanResult } from './sample.js';

const later = {
  action: 'set-priority' as const, classifierPriority: 4, reasons: ["1 classifier(s) that may end the walk run at or before the agent's priority 10"],
  blockers: [], vendorAlternatives: [], snippets: setPrioritySnippets(4),
};
const oldAgent = (): AuditResult => {
  const r = cleanResult();
  return {
    ...r,
    agent: { ...agent, agentVersion: '7.38.0', hardCodedPriority: 1, classifierPriority: 1, source: 'agent-version', configuredPriority: 4,
      trace: [{ key: 'runtime_security_config.network.classifier_priority', value: '4', from: 'system-probe.yaml', file: 'sp.yaml', setting: 'priority' as const, used: false, ignoredBecause: 'agent-version' }] },
    recommendation: { action: 'keep', classifierPriority: 1, reasons: ['agent 7.38.0 attaches at pref 1 whatever its configuration says'], blockers: [], vendorAlternatives: [], snippets: null,
      afterUpgrade: { agentVersion: '7.39.2', recommendation: later } },
  };
};
const text = (x: string | Iterable<string>): string => (typeof x === 'string' ? x : [...x].join(''));

describe('the answer after the upgrade', () => {
  it('headlines: nothing to change now, the upgraded agent\'s answer after', () => {
    const rec = oldAgent().recommendation;
    expect(actionHeadline(rec)).toBe('Safe as it runs: this agent version attaches at pref 1 whatever it reads (no classifier_priority), and nothing hides traffic before it; upgrading it changes where it attaches (see the answer after the upgrade).');
    expect(upgradeHeadline(rec)).toBe('After upgrading the agent to 7.39.2 or later: Set the classifier priority to 4.');
    // Keep after the upgrade is no "current" priority: the upgraded agent moves there.
    expect(upgradeHeadline({ ...rec, afterUpgrade: { agentVersion: '7.39.2', recommendation: { ...later, action: 'keep', classifierPriority: 10, snippets: null } } }))
      .toBe('After upgrading the agent to 7.39.2 or later: keep classifier priority 10, where the upgraded agent attaches by its configuration or the default.');
    expect(upgradeHeadline(later)).toBeNull();
  });

  it('table: the upgrade block with its reasons and snippets, and the unread setting in the agent section', () => {
    const out = text(formatTable(oldAgent(), DEFAULT_FORMAT_OPTIONS));
    expect(out).toContain('  After upgrading the agent to 7.39.2 or later: Set the classifier priority to 4.\n    - 1 classifier(s)');
    expect(out).toContain('    system-probe.yaml:\n      runtime_security_config:\n        network:\n          classifier_priority: 4\n');
    expect(out).toContain('  classifier priority 1 (agent-version)\n  configured value 4 (not read by agent 7.38.0)');
    expect(out).toContain('runtime_security_config.network.classifier_priority = 4 (system-probe.yaml, sp.yaml) ignored: this agent version does not read it');
    // The precedence note is about overridden values: none here.
    expect(out).not.toContain('the agent takes runtime_security_config.network.* from system-probe.yaml');
  });

  it('markdown, github and JSON carry it too', () => {
    const md = text(formatMarkdown(oldAgent(), DEFAULT_FORMAT_OPTIONS));
    expect(md).toContain('**After upgrading the agent to 7.39.2 or later: Set the classifier priority to 4.**');
    expect(md).toContain('<summary>system-probe.yaml (after the upgrade)</summary>');
    expect(text(formatGithub(oldAgent(), DEFAULT_FORMAT_OPTIONS))).toContain('After upgrading the agent to 7.39.2 or later: Set the classifier priority to 4.');
    const j = toJsonReport(oldAgent(), '0');
    expect(j.recommendation.afterUpgrade).toEqual({ agentVersion: '7.39.2', ...later });
    expect(j.agent).toMatchObject({ hardCodedPriority: 1, source: 'agent-version' });
    expect(toJsonReport(cleanResult(), '0').recommendation.afterUpgrade).toBeNull();
  });
});
