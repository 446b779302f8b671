// `tc-audit diff` end to end on the recorded scenario captures (fixtures/scenarios).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { diffCommand } from '../../src/cli/commands/diff.js';
import { CLI } from '../helpers/cli.js';

// Scratch directories of this file, removed when it ends (they were left in /tmp, two a run).
const scratchDirs: string[] = [];
const scratch = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'tcat-diff-'));
  scratchDirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of scratchDirs) rmSync(d, { recursive: true, force: true });
});

const S = 'fixtures/scenarios';

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { stdout += String(s); return true; });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { stderr += String(s); return true; });
  process.exitCode = 0;
  try {
    await yargs(args).command(diffCommand).strictOptions().exitProcess(false).fail((m, e) => { throw e ?? new Error(m); }).parseAsync();
  } finally { out.mockRestore(); err.mockRestore(); }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout, stderr };
}

afterEach(() => { process.exitCode = 0; });

describe('tc-audit diff', () => {
  it('exits 1 when AFTER is worse (retina passthrough -> cilium terminal at pref 1)', async () => {
    const r = await run(['diff', `${S}/retina-unspec.capture`, `${S}/cilium-pref1.capture`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^tc-audit diff: WORSE/);
    expect(r.stdout).toContain('recommendation got stricter: keep 10 -> disable-network');
  });

  it('exits 0 for the fix and for no change', async () => {
    expect((await run(['diff', `${S}/cilium-pref1.capture`, `${S}/retina-unspec.capture`])).code).toBe(0);
    const same = await run(['diff', `${S}/vendor-pref5.capture`, `${S}/vendor-pref5.capture`, '--json']);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({ kind: 'diff', worse: false, hooks: [], newFindings: [] });
  });

  it('a lower priority needed is worse (set-priority 4 -> 2)', async () => {
    const r = await run(['diff', `${S}/vendor-pref5.capture`, `${S}/unknown-pref3.capture`, '-f', 'json']);
    expect(JSON.parse(r.stdout).regressions).toContain('a lower classifier priority is needed: 4 -> 2');
    expect(r.code).toBe(1);
  });

  it('writes SARIF with rollout-regression results', async () => {
    const dir = scratch();
    const r = await run(['diff', `${S}/retina-unspec.capture`, `${S}/cilium-pref1.capture`, '-f', 'sarif', '-o', join(dir, 'd.sarif')]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(readFileSync(join(dir, 'd.sarif'), 'utf8'));
    expect(sarif.runs[0].results.some((x: { ruleId: string; level: string }) => x.ruleId === 'rollout-regression' && x.level === 'error')).toBe(true);
  });

  it('exits 2 when a side is unreadable', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'junk.txt'), 'hello\n');
    const r = await run(['diff', join(dir, 'junk.txt'), `${S}/cilium-pref1.capture`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nothing could be read from BEFORE');
  });
});

// The bin as users pipe into it: yargs read a lone `-` in <before>/<after> as an option
// without a value and handed the handler '', which then failed as "cannot read: ENOENT".
describe('tc-audit diff with stdin', () => {
  const bin = (args: string[], input: string) => spawnSync(CLI, args, { input, encoding: 'utf8' });

  it('reads - as stdin on either side', () => {
    const before = bin(['diff', '-', `${S}/cilium-pref1.capture`], readFileSync(`${S}/retina-unspec.capture`, 'utf8'));
    expect(before.stderr).toBe('');
    expect(before.status).toBe(1);
    expect(before.stdout).toContain('recommendation got stricter: keep 10 -> disable-network');
    const after = bin(['diff', `${S}/cilium-pref1.capture`, '-', '--json'], readFileSync(`${S}/cilium-pref1.capture`, 'utf8'));
    expect(after.status).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({ kind: 'diff', worse: false, hooks: [] });
  });

  it('a finding about the whole node counts as new and resolved when its vendor changes', () => {
    const r = bin(['diff', `${S}/vendor-pref5.capture`, `${S}/retina-unspec.capture`, '--json'], '');
    const d = JSON.parse(r.stdout) as { newFindings: Array<{ ruleId: string; message: string }>; resolvedFindings: Array<{ ruleId: string; message: string }> };
    expect(d.newFindings.some((f) => f.ruleId === 'destructive-vendor' && f.message.includes('Retina'))).toBe(true);
    expect(d.resolvedFindings.some((f) => f.ruleId === 'destructive-vendor' && f.message.includes('AWS'))).toBe(true);
  });

    it('refuses - on both sides: stdin is read once', () => {
    const r = bin(['diff', '-', '-'], readFileSync(`${S}/retina-unspec.capture`, 'utf8'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('tc-audit: BEFORE and AFTER cannot both be - (stdin is read once); give one of them as a file\nRun tc-audit --help for usage.\n');
  });
});
