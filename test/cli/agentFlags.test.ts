// The agent's settings given as flags are held to what the agent itself accepts: a priority
// outside 0..65535 (or no number), an agent file that cannot be read or an --agent-env that is
// no KEY=VALUE is a usage error before any work, and a version the checks cannot read is said
// in the report (then treated as unknown), not silently dropped.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(r.stderr).toBe('tc-audit: --assume cillium=ok: "cillium" is no vendor id; expected one of cilium, calico, aws-network-policy-agent, retina, beyla, netobserv, kubeskoop, bpfman, merbridge, azure-ipv6-hp, datadog, unknown\nRun tc-audit --help for usage.\n');
  });

  it('is a usage error for the live audit and watch too, before anything is collected or watched', () => {
    for (const cmd of [[], ['audit'], ['watch']]) {
      for (const bad of ['garbage', 'cilium=maybe', 'nosuchvendor=ok']) {
        const r = spawnSync(process.execPath, [CLI, ...cmd, '--assume', bad], { encoding: 'utf8', timeout: 30_000 });
        expect([cmd.join(' '), bad, r.status, r.stdout]).toEqual([cmd.join(' '), bad, 2, '']);
        expect(r.stderr).toMatch(/^tc-audit: --assume .*\nRun tc-audit --help for usage\.\n$/);
      }
    }
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
    [['--agent-config', '/nonexistent/system-probe.yaml'], 'tc-audit: --agent-config /nonexistent/system-probe.yaml: cannot read: ENOENT\nRun tc-audit --help for usage.\n'],
    [['--helm-values', '/nonexistent/values.yaml'], 'tc-audit: --helm-values /nonexistent/values.yaml: cannot read: ENOENT\nRun tc-audit --help for usage.\n'],
    [['--agent-env', 'FOO'], 'tc-audit: --agent-env: expected KEY=VALUE, got "FOO"\nRun tc-audit --help for usage.\n'],
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

describe('the agent configuration, with the agent\'s own precedence (vendor-pref5: a terminal classifier at pref 5)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tcat-agentcfg-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const pref5 = (args: string[]) => spawnSync(process.execPath, [CLI, 'analyze', 'fixtures/scenarios/vendor-pref5.capture', '--json', ...args], { encoding: 'utf8', timeout: 30_000 });
  const outOf = (args: string[]) => {
    const r = pref5(args);
    const j = JSON.parse(r.stdout) as { agent: { classifierPriority: number; source: string; trace: Array<{ key: string; used: boolean }> }; recommendation: { action: string; classifierPriority: number | null; reasons: string[] }; errors: Array<{ message: string }> };
    return { status: r.status, ...j };
  };

  it('runtime_security_config in system-probe.yaml wins over the environment: a variable set to 3 does not make the agent safe', () => {
    const sp = file('rs9.yaml', 'runtime_security_config:\n  network:\n    classifier_priority: 9\n');
    const r = outOf(['--agent-config', sp, '--agent-env', 'DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY=3']);
    expect(r.agent).toMatchObject({ classifierPriority: 9, source: 'system-probe.yaml' });
    expect(r.recommendation).toMatchObject({ action: 'set-priority', classifierPriority: 4 });
    expect(r.recommendation.reasons).toContainEqual(expect.stringContaining(`${sp} sets runtime_security_config.network.classifier_priority, which the agent takes over every environment variable: change it there`));
    expect(r.agent.trace.map((t) => [t.key, t.used])).toEqual([['DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY', false], ['runtime_security_config.network.classifier_priority', true]]);
    expect(r.status).toBe(1);
  });

  it('an --agent-env that is no network setting is said, not read in silence', () => {
    const r = outOf(['--agent-env', 'FOO=bar']);
    expect(r.errors.map((e) => e.message)).toContainEqual("FOO: not a setting of the agent's network detection (DD_RUNTIME_SECURITY_CONFIG_NETWORK_* or DD_EVENT_MONITORING_CONFIG_NETWORK_*), which is all tc-audit reads; ignored");
  });

  it('a priority the agent cannot parse is pref 50 to it, not the default 10', () => {
    const r = outOf(['--agent-env', 'DD_EVENT_MONITORING_CONFIG_NETWORK_CLASSIFIER_PRIORITY=abc']);
    expect(r.agent.classifierPriority).toBe(50);
    expect(r.errors.map((e) => e.message)).toContainEqual(expect.stringContaining('"abc" is not an integer; the agent reads it as 0, which its library turns into pref 50'));
    expect(r.recommendation.action).toBe('set-priority');
  });

  it('a system-probe.yaml YAML cannot parse is a usage error, not a run on the defaults', () => {
    const bad = file('bad.yaml', 'runtime_security_config:\n  network:\n    classifier_priority: 3\nbad: [unclosed\n');
    const r = pref5(['--agent-config', bad]);
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toMatch(new RegExp(`^tc-audit: --agent-config ${bad}:\\d+: YAML: .*the agent cannot load this file either: fix it, or leave --agent-config out\\nRun tc-audit --help for usage\\.\\n$`));
  });

  it('the table marks overridden values and says the order', () => {
    const sp = file('rs9b.yaml', 'runtime_security_config:\n  network:\n    classifier_priority: 9\n');
    const r = spawnSync(process.execPath, [CLI, 'analyze', 'fixtures/scenarios/vendor-pref5.capture', '--agent-config', sp, '--agent-env', 'DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY=3'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stdout).toContain('DD_RUNTIME_SECURITY_CONFIG_NETWORK_CLASSIFIER_PRIORITY = 3 (env, --agent-env) ignored: overridden');
    expect(r.stdout).toContain('the agent takes runtime_security_config.network.* from system-probe.yaml');
  });
});
