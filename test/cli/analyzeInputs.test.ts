// The offline pipeline's "was anything read?" (src/cli/analyzeInputs.ts), which decides
// between a report and exit 2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeInputs } from '../../src/cli/analyzeInputs.js';

const dir = mkdtempSync(join(tmpdir(), 'tcat-ain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe('analyzeInputs: readable', () => {
  it.each([
    ['text', 'xdp:\n\ntc:\n\nflow_dissector:\n\n'],
    ['json', '[{"xdp":[],"tc":[],"flow_dissector":[]}]\n'],
  ])('a clean bpftool net show (%s) with an empty tc section was read: no hook, nothing-audited', async (name, text) => {
    const r = await analyzeInputs([file(`empty-${name}`, text)], {});
    expect(r.readable).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['nothing-audited']);
    expect(r.recommendation.action).toBe('unknown');
  });

  it('a bpftool dump with nothing but unreadable lines was not', async () => {
    const r = await analyzeInputs([file('bad', 'tc:\nnonsense\n')], {});
    expect(r.readable).toBe(false);
    expect(r.errors.map((e) => e.line)).toEqual([2]);
  });
});
