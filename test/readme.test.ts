// The README's worked example is real output: it must stay what the bin prints.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { CLI } from './helpers/cli.js';

it('README worked example is what `tc-audit analyze` prints, exit code included', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const cmd = '$ tc-audit analyze fixtures/scenarios/vendor-pref5.capture\n';
  const start = readme.indexOf(cmd);
  expect(start).toBeGreaterThan(0);
  const rest = readme.slice(start + cmd.length);
  const m = /^([\s\S]*?)\$ echo \$\?\n(\d+)\n```/.exec(rest);
  expect(m).not.toBeNull();
  const r = spawnSync(process.execPath, [CLI, 'analyze', 'fixtures/scenarios/vendor-pref5.capture'], {
    encoding: 'utf8', cwd: new URL('..', import.meta.url), env: { ...process.env, NO_COLOR: '1', COLUMNS: '110' },
  });
  expect(r.stdout).toBe(m![1]);
  expect(String(r.status)).toBe(m![2]);
});
