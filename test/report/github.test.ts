import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { foldFindings } from '../../src/report/fold.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../src/report/types.js';
import { hostileResult, hostileString } from './hostile.js';
import { finding, sampleResult } from './sample.js';

const unescape = (s: string) => s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

describe('github', () => {
  it('writes one annotation per finding with file and line when known', () => {
    const lines = formatGithub(sampleResult(), DEFAULT_FORMAT_OPTIONS).trimEnd().split('\n');
    expect(lines[0]).toBe('::error title=tc-audit terminal-at-pref-1 (node-a / inode%3A4026532001 / lxc1 / ingress),file=dumps/node-a.tc.txt,line=3::'
      + 'cilium cil_from_container at pref 1 always ends the walk: the agent at pref 10 never sees lxc1 ingress traffic%0ARemediation: set classifier_priority: 1 or Cilium --bpf-filter-priority=2');
    expect(lines[1]).toMatch(/^::warning title=tc-audit terminal-tcx \(node-a \/ host \/ eth0 \/ ingress\)::/);
    expect(lines[2]).toMatch(/^::notice title=tc-audit agent-priority-mismatch/);
    expect(lines[3]).toBe('::error title=tc-audit parse error,file=dumps/node-a.tc.txt,line=7::expected "filter", got "qdisc"');
    expect(lines[4]).toBe('::error title=tc-audit parse error,file=dumps/broken.json::not JSON');
    expect(lines[5]).toMatch(/^::notice title=tc-audit recommendation::Disable network detection/);
  });

  it('escapes exactly as the runner requires', () => {
    expect(escapeData('50%\r\n:,')).toBe('50%25%0D%0A:,');
    // A device name may hold ESC: never a terminal escape in the runner's log.
    expect(escapeData('lxc\x1b[31mred\ttab')).toBe('lxc\\x1b[31mred\ttab');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
  });

  it('escaping is reversible (control characters shown as \\xNN) and never leaves a line break', () => {
    fc.assert(fc.property(hostileString(), (s) => {
      expect(escapeData(s)).not.toMatch(/[\r\n]/);
      expect(escapeProperty(s)).not.toMatch(/[\r\n:,]/);
      // What the runner shows: the text, with control characters other than tab, CR and LF
      // written out as \xNN.
      const shown = s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
      expect(unescape(escapeProperty(s))).toBe(shown);
    }));
  });

  it('keeps one command per thing said whatever the text', () => {
    fc.assert(fc.property(hostileResult(), (r) => {
      const lines = formatGithub(r, DEFAULT_FORMAT_OPTIONS).split('\n').filter((l) => l !== '');
      expect(lines).toHaveLength(foldFindings(r.findings).length + r.errors.length + 1);
      for (const l of lines) expect(l).toMatch(/^::(error|warning|notice)( [^:]*)?::/);
    }), { numRuns: 150 });
  });

  // GitHub shows 10 error annotations of a step: 1,600 copies of one Cilium finding would
  // hide every other problem.
  it('folds the same finding on many hooks into one annotation naming them', () => {
    const r = sampleResult();
    const same = (i: number) => finding({ ruleId: 'terminal-at-pref-1', severity: 'error', message: 'm', remediation: 'fix', netns: 'host', interface: `lxc${i}`, source: { file: 'n.capture', line: 10 + i } });
    r.findings = [same(1), same(2), same(3), same(4)];
    r.errors = [];
    const lines = formatGithub(r, DEFAULT_FORMAT_OPTIONS).trimEnd().split('\n');
    expect(lines[0]).toBe('::error title=tc-audit terminal-at-pref-1 (4 hooks),file=n.capture,line=11::m%0AOn 4 hooks: '
      + 'node-a / host / lxc1 / ingress, node-a / host / lxc2 / ingress, node-a / host / lxc3 / ingress, … and 1 more%0ARemediation: fix');
    expect(lines).toHaveLength(2); // and the recommendation
  });

  it("the recommendation notice carries the vendor's way out too", () => {
    const out = formatGithub(sampleResult(), DEFAULT_FORMAT_OPTIONS);
    const notice = out.split('\n').find((l) => l.startsWith('::notice title=tc-audit recommendation::'))!;
    expect(notice).toContain('%0Aalternative: Cilium: --bpf-filter-priority=2 moves its filters after the agent');
  });
});
