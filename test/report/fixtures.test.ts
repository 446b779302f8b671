// Every format over real analyses of the recorded scenario captures: SARIF validates,
// JUnit parses, JSON keeps the contract, GitHub commands stay one per line.
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { analyzeInputs } from '../../src/cli/analyzeInputs.js';
import { FORMATTERS } from '../../src/report/index.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../src/report/types.js';

const DIR = 'fixtures/scenarios';
const schema = JSON.parse(readFileSync(new URL('../../schemas/sarif-schema-2.1.0.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);
const scenarios = readdirSync(DIR).filter((f) => f.endsWith('.capture'));

describe.each(scenarios)('%s', (name) => {
  it('renders valid SARIF, JUnit, JSON and GitHub commands', async () => {
    const r = await analyzeInputs([`${DIR}/${name}`], {});
    const o = DEFAULT_FORMAT_OPTIONS;
    const sarif = JSON.parse(FORMATTERS.sarif(r, o));
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0].results).toHaveLength(r.findings.length);
    const xml = FORMATTERS.junit(r, o);
    expect(XMLValidator.validate(xml)).toBe(true);
    const suites = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml).testsuites;
    expect(Number(suites.failures)).toBe(new Set(r.findings.filter((f) => f.severity === 'error').map((f) => `${f.netns}/${f.interface}/${f.direction}`)).size);
    const json = JSON.parse(FORMATTERS.json(r, o));
    expect(json.schemaVersion).toBe(1);
    expect(json.recommendation.action).toBe(r.recommendation.action);
    const gh = FORMATTERS.github(r, o).trimEnd().split('\n');
    expect(gh).toHaveLength(r.findings.length + r.errors.length + 1);
    expect(FORMATTERS.table(r, o)).toMatch(/^tc-audit: (FAIL|WARN|PASS)/);
    expect(FORMATTERS.markdown(r, o)).toMatch(/^## /);
  });
});
