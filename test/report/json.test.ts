import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMATTERS, OUTPUT_FORMATS } from '../../src/report/index.js';
import { formatJson } from '../../src/report/json.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../src/report/types.js';
import { hostileResult } from './hostile.js';
import { sampleResult } from './sample.js';
import { audit } from '../../src/analyze/audit.js';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import { mergeParsed, parseInput } from '../../src/parse/index.js';

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

// flags, classid, actions and the u32 key flags of each filter, from a recorded dump through
// the whole pipeline (iproute2 6.1 text: the u32 terminal flag is read from it).
describe('json filter details', () => {
  it('carries flags, classid, actions and u32 { terminal, link }', () => {
    const text = readFileSync(new URL('../../fixtures/recorded/u32-mirred-pipe.tc.txt', import.meta.url), 'utf8');
    const parsed = parseInput(text, 'u32.txt', { device: 'v0', direction: 'ingress', node: 'n', iproute2: '6.1.0' });
    const r = audit(mergeParsed([parsed]).nodes, { agent: defaultAgentSettings(), mode: 'offline', assume: {}, errors: [], notes: [], inputs: ['u32.txt'] });
    const f = json(r).nodes[0].interfaces[0].filters[0];
    expect(f).toMatchObject({
      kind: 'u32', flags: ['not_in_hw'], classid: null,
      actions: [{ order: 1, kind: 'mirred', control: 'pipe', detail: 'egress mirror' }],
      u32: { terminal: true, link: null },
    });
    expect(json().nodes[0].interfaces[0].filters[0]).toMatchObject({ kind: 'bpf', u32: null, actions: [] });
  });
});
