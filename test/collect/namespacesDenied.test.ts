// Namespaces of processes tc-audit may not look at (a container under a confining AppArmor
// profile, no SYS_PTRACE) are counted, not taken for exited processes: run as an unprivileged
// user, whom the kernel refuses other users' /proc/PID/ns/net.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { discoverNamespaces } from '../../src/collect/namespaces.js';
import { describeLive } from '../helpers/live.js';

const dir = mkdtempSync(join(tmpdir(), 'tcat-denied-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeLive('namespace discovery where /proc/PID/ns/net is refused', () => {
  it('counts the processes it could not read, with one pid to show', () => {
    const script = join(dir, 'probe.mjs');
    writeFileSync(script, `const { discoverNamespaces } = await import(${JSON.stringify(join(process.cwd(), 'dist/collect/namespaces.js'))});
const denied = { count: 0, example: null };
discoverNamespaces({ hostOnly: false, netns: [], netnsPaths: [], netnsDir: '/nonexistent' }, denied);
process.stdout.write(JSON.stringify(denied));`);
    chmodSync(dir, 0o755); // (mkdtemp makes it root's alone)
    chmodSync(script, 0o644);
    // nobody may not read root's processes' namespaces (ptrace access mode).
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, script], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const denied = JSON.parse(r.stdout) as { count: number; example: number | null };
    expect(denied.count).toBeGreaterThan(0);
    expect(denied.example).toBeGreaterThan(1);
  });

  it('as root nothing is refused but what PID 1 may hide (the host candidate covers it)', () => {
    const denied = { count: 0, example: null };
    discoverNamespaces({ hostOnly: false, netns: [], netnsPaths: [], netnsDir: '/nonexistent' }, denied);
    expect(denied).toEqual({ count: 0, example: null });
  });
});
