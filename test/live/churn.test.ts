// Robustness on real tools: devices and namespaces that vanish mid-run (pod churn), a hung
// tool killed at --timeout, and the read-only promise (tc/bpftool state unchanged).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { collectLive } from '../../src/collect/live.js';
import { ProcessRunner, type RunRequest, type RunResult, type Runner } from '../../src/collect/runner.js';
import { describeLive } from '../helpers/live.js';
import { createNetns, deleteNetns, inNs, run } from '../helpers/netns.js';
import { attachTcx, BPF_TRUTH, liveOptions } from './liveHelpers.js';

/** The real runner, with a hook that runs before each command (to cause churn). */
class ChurnRunner implements Runner {
  constructor(private readonly before: (req: RunRequest) => RunRequest) {}
  readonly real = new ProcessRunner();
  run(req: RunRequest): Promise<RunResult> {
    return this.real.run(this.before(req));
  }
}

function populate(ns: string): void {
  inNs(ns, 'ip', ['link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1']);
  inNs(ns, 'ip', ['link', 'add', 'gone0', 'type', 'ifb']);
  inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
  inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'pref', '2', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_ok.o`, 'sec', 'tc']);
  inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'egress', 'protocol', 'ipv6', 'pref', '9', 'bpf', 'obj', `${BPF_TRUTH}/t_cl_match.o`, 'sec', 'classifier', 'classid', 'ffff:1']);
  attachTcx(ns, 'v0', 't_tcx_next');
}

describeLive('live robustness', () => {
  let ns = '';
  beforeAll(() => {
    ns = createNetns('churn');
    populate(ns);
  });
  afterAll(() => deleteNetns(ns));

  it('never changes tc or bpf state (read-only)', async () => {
    const state = () => ['ingress', 'egress'].map((d) => inNs(ns, 'tc', ['-s', '-d', 'filter', 'show', 'dev', 'v0', d])).join('')
      + inNs(ns, 'tc', ['qdisc', 'show']) + inNs(ns, 'bpftool', ['net', 'show']);
    const before = state();
    await collectLive(new ProcessRunner(), liveOptions([ns]));
    expect(state()).toBe(before);
  });

  it('a device deleted between `ip link` and `tc` is noted and skipped', async () => {
    const scratch = createNetns('vdev');
    populate(scratch);
    const runner = new ChurnRunner((req) => {
      if (req.argv[0] === 'tc' && req.argv.includes('-batch')) {
        try { inNs(scratch, 'ip', ['link', 'del', 'gone0']); } catch { /* already gone */ }
      }
      return req;
    });
    const c = await collectLive(runner, liveOptions([scratch]));
    deleteNetns(scratch);
    const names = c.snapshot.netns[0]!.devices.map((d) => d.name);
    expect(names).toContain('v0');
    expect(names).not.toContain('gone0');
    expect(c.notes).toContainEqual(expect.objectContaining({ kind: 'vanished-device', device: 'gone0' }));
    expect(c.snapshot.netns[0]!.devices.find((d) => d.name === 'v0')!.hooks[0]!.legacy).toHaveLength(1);
  });

  it('a namespace deleted before it is entered is noted and the rest is audited', async () => {
    const doomed = createNetns('vns');
    const runner = new ChurnRunner((req) => {
      if (req.ns?.label === doomed) deleteNetns(doomed);
      return req;
    });
    const c = await collectLive(runner, liveOptions([doomed, ns]));
    expect(c.snapshot.netns.map((n) => n.id)).toEqual([ns]);
    expect(c.notes).toContainEqual(expect.objectContaining({ kind: 'vanished-netns', netns: doomed }));
  });

  it('a hung tool is killed at the timeout and reported; the audit degrades instead of hanging', async () => {
    // bpftool replaced by a process that ignores SIGTERM: only the forced kill ends it.
    const hang = [process.execPath, '-e', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'];
    const runner = new ChurnRunner((req) => (req.argv[0] === 'bpftool' && req.argv.includes('net') ? { ...req, argv: hang } : req));
    const started = Date.now();
    const c = await collectLive(runner, { ...liveOptions([ns]), timeoutMs: 700 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(c.notes).toContainEqual(expect.objectContaining({ kind: 'timeout', netns: ns }));
    const hook = c.snapshot.netns[0]!.devices.find((d) => d.name === 'v0')!.hooks[0]!;
    expect(hook.legacy).toHaveLength(1); // tc still answered
    expect(hook.tcx).toBeNull(); // tcx could not be observed: unknown, not "none"
    let left = '';
    try {
      left = run('pgrep', ['-f', 'process.on\\("SIGTERM"']); // exit 1 = nothing left, as wanted
    } catch {
      left = '';
    }
    expect(left).toBe('');
  }, 20_000);
});
