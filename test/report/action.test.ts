// action.yml: the composite action parses, no input is pasted into a shell script (an
// input is data; `${{ inputs.x }}` inside `run:` would make it code), and its run step works.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';

const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8'));

describe('action.yml', () => {
  it('is a composite action with the documented inputs and outputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['command', 'paths', 'before', 'after', 'fail-on', 'sarif-file', 'step-summary', 'package']));
    expect(Object.keys(action.outputs)).toEqual(['exit-code', 'sarif-file']);
  });

  it('passes inputs through env only', () => {
    for (const step of action.runs.steps) if (step.run) expect(step.run).not.toContain('${{');
  });
});

// The "Run tc-audit" step's script, run with bash as the runner runs it: inputs through its
// env mapping, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY as files, and the bin on PATH under the
// name `npm install -g` gives it (setup-node and the install are the runner's part).
describe('action.yml run step', () => {
  const step = action.runs.steps.find((s: { id?: string }) => s.id === 'run') as { env: Record<string, string>; run: string };
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'tcat-action-'));
  const bin = join(dir, 'bin');
  beforeAll(() => {
    ensureBuilt();
    mkdirSync(bin);
    symlinkSync(CLI, join(bin, 'tc-audit'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runStep(inputs: Record<string, string>) {
    const values = { ...Object.fromEntries(Object.entries(action.inputs as Record<string, { default: string }>).map(([k, v]) => [k, v.default])), ...inputs };
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(step.env)) env[k] = v.replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_, name: string) => values[name] ?? '');
    const work = mkdtempSync(join(dir, 'run-'));
    const files = { output: join(work, 'output'), summary: join(work, 'summary') };
    for (const f of Object.values(files)) writeFileSync(f, '');
    const r = spawnSync('bash', ['-e', '-c', step.run], {
      cwd: root, encoding: 'utf8',
      env: { ...process.env, ...env, PATH: `${bin}:${process.env.PATH}`, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary },
    });
    return { ...r, outputs: readFileSync(files.output, 'utf8'), summary: readFileSync(files.summary, 'utf8'), work };
  }

  it('analyze: table, annotations, SARIF, step summary and the exit code', () => {
    const sarif = join(dir, 'a.sarif');
    const r = runStep({ paths: 'fixtures/scenarios/collision.capture', 'sarif-file': sarif });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^tc-audit: FAIL/);
    expect(r.stdout).toMatch(/^::error .*terminal-at-pref-1/m);
    expect(r.outputs).toBe(`exit-code=1\nsarif-file=${sarif}\n`);
    expect(JSON.parse(readFileSync(sarif, 'utf8')).runs[0].results.length).toBeGreaterThan(0);
    expect(r.summary).toContain('terminal-at-pref-1');
  });

  it('diff: exit 1 when AFTER is worse, 0 when it is not', () => {
    const worse = runStep({ command: 'diff', before: 'fixtures/scenarios/retina-unspec.capture', after: 'fixtures/scenarios/cilium-pref1.capture', 'sarif-file': '' });
    expect(worse.stderr).toBe('');
    expect(worse.status).toBe(1);
    expect(worse.outputs).toBe('exit-code=1\n');
    expect(worse.summary).not.toBe('');
    const fixed = runStep({ command: 'diff', before: 'fixtures/scenarios/cilium-pref1.capture', after: 'fixtures/scenarios/retina-unspec.capture', 'sarif-file': '' });
    expect(fixed.status).toBe(0);
  });

  it('inputs are data: a path holding $(...) is a file name, not a command', () => {
    const marker = join(dir, 'pwned');
    const r = runStep({ paths: `$(touch ${marker})`, annotations: 'false', 'sarif-file': '' });
    expect(r.status).toBe(2);
    expect(existsSync(marker)).toBe(false);
    expect(r.outputs).toBe('exit-code=2\n');
  });

  it('an unknown command is an annotated error, exit 2', () => {
    const r = runStep({ command: 'audit' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('::error title=tc-audit action::command must be analyze or diff, got: audit\n');
  });
});
