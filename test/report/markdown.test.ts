import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMarkdown } from '../../src/report/markdown/index.js';
import { mdFence, mdInline, mermaidLabel } from '../../src/report/markdown/escape.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../src/report/types.js';
import { hostileResult, hostileString } from './hostile.js';
import { cleanResult, sampleResult } from './sample.js';

const md = (r = sampleResult()) => formatMarkdown(r, DEFAULT_FORMAT_OPTIONS);

describe('markdown', () => {
  it('leads with the verdict and the recommendation, then snippets, findings and charts', () => {
    const out = md();
    if (process.env.SHOW) console.log(out);
    expect(out.startsWith('## ❌ tc-audit: FAIL\n')).toBe(true);
    expect(out).toContain('**Disable network detection on these nodes: no classifier priority is safe.**');
    expect(out).toContain('<summary>Helm values</summary>');
    expect(out).toContain('| error | `terminal-at-pref-1` |');
    // Charts for hooks with error/warning findings only, tcx first on eth0.
    expect(out.match(/```mermaid/g)).toHaveLength(2);
    expect(out).toContain('dumps/node-a.tc.txt:7: expected "filter", got "qdisc"');
    expect(md(cleanResult())).toMatch(/^## ✅ tc-audit: PASS/);
  });

  it('lists the blockers as the table does, one line per kind', () => {
    const r = sampleResult();
    const blocker = { node: 'node-a', netns: 'host', device: 'lxc1', direction: 'ingress' as const, attach: 'legacy' as const, pref: 1, vendor: 'cilium', name: 'cil_from_container', terminal: 'always' };
    const out = md({ ...r, recommendation: { ...r.recommendation, blockers: [blocker, { ...blocker, device: 'lxc2' }] } });
    expect(out).toContain('- Blocker: pref 1 cilium (always) on 2 hooks: node-a / host / lxc1 / ingress cil\\_from\\_container; node-a / host / lxc2 / ingress cil\\_from\\_container');
  });

  it('escapes cells and labels', () => {
    expect(mdInline('a|b\n<x>*')).toBe('a\\|b<br>&lt;x&gt;\\*');
    expect(mermaidLabel('a"b]`#;\n')).toBe('"a#34;b#93;#96;#35;#59;#10;"');
    expect(mdFence('yaml', 'x: ```')).toBe('````yaml\nx: ```\n````');
  });

  it('hostile text cannot break a table row, a label or a fence', () => {
    fc.assert(fc.property(hostileString(), (s) => {
      expect(mdInline(s)).not.toMatch(/(^|[^\\])\|/);
      expect(mdInline(s)).not.toMatch(/[\r\n]/);
      expect(mermaidLabel(s).slice(1, -1)).toMatch(/^[A-Za-z0-9 _.,:/=+#;-]*$/);
    }));
    fc.assert(fc.property(hostileResult(), (r) => {
      const out = md(r);
      const rows = out.split('\n').filter((l) => l.startsWith('| error') || l.startsWith('| warning') || l.startsWith('| info'));
      expect(rows).toHaveLength(r.findings.length);
      for (const row of rows) expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(7);
    }), { numRuns: 100 });
  });
});
