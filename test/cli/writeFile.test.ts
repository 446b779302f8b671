// Files the user names with -o (src/cli/writeFile.ts): directories made, failures reported
// as `tc-audit: cannot write ...` with exit 2. `-o /proc/x/out.json` used to hang for ever:
// Node 20's recursive mkdir retries when mkdir answers ENOENT under a directory that exists.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_VERSION } from '../../src/model/bundleSchema.js';
import { WriteError, writeUserFile } from '../../src/cli/writeFile.js';
import { CLI } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { createNetns, deleteNetns } from '../helpers/netns.js';

const dir = mkdtempSync(join(tmpdir(), 'tcat-write-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeUserFile', () => {
  it('makes the missing directories above the file', () => {
    const f = join(dir, 'a', 'b', 'c', 'out.json');
    writeUserFile(f, '{}\n');
    expect(readFileSync(f, 'utf8')).toBe('{}\n');
  });

  it.each([
    ['/proc/tcat-nope/out.json', 'ENOENT (mkdir /proc/tcat-nope)'],
    ['/proc/tcat-out.json', 'ENOENT'],
    ['/dev/full', 'ENOSPC'],
  ])('%s: a WriteError saying why, at once', (file, reason) => {
    let err: unknown;
    try { writeUserFile(file, 'x'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(WriteError);
    expect(err).toMatchObject({ file, reason, message: `cannot write ${file}: ${reason}` });
  });

  it('a path through a file is ENOTDIR', () => {
    const file = join(dir, 'plain');
    writeFileSync(file, '');
    expect(() => writeUserFile(join(file, 'out.json'), 'x')).toThrow(`cannot write ${join(file, 'out.json')}: ENOTDIR`);
  });
});

describe('-o through the bin', () => {
  const analyze = (...args: string[]) => spawnSync(CLI, ['analyze', 'fixtures/scenarios/collision.capture', ...args], { encoding: 'utf8', timeout: 20_000 });

  it('a report under /proc is exit 2 with the reason, not a hang or an internal error', () => {
    const r = analyze('-f', 'json', '-o', '/proc/tcat-nope/a/out.json');
    expect(r.error).toBeUndefined(); // no timeout
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('tc-audit: cannot write json report to /proc/tcat-nope/a/out.json: ENOENT (mkdir /proc/tcat-nope)\n');
  });

  it('a report into new directories is written', () => {
    const f = join(dir, 'new', 'deeper', 'audit.sarif');
    const r = analyze('-f', 'sarif', '-o', f);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(JSON.parse(readFileSync(f, 'utf8')).version).toBe('2.1.0');
    expect(existsSync(join(dir, 'new', 'deeper'))).toBe(true);
  });
});

describeLive('collect -o through the bin', () => {
  it('writes the bundle into new directories, and refuses /proc with the reason', () => {
    const ns = createNetns('write');
    try {
      const collect = (out: string) => spawnSync(CLI, ['collect', '--netns', ns, '-q', '-o', out], { encoding: 'utf8', timeout: 30_000 });
      const f = join(dir, 'bundles', 'node.json');
      const ok = collect(f);
      expect(ok.status).toBe(0);
      expect(JSON.parse(readFileSync(f, 'utf8'))).toMatchObject({ bundleVersion: BUNDLE_VERSION });
      const bad = collect('/proc/tcat-nope/node.json');
      expect(bad.error).toBeUndefined();
      expect(bad.status).toBe(2);
      // -q: no summary line before it.
      expect(bad.stderr).toBe('tc-audit: cannot write /proc/tcat-nope/node.json: ENOENT (mkdir /proc/tcat-nope)\n');
    } finally {
      deleteNetns(ns);
    }
  });
});
