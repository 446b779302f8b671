// The table reads each hook's findings from the audit's index (AuditResult.findingPlaces)
// when it indexes the result's own findings, and finds them by place otherwise: the two
// must draw the same table, and a stale index (findings replaced) must not be used.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../../src/agent/defaults.js';
import { auditByShape } from '../../../src/analyze/audit.js';
import type { AuditOptions } from '../../../src/analyze/contracts.js';
import { mergeParsed, parseInput } from '../../../src/parse/index.js';
import { formatTable } from '../../../src/report/table/index.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../../src/report/types.js';
import { generate } from '../../../scripts/gen-dump.mjs';

const options: AuditOptions = { agent: defaultAgentSettings(), mode: 'offline', assume: {}, errors: [], notes: [], inputs: [] };
const audited = (text: string) => auditByShape(mergeParsed([parseInput(text, 'f', { node: null, device: null, direction: null })]).nodes, options);
const tables = (r: ReturnType<typeof audited>) => [false, true].map((verbose) => formatTable(r, { ...DEFAULT_FORMAT_OPTIONS, verbose }));

describe('findingPlaces in the table', () => {
  it.each([
    ['generated capture, 120 devices', generate(120).text],
    ['cilium-pref1 scenario', readFileSync('fixtures/scenarios/cilium-pref1.capture', 'utf8')],
    ['collision scenario', readFileSync('fixtures/scenarios/collision.capture', 'utf8')],
  ])('%s: the same table with the index as without it', (_, text) => {
    const r = audited(text);
    expect(r.findingPlaces?.findings).toBe(r.findings);
    expect(tables(r)).toEqual(tables({ ...r, findingPlaces: undefined }));
  });

  it('is not used for findings it does not index', () => {
    const r = audited(generate(40).text);
    const fewer = { ...r, findings: r.findings.filter((f) => f.severity !== 'error') };
    expect(fewer.findingPlaces).toBeDefined();
    expect(tables(fewer)).toEqual(tables({ ...fewer, findingPlaces: undefined }));
    expect(tables(fewer)).not.toEqual(tables(r));
  });
});
