// At most one report on stdout: two would run together into one stream no reader can take
// apart. Asking for that is a usage error (exit 2) before any work; reports with files are
// as many as wanted.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';

const CAPTURE = 'fixtures/scenarios/collision.capture';
const dir = mkdtempSync(join(tmpdir(), 'tcat-stdout-'));
const run = (args: string[]) => spawnSync(process.execPath, [CLI, 'analyze', CAPTURE, ...args], { encoding: 'utf8', timeout: 30_000 });

beforeAll(() => ensureBuilt());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reports on stdout', () => {
  it.each([
    [['--json', '-f', 'sarif'], 'json and sarif would both go to stdout'],
    [['-f', 'table', '-f', 'json'], 'table and json would both go to stdout'],
    [['-f', 'github', '-f', 'markdown', '-o', '-', '-f', 'junit', '-o', join(dir, 'never.xml')], 'github and markdown would both go to stdout'],
    [['-f', 'json', '-f', 'sarif', '-f', 'table'], 'json, sarif and table would all go to stdout'],
  ])('%j: exit 2, nothing written', (args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`tc-audit: ${message}; give all but one of them a file with -o FILE\nRun tc-audit --help for usage.\n`);
    expect(existsSync(join(dir, 'never.xml'))).toBe(false);
  });

  it('one on stdout and the others in files is fine', () => {
    const sarif = join(dir, 'a.sarif');
    const r = run(['-f', 'sarif', '-o', sarif, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toHaveProperty('schemaVersion', 1);
    expect(JSON.parse(readFileSync(sarif, 'utf8'))).toHaveProperty('runs');
  });

  // The second -o of one -f used to be dropped, and an -o before -f json went to the JSON in
  // place of the -o after it: files silently not written.
  it.each([
    [['-f', 'json', '-o', 'a.json', '-o', 'b.json'], 'b.json'],
    [['-o', 'a.txt', '-o', 'b.txt'], 'b.txt'],
    [['-o', 'a.txt', '-f', 'json', '-o', 'b.json'], 'a.txt'],
  ])('%j: an -o no -f takes is exit 2, nothing written', (args, stray) => {
    const r = run(args.map((a) => (a.includes('.') ? join(dir, a) : a)));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`tc-audit: -o ${join(dir, stray)}: no -f is left to take it (each -f takes one -o after it; without -f, one -o names the table's file); pair them as -f FORMAT -o FILE\nRun tc-audit --help for usage.\n`);
    for (const f of ['a.json', 'b.json', 'a.txt', 'b.txt']) expect(existsSync(join(dir, f))).toBe(false);
  });

  it('without -f, one -o names the table\'s file', () => {
    const table = join(dir, 'table.txt');
    const r = run(['-o', table]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(table, 'utf8')).toMatch(/^tc-audit: FAIL/);
  });
});
