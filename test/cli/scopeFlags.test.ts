// Scope flags are checked before any collection. A mistyped --netns used to be audited as a
// namespace with nothing in it, and with nothing to block the agent the answer was keep,
// exit 0: a CI gate passed on a typo. A --timeout or --jobs that is no number silently fell
// back to the default. watch alone follows a named namespace that does not exist yet.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { createNetns, deleteNetns } from '../helpers/netns.js';

const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 30_000 });
const usage = (message: string) => `tc-audit: ${message}\nRun tc-audit --help for usage.\n`;
const NAME = `tcat-no-such-${process.pid}`;

beforeAll(() => ensureBuilt());

describe('scope flags', () => {
  it.each([
    [['--netns', NAME], `--netns ${NAME}: no such network namespace (/var/run/netns/${NAME} does not exist; \`ip netns list\` shows the named ones)`],
    [['audit', '--netns-path', `/proc/${2 ** 30}/ns/net`], `--netns-path /proc/${2 ** 30}/ns/net: no such namespace (/proc/${2 ** 30}/ns/net does not exist)`],
    [['collect', '--netns', NAME, '-o', '-'], `--netns ${NAME}: no such network namespace (/var/run/netns/${NAME} does not exist; \`ip netns list\` shows the named ones)`],
    [['--timeout', 'abc'], '--timeout: expected a number of seconds above 0, got no number'],
    [['--timeout', '0'], '--timeout: expected a number of seconds above 0, got 0'],
    [['-j', '0'], '--jobs: expected a whole number of 1 or more, got 0'],
    [['collect', '-j', '2.5', '-o', '-'], '--jobs: expected a whole number of 1 or more, got 2.5'],
    [['-i', ''], '--interface: an empty pattern matches no device (quote a glob such as "lxc*")'],
    [['watch', '-i', 'lxc*', '-i', ''], '--interface: an empty pattern matches no device (quote a glob such as "lxc*")'],
  ])('%j: usage error, nothing collected', (args, message) => {
    const r = run(args);
    expect(r.stderr).toBe(usage(message));
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
  });

  it('watch still takes a namespace that does not exist yet (docs/watch.md), and checks the numbers', () => {
    const w = spawnSync(process.execPath, [CLI, 'watch', '--netns', NAME], { encoding: 'utf8', timeout: 3_000, killSignal: 'SIGTERM' });
    expect(w.stdout).toMatch(/"type":"watch-started","namespaces":\[\]/);
    expect(run(['watch', '--timeout', '-1']).stderr).toBe(usage('--timeout: expected a number of seconds above 0, got -1'));
  });
});

describeLive('a scope that matches no device', () => {
  let ns = '';
  beforeAll(() => { ns = createNetns('scope'); });
  afterAll(() => deleteNetns(ns));

  it('is a warning and an unknown recommendation, never a passing keep', () => {
    const r = run(['--netns', ns, '-i', 'lcx*', '-q', '--json']);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as { findings: { ruleId: string; severity: string }[]; recommendation: { action: string } };
    expect(j.findings).toEqual([expect.objectContaining({ ruleId: 'nothing-audited', severity: 'warning' })]);
    expect(j.recommendation.action).toBe('unknown');
    expect(run(['--netns', ns, '-i', 'lcx*', '-q', '--fail-on', 'warning']).status).toBe(1);
  });
});

