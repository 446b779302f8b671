// package.json's `bin` is what npm links onto PATH and runs through its #! line: it must
// start, run a command from its lazily loaded chunk, and find package.json beside it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
