// package.json's `bin` is what npm links onto PATH and runs through its #! line: it must
// start, run a command from its lazily loaded chunk, and find package.json beside it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
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
