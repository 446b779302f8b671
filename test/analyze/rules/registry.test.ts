import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../../src/analyze/rules/ids.js';
import { DOCS_BASE_URL, RULES, ruleDocsPath, ruleDocsUrl, runRules } from '../../../src/analyze/rules/index.js';
import { agentFilter, analysisOf, cilium, ctx, foreign, hook, recommendation } from '../../helpers/analysisBuilders.js';

const docsDir = fileURLToPath(new URL('../../../docs/rules/', import.meta.url));
const pages = readdirSync(docsDir).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));

describe('rule registry', () => {
  it('has a rule for every id, in RULE_IDS order, with matching ids', () => {
    expect(Object.keys(RULES)).toEqual([...RULE_IDS]);
    for (const id of RULE_IDS) expect(RULES[id].id).toBe(id);
  });
  it.each(RULE_IDS)('%s has a docs page', (id) => {
    expect(pages).toContain(id);
    expect(ruleDocsPath(id)).toBe(`docs/rules/${id}.md`);
    expect(ruleDocsUrl(id)).toBe(`${DOCS_BASE_URL}docs/rules/${id}.md`);
  });
  it('has no docs page without a rule', () => {
    expect(pages.filter((p) => !(RULE_IDS as readonly string[]).includes(p))).toEqual([]);
  });
});

describe('runRules', () => {
  const a = analysisOf(
    hook({ device: 'lxc10', filters: [cilium({ pref: 1 }), agentFilter()] }),
    hook({ device: 'lxc2', filters: [cilium({ pref: 1 }), foreign(20, 'never'), agentFilter()] }),
    hook({ device: 'eth0', direction: 'egress', filters: [foreign(5, 'unknown'), agentFilter()] }),
  );
  const c = ctx({ recommendation: recommendation('disable-network') });

  it('stamps rule id and default severity, letting a draft override severity', () => {
    const fs = runRules(a, c);
    const at1 = fs.filter((f) => f.ruleId === 'terminal-at-pref-1');
    expect(at1).toHaveLength(2);
    expect(at1.every((f) => f.severity === 'error')).toBe(true);
  });

  it('sorts by severity, then location (natural device order), deterministically', () => {
    const fs = runRules(a, c);
    const ranks = fs.map((f) => ({ error: 0, warning: 1, info: 2 })[f.severity]);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
    const errors = fs.filter((f) => f.severity === 'error').map((f) => f.interface);
    expect(errors).toEqual(['lxc2', 'lxc10']);
    expect(runRules(a, c)).toEqual(fs);
    const reversed = { nodes: [{ ...a.nodes[0]!, hooks: [...a.nodes[0]!.hooks].reverse() }] };
    expect(runRules(reversed, c)).toEqual(fs);
  });

  it('gives identical situations identical messages (formatters fold them)', () => {
    const at1 = runRules(a, c).filter((f) => f.ruleId === 'terminal-at-pref-1');
    expect(new Set(at1.map((f) => f.message)).size).toBe(1);
    expect(at1[0]!.message).not.toMatch(/lxc\d/);
  });
});
