// Issue 4: a bundle carries each program's translated instructions, so `analyze bundle`
// offline reaches the same verdicts, reachability and recommendation as the live audit,
// also when collected with --redact.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { createNetns, deleteNetns, inNs, run } from '../helpers/netns.js';

const ROOT = process.cwd();
const B = join(ROOT, 'bpf/scenarios');
const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 << 20 });

type Report = { recommendation: unknown; findings: Array<Record<string, unknown>>; nodes: Array<{ interfaces: Array<Record<string, unknown>> }> };
/** What must agree: per hook, every program's vendor, verdict and reach; findings; answer. */
const essence = (r: Report) => ({
  recommendation: r.recommendation,
  hooks: r.nodes.flatMap((n) => n.interfaces).map((i) => ({
    name: i.name, direction: i.direction,
    filters: (i.filters as Array<Record<string, unknown>> | null)?.map((f) => ({ pref: f.pref, progId: f.progId, vendor: f.vendor, verdict: f.verdict, reaches: f.reaches })),
    tcx: (i.tcx as Array<Record<string, unknown>> | null)?.map((p) => ({ progId: p.progId, vendor: p.vendor, verdict: p.verdict, reaches: p.reaches })),
  })),
  findings: r.findings.map((f) => [f.ruleId, f.severity, f.interface, f.direction, f.message]),
});

describeLive('live audit and offline bundle analysis agree', () => {
  let ns = '';
  let dir = '';
  let pin = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tcat-rt-'));
    ns = createNetns('rt');
    pin = `/sys/fs/bpf/${ns}`;
    inNs(ns, 'ip', ['link', 'add', 'lxc1', 'type', 'veth', 'peer', 'name', 'p0']);
    inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'lxc1', 'clsact']);
    const add = (hook: string, pref: string, obj: string, sec: string) =>
      inNs(ns, 'tc', ['filter', 'add', 'dev', 'lxc1', hook, 'pref', pref, 'bpf', 'da', 'obj', join(B, obj), 'sec', sec]);
    add('ingress', '3', 'mystery.o', 'tc');
    add('ingress', '5', 'retina.o', 'classifier_endpoint_ingress');
    add('ingress', '10', 'datadog.o', 'classifier/ingress');
    add('egress', '10', 'datadog.o', 'classifier/egress');
    run('bpftool', ['prog', 'load', join(B, 'cilium_tcx.o'), pin, 'type', 'tc']);
    inNs(ns, 'bpftool', ['net', 'attach', 'tcx_egress', 'pinned', pin, 'dev', 'lxc1']);
  }, 120_000);
  afterAll(() => {
    deleteNetns(ns);
    rmSync(pin, { force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same answer from the bundle as live, with bytecode verdicts on both sides', () => {
    const live = cli(['audit', '--netns', ns, '--node-name', 'rt-node', '--json', '-q']);
    // In a directory that does not exist yet: collect makes it, as the report files of -o do.
    const bundle = join(dir, 'new', 'dir', 'rt.json');
    expect(cli(['collect', '--netns', ns, '--node-name', 'rt-node', '-o', bundle, '-q']).status).toBe(0);
    const offline = cli(['analyze', bundle, '--json']);
    const a = JSON.parse(live.stdout) as Report;
    const b = JSON.parse(offline.stdout) as Report;
    expect(essence(b)).toEqual(essence(a));
    expect(offline.status).toBe(live.status);
    // The verdicts really came from bytecode, and the unidentified program was decided by it.
    const filters = a.nodes.flatMap((n) => n.interfaces).flatMap((i) => (i.filters as Array<{ verdict: { source: string; terminal: string }; vendor: string }>) ?? []);
    expect(filters.every((f) => f.verdict.source === 'bytecode')).toBe(true);
    expect(filters.find((f) => f.vendor === 'unknown')?.verdict.terminal).toBe('sometimes');
    expect(JSON.stringify(a.recommendation)).toContain('disable-network'); // the terminal tcx program
  });

  it('gives the same answer from a --redact bundle (addresses hashed, handles and programs kept)', () => {
    const live = cli(['audit', '--netns', ns, '--node-name', 'rt-node', '--json', '-q']);
    const bundle = join(dir, 'rt-redacted.json');
    expect(cli(['collect', '--netns', ns, '--node-name', 'rt-node', '-o', bundle, '-q', '--redact']).status).toBe(0);
    const offline = cli(['analyze', bundle, '--json']);
    expect(essence(JSON.parse(offline.stdout) as Report)).toEqual(essence(JSON.parse(live.stdout) as Report));
    expect(offline.status).toBe(live.status);
  });
});
