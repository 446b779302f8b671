// `tc-audit watch` refuses values it cannot run with, as usage errors (exit 2), before it
// starts anything: it used to put its defaults in their place without a word, and a bad
// --metrics-addr ended in "internal error".
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const watch = (...args: string[]) => spawnSync(CLI, ['watch', '--host-only', '-q', ...args], { encoding: 'utf8', timeout: 10_000 });

describe('tc-audit watch options', () => {
  it.each([
    [['--tcx-interval', '0'], '--tcx-interval: expected a number of seconds above 0, got 0'],
    [['--tcx-interval', 'abc'], '--tcx-interval: expected a number of seconds above 0, got no number'],
    [['--rescan-interval', '-2'], '--rescan-interval: expected a number of seconds above 0, got -2'],
    [['--debounce', '901'], '--debounce: expected milliseconds from 0 to 900 (a change is re-audited within a second), got 901'],
    [['--debounce', '-1'], '--debounce: expected milliseconds from 0 to 900 (a change is re-audited within a second), got -1'],
    [['--metrics-addr', 'nonsense'], '--metrics-addr nonsense: expected HOST:PORT (e.g. 127.0.0.1:9464, [::1]:9464 or :9464)'],
    [['--metrics-addr', '127.0.0.1:70000'], '--metrics-addr 127.0.0.1:70000: port 70000 is above 65535'],
  ])('%j is a usage error', (args, message) => {
    const r = watch(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`tc-audit: ${message}\nRun tc-audit --help for usage.\n`);
  });

  describe('an address it cannot listen on', () => {
    let server: Server;
    let port = 0;
    beforeAll(async () => {
      server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('says why and exits 2 without watching', () => {
      const r = watch('--metrics-addr', `127.0.0.1:${port}`);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`tc-audit: --metrics-addr 127.0.0.1:${port}: cannot listen (EADDRINUSE)\n`);
    });
  });
});
