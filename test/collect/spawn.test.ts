// The collector's child-process wrapper (execa, lean options): what the collector relies on.
import { describe, expect, it } from 'vitest';
import { spawnChild } from '../../src/collect/spawn.js';

const env = { ...process.env, LC_ALL: 'C' };

describe('spawnChild', () => {
  it('passes stdin, keeps both outputs and the exit status', async () => {
    const r = await spawnChild(['sh', '-c', 'cat; echo oops >&2; exit 3'], { input: 'dév "x"\n', timeoutMs: 5000, env });
    expect(r).toEqual({ exitCode: 3, stdout: 'dév "x"\n', stderr: 'oops\n', timedOut: false, spawnError: null });
  });

  it('reports a program that cannot start as a spawn error, not an exit code', async () => {
    const r = await spawnChild(['tc-audit-no-such-tool'], { timeoutMs: 5000, env });
    expect(r.spawnError).toBe('ENOENT');
    expect(r.exitCode).toBeNull();
  });

  it('a tool that exits without reading its input is not an error', async () => {
    const r = await spawnChild(['true'], { input: 'x'.repeat(1 << 20), timeoutMs: 5000, env });
    expect([r.exitCode, r.spawnError]).toEqual([0, null]);
  });

  it('kills a tool that ignores SIGTERM shortly after the timeout', async () => {
    const started = Date.now();
    const r = await spawnChild([process.execPath, '-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'], { timeoutMs: 300, env });
    expect(r.timedOut).toBe(true);
    expect(r.exitCode).toBeNull();
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
