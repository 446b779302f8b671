// Live audit at scale, on namespaces this script builds and always removes:
//  - one namespace with 1,001 devices (lo + 1,000 ifb; this kernel has no dummy driver),
//    500 of them with clsact and two bpf filters: tc-audit's live audit vs `bpftool net show`
//    in that namespace and vs a per-device `tc filter show` loop; peak RSS;
//  - 200 namespaces of 5 devices each.
// tc-audit runs in a child (import of dist/, collection + audit, no formatting) so its wall
// time and peak RSS are its own; the whole CLI process is shown too, with node's start-up.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../cliPath.mjs';

const ROOT = process.cwd();
const tag = `${process.pid}-${randomBytes(2).toString('hex')}`;
const made = [];
const pin = `/sys/fs/bpf/tcat-bench-${tag}`;
const sh = (cmd, args, input) => execFileSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 1 << 28, stdio: ['pipe', 'pipe', 'pipe'] });
const inNs = (ns, cmd, args, input) => sh('nsenter', [`--net=/var/run/netns/${ns}`, cmd, ...args], input);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

function netns(name) {
  sh('ip', ['netns', 'add', name]);
  made.push(name);
  return name;
}

const CHILD = `
const [collectUrl, auditUrl, runnerUrl, defaultsUrl, nsJson] = process.argv.slice(1);
const { collectLive } = await import(collectUrl);
const { auditCollection } = await import(auditUrl);
const { ProcessRunner } = await import(runnerUrl);
const { defaultAgentSettings } = await import(defaultsUrl);
const t0 = performance.now();
const c = await collectLive(new ProcessRunner(), { hostOnly: false, netns: JSON.parse(nsJson), netnsPaths: [], interfaces: [],
  timeoutMs: 30000, jobs: 4, nodeName: 'bench', instructions: true });
const r = auditCollection(c, defaultAgentSettings(), {});
const wall = performance.now() - t0;
const filters = c.snapshot.netns.flatMap((n) => n.devices).flatMap((d) => d.hooks).reduce((s, h) => s + (h.legacy?.length ?? 0), 0);
process.stdout.write(JSON.stringify({ wall, rssMb: process.resourceUsage().maxRSS / 1024, filters, hooks: r.analysis.nodes[0].hooks.length, notes: c.notes.length }));
`;

function tcAudit(namespaces) {
  const url = (p) => new URL(`file://${join(ROOT, 'dist', p)}`).href;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, url('collect/live.js'), url('collect/liveAudit.js'),
    url('collect/runner.js'), url('agent/defaults.js'), JSON.stringify(namespaces)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`tc-audit child failed: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout);
}

function timeCli(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(CLI, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`tc-audit exit ${r.status}: ${r.stderr.slice(0, 300)}`);
  return ms(t0);
}

export default async function bench() {
  try {
    // --- 1,001 devices ---
    const big = netns(`tcat-bench-${tag}-big`);
    const names = Array.from({ length: 1000 }, (_, i) => `d${i}`);
    inNs(big, 'ip', ['-batch', '-'], names.map((n) => `link add ${n} type ifb\n`).join(''));
    sh('bpftool', ['prog', 'load', join(ROOT, 'bpf/truth/t_unspec.o'), pin, 'type', 'classifier']);
    inNs(big, 'tc', ['-batch', '-'], names.slice(0, 500).map((n) =>
      `qdisc add dev ${n} clsact\nfilter add dev ${n} ingress pref 1 bpf da object-pinned ${pin}\nfilter add dev ${n} egress pref 1 bpf da object-pinned ${pin}\n`).join(''));
    const bpftoolRuns = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      inNs(big, 'bpftool', ['net', 'show']);
      bpftoolRuns.push(ms(t0));
    }
    const bpftoolMs = median(bpftoolRuns);
    const runs = [tcAudit([big]), tcAudit([big]), tcAudit([big])];
    const auditMs = median(runs.map((r) => r.wall));
    const rss = Math.max(...runs.map((r) => r.rssMb));
    if (runs[0].filters !== 1000) throw new Error(`expected 1000 filters, saw ${runs[0].filters}`);
    const cliMs = median([0, 1, 2].map(() => timeCli(['audit', '--netns', big, '--json', '-q'])));
    const t0 = process.hrtime.bigint();
    for (const n of ['lo', ...names]) for (const d of ['ingress', 'egress']) inNs(big, 'tc', ['filter', 'show', 'dev', n, d]);
    const loopMs = ms(t0);
    // --- 200 namespaces x 5 devices ---
    const many = Array.from({ length: 200 }, (_, i) => netns(`tcat-bench-${tag}-m${i}`));
    for (const ns of many) inNs(ns, 'ip', ['-batch', '-'], 'link add e0 type ifb\nlink add e1 type ifb\nlink add e2 type ifb\nlink add e3 type ifb\n');
    // Creating 200 namespaces leaves the kernel busy for a moment (and so does deleting the
    // previous run's); time tc-audit, not that.
    await new Promise((r) => setTimeout(r, 3000));
    const manyRuns = [tcAudit(many), tcAudit(many), tcAudit(many)];
    const manyMs = median(manyRuns.map((r) => r.wall));
    return {
      name: 'live audit (1,001 devices / 500 with 2 bpf filters; 200 namespaces x 5 devices)',
      metrics: [
        { label: 'bpftool net show, 1,001 devices (median of 5)', value: Math.round(bpftoolMs), unit: 'ms', target: 'baseline' },
        { label: 'tc-audit collect+audit, 1,001 devices (median of 3)', value: Math.round(auditMs), unit: 'ms', target: `<= ${Math.round(bpftoolMs * 1.5)} (1.5x bpftool)`, ok: auditMs <= bpftoolMs * 1.5 },
        { label: 'tc-audit whole CLI process --json, 1,001 devices', value: Math.round(cliMs), unit: 'ms', target: '-' },
        { label: 'per-device tc filter show loop (2,002 commands)', value: Math.round(loopMs), unit: 'ms', target: 'baseline' },
        { label: 'speed-up vs per-device loop', value: Math.round((loopMs / auditMs) * 10) / 10, unit: 'x', target: '>= 10', ok: loopMs / auditMs >= 10 },
        { label: 'tc-audit peak RSS, 1,001 devices', value: Math.round(rss), unit: 'MB', target: '<= 200', ok: rss <= 200 },
        { label: 'tc-audit collect+audit, 200 namespaces x 5 devices', value: Math.round(manyMs), unit: 'ms', target: '<= 3000', ok: manyMs <= 3000 },
      ],
    };
  } finally {
    rmSync(pin, { force: true });
    for (const ns of made) {
      try { sh('ip', ['netns', 'del', ns]); } catch { /* gone */ }
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await bench(), null, 2));
