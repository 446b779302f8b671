// Scope flags are checked before any collection. A mistyped --netns used to be audited as a
// namespace with nothing in it, and with nothing to block the agent the answer was keep,
// exit 0: a CI gate passed on a typo. A --timeout or --jobs that is no number silently fell
// back to the default. watch alone follows a named namespace that does not exist yet. A path
// that is no network namespace, or a scope flag with no value, is refused too; a namespace
// named twice is audited once.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { createNetns, createVethNetns, deleteNetns, inNs } from '../helpers/netns.js';
import { join } from 'node:path';
import { ROOT } from '../parse/fixtures.js';

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000, maxBuffer: 256 << 20 });
const usage = (message: string) => `tc-audit: ${message}\nRun tc-audit --help for usage.\n`;
const NAME = `tcat-no-such-${process.pid}`;

beforeAll(() => ensureBuilt());

describe('scope flags', () => {
  it.each([
    [['--netns', NAME], `--netns ${NAME}: no such network namespace (/var/run/netns/${NAME} does not exist; \`ip netns list\` shows the named ones)`],
    [['audit', '--netns-path', `/proc/${2 ** 30}/ns/net`], `--netns-path /proc/${2 ** 30}/ns/net: no such namespace (/proc/${2 ** 30}/ns/net does not exist)`],
    [['collect', '--netns', NAME, '-o', '-'], `--netns ${NAME}: no such network namespace (/var/run/netns/${NAME} does not exist; \`ip netns list\` shows the named ones)`],
    [['--timeout', 'abc'], '--timeout: expected a number of seconds above 0 and at most 2147483, got no number'],
    [['--timeout', '0'], '--timeout: expected a number of seconds above 0 and at most 2147483, got 0'],
    // Node's timers overflow past 2^31-1 ms and fire after 1 ms: every command was killed.
    [['--timeout', '3000000'], '--timeout: expected a number of seconds above 0 and at most 2147483, got 3000000'],
    [['self-test', '--timeout', '3000000'], '--timeout: expected a number of seconds above 0 and at most 2147483, got 3000000'],
    [['self-test', '--timeout', '0'], '--timeout: expected a number of seconds above 0 and at most 2147483, got 0'],
    // A name is a file of /var/run/netns, not a path out of it.
    [['--netns', '../../proc/1/ns/net'], '--netns ../../proc/1/ns/net: a name from `ip netns list` holds no "/"; give a path with --netns-path'],
    [['-j', '0'], '--jobs: expected a whole number of 1 or more, got 0'],
    [['collect', '-j', '2.5', '-o', '-'], '--jobs: expected a whole number of 1 or more, got 2.5'],
    [['-i', ''], '--interface: an empty pattern matches no device (quote a glob such as "lxc*")'],
    [['watch', '-i', 'lxc*', '-i', ''], '--interface: an empty pattern matches no device (quote a glob such as "lxc*")'],
    // A path that exists but is no network namespace was audited as one that "went away".
    [['--netns-path', '/etc/passwd'], '--netns-path /etc/passwd: not a network namespace (not a namespace file (a bind mount in /var/run/netns or /proc/PID/ns/net is))'],
    [['--netns-path', '/proc/self/ns/mnt'], '--netns-path /proc/self/ns/mnt: not a network namespace (a mnt namespace, not a network one)'],
    // Given no value (an unset $NS in a script), a scope flag used to mean "every namespace".
    [['--netns'], '--netns needs a value'],
    [['--netns='], '--netns needs a value'],
    [['watch', '--netns-path='], '--netns-path needs a value'],
    [['-i'], '--interface needs a value'],
    [['--netns=', '-q'], '--netns needs a name (`ip netns list` shows them)'],
    [['collect', '--netns-path=', '-q', '-o', '-'], '--netns-path needs a path (e.g. /proc/PID/ns/net)'],
  ])('%j: usage error, nothing collected', (args, message) => {
    const r = run(args);
    expect(r.stderr).toBe(usage(message));
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });

  it('watch still takes a namespace that does not exist yet (docs/watch.md), and checks the numbers', () => {
    const w = spawnSync(process.execPath, [CLI, 'watch', '--netns', NAME], { encoding: 'utf8', timeout: 3_000, killSignal: 'SIGTERM' });
    expect(w.stdout).toMatch(/"type":"watch-started","namespaces":\[\]/);
    expect(run(['watch', '--timeout', '-1']).stderr).toBe(usage('--timeout: expected a number of seconds above 0 and at most 2147483, got -1'));
  });
});

describeLive('a scope that matches no device', () => {
  let ns = '';
  beforeAll(() => { ns = createNetns('scope'); });
  afterAll(() => deleteNetns(ns));

  it('is an error and an unknown recommendation: a gate does not pass on an audit of nothing', () => {
    const r = run(['--netns', ns, '-i', 'lcx*', '-q', '--json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as { findings: { ruleId: string; severity: string }[]; recommendation: { action: string } };
    expect(j.findings).toEqual([expect.objectContaining({ ruleId: 'nothing-audited', severity: 'error' })]);
    expect(j.recommendation.action).toBe('unknown');
    expect(r.status).toBe(1);
  });
});


describeLive('a namespace named twice', () => {
  let ns = '';
  beforeAll(() => {
    ns = createVethNetns('twice');
    inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'pref', '4', 'bpf', 'da', 'obj', join(ROOT, 'fixtures/recorded/bpf/da_pass.o'), 'sec', 'tc']);
  });
  afterAll(() => deleteNetns(ns));

  it('by name, or by name and path, is audited once, as the default scope does', () => {
    const report = (args: string[]) => {
      const j = JSON.parse(run([...args, '-q', '--json']).stdout) as { nodes: { interfaces: { name: string; direction: string }[] }[]; findings: { ruleId: string }[] };
      return { hooks: j.nodes[0]!.interfaces.map((i) => `${i.name} ${i.direction}`), findings: j.findings.map((f) => f.ruleId) };
    };
    const once = report(['--netns', ns]);
    expect(once.hooks.length).toBeGreaterThan(0);
    expect(report(['--netns', ns, '--netns', ns])).toEqual(once);
    expect(report(['--netns', ns, '--netns-path', `/var/run/netns/${ns}`])).toEqual(once);
  });
});
