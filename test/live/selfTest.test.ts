// The self-test's own pipeline, live: it passes on this kernel and leaves nothing behind.
import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { ProcessRunner } from '../../src/collect/runner.js';
import { runSelfTest } from '../../src/collect/selfTest.js';
import { describeLive } from '../helpers/live.js';

const ours = () => readdirSync('/var/run/netns').filter((n) => n.startsWith(`tcat-selftest-${process.pid}-`));

describeLive('self-test pipeline', () => {
  it('passes and removes its namespace', async () => {
    const out = await runSelfTest(new ProcessRunner(), 10_000);
    expect(out.failures).toEqual([]);
    expect(out.ok).toBe(true);
    expect(ours()).toEqual([]);
  });

  it('removes its namespace when a step fails', async () => {
    const real = new ProcessRunner();
    const out = await runSelfTest({
      run: (req) => (req.argv.includes('attach') ? real.run({ ...req, argv: ['false'] }) : real.run(req)),
    }, 10_000);
    expect(out.ok).toBe(false);
    expect(out.failures[0]).toMatch(/attach/);
    expect(ours()).toEqual([]);
  });
});
