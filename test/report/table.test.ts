import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/report/table/index.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../src/report/types.js';
import { cilium, cleanResult, datadog, finding, hook, NONE, sampleResult } from './sample.js';

const opts = DEFAULT_FORMAT_OPTIONS;

describe('table', () => {
  it('shows verdict, recommendation with snippets, chains in run order, findings, errors', () => {
    const out = formatTable(sampleResult(), opts);
    if (process.env.SHOW) console.log(out);
    expect(out).toMatch(/^tc-audit: FAIL  1 error\(s\), 1 warning\(s\), 1 info/);
    expect(out).toContain('Disable network detection');
    expect(out).toContain('system-probe.yaml:');
    expect(out).toContain('DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY=1');
    expect(out).toContain('classifier priority 10 (default)');
    expect(out).toContain('dumps/node-a.tc.txt:7: expected "filter", got "qdisc"');
    expect(out).toContain('dumps/broken.json: not JSON');
    expect(out).toContain('[vanished] inode:4026532009/lxc9');
    // tcx runs before the legacy filters, so it is listed first on eth0 ingress.
    const eth0 = out.slice(out.indexOf('host / eth0 / ingress'));
    expect(eth0.indexOf('tcx_prog_40')).toBeLessThan(eth0.indexOf('classifier_ingress'));
    expect(out.indexOf('ERROR terminal-at-pref-1')).toBeLessThan(out.indexOf('WARNING terminal-tcx'));
    expect(out).toContain('→ set classifier_priority: 1');
    expect(out).not.toContain('\u001b[');
  });

  it('the verdict line is never PASS beside an answer other than keep', () => {
    const clean = cleanResult();
    expect(formatTable(clean, opts)).toMatch(/^tc-audit: PASS/);
    const unknown = { ...clean, recommendation: { ...clean.recommendation, action: 'unknown' as const, classifierPriority: null } };
    expect(formatTable(unknown, opts)).toMatch(/^tc-audit: WARN  0 error\(s\), 0 warning\(s\)/);
  });

    it('hides hooks without programs or findings unless verbose', () => {
    expect(formatTable(sampleResult(), opts)).not.toContain('/ lo /');
    expect(formatTable(sampleResult(), { ...opts, verbose: true })).toContain('node-a / host / lo / ingress');
  });

  it('says which hidden hooks had no tc output (their u32 or flower filters were not listed)', () => {
    const r = cleanResult();
    r.analysis.nodes[0]!.hooks = [hook('lo', 'ingress', [], []), hook('v0', 'ingress', null, []), hook('v0', 'egress', null, [])];
    expect(formatTable(r, opts)).toContain('3 hook(s) with no BPF program and no finding hidden (2 of them without tc output: their legacy filters were not listed); --verbose shows them.');
    r.analysis.nodes[0]!.hooks = [hook('lo', 'ingress', [], [])];
    expect(formatTable(r, opts)).toContain('1 hook(s) with no BPF program and no finding hidden; --verbose shows them.');
  });

  it('counts the hooks of a blocker kind, not its programs', () => {
    const r = sampleResult();
    const b = (device: string, name: string) => ({ node: 'node-a', netns: 'host', device, direction: 'ingress' as const, attach: 'legacy' as const, pref: 1, vendor: 'unknown', terminal: 'unknown', name });
    r.recommendation = { ...r.recommendation, blockers: [b('v0', 'a.o:[tc]'), b('v0', 'b.o:[tc]'), b('v1', 'a.o:[tc]')] };
    expect(formatTable(r, opts)).toContain('  blocker: pref 1 unknown (unknown) on 2 hook(s), 3 programs: node-a / host / v0 / ingress a.o:[tc]; node-a / host / v0 / ingress b.o:[tc]; node-a / host / v1 / ingress a.o:[tc]\n');
    r.recommendation = { ...r.recommendation, blockers: [b('v0', 'a.o:[tc]'), b('v1', 'a.o:[tc]')] };
    expect(formatTable(r, opts)).toContain('  blocker: pref 1 unknown (unknown) on 2 hooks: node-a / host / v0 / ingress a.o:[tc]; node-a / host / v1 / ingress a.o:[tc]\n');
  });

  it('colours only when asked', () => {
    expect(formatTable(sampleResult(), { ...opts, color: true })).toContain('\u001b[31m');
  });

  it('folds identical chains on big nodes', () => {
    const r = cleanResult();
    const hooks = Array.from({ length: 500 }, (_, i) => hook(`lxc${i}`, 'ingress', [cilium(1000 + i), datadog(NONE)], [], `inode:${i}`));
    r.analysis.nodes[0]!.hooks = hooks;
    const out = formatTable(r, opts);
    expect(out).toContain('500 hooks with the same chain (ingress): inode:0/lxc0, inode:1/lxc1, inode:2/lxc2, … and 497 more');
    expect(out.split('cil_from_container').length - 1).toBe(1);
  });

  it('folds hooks with the same chain and findings, and the findings themselves; --verbose lists each', () => {
    const r = cleanResult();
    const hooks = Array.from({ length: 400 }, (_, i) => hook(`lxc${i}`, 'ingress', [cilium(1000 + i, i + 1), datadog(NONE)], [], `inode:${i}`));
    r.analysis.nodes[0]!.hooks = hooks;
    r.findings = hooks.map((h, i) => finding({
      ruleId: 'terminal-at-pref-1', severity: 'error', message: 'Cilium at pref 1 always ends the walk.', remediation: 'disable network',
      node: h.node, netns: h.netns, interface: h.device, direction: h.direction, source: { file: 'd', line: i + 1 },
    }));
    const out = formatTable(r, opts);
    expect(out).toContain('400 hooks with the same chain and findings (ingress): inode:0/lxc0, inode:1/lxc1, inode:2/lxc2, … and 397 more');
    expect(out.split('cil_from_container').length - 1).toBe(1);
    expect(out).toContain('Errors (400)');
    expect(out).toContain('ERROR terminal-at-pref-1  on 400 hooks: node-a / inode:0 / lxc0 / ingress, node-a / inode:1 / lxc1 / ingress, node-a / inode:2 / lxc2 / ingress, … and 397 more');
    expect(out.split('Cilium at pref 1 always ends the walk.').length - 1).toBe(1);
    const verbose = formatTable(r, { ...opts, verbose: true });
    expect(verbose.split('Cilium at pref 1 always ends the walk.').length - 1).toBe(400);
    expect(verbose).toContain('node-a / inode:399 / lxc399 / ingress  d:400');
    expect(verbose.split('cil_from_container').length - 1).toBe(400);
  });

  it('keeps hooks apart when their findings differ', () => {
    const r = cleanResult();
    const hooks = [hook('lxc1', 'ingress', [cilium(1), datadog(NONE)], []), hook('lxc2', 'ingress', [cilium(2), datadog(NONE)], [])];
    r.analysis.nodes[0]!.hooks = hooks;
    r.findings = hooks.map((h, i) => finding({
      ruleId: 'terminal-at-pref-1', severity: 'error', message: `text ${i}`, remediation: null,
      node: h.node, netns: h.netns, interface: h.device, direction: h.direction,
    }));
    const out = formatTable(r, opts);
    expect(out).toContain('node-a / host / lxc1 / ingress\n');
    expect(out).toContain('node-a / host / lxc2 / ingress\n');
    expect(out).not.toContain('hooks with the same chain');
  });

  it('neutralises control characters from dumps', () => {
    const r = sampleResult();
    r.findings[0]!.message = 'evil\u001b[2Jname\r';
    const out = formatTable(r, opts);
    expect(out).toContain('evil\\x1b[2Jname\\x0d');
  });
});
