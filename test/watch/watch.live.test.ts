// tc-audit watch against throw-away namespaces: every event class within 2 s, no lost
// events under a burst, flat memory, clean exit on SIGTERM, namespaces created later.
import { existsSync, writeFileSync } from 'node:fs';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeLive } from '../helpers/live.js';
import { createNetns, createVethNetns, deleteNetns, inNs, run, uniqueName } from '../helpers/netns.js';
import { BPF, CLI, exitOf, spawnWatch, type WatchProc } from './spawnWatch.js';

const procs: WatchProc[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

async function started(ns: string[]): Promise<WatchProc> {
  const w = spawnWatch(ns.flatMap((n) => ['--netns', n]));
  procs.push(w);
  await w.waitFor((l) => l.type === 'watch-started', 15_000);
  return w;
}

const bpf = (ns: string, dir: string, pref: number, obj: string, sec: string, op = 'add') =>
  inNs(ns, 'tc', ['filter', op, 'dev', 'v0', dir, 'pref', String(pref), 'handle', '0x1', 'bpf', 'da', 'obj', BPF(obj), 'sec', sec]);

describeLive('tc-audit watch', () => {
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} missing: run npm run build first`);
  });

  it('reports each event class within 2 s', async () => {
    const ns = createVethNetns('watch');
    try {
      inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
      bpf(ns, 'ingress', 10, 'dd_agent', 'classifier/ingress');
      const w = await started([ns]);
      let mark = w.lines.length;
      bpf(ns, 'ingress', 10, 'foreign_ok', 'tc', 'replace');
      const replaced = await w.waitFor((l) => l.type === 'agent-filter-replaced', 2000, mark);
      expect(replaced).toMatchObject({ netns: ns, device: 'v0', direction: 'ingress', pref: 10, previous: { vendor: 'datadog' }, now: { vendor: 'cilium' } });
      await w.waitFor((l) => l.type === 'recommendation-changed', 2000, mark);

      mark = w.lines.length;
      inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'pref', '3', 'bpf', 'da', 'obj', BPF('foreign_ok'), 'sec', 'tc']);
      expect(await w.waitFor((l) => l.type === 'terminal-ahead-of-agent' && l.pref === 3, 2000, mark)).toMatchObject({ terminal: 'always' });

      mark = w.lines.length;
      const pin = `/sys/fs/bpf/${uniqueName('w')}`;
      run('bpftool', ['prog', 'load', BPF('foreign_ok'), pin, 'type', 'tc']);
      try {
        inNs(ns, 'bpftool', ['net', 'attach', 'tcx_ingress', 'pinned', pin, 'dev', 'v0']);
        expect(await w.waitFor((l) => l.type === 'tcx-attached', 2000, mark)).toMatchObject({ device: 'v0', direction: 'ingress', attach: 'tcx' });
      } finally {
        run('rm', ['-f', pin]);
      }

      mark = w.lines.length;
      inNs(ns, 'tc', ['qdisc', 'del', 'dev', 'v0', 'clsact']);
      expect(await w.waitFor((l) => l.type === 'clsact-deleted', 2000, mark)).toMatchObject({ device: 'v0' });
    } finally {
      deleteNetns(ns);
    }
  });

  it('serves Prometheus metrics that follow the audit', async () => {
    const ns = createVethNetns('metrics');
    try {
      inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
      const w = spawnWatch(['--netns', ns, '--metrics-addr', '127.0.0.1:0']);
      procs.push(w);
      await w.waitFor((l) => l.type === 'watch-started', 15_000);
      const url = /metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)\n/.exec(w.stderr())?.[1];
      expect(url, w.stderr()).toBeDefined();
      const scrape = async () => {
        const res = await fetch(url!);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
        return res.text();
      };
      const value = (text: string, series: string): number | undefined => {
        const line = text.split('\n').find((l) => l.startsWith(`${series} `));
        return line === undefined ? undefined : Number(line.slice(series.length + 1));
      };
      const before = await scrape();
      // lo, v0 and v1, each with ingress and egress.
      expect(value(before, 'tc_audit_hooks_audited')).toBe(6);
      expect(Math.abs(value(before, 'tc_audit_last_audit_timestamp_seconds')! - Date.now() / 1000)).toBeLessThan(30);
      expect(before).not.toContain('rule="terminal-before-agent"');

      const mark = w.lines.length;
      bpf(ns, 'ingress', 3, 'foreign_ok', 'tc');
      await w.waitFor((l) => l.type === 'terminal-ahead-of-agent' && l.pref === 3, 2000, mark);
      const after = await scrape();
      expect(value(after, 'tc_audit_findings{rule="terminal-before-agent",severity="error"}')).toBe(1);
      expect(value(after, 'tc_audit_watch_events_total{type="tc-event"}')).toBeGreaterThanOrEqual(1);
      expect((await fetch(url!.replace('/metrics', '/other'))).status).toBe(404);
    } finally {
      deleteNetns(ns);
    }
  });

  it('keeps to -i, follows a rename, ignores link flaps, and leaves no ghost after a delete under way', async () => {
    const ns = createVethNetns('wscope');
    try {
      inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
      const w = spawnWatch(['--netns', ns, '-i', 'v*', '--metrics-addr', '127.0.0.1:0']);
      procs.push(w);
      await w.waitFor((l) => l.type === 'watch-started', 15_000);
      const url = /metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)\n/.exec(w.stderr())![1]!;
      const hooks = async () => Number((await (await fetch(url)).text()).split('\n').find((l) => l.startsWith('tc_audit_hooks_audited '))!.split(' ')[1]);
      const settle = async (mark: number) => {
        // Events land, then a quiet spell: the watch has re-read and re-audited.
        await w.waitFor((l) => l.type === 'tc-event' || l.type === 'link-event', 3000, mark).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 600));
      };
      expect(await hooks()).toBe(4); // v0 and v1 (lo is out of scope)

      // Out of scope: a device w0 with a terminal filter is not followed.
      let mark = w.lines.length;
      inNs(ns, 'ip', ['link', 'add', 'w0', 'type', 'veth', 'peer', 'name', 'w1']);
      inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'w0', 'clsact']);
      inNs(ns, 'tc', ['filter', 'add', 'dev', 'w0', 'ingress', 'pref', '3', 'bpf', 'da', 'obj', BPF('foreign_ok'), 'sec', 'tc']);
      await new Promise((r) => setTimeout(r, 800));
      expect(w.lines.slice(mark).filter((l) => l.device === 'w0' || l.device === 'w1')).toEqual([]);
      expect(await hooks()).toBe(4);

      // A link flap is no device added.
      mark = w.lines.length;
      inNs(ns, 'ip', ['link', 'set', 'v1', 'mtu', '1400']);
      await new Promise((r) => setTimeout(r, 600));
      expect(w.lines.slice(mark).filter((l) => l.type === 'link-event')).toEqual([]);

      // A rename: the old name goes, the new one comes, and the hook count stays.
      mark = w.lines.length;
      inNs(ns, 'ip', ['link', 'set', 'v1', 'down']);
      inNs(ns, 'ip', ['link', 'set', 'v1', 'name', 'v9']);
      expect(await w.waitFor((l) => l.type === 'link-event' && l.device === 'v9', 3000, mark)).toMatchObject({ op: 'new', renamedFrom: 'v1' });
      await settle(mark);
      expect(await hooks()).toBe(4);

      // Devices made and deleted at once, again and again: none stays behind.
      for (let i = 0; i < 15; i++) {
        inNs(ns, 'ip', ['link', 'add', `vx${i}`, 'type', 'veth', 'peer', 'name', `vy${i}`]);
        inNs(ns, 'ip', ['link', 'del', `vx${i}`]);
      }
      await settle(w.lines.length - 1);
      await new Promise((r) => setTimeout(r, 1000));
      expect(await hooks()).toBe(4);
    } finally {
      deleteNetns(ns);
    }
  });

  it('follows the legacy ingress qdisc coming and going (legacy-ingress-qdisc)', async () => {
    const ns = createVethNetns('iqdisc');
    try {
      const w = spawnWatch(['--netns', ns, '--metrics-addr', '127.0.0.1:0']);
      procs.push(w);
      await w.waitFor((l) => l.type === 'watch-started', 15_000);
      const url = /metrics on (http:\/\/127\.0\.0\.1:\d+\/metrics)\n/.exec(w.stderr())?.[1];
      const count = async (): Promise<number> => {
        const line = (await (await fetch(url!)).text()).split('\n').find((l) => l.startsWith('tc_audit_findings{rule="legacy-ingress-qdisc"'));
        return line === undefined ? 0 : Number(line.split(' ').pop());
      };
      const settle = async (want: number): Promise<void> => {
        for (let i = 0; i < 100 && (await count()) !== want; i++) await new Promise((r) => setTimeout(r, 50));
      };
      expect(await count()).toBe(0);
      let mark = w.lines.length;
      inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'ingress']);
      expect(await w.waitFor((l) => l.type === 'tc-event' && l.object === 'qdisc' && l.kind === 'ingress', 2000, mark)).toMatchObject({ op: 'added', device: 'v0' });
      await settle(1);
      expect(await count()).toBe(1);
      mark = w.lines.length;
      inNs(ns, 'tc', ['qdisc', 'del', 'dev', 'v0', 'ingress']);
      await w.waitFor((l) => l.type === 'tc-event' && l.object === 'qdisc' && l.op === 'deleted', 2000, mark);
      await settle(0);
      expect(await count()).toBe(0);
      // (No clsact was deleted: that event is clsact's alone.)
      expect(w.lines.slice(mark).some((l) => l.type === 'clsact-deleted')).toBe(false);
    } finally {
      deleteNetns(ns);
    }
  });

  it('loses no event in a burst of 500 filter changes and stays flat in memory', async () => {
    const ns = createVethNetns('burst');
    try {
      inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
      const w = await started([ns]);
      const batch = `/tmp/${uniqueName('batch')}`;
      const lines: string[] = [];
      for (let i = 1; i <= 250; i++) lines.push(`filter add dev v0 ingress pref ${100 + i} u32 match u32 0 0 classid 1:1`);
      for (let i = 1; i <= 250; i++) lines.push(`filter del dev v0 ingress pref ${100 + i}`);
      writeFileSync(batch, `${lines.join('\n')}\n`);
      const burst = async () => {
        const mark = w.lines.length;
        inNs(ns, 'tc', ['-batch', batch]);
        const count = () => w.lines.slice(mark).filter((l) => l.type === 'tc-event' && l.object === 'filter').length;
        const t0 = Date.now();
        while (count() < 500 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 500)); // let the re-audit settle
        return count();
      };
      expect(await burst()).toBe(500);
      const rssAfterFirst = w.rssKiB();
      for (let round = 0; round < 3; round++) expect(await burst()).toBe(500);
      // Loose: three more bursts may not grow the process by more than 40 MiB.
      expect(w.rssKiB() - rssAfterFirst).toBeLessThan(40 * 1024);
      run('rm', ['-f', batch]);
    } finally {
      deleteNetns(ns);
    }
  });

  it('follows a namespace created after it started', async () => {
    const first = createNetns('early');
    const later = uniqueName('late');
    try {
      const w = await started([first, later]);
      run('ip', ['netns', 'add', later]);
      await w.waitFor((l) => l.type === 'netns-added' && l.netns === later, 7000);
      const mark = w.lines.length;
      inNs(later, 'ip', ['link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1']);
      inNs(later, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
      await w.waitFor((l) => l.type === 'tc-event' && l.netns === later && l.kind === 'clsact', 2000, mark);
    } finally {
      deleteNetns(first);
      deleteNetns(later);
    }
  });

  it('a namespace deleted and made again under its name is removed, then added (never added twice)', async () => {
    const name = uniqueName('again');
    try {
      run('ip', ['netns', 'add', name]);
      const w = await started([name]);
      const mark = w.lines.length;
      run('ip', ['netns', 'del', name]);
      run('ip', ['netns', 'add', name]);
      await w.waitFor((l) => l.type === 'netns-added' && l.netns === name, 7000, mark);
      const events = w.lines.slice(mark).filter((l) => l.netns === name && /^netns-/.test(l.type)).map((l) => l.type);
      expect(events).toEqual(['netns-removed', 'netns-added']);
    } finally {
      deleteNetns(name);
    }
  });

  it('restarts a monitor that dies and reports it', async () => {
    const ns = createVethNetns('restart');
    try {
      const w = await started([ns]);
      const mine = run('ps', ['-eo', 'pid=,ppid=,args=']).split('\n').map((l) => l.trim().split(/\s+/))
        .find(([, ppid, ...args]) => Number(ppid) === w.child.pid && args.join(' ') === 'tc monitor');
      expect(mine).toBeDefined();
      const mark = w.lines.length;
      process.kill(Number(mine![0]), 'SIGKILL');
      expect(await w.waitFor((l) => l.type === 'monitor-restarted', 2000, mark)).toMatchObject({ netns: ns, restarts: 1 });
      // Still following: a change after the restart is seen.
      await new Promise((r) => setTimeout(r, 200));
      inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
      await w.waitFor((l) => l.type === 'tc-event' && l.kind === 'clsact', 2000, mark);
    } finally {
      deleteNetns(ns);
    }
  });

  // A monitor that outlived the watch kept running in the namespace and kept it alive after
  // `ip netns del` (or after its pod was gone): src/collect/watch/deathSignal.ts.
  it('takes its monitors with it even when killed with SIGKILL', async () => {
    const ns = createVethNetns('kill');
    try {
      const w = await started([ns]);
      const mine = run('ps', ['-eo', 'pid=,ppid=,args=']).split('\n').map((l) => l.trim().split(/\s+/))
        .filter(([, ppid, ...args]) => Number(ppid) === w.child.pid && ['tc monitor', 'ip -o monitor link'].includes(args.join(' ')))
        .map(([pid]) => pid!);
      expect(mine).toHaveLength(2);
      w.child.kill('SIGKILL');
      await exitOf(w.child);
      const alive = () => mine.filter((pid) => existsSync(`/proc/${pid}`));
      for (let t0 = Date.now(); alive().length > 0 && Date.now() - t0 < 2000;) await new Promise((r) => setTimeout(r, 20));
      expect(alive()).toEqual([]);
    } finally {
      deleteNetns(ns);
    }
  });

  it('exits 0 within a second of SIGTERM', async () => {
    const ns = createVethNetns('term');
    try {
      const w = await started([ns]);
      const t0 = Date.now();
      w.child.kill('SIGTERM');
      const { code } = await exitOf(w.child);
      expect(code).toBe(0);
      expect(Date.now() - t0).toBeLessThan(1000);
      // Its monitors went with it: nothing of ours keeps the namespace busy.
      expect(run('ps', ['-eo', 'args']).split('\n').filter((l) => l.includes(ns) && l.includes('monitor'))).toEqual([]);
    } finally {
      deleteNetns(ns);
    }
  });
});
