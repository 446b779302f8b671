// A word in command position that names no command is a usage error, never a live audit:
// `audit` is the default command and takes no positionals, so `tc-audit analyse dump.txt` must
// not audit the host. And the forms that are the audit command must stay so.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { createNetns, deleteNetns } from '../helpers/netns.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CAPTURE = 'fixtures/scenarios/collision.capture';
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const dir = mkdtempSync(join(tmpdir(), 'tcat-unknown-cmd-'));

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT, timeout: 30_000 });

/** Without privileges a live audit stops at once (exit 2, naming CAP_NET_ADMIN) before it
 *  collects anything: that message proves a run reached the audit handler, and a run that wrongly
 *  reaches it ends in milliseconds. As root, drop to nobody as auditLive.test.ts does. */
const unprivileged = (args: string[]) =>
  process.getuid?.() === 0
    ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', process.execPath, CLI, ...args], { encoding: 'utf8', cwd: ROOT, timeout: 30_000 })
    : run(args);

const usage = (message: string) => `tc-audit: ${message}\nRun tc-audit --help for usage.\n`;

beforeAll(() => ensureBuilt());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('an unknown word in command position', () => {
  it.each([
    { args: ['analyse', CAPTURE], message: 'unknown command "analyse" (did you mean analyze?)' },
    { args: ['colect', '-o', '-'], message: 'unknown command "colect" (did you mean collect?)' },
    { args: ['self-tset'], message: 'unknown command "self-tset" (did you mean self-test?)' },
    { args: ['dif', CAPTURE, CAPTURE], message: 'unknown command "dif" (did you mean diff?)' },
    { args: ['wacth'], message: 'unknown command "wacth" (did you mean watch?)' },
    { args: ['bogus'], message: 'unknown command "bogus"' },
    { args: ['--json', 'bogus'], message: 'unknown command "bogus"' },
    // an option's value is the option's; the word after it is still in command position
    { args: ['--agent-priority', '5', 'analyse'], message: 'unknown command "analyse" (did you mean analyze?)' },
    { args: ['-f', 'sarif', '-o', join(dir, 'never.sarif'), '--fail-on', 'warning', 'bogus'], message: 'unknown command "bogus"' },
    // repeatable options take one value per use (--netns a --netns b): a second word is stray
    { args: ['-f', 'sarif', '-o', join(dir, 'never.sarif'), 'bogus'], message: 'unknown command "bogus"' },
    { args: ['--netns', 'foo', 'bar'], message: 'unknown command "bar"' },
  ])('tc-audit $args: exit 2, usage message only, nothing collected', ({ args, message }) => {
    const r = unprivileged(args);
    expect(r.stderr).toBe(usage(message)); // neither the live audit's privilege message nor a stack trace
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
    expect(existsSync(join(dir, 'never.sarif'))).toBe(false);
  });

  it('is rejected before the handler with privileges too (no live collection of the host)', () => {
    const started = Date.now();
    const r = run(['analyse', CAPTURE]);
    expect(r.stderr).toBe(usage('unknown command "analyse" (did you mean analyze?)'));
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('the default command and the real commands still run', () => {
  it.each([
    [[]],
    [['audit']],
    [['--json']],
    [['-f', 'sarif', '-o', join(dir, 'x.sarif')]],
    [['--agent-priority', '5']],
    [['-i', 'lxc*', '-j', '2', '--timeout', '3', '--node-name', 'n1', '--color', 'false', '-q', '--fail-on', 'warning',
      '--agent-env', 'K=V', '--assume', 'cilium=ok', '--agent-version', '7.50.0', '--cni-version', 'cilium:1.9.4', '--netns-path', '/proc/1/ns/net']],
  ])('tc-audit %j is the live audit', (args) => {
    const r = unprivileged(args);
    expect(r.stderr).toMatch(/^tc-audit: a live audit needs root privileges; missing:\n {2}- CAP_NET_ADMIN/);
    expect(r.stderr).not.toMatch(/unknown command|Unknown argument/i);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });

  it('--help lists every command and exits 0', () => {
    const r = run(['--help']);
    expect(r.stderr).toBe('');
    for (const c of ['analyze', 'collect', 'diff', 'self-test', 'watch']) expect(r.stdout).toContain(`tc-audit ${c}`);
    expect(r.status).toBe(0);
  });

  it.each(['analyze', 'audit', 'collect', 'diff', 'self-test', 'watch'])('%s --help exits 0', (c) => {
    const r = run([c, '--help']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`tc-audit ${c}`);
    expect(r.status).toBe(0);
  });

  it('--version prints the version', () => {
    const r = run(['--version']);
    expect(r.stdout.trim()).toBe(version);
    expect(r.status).toBe(0);
  });

  it('analyze with output flags', () => {
    const file = join(dir, 'a.sarif');
    const r = run(['analyze', CAPTURE, '--agent-priority', '5', '-f', 'sarif', '-o', file, '--json', '--fail-on', 'never']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).tool.name).toBe('tc-audit');
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe('2.1.0');
    expect(r.status).toBe(0);
  });

  it('diff with its two positionals', () => {
    const r = run(['diff', CAPTURE, CAPTURE, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('an extra word after the explicit audit command is still refused', () => {
    const r = unprivileged(['audit', 'bogus']);
    expect(r.stderr).toMatch(/^tc-audit: Unknown command: bogus\nRun tc-audit --help for usage\.\n$/);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });
});

// Named namespaces must exist (src/collect/scopeOptions.ts): these forms need real ones.
describeLive('the live audit with named namespaces', () => {
  let a = '';
  let b = '';
  beforeAll(() => { a = createNetns('unk-a'); b = createNetns('unk-b'); });
  afterAll(() => { deleteNetns(a); deleteNetns(b); });

  it.each([[['--netns', 'A']], [['--netns', 'A', '--netns', 'B']]])('tc-audit %j is the live audit', (args) => {
    const r = unprivileged(args.map((w) => (w === 'A' ? a : w === 'B' ? b : w)));
    expect(r.stderr).toMatch(/^tc-audit: a live audit needs root privileges; missing:\n {2}- CAP_NET_ADMIN/);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });
});


describe('unknown options', () => {
  it('are named once, as typed (not also in yargs\' camelCase)', () => {
    const r = spawnSync(process.execPath, [CLI, 'analyze', 'x', '--agent-prio', '3', '--bogus-flag'], { encoding: 'utf8' });
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'tc-audit: Unknown arguments: agent-prio, bogus-flag\nRun tc-audit --help for usage.\n']);
  });

  it('diff has no --fail-on (its exit code says whether AFTER is worse), so giving one is a usage error', () => {
    const r = spawnSync(process.execPath, [CLI, 'diff', 'fixtures/scenarios/cilium-pref1.capture', 'fixtures/scenarios/retina-unspec.capture', '--fail-on', 'never'], { encoding: 'utf8' });
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'tc-audit: Unknown argument: fail-on\nRun tc-audit --help for usage.\n']);
    expect(spawnSync(process.execPath, [CLI, 'diff', '--help'], { encoding: 'utf8' }).stdout).not.toContain('--fail-on');
  });
});

describe('-h', () => {
  it('is --help', () => {
    for (const cmd of [[], ['analyze'], ['diff']]) {
      const h = spawnSync(process.execPath, [CLI, ...cmd, '-h'], { encoding: 'utf8' });
      const help = spawnSync(process.execPath, [CLI, ...cmd, '--help'], { encoding: 'utf8' });
      expect([h.status, h.stdout]).toEqual([0, help.stdout]);
    }
  });
});
