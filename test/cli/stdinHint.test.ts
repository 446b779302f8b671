// `tc-audit analyze` with no path reads standard input. At a terminal it says so on stderr
// (it would otherwise wait without a word); from a pipe it says nothing extra.
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';
import { STDIN_HINT } from '../../src/cli/readInputs.js';

const CAPTURE = readFileSync('fixtures/scenarios/cilium-pref1.capture', 'utf8');

describe('analyze from standard input', () => {
  it('at a terminal: the hint, then the report of what was typed (script(1) gives it a pty)', () => {
    ensureBuilt();
    // The terminal ends input at Ctrl-D (\x04) on an empty line.
    const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} analyze --no-color`, '/dev/null'], { input: `${CAPTURE}\x04`, encoding: 'utf8', timeout: 30_000 });
    expect(r.error).toBeUndefined();
    const out = r.stdout.replace(/\r\n/g, '\n');
    expect(out).toContain(STDIN_HINT);
    expect(out).toMatch(/tc-audit: FAIL .*\(offline, 1 node\(s\)\)/);
    expect(r.status).toBe(1);
  });

  it('from a directory (`analyze - < dir`): said so, not "empty"', () => {
    const fd = openSync('fixtures', 'r');
    try {
      const r = spawnSync(process.execPath, [CLI, 'analyze', '-'], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', timeout: 30_000 });
      expect(r.status).toBe(2);
      expect(r.stderr.split('\n')[0]).toBe('-: cannot read: standard input is a directory; name it as a path to read its files');
    } finally {
      closeSync(fd);
    }
  });

  it('from a pipe: the report alone', () => {
    const r = spawnSync(process.execPath, [CLI, 'analyze'], { input: CAPTURE, encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^tc-audit: FAIL /);
    expect(r.status).toBe(1);
  });
});

describe('inputs after --', () => {
  it('are read as files, not stdin', () => {
    const r = spawnSync(process.execPath, [CLI, 'analyze', '--json', '--', 'fixtures/scenarios/ip-only.capture'], { encoding: 'utf8', input: '' });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).inputs).toEqual(['fixtures/scenarios/ip-only.capture']);
  });
});
