// Repeatable options (-f, -o, --assume, --agent-env) take one value per use. yargs' array
// options take every word up to the next option unless told otherwise (greedy-arrays), so a dump named after
// one of them was read as a second value: `analyze -f json node.capture` failed with "Invalid
// values", and `analyze --assume unknown=ok node.capture` with a bad assumption.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const UNKNOWN = 'fixtures/scenarios/unknown-pref3.capture';
const dir = mkdtempSync(join(tmpdir(), 'tcat-repeatable-'));

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT, timeout: 30_000 });

interface Report {
  agent: { classifierPriority: number; source: string };
  nodes: { interfaces: { filters: { vendor: string; verdict: { terminal: string; source: string } }[] }[] }[];
}
const json = (stdout: string) => JSON.parse(stdout) as Report;
const unknownVerdicts = (r: Report) =>
  r.nodes.flatMap((n) => n.interfaces.flatMap((i) => i.filters.filter((f) => f.vendor === 'unknown').map((f) => f.verdict)));

beforeAll(() => ensureBuilt());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('repeatable options before the dump', () => {
  it('-f json then the dump: the dump is read, the report is JSON', () => {
    const r = run(['analyze', '-f', 'json', UNKNOWN]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0); // an unknown verdict before the agent is a warning
    expect(unknownVerdicts(json(r.stdout))).toEqual([expect.objectContaining({ terminal: 'unknown', source: 'none' })]);
  });

  it('--assume then the dump: the assumption holds, the dump is read', () => {
    const r = run(['analyze', '--assume', 'unknown=unspec', '--json', UNKNOWN]);
    expect(r.stderr).toBe('');
    expect(unknownVerdicts(json(r.stdout))).toEqual([expect.objectContaining({ terminal: 'never', source: 'assumed' })]);
  });

  it('--agent-env then the dump: the variable sets the priority', () => {
    const r = run(['analyze', '--agent-env', 'DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY=2', '--json', '--fail-on', 'never', 'fixtures/scenarios/cilium-pref1.capture']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(json(r.stdout).agent).toMatchObject({ classifierPriority: 2, source: 'env' });
  });

  it('each use adds one value: two -f/-o pairs write two reports, and the dump after them is read', () => {
    const sarif = join(dir, 'a.sarif');
    const md = join(dir, 'a.md');
    const r = run(['analyze', '-f', 'sarif', '-o', sarif, '-f', 'markdown', '-o', md, UNKNOWN]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(sarif, 'utf8'))).toHaveProperty('runs');
    expect(readFileSync(md, 'utf8')).toMatch(/unknown/);
  });

  it.each([
    [['--assume'], '--assume needs a value'],
    [['-f'], '--format needs a value'],
    [['--agent-env'], '--agent-env needs a value'],
  ])('%j left without its value is a usage error (exit 2), not silently nothing', (opt, message) => {
    const r = run(['analyze', UNKNOWN, ...opt]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`tc-audit: ${message}\nRun tc-audit --help for usage.\n`);
  });

  it('-o - still means stdout, before or after the dump', () => {
    for (const args of [['-f', 'json', '-o', '-', UNKNOWN], [UNKNOWN, '-f', 'json', '-o', '-']]) {
      const r = run(['analyze', ...args]);
      expect(r.stderr).toBe('');
      expect(json(r.stdout).agent.classifierPriority).toBe(10);
    }
  });
});

describe('options that take one value, and values not given', () => {
  it.each([
    [['--cni-version', 'cilium:1.9.4', '--cni-version', 'retina:0.0.7'], '--cni-version is given 2 times (cilium:1.9.4, retina:0.0.7); it takes one value'],
    [['--agent-version', '7.38.0', '--agent-version', '7.40.0'], '--agent-version is given 2 times (7.38.0, 7.40.0); it takes one value'],
    [['--agent-config', 'a.yaml', '--agent-config', 'b.yaml'], '--agent-config is given 2 times (a.yaml, b.yaml); it takes one value'],
    [['--fail-on', 'error', '--fail-on', 'never'], '--fail-on is given 2 times (error, never); it takes one value'],
    [['--agent-priority', ''], '--agent-priority needs a value'],
    [['--agent-version='], '--agent-version needs a value'],
    [['-o'], '-o needs a value (a file, or - for stdout)'],
  ])('%j is a usage error', (args, said) => {
    const r = run(['analyze', UNKNOWN, ...args]);
    expect(r.stderr).toContain(said);
    expect([r.status, r.stdout]).toEqual([2, '']);
  });

  it('a boolean given twice is still that boolean', () => {
    const r = run(['analyze', UNKNOWN, '--json', '--json']);
    const once = run(['analyze', UNKNOWN, '--json']);
    expect([r.status, r.stdout]).toEqual([once.status, once.stdout]);
  });

  it('diff with a third input says so', () => {
    const r = run(['diff', UNKNOWN, UNKNOWN, 'fixtures/scenarios/ip-only.capture']);
    expect(r.stderr).toContain('diff compares two inputs, BEFORE and AFTER; more were given (fixtures/scenarios/ip-only.capture)');
    expect(r.status).toBe(2);
  });
});
