import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATTERS, OUTPUT_FORMATS } from '../../src/report/index.js';
import { formatJson } from '../../src/report/json.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../src/report/types.js';
import { hostileResult } from './hostile.js';
import { sampleResult } from './sample.js';

const json = (r = sampleResult()) => JSON.parse(formatJson(r, DEFAULT_FORMAT_OPTIONS));

describe('json', () => {
  it('keeps the contract names', () => {
    const j = json();
    expect(j.schemaVersion).toBe(1);
    expect(j.agent).toMatchObject({ classifierPriority: 10, source: 'default' });
    const lxc = j.nodes[0].interfaces[0];
    expect(j.nodes[0].name).toBe('node-a');
    expect(lxc).toMatchObject({ name: 'lxc1', netns: 'inode:4026532001', direction: 'ingress', tcx: [] });
    expect(lxc.filters[0]).toMatchObject({
      pref: 1, protocol: 'all', kind: 'bpf', handle: '0x1', progId: 12, vendor: 'cilium',
      verdict: { terminal: 'always', returnCodes: [0, 2], source: 'knowledge-base' },
      reaches: { ipv4: true, ipv6: true, other: true },
    });
    expect(j.nodes[0].interfaces[1].tcx[0]).toMatchObject({ progId: 40, vendor: 'unknown', verdict: { terminal: 'sometimes' } });
    expect(j.findings[0]).toMatchObject({ ruleId: 'terminal-at-pref-1', severity: 'error', node: 'node-a', interface: 'lxc1', direction: 'ingress' });
    expect(j.recommendation).toMatchObject({ action: 'disable-network', classifierPriority: null });
    expect(j.errors).toEqual([
      { file: 'dumps/node-a.tc.txt', line: 7, message: 'expected "filter", got "qdisc"' },
      { file: 'dumps/broken.json', line: null, message: 'not JSON' },
    ]);
  });

  it('writes null for what was not observed', () => {
    const r = sampleResult();
    const h = r.analysis.nodes[0]!.hooks[0]!;
    h.tcx = null; h.filters![0]!.filter.program = null;
    const lxc = json(r).nodes[0].interfaces[0];
    expect(lxc.tcx).toBeNull();
    expect(lxc.filters[0].progId).toBeNull();
  });

  it('every format renders hostile input; JSON round-trips it', () => {
    fc.assert(fc.property(hostileResult(), (r) => {
      const j = json(r);
      expect(j.findings[0].message).toBe(r.findings[0]!.message);
      expect(j.nodes[0].interfaces[0].name).toBe(r.analysis.nodes[0]!.hooks[0]!.device);
      for (const f of OUTPUT_FORMATS) expect(typeof FORMATTERS[f](r, DEFAULT_FORMAT_OPTIONS)).toBe('string');
    }), { numRuns: 100 });
  });
});
