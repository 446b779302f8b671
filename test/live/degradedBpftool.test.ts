// Live audits with bpftool missing or too old to list tcx, through the built CLI with a
// PATH that holds only the tools such a node would have.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLive, requireLive } from '../helpers/live.js';
import { createNetns, deleteNetns, inNs } from '../helpers/netns.js';
import { bookwormBpftool, CLI, cli, ensureBuilt, removeToolDirs, toolDir, which } from './degradedHelpers.js';
import { attachTcx, BPF_TRUTH } from './liveHelpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const REAL_PATH = process.env.PATH ?? '';
type Report = {
  nodes: { tcxVisible: boolean | null; versions: { bpftool: string | null }; interfaces: { name: string; direction: string; tcx: { name?: string | null }[] | null; filters: { vendor: string; verdict: { source: string; terminal: string } }[] }[] }[];
  findings: { ruleId: string; severity: string }[];
  recommendation: { action: string };
  notes: { kind: string; message: string }[];
};
const report = (stdout: string): Report => JSON.parse(stdout) as Report;
const hook = (r: Report, dev: string, dir = 'ingress') => r.nodes[0]!.interfaces.find((i) => i.name === dev && i.direction === dir)!;

describeLive('degraded tools: bpftool missing or too old for tcx', () => {
  let ns = '';
  beforeAll(() => {
    ensureBuilt();
    ns = createNetns('dgbt');
    inNs(ns, 'ip', ['link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1']);
    for (const d of ['v0', 'v1']) inNs(ns, 'tc', ['qdisc', 'add', 'dev', d, 'clsact']);
    // v0: a terminal program loaded under a Cilium object name, so only the knowledge base
    // can give its verdict when bpftool cannot dump its instructions.
    const lxc = join(toolDir([]), 'bpf_lxc.o');
    copyFileSync(`${ROOT}bpf/selftest/st_terminal.o`, lxc);
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'pref', '4', 'bpf', 'da', 'obj', lxc, 'sec', 'tc']);
    // v1: nothing before the agent's pref 10, and a tcx program that hides every clsact
    // filter (TCX_PASS): only a bpftool that lists tcx can see it.
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v1', 'ingress', 'pref', '50', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_unspec.o`, 'sec', 'tc']);
    attachTcx(ns, 'v1', 't_tcx_pass');
  }, 120_000);
  afterAll(() => {
    deleteNetns(ns);
    removeToolDirs();
  });

  it('no bpftool at all: still audits, knowledge-base verdicts, says bpftool is missing, never keep', () => {
    const path = toolDir(['ip', 'tc', 'nsenter', 'node']);
    const r = cli(['--netns', ns, '--json', '-q'], path);
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
    const out = report(r.stdout);
    expect(out.nodes[0]!.versions.bpftool).toBeNull();
    expect(out.nodes[0]!.tcxVisible).toBe(false);
    expect(out.notes).toContainEqual(expect.objectContaining({ kind: 'missing-tool', message: expect.stringMatching(/^bpftool not found/) }));
    expect(out.findings).toContainEqual(expect.objectContaining({ ruleId: 'tcx-not-visible', severity: 'warning' }));
    const f = hook(out, 'v0').filters[0]!;
    expect([f.vendor, f.verdict.source, f.verdict.terminal]).toEqual(['cilium', 'knowledge-base', 'always']);
    expect(hook(out, 'v1').tcx).toBeNull();
    expect(out.recommendation.action).toBe('set-priority');
    // v1 alone would be `keep` with a blind bpftool-less view: it must not be.
    const v1 = report(cli(['--netns', ns, '--json', '-q', '--interface', 'v1'], path).stdout);
    expect(v1.recommendation.action).toBe('unknown');
  });

  it('control: with the real bpftool the same hooks show the tcx program', () => {
    const out = report(cli(['--netns', ns, '--json', '-q', '--interface', 'v1'], REAL_PATH).stdout);
    expect(out.nodes[0]!.tcxVisible).toBe(true);
    expect(JSON.stringify(hook(out, 'v1').tcx)).toContain('t_tcx_pass');
    expect(out.recommendation.action).not.toBe('unknown');
  });

  it("bookworm's bpftool 7.1 cannot list tcx: tcxVisible false, tcx-not-visible, recommendation unknown", (ctx) => {
    let old: { bin: string; version: string };
    try {
      old = bookwormBpftool();
    } catch (e) {
      if (requireLive) throw e;
      console.warn(`skipping: ${(e as Error).message}`);
      ctx.skip();
      return;
    }
    // What 7.1 itself shows: the legacy filter but not the tcx program that runs first.
    const listing = inNs(ns, old.bin, ['-j', 'net', 'show']);
    expect(listing).toContain('t_unspec');
    expect(listing).not.toContain('t_tcx_pass');
    const dir = toolDir([]);
    copyFileSync(old.bin, join(dir, 'bpftool'));
    const r = cli(['--netns', ns, '--json', '-q', '--interface', 'v1'], `${dir}:${REAL_PATH}`);
    expect(r.stderr).toBe('');
    const out = report(r.stdout);
    expect(out.nodes[0]!.versions.bpftool).toBe('7.1.0');
    expect(out.nodes[0]!.tcxVisible).toBe(false);
    expect(out.notes.map((n) => n.kind)).toContain('tcx-not-visible');
    expect(out.findings).toContainEqual(expect.objectContaining({ ruleId: 'tcx-not-visible', severity: 'warning' }));
    expect(hook(out, 'v1').tcx).toBeNull();
    expect(out.recommendation.action).toBe('unknown');
  }, 180_000);

  /** A bpftool that fails (or hangs on) the commands named, and is the real one otherwise. */
  const wrapped = (fail: 'net' | 'version', how: 'exit' | 'hang'): string => {
    const dir = toolDir([]);
    const real = which('bpftool');
    writeFileSync(join(dir, 'bpftool'), `#!/bin/sh\nfor a in "$@"; do [ "$a" = ${fail} ] && { ${how === 'exit' ? 'echo simulated failure >&2; exit 255' : 'exec sleep 30'}; }; done\nexec ${real} "$@"\n`);
    chmodSync(join(dir, 'bpftool'), 0o755);
    return `${dir}:${REAL_PATH}`;
  };

  it('a capable bpftool whose net listing fails: tcx unknown there, so never keep (the tcx program on v1 ends every walk)', () => {
    const r = cli(['--netns', ns, '--json', '-q', '--interface', 'v1'], wrapped('net', 'exit'));
    const out = report(r.stdout);
    expect(out.nodes[0]!.versions.bpftool).not.toBeNull();
    expect(out.nodes[0]!.tcxVisible).toBe(false);
    expect(hook(out, 'v1').tcx).toBeNull();
    expect(out.findings).toContainEqual(expect.objectContaining({ ruleId: 'tcx-not-visible', severity: 'warning', message: expect.stringContaining('could not be listed for some hooks') }));
    expect(out.recommendation.action).toBe('unknown');
  });

  it('a bpftool whose version probe hangs is said to have timed out, not to be missing', () => {
    const r = cli(['--netns', ns, '--json', '-q', '--interface', 'v1', '--timeout', '1'], wrapped('version', 'hang'));
    const out = report(r.stdout);
    expect(out.notes).toContainEqual(expect.objectContaining({ kind: 'timeout', message: expect.stringMatching(/^bpftool did not answer its version probe within 1000 ms \(a larger --timeout may help\)/) }));
    expect(out.notes.map((n) => n.message).join('\n')).not.toContain('not found');
    expect(out.recommendation.action).toBe('unknown');
  }, 60_000);

  it.each(['SIGTERM', 'SIGINT'] as const)('%s to audit and collect kills a hung bpftool instead of leaving it in the namespace', async (sig) => {
    const mark = `37.${process.pid}${sig.length}`; // a sleep only this test starts
    const dir = toolDir([]);
    writeFileSync(join(dir, 'bpftool'), `#!/bin/sh\nfor a in "$@"; do [ "$a" = net ] && exec sleep ${mark}; done\nexec ${which('bpftool')} "$@"\n`);
    chmodSync(join(dir, 'bpftool'), 0o755);
    const hung = (): string[] => spawnSync('pgrep', ['-f', `^sleep ${mark}$`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const args of [['audit', '--netns', ns, '-q'], ['collect', '--netns', ns, '-q', '-o', '/dev/null']]) {
      const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, PATH: `${dir}:${REAL_PATH}` }, stdio: 'ignore' });
      for (let i = 0; i < 100 && hung().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(hung().length, 'the hung bpftool started').toBeGreaterThan(0);
      const ended = new Promise<NodeJS.Signals | null>((r) => child.on('exit', (_code, signal) => r(signal)));
      child.kill(sig);
      expect(await ended).toBe(sig); // ended by the signal, as before
      await new Promise((r) => setTimeout(r, 200));
      expect(hung(), `${args[0]}: no bpftool left behind`).toEqual([]);
    }
  }, 60_000);
});
