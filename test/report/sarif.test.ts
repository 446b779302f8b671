import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/analyze/rules/ids.js';
import { formatSarif, pathToUri } from '../../src/report/sarif.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../src/report/types.js';
import { hostileResult } from './hostile.js';
import { cleanResult, sampleResult } from './sample.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

const sarif = (r = sampleResult()) => JSON.parse(formatSarif(r, DEFAULT_FORMAT_OPTIONS));

describe('sarif', () => {
  it('validates against the official 2.1.0 schema', () => {
    for (const r of [sampleResult(), cleanResult()]) {
      const ok = validate(sarif(r));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
    // The validator is live: a wrong version or a bad uri fails it.
    expect(validate({ ...sarif(), version: '2.0.0' })).toBe(false);
  });

  it('lists every registry rule with a docs link', () => {
    const rules = sarif().runs[0].tool.driver.rules as Array<{ id: string; helpUri: string }>;
    for (const id of RULE_IDS) expect(rules.find((r) => r.id === id)?.helpUri).toMatch(new RegExp(`/${id}\\.md$`));
  });

  it('maps severity to level and anchors offline findings to the dump line', () => {
    const [err, warn, info] = sarif().runs[0].results;
    expect([err.level, warn.level, info.level]).toEqual(['error', 'warning', 'note']);
    expect(err.ruleId).toBe('terminal-at-pref-1');
    expect(err.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'dumps/node-a.tc.txt' }, region: { startLine: 3 } });
    expect(err.locations[0].logicalLocations[0].fullyQualifiedName).toBe('node-a / inode:4026532001 / lxc1 / ingress');
    expect(warn.locations[0].physicalLocation).toBeUndefined();
  });

  it('reports parse errors as tool notifications', () => {
    const n = sarif().runs[0].invocations[0].toolExecutionNotifications;
    expect(n[0]).toMatchObject({ level: 'error', message: { text: 'expected "filter", got "qdisc"' } });
    expect(n[0].locations[0].physicalLocation.region.startLine).toBe(7);
  });

  it('encodes paths as URI references', () => {
    expect(pathToUri('dumps/a b#1?.txt')).toBe('dumps/a%20b%231%3F.txt');
  });

  it('stays schema-valid with hostile names and messages', () => {
    fc.assert(fc.property(hostileResult(), (r) => {
      const log = sarif(r);
      expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
      expect(log.runs[0].results[0].message.text).toContain(r.findings[0]!.message);
    }), { numRuns: 150 });
  });
});
