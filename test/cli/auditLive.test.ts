// The built CLI on real tools: audit, collect, self-test, privilege failure, SIGTERM cleanup.
import { spawn, spawnSync, type SpawnSyncOptionsWithStringEncoding } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bundleOf, CLI, ensureBuilt } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { createNetns, deleteNetns, inNs } from '../helpers/netns.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const cli = (args: string[], extra: Omit<SpawnSyncOptionsWithStringEncoding, 'encoding'> = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { timeout: 60_000, maxBuffer: 256 << 20, ...extra, encoding: 'utf8' });

describeLive('tc-audit audit / collect / self-test (built CLI)', () => {
  let ns = '';
  beforeAll(() => {
    ensureBuilt();
    ns = createNetns('cli');
    inNs(ns, 'ip', ['link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1']);
    inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'pref', '4', 'bpf', 'da', 'obj', `${ROOT}bpf/selftest/st_terminal.o`, 'sec', 'tc']);
  }, 120_000);
  afterAll(() => deleteNetns(ns));

  it('audits a namespace live and recommends a priority below the terminal filter', () => {
    const r = cli(['audit', '--netns', ns, '-f', 'json', '--quiet']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.mode).toBe('live');
    expect(JSON.stringify(out)).toContain('st_terminal');
    expect(r.status).toBe(1);
  });

  it('--max-dumps caps the instruction dumps: 0 leaves the verdict to the knowledge base (unknown here)', () => {
    const verdictOf = (args: string[]) => {
      const out = JSON.parse(cli(['audit', '--netns', ns, '--json', '-q', ...args]).stdout) as { nodes: { interfaces: { filters: { pref: number; verdict: { source: string; terminal: string } }[] }[] }[]; notes: { kind: string }[] };
      const f = out.nodes.flatMap((n) => n.interfaces).flatMap((i) => i.filters).find((x) => x.pref === 4)!;
      return { verdict: f.verdict, notes: out.notes.map((n) => n.kind) };
    };
    expect(verdictOf([]).verdict).toMatchObject({ source: 'bytecode', terminal: 'always' });
    const none = verdictOf(['--max-dumps', '0']);
    expect(none.verdict).toMatchObject({ source: 'none', terminal: 'unknown' });
    const bad = cli(['audit', '--netns', ns, '--max-dumps', '-1']);
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining('--max-dumps: expected a whole number of 0 or more')]);
  });

  it('collect takes one -o, and says so before collecting; --max-dumps 0 is noted in the bundle', () => {
    const twice = cli(['collect', '--netns', ns, '-q', '-o', '/tmp/tcat-never-a.json', '-o', '/tmp/tcat-never-b.json']);
    expect([twice.status, twice.stdout]).toEqual([2, '']);
    expect(twice.stderr).toContain('-o is given 2 times (/tmp/tcat-never-a.json, /tmp/tcat-never-b.json); collect writes one bundle');
    const off = bundleOf(cli(['collect', '--netns', ns, '-q', '-o', '-', '--max-dumps', '0']).stdout);
    expect(off.notes.map((n) => n.kind)).toContain('instructions-off');
  });

  it('is the default command', () => {
    const r = cli(['--netns', ns, '--json', '--interface', 'v*']);
    expect(JSON.parse(r.stdout).mode).toBe('live');
  });

  it('takes option values as values, not as a command (--agent-priority 5, -f sarif -o FILE)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tcat-cli-sarif-'));
    try {
      const file = join(dir, 'audit.sarif');
      const r = cli(['--agent-priority', '5', '--netns', ns, '-f', 'sarif', '-o', file, '--quiet']);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('');
      const sarif = readFileSync(file, 'utf8');
      expect(JSON.parse(sarif).runs[0].tool.driver.name).toBe('tc-audit');
      expect(sarif).toContain('st_terminal');
      expect(r.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('collect writes a bundle that validates, with a summary on stderr first', () => {
    const r = cli(['collect', '--netns', ns, '-o', '-', '--node-name', 'n1', '--redact']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/tc-audit bundle for node n1 \(redacted\)/);
    const b = bundleOf(r.stdout);
    expect(b.node.name).toBe('n1');
    expect(b.redacted).toBe(true);
    expect(b.snapshot.netns[0]!.devices.some((d) => d.name === 'v0')).toBe(true);
    expect(b.evidence.some((e) => e.argv.includes('-batch'))).toBe(true);
    expect(r.stdout).not.toMatch(/"address":"[0-9a-f]{2}:/); // MACs hashed
  });

  it('exits 2 at once, naming the capabilities, when not root', () => {
    const started = Date.now();
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', '--bounding-set=-all',
      process.execPath, CLI, 'audit'], { encoding: 'utf8', timeout: 10_000 });
    expect(r.status).toBe(2);
    expect(Date.now() - started).toBeLessThan(3000); // node start included; the check itself is instant
    expect(r.stderr).toMatch(/CAP_NET_ADMIN/);
    expect(r.stderr).toMatch(/CAP_BPF and CAP_PERFMON/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });

  it('self-test prints OK and exits 0', () => {
    const r = cli(['self-test']);
    expect(r.stdout).toBe('tc-audit self test: OK\n');
    expect(r.status).toBe(0);
  });

  it('self-test removes its namespace on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'self-test'], { stdio: 'ignore' });
    const mine = () => readdirSync('/var/run/netns').filter((n) => n.startsWith(`tcat-selftest-${child.pid}-`));
    for (let i = 0; i < 200 && mine().length === 0 && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(143);
    expect(mine()).toEqual([]);
  });
});
