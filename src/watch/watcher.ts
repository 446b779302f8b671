// tc-audit watch: follow tc/link events in every namespace in scope, re-audit within a
// second, print one JSON line per event (docs/watch.md lists them).
import { audit } from '../analyze/audit.js';
import { assembleNamespace } from '../collect/assemble.js';
import { collectLive } from '../collect/live.js';
import { globToRegExp } from '../collect/links.js';
import { collectNamespace } from '../collect/nsCollect.js';
import { Recorder } from '../collect/record.js';
import type { NsTarget, Runner } from '../collect/runner.js';
import type { Capabilities } from '../collect/versions.js';
import type { Netns, NodeSnapshot } from '../model/snapshot.js';
import type { NsCandidate } from '../collect/namespaces.js';
import { auditEvents, audited, type Audited } from './auditEvents.js';
import { Monitor } from '../collect/watch/monitor.js';
import { NamespaceTracker, targetOf } from '../collect/watch/namespaces.js';
import { parseLinkMonitorLine, parseTcMonitorLine } from './parseMonitor.js';
import { ProcessRunner } from '../collect/runner.js';
import { killAllChildren } from '../collect/watch/runner.js';
import { deathSignalGuard } from '../collect/watch/deathSignal.js';
import { PendingWork } from './pending.js';
import { refreshHooks } from './refresh.js';
import { hookKey, removeDevice, removeNetns, upsertNetns } from './state.js';
import type { WatchOptions } from './options.js';

export type { WatchOptions } from './options.js';


export class Watcher {
  private readonly runner: Runner;
  private snap!: NodeSnapshot;
  private caps!: Capabilities;
  private prev: Audited | null = null;
  private readonly targets = new Map<string, { target: NsTarget; monitors: Monitor[] }>();
  private readonly pending = new PendingWork();
  /** Device deletions seen (ns\0device -> the epoch of its last), for reads under way. */
  private readonly deletions = new Map<string, number>();
  private epoch = 0;
  private globs: RegExp[] | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private tcxTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly tracker: NamespaceTracker;
  /** src/collect/watch/deathSignal.ts, known once start() has probed for it. */
  private guard: readonly string[] = [];

  constructor(private readonly o: WatchOptions) {
    this.runner = o.runner ?? new ProcessRunner();
    process.once('exit', killAllChildren);
    this.tracker = new NamespaceTracker(o.live, () => { this.pending.rescan = true; this.schedule(); });
  }

  emit(type: string, fields: Record<string, unknown>): void {
    this.o.metrics?.events.inc({ type });
    this.o.out(JSON.stringify({ time: new Date().toISOString(), node: this.snap?.name ?? null, type, ...fields }));
  }

  async start(): Promise<void> {
    const [c, guard] = await Promise.all([collectLive(this.runner, this.o.live), deathSignalGuard()]);
    this.guard = guard;
    this.snap = c.snapshot;
    this.caps = c.caps;
    for (const cand of this.tracker.current()) {
      if (!this.snap.netns.some((n) => n.id === cand.id)) continue;
      this.tracker.accept(cand);
      this.follow(cand.id, targetOf(cand));
    }
    this.reaudit();
    this.emit('watch-started', { namespaces: [...this.targets.keys()], recommendation: this.prev!.result.recommendation });
    this.tracker.start(this.o.rescanIntervalMs);
    this.tcxTimer = setInterval(() => { for (const id of this.targets.keys()) this.pending.tcx.add(id); this.schedule(); }, this.o.tcxIntervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.tcxTimer) clearInterval(this.tcxTimer);
    this.tracker.stop();
    await Promise.all([...this.targets.values()].flatMap((t) => t.monitors.map((m) => m.stop())));
  }

  private follow(nsId: string, target: NsTarget): void {
    const onRestart = (i: { netns: string; argv: string[]; exitCode: number | null; stderr: string; restarts: number }) => {
      this.emit('monitor-restarted', { netns: i.netns, argv: i.argv, exitCode: i.exitCode, stderr: i.stderr, restarts: i.restarts });
      // Events may have been missed while it was down: re-read the whole namespace.
      this.pending.full.add(nsId);
      this.schedule();
    };
    const monitors = [
      new Monitor({ netns: nsId, path: target.path, argv: ['tc', 'monitor'], guard: this.guard, onLine: (l) => this.onTc(nsId, l), onRestart }),
      new Monitor({ netns: nsId, path: target.path, argv: ['ip', '-o', 'monitor', 'link'], guard: this.guard, onLine: (l) => this.onLink(nsId, l), onRestart }),
    ];
    for (const m of monitors) m.start();
    this.targets.set(nsId, { target, monitors });
  }

  /** Devices in scope (-i globs): events about others are not followed, as the first
   *  collection leaves them out. */
  private inScope(device: string): boolean {
    this.globs ??= this.o.live.interfaces.map(globToRegExp);
    return this.globs.length === 0 || this.globs.some((g) => g.test(device));
  }

  private onTc(ns: string, line: string): void {
    const e = parseTcMonitorLine(line);
    if (!e || (e.object === 'qdisc' && e.kind !== 'clsact' && e.kind !== 'ingress') || !this.inScope(e.device)) return;
    this.emit('tc-event', { netns: ns, object: e.object, op: e.op, device: e.device, direction: e.direction, pref: e.pref, kind: e.kind, handle: e.handle });
    // The legacy ingress qdisc added or removed (rule legacy-ingress-qdisc): the namespace is
    // read again, its qdisc listing with it.
    if (e.object === 'qdisc' && e.kind === 'ingress') {
      this.pending.full.add(ns);
      this.schedule();
      return;
    }
    if (e.object === 'qdisc' && e.op === 'deleted') this.emit('clsact-deleted', { netns: ns, device: e.device });
    for (const d of e.direction ? [e.direction] : (['ingress', 'egress'] as const)) this.pending.hook(ns, e.device, d);
    this.schedule();
  }

  private onLink(ns: string, line: string): void {
    const e = parseLinkMonitorLine(line);
    if (!e) return;
    const devices = this.snap.netns.find((n) => n.id === ns)?.devices ?? [];
    // A rename is a new-link message for a known ifindex under another name: the old name
    // goes, as a deletion would.
    const renamed = e.op === 'new' ? devices.find((d) => d.ifindex === e.ifindex && d.name !== null && d.name !== e.device) : undefined;
    if (renamed?.name) this.forget(ns, renamed.name);
    if (!this.inScope(e.device)) { if (renamed) this.schedule(); return; }
    if (e.op === 'deleted') {
      this.emit('link-event', { netns: ns, op: e.op, device: e.device, ifindex: e.ifindex });
      this.forget(ns, e.device);
    } else if (!devices.some((d) => d.name === e.device)) {
      // Only a device new to the state: every other change of a link (mtu, up/down) too
      // comes as a new-link message, and is no device added.
      this.emit('link-event', { netns: ns, op: e.op, device: e.device, ifindex: e.ifindex, ...(renamed?.name ? { renamedFrom: renamed.name } : {}) });
      this.pending.hook(ns, e.device, 'ingress');
      this.pending.hook(ns, e.device, 'egress');
      this.pending.tcx.add(ns);
    }
    this.schedule();
  }

  /** A device gone (deleted or renamed): out of the state, and reads of it under way dropped. */
  private forget(ns: string, device: string): void {
    this.deletions.set(`${ns}\0${device}`, ++this.epoch);
    if (removeDevice(this.snap, ns, device)) this.pending.changed.add(hookKey(ns, device, null));
  }

  private schedule(): void {
    if (this.stopped || this.timer || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drain().finally(() => {
        this.running = null;
        if (this.pending.any) this.schedule();
      });
    }, this.o.debounceMs);
  }

  private async drain(): Promise<void> {
    try {
      if (this.pending.rescan) await this.rescan();
      for (const id of [...this.pending.full]) {
        this.pending.full.delete(id);
        const cand = this.tracker.current().find((c) => c.id === id);
        if (cand) await this.recollectNamespace(cand);
      }
      await this.recollect();
      if (this.pending.changed.size > 0 && !this.stopped) this.reaudit();
    } catch (e) {
      this.emit('watch-error', { message: (e as Error).message });
    } finally {
      // Reads happen only inside drain: with none under way, later ones start after every
      // deletion seen so far, and the record would only grow over a long watch.
      this.deletions.clear();
    }
  }

  private async rescan(): Promise<void> {
    this.pending.rescan = false;
    const { added, removed } = this.tracker.diff();
    for (const id of removed) {
      await Promise.all(this.targets.get(id)?.monitors.map((m) => m.stop()) ?? []);
      this.targets.delete(id);
      this.tracker.forget(id);
      removeNetns(this.snap, id);
      this.pending.changed.add(hookKey(id, null, null));
      this.emit('netns-removed', { netns: id });
    }
    for (const cand of added) {
      await Promise.all(this.targets.get(cand.id)?.monitors.map((m) => m.stop()) ?? []);
      const ns = await this.recollectNamespace(cand);
      if (!ns) continue;
      this.tracker.accept(cand);
      this.follow(cand.id, targetOf(cand));
      this.emit('netns-added', { netns: cand.id, devices: ns.devices.length });
    }
  }

  /** Whole-namespace collection (new namespace, or a monitor gap); marks every hook changed. */
  private async recollectNamespace(cand: NsCandidate): Promise<Netns | null> {
    const rec = new Recorder(this.runner, this.o.live.timeoutMs);
    const raw = await collectNamespace(rec, cand, this.caps, this.o.live.interfaces.map(globToRegExp));
    if (!raw) return null;
    const ns = assembleNamespace(raw, this.caps, []);
    const before = this.snap.netns.find((n) => n.id === ns.id);
    for (const d of before?.devices ?? []) this.pending.changed.add(hookKey(ns.id, d.name, null));
    upsertNetns(this.snap, ns);
    for (const d of ns.devices) for (const h of d.hooks) this.pending.changed.add(hookKey(ns.id, d.name, h.direction));
    await this.recollect();
    return ns;
  }

  private async recollect(): Promise<void> {
    const hooks = this.pending.takeHooks();
    const tcxNs = this.pending.takeTcx();
    const changed = await refreshHooks({
      runner: this.runner, snap: this.snap, target: (id) => this.targets.get(id)?.target, timeoutMs: this.o.live.timeoutMs,
      bpftool: this.caps.bpftoolAvailable, listsTcx: this.caps.bpftoolTcx || !this.caps.kernelTcx, instructions: this.o.live.instructions,
      onError: (h, message) => this.emit('collect-error', { netns: h.ns, device: h.device, direction: h.direction, message }),
      epoch: () => this.epoch,
      inScope: (device) => this.inScope(device),
      deletedSince: (ns, device, since) => (this.deletions.get(`${ns}\0${device}`) ?? 0) > since,
    }, hooks, tcxNs);
    for (const k of changed) this.pending.changed.add(k);
  }

  private reaudit(): void {
    // As the live collector decides it, on the hooks as they are now: a namespace whose
    // bpftool listing failed has hooks with tcx unknown until a poll lists them.
    if (this.caps.kernelTcx) this.snap.tcxVisible = this.caps.bpftoolTcx && this.snap.netns.every((ns) => ns.devices.every((d) => d.hooks.every((h) => h.tcx !== null)));
    const next = audited(audit([this.snap], { agent: this.o.agent, mode: 'live', assume: this.o.assume, errors: [], notes: [], inputs: [...this.targets.keys()] }));
    for (const e of auditEvents(this.prev, next, this.pending.changed)) this.emit(e.type, e.fields);
    this.pending.changed.clear();
    this.prev = next;
    this.o.metrics?.observe(next.result);
  }
}
