// The agent's settings given as flags are held to what the agent itself accepts: a priority
// outside 0..65535 (or no number), an agent file that cannot be read or an --agent-env that is
// no KEY=VALUE is a usage error before any work, and a version the checks cannot read is said
// in the report (then treated as unknown), not silently dropped.
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';

const CAPTURE = 'fixtures/scenarios/collision.capture';
const run = (args: string[]) => spawnSync(process.execPath, [CLI, 'analyze', CAPTURE, ...args], { encoding: 'utf8', timeout: 30_000 });

beforeAll(() => ensureBuilt());

describe('--agent-priority', () => {
  it.each([['abc', 'no number'], ['-1', '-1'], ['70000', '70000'], ['1.5', '1.5']])('%s: exit 2', (value, got) => {
    const r = run(['--agent-priority', value]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`tc-audit: --agent-priority: expected an integer 0..65535 (the agent's classifier_priority), got ${got}\nRun tc-audit --help for usage.\n`);
  });

  it.each([['0', 0], ['65535', 65535], ['5', 5]])('%s is taken', (value, want) => {
    const r = run(['--agent-priority', value, '--json']);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as { agent: { configuredPriority: number } }).agent.configuredPriority).toBe(want);
  });
});

describe('version flags', () => {
  const errorsOf = (args: string[]) => (JSON.parse(run([...args, '--json']).stdout) as { errors: { file: string; line: null; message: string }[] }).errors;

  it('a version that names none is an input error, and counts as unknown', () => {
    expect(errorsOf(['--agent-version', 'garbage'])).toEqual([{ file: '--agent-version', line: null, message: `"garbage" names no version (e.g. 7.50.0); version checks treat the agent's as unknown` }]);
    expect(errorsOf(['--cni-version', 'cilium:abc'])).toEqual([{ file: '--cni-version', line: null, message: `"cilium:abc" names no version (e.g. cilium:1.16.3); version checks treat the CNI's as unknown` }]);
  });

  it('readable versions say nothing', () => {
    expect(errorsOf(['--agent-version', '7.38.0', '--cni-version', 'cilium 1.9.4'])).toEqual([]);
    expect(errorsOf(['--cni-version', 'Calico:3.26.1'])).toEqual([]);
  });

  it('a CNI version that names no known vendor is said (it would apply to none)', () => {
    expect(errorsOf(['--cni-version', 'cillium:1.9.4'])).toEqual([{
      file: '--cni-version', line: null,
      message: '"cillium:1.9.4" names no vendor tc-audit knows (e.g. cilium:1.16.3; vendors: cilium, calico, aws-network-policy-agent, retina, beyla, netobserv, kubeskoop, bpfman, merbridge, azure-ipv6-hp); version checks treat the CNI\'s as unknown',
    }]);
  });
});

describe('--assume', () => {
  it('a vendor id that is none is a usage error (a typo would change nothing)', () => {
    const r = run(['--assume', 'cillium=ok']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('tc-audit: --assume cillium=ok: "cillium" is no vendor id; expected one of cilium, calico, aws-network-policy-agent, retina, beyla, netobserv, kubeskoop, bpfman, merbridge, azure-ipv6-hp, datadog, unknown\n');
  });

  it('a known vendor id is taken', () => {
    const r = run(['--assume', 'unknown=ok', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });
});

describe('agent files and --agent-env', () => {
  // Read past, these would leave the agent's defaults in their place and could pass a gate.
  it.each([
    [['--agent-config', '/nonexistent/system-probe.yaml'], 'tc-audit: --agent-config /nonexistent/system-probe.yaml: cannot read: ENOENT\n'],
    [['--helm-values', '/nonexistent/values.yaml'], 'tc-audit: --helm-values /nonexistent/values.yaml: cannot read: ENOENT\n'],
    [['--agent-env', 'FOO'], 'tc-audit: --agent-env: expected KEY=VALUE, got "FOO"\n'],
  ])('%j: exit 2 before any report', (args, stderr) => {
    const r = run(args);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  });

  it('names without a value: exit 2', () => {
    for (const a of ['--dev', '--dev=', '--node-name=']) {
      const r = run([a]);
      expect([r.status, r.stderr.split('\n')[0]]).toEqual([2, `tc-audit: ${a.replace('=', '')} needs a value`]);
    }
  });
});
