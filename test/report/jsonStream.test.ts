// The streamed JSON report is byte for byte JSON.stringify(toJsonReport(r), null, 2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { toJsonReport } from '../../src/report/jsonModel.js';
import { jsonChunks } from '../../src/report/jsonStream.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../src/report/types.js';
import type { AuditResult } from '../../src/model/result.js';
import { hostileResult } from './hostile.js';
import { cleanResult, sampleResult } from './sample.js';

const plain = (r: AuditResult): string => `${JSON.stringify(toJsonReport(r, '1.2.3'), null, 2)}\n`;

describe('json in pieces', () => {
  it.each([
    ['sample', sampleResult()],
    ['clean', cleanResult()],
    ['no nodes', { ...cleanResult(), analysis: { nodes: [] }, findings: [] }],
    ['a node without hooks', { ...cleanResult(), analysis: { nodes: [{ ...cleanResult().analysis.nodes[0]!, hooks: [] }] } }],
  ])('%s', (_, r) => {
    expect(formatJson(r, { ...DEFAULT_FORMAT_OPTIONS, toolVersion: '1.2.3' })).toBe(plain(r));
    // Any chunk size gives the same bytes.
    expect([...jsonChunks(r, '1.2.3', 1)].join('')).toBe(plain(r));
    expect([...jsonChunks(r, '1.2.3', 300)].join('')).toBe(plain(r));
  });

  it('a hook with more than 10,000 filters comes filter by filter, the same bytes', () => {
    const r = sampleResult();
    const node = r.analysis.nodes[0]!;
    const hook = node.hooks.find((h) => (h.filters?.length ?? 0) > 0)!;
    const many = { ...hook, filters: Array.from({ length: 10_001 }, (_, i) => hook.filters![i % hook.filters!.length]!) };
    const big: AuditResult = { ...r, analysis: { nodes: [{ ...node, hooks: [many, ...node.hooks] }] } };
    expect([...jsonChunks(big, '1.2.3')].join('')).toBe(plain(big));
    const empty: AuditResult = { ...r, analysis: { nodes: [{ ...node, hooks: [{ ...hook, filters: [] }] }] } };
    expect([...jsonChunks(empty, '1.2.3')].join('')).toBe(plain(empty));
  });

  it('hostile strings', () => {
    fc.assert(fc.property(hostileResult(), (r) => {
      expect([...jsonChunks(r, '1.2.3', 500)].join('')).toBe(plain(r));
    }), { numRuns: 50 });
  });
});
