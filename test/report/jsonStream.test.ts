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

  it('hostile strings', () => {
    fc.assert(fc.property(hostileResult(), (r) => {
      expect([...jsonChunks(r, '1.2.3', 500)].join('')).toBe(plain(r));
    }), { numRuns: 50 });
  });
});
