// package.json's `bin` is what npm links onto PATH and runs through its #! line: it must
// start, run a command from its lazily loaded chunk, and find package.json beside it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

it('runs directly, as npm links it, and reports the package version', () => {
  const r = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.stdout.trim()).toBe(version);
  expect(r.status).toBe(0);
});

it('loads a command on demand (analyze on a capture)', () => {
  const r = spawnSync(CLI, ['analyze', 'fixtures/scenarios/collision.capture', '--json'], { encoding: 'utf8', cwd: new URL('../..', import.meta.url) });
  expect(r.stderr).toBe('');
  expect(JSON.parse(r.stdout).tool).toEqual({ name: 'tc-audit', version });
});

// The bundle loads string-width (help layout) only when a help text is laid out, through a
// stand-in (scripts/bundle.mjs): every help must read as tsc's unbundled CLI prints it.
it.each([[], ['analyze'], ['audit'], ['collect'], ['diff'], ['watch'], ['self-test']])('prints %j --help as the unbundled CLI does', (...cmd) => {
  const run = (entry: string) => spawnSync(process.execPath, [entry, ...cmd, '--help'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '72', LC_ALL: 'C' } });
  const bundled = run(CLI);
  const plain = run(fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url)));
  expect(bundled.status).toBe(0);
  expect(bundled.stdout).toContain('--help');
  expect(bundled.stdout).toBe(plain.stdout);
});

// The bin's #! line is /bin/sh, which starts node on the same file without
// NODE_EXTRA_CA_CERTS (scripts/bundle.mjs LAUNCHER: node 20 reads those certificates as it
// starts). Node warns when that file is missing, which shows whether it was read at all.
describe('the launcher', () => {
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: '/nonexistent/tc-audit-ca.pem' };

  it('starts node without NODE_EXTRA_CA_CERTS, which node itself would read', () => {
    const direct = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8', env });
    expect(direct.stderr).toContain('Ignoring extra certs from `/nonexistent/tc-audit-ca.pem`');
    const launched = spawnSync(CLI, ['--version'], { encoding: 'utf8', env });
    expect(launched.stderr).toBe('');
    expect(launched.stdout.trim()).toBe(version);
  });

  it('passes every argument through as given, also from a symlink as npm links it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcat-bin-'));
    try {
      const link = join(dir, 'tc-audit');
      symlinkSync(CLI, link);
      const odd = join(dir, 'a dump with "spaces" $HOME *');
      writeFileSync(odd, readFileSync(new URL('../../fixtures/scenarios/collision.capture', import.meta.url)));
      const r = spawnSync(link, ['analyze', odd, '--json'], { encoding: 'utf8', env });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).inputs).toEqual([odd]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is plain JavaScript to node: the launcher line is a statement and a comment', () => {
    const lines = readFileSync(CLI, 'utf8').split('\n', 2);
    expect(lines[0]).toBe('#!/bin/sh');
    expect(lines[1]).toMatch(/^":" \/\/; unset NODE_EXTRA_CA_CERTS; exec node "\$0" "\$@"$/);
  });
});
