// Golden CLI tests over scenario captures recorded from the real tc/bpftool
// (scripts/record-scenarios.sh). Each records the command, stdout, stderr and exit code in
// test/cli/golden/<name>.md; UPDATE_GOLDEN=1 rewrites them. JSON assertions pin the contract.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const GOLDEN = join(process.cwd(), 'test/cli/golden');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', COLUMNS: '120' } });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}

function golden(name: string, args: string[]) {
  const r = run(args);
  const text = [`# ${name}`, '', '```', `$ tc-audit ${args.join(' ')}`, '', r.stdout.trimEnd(), r.stderr ? `\n[stderr]\n${r.stderr.trimEnd()}` : '', '```', '', `Exit code: ${r.code}`, ''].join('\n');
  const file = join(GOLDEN, `${name}.md`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, text);
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
  return r;
}

const cases = [
  { name: 'cilium-pref1', action: 'disable-network', priority: null, rules: ['terminal-at-pref-1'], code: 1 },
  { name: 'vendor-pref5', action: 'set-priority', priority: 4, rules: ['terminal-before-agent'], code: 1 },
  { name: 'retina-unspec', action: 'keep', priority: 10, rules: ['passthrough-classifier'], code: 0 },
  { name: 'collision', action: 'disable-network', priority: null, rules: ['agent-pref-collision', 'terminal-at-pref-1'], code: 1 },
  { name: 'unknown-pref3', action: 'set-priority', priority: 2, rules: ['unknown-verdict-before-agent'], code: 0 },
  { name: 'ip-only', action: 'set-priority', priority: 1, rules: ['terminal-before-agent', 'narrow-protocol-terminal'], code: 1 },
  { name: 'cilium-tcx', action: 'disable-network', priority: null, rules: ['terminal-tcx'], code: 1 },
  // An agent of 7.36.0-7.39.1 reads no priority and sits at pref 1, ahead of the pref 5 vendor:
  // nothing to change now, and once upgraded (default 10) it must be set to 4.
  { name: 'old-agent-pref5', args: ['--agent-version', '7.38.0'], action: 'keep', priority: 1, after: { action: 'set-priority', classifierPriority: 4 }, rules: ['agent-config-hazard', 'terminal-after-agent'], code: 0 },
] as const satisfies ReadonlyArray<{ name: string; args?: readonly string[]; action: string; priority: number | null; after?: object; rules: readonly string[]; code: number }>;

describe('tc-audit analyze on recorded scenarios', () => {
  it.each(cases)('$name: $action', (c) => {
    const file = `fixtures/scenarios/${c.name}.capture`;
    const args = 'args' in c ? [...c.args] : [];
    const j = run(['analyze', file, '--json', ...args]);
    expect(j.code).toBe(c.code);
    const report = JSON.parse(j.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.recommendation).toMatchObject({ action: c.action, classifierPriority: c.priority });
    if ('after' in c) expect(report.recommendation.afterUpgrade).toMatchObject({ agentVersion: '7.39.2', ...c.after });
    else expect(report.recommendation.afterUpgrade).toBeNull();
    const ids = new Set(report.findings.map((f: { ruleId: string }) => f.ruleId));
    for (const r of c.rules) expect(ids).toContain(r);
    expect(report.errors).toEqual([]);
    golden(c.name, ['analyze', file, ...args]);
  });

  it('exit 2 and the accepted formats for input in no format', () => {
    const r = run(['analyze', 'package.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('accepted formats');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exit 2 for a usage error', () => {
    expect(run(['analyze', '--direction', 'sideways', 'x']).code).toBe(2);
  });

  it('reads stdin', () => {
    const text = readFileSync('fixtures/scenarios/vendor-pref5.capture', 'utf8');
    const r = spawnSync(process.execPath, [CLI, 'analyze', '-', '--json'], { input: text, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).recommendation.classifierPriority).toBe(4);
  }, 30_000);
});
