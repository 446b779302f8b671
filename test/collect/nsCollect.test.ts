// One namespace's commands with a scripted runner: bpftool's listing starts with ip link,
// and follows ip link to the next path when the first process has exited.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assembleNamespace } from '../../src/collect/assemble.js';
import type { NsCandidate } from '../../src/collect/namespaces.js';
import { collectNamespace } from '../../src/collect/nsCollect.js';
import { Recorder } from '../../src/collect/record.js';
import type { RunRequest, RunResult, Runner } from '../../src/collect/runner.js';
import { nsArgv } from '../../src/collect/runner.js';
import { capabilitiesFrom } from '../../src/collect/versions.js';

const caps = capabilitiesFrom('6.18.0', '6.1.0', '7.5.0', { tc: true, ip: true, bpftool: true });
const LINKS = JSON.stringify([{ ifindex: 1, ifname: 'lo' }, { ifindex: 2, ifname: 'v0', linkinfo: { info_kind: 'veth' } }]);
const NET = JSON.stringify([{ xdp: [], tc: [], tcx: [{ devname: 'v0', ifindex: 2, kind: 'tcx/ingress', name: 'p', prog_id: 7 }] }]);

class Scripted implements Runner {
  readonly log: { argv: string; path: string | null; at: number }[] = [];
  private n = 0;
  constructor(private readonly dead: Set<string>) {}
  async run(req: RunRequest): Promise<RunResult> {
    const path = req.ns?.path ?? null;
    this.log.push({ argv: req.argv.slice(0, 3).join(' '), path, at: this.n++ });
    const res = (stdout: string, exitCode = 0, stderr = ''): RunResult =>
      ({ argv: nsArgv(req.ns, req.argv), ns: req.ns?.label ?? null, exitCode, stdout, stderr, durationMs: 1, timedOut: false, spawnError: null });
    if (path && this.dead.has(path)) return res('', 1, `nsenter: cannot open ${path}: No such file or directory\n`);
    if (req.argv[0] === 'ip') return res(LINKS);
    if (req.argv[0] === 'bpftool') return res(NET);
    return res(`${(req.input ?? '').split('\n').filter(Boolean).map(() => '[]').join('\n')}\n`);
  }
}

const cand = (paths: string[]): NsCandidate => ({ id: 'inode:9', inode: 9, paths, pids: [], containerId: null, pod: null, own: false });

describe('collectNamespace', () => {
  it('starts bpftool net show before ip link has answered', async () => {
    const runner = new Scripted(new Set());
    const raw = await collectNamespace(new Recorder(runner, 1000), cand(['/proc/5/ns/net']), caps, []);
    expect(runner.log.slice(0, 2).map((l) => l.argv).sort()).toEqual(['bpftool -j net', 'ip -j -d']);
    expect(raw?.bpftoolNet).toEqual(JSON.parse(NET));
    expect(raw?.hooks).toHaveLength(4);
  });

  it('asks bpftool again through the path ip link got in by', async () => {
    const runner = new Scripted(new Set(['/proc/5/ns/net']));
    const rec = new Recorder(runner, 1000);
    const raw = await collectNamespace(rec, cand(['/proc/5/ns/net', '/proc/6/ns/net']), caps, []);
    expect(raw?.target.path).toBe('/proc/6/ns/net');
    expect(raw?.bpftoolNet).toEqual(JSON.parse(NET));
    expect(runner.log.filter((l) => l.argv === 'bpftool -j net').map((l) => l.path)).toEqual(['/proc/5/ns/net', '/proc/6/ns/net']);
    expect(rec.notes).toEqual([]);
  });

  it('a namespace gone before it is entered is one note, not a bpftool failure', async () => {
    const rec = new Recorder(new Scripted(new Set(['/proc/5/ns/net'])), 1000);
    expect(await collectNamespace(rec, cand(['/proc/5/ns/net']), caps, [])).toBeNull();
    expect(rec.notes.map((n) => n.kind)).toEqual(['vanished-netns']);
  });
});

describe('u32 hooks are read as text too (tc -j prints neither the terminal flag nor all match words)', () => {
  const fixture = (f: string) => readFileSync(new URL(`../../fixtures/recorded/${f}`, import.meta.url), 'utf8');
  /** v0 ingress holds the recorded u32 case; every other hook is empty. */
  class WithU32 implements Runner {
    readonly log: string[] = [];
    constructor(private readonly name: string, private readonly textExit = 0) {}
    async run(req: RunRequest): Promise<RunResult> {
      this.log.push(req.argv.join(' '));
      const res = (stdout: string, exitCode = 0): RunResult =>
        ({ argv: nsArgv(req.ns, req.argv), ns: req.ns?.label ?? null, exitCode, stdout, stderr: '', durationMs: 1, timedOut: false, spawnError: null });
      if (req.argv[0] === 'ip') return res(LINKS);
      if (req.argv[0] === 'bpftool') return res(NET);
      if (req.argv.includes('-batch')) {
        const lines = (req.input ?? '').split('\n').filter(Boolean);
        return res(`${lines.map((l) => (l.includes('"v0" ingress') ? fixture(`u32-${this.name}.tc.json`).trim() : '[]')).join('\n')}\n`);
      }
      return res(this.textExit === 0 ? fixture(`u32-${this.name}.tc.txt`) : '', this.textExit);
    }
  }
  const collect = async (name: string, textExit = 0) => {
    const runner = new WithU32(name, textExit);
    const rec = new Recorder(runner, 1000);
    const raw = await collectNamespace(rec, cand(['/proc/5/ns/net']), caps, []);
    const ns = assembleNamespace(raw!, caps, []);
    const filters = ns.devices.find((d) => d.name === 'v0')?.hooks.find((h) => h.direction === 'ingress')?.legacy;
    return { log: runner.log, u32: filters?.filter((f) => f.kind === 'u32').map((f) => f.u32) };
  };

  it('one text dump for the hook with u32 keys, none for the others; the flags come from it (iproute2 6.1)', async () => {
    const a = await collect('nonterminal');
    expect(a.log.filter((l) => l.startsWith('tc filter show'))).toEqual(['tc filter show dev v0 ingress']);
    expect(a.u32).toEqual([{ terminal: false, link: null, matchesEvery: true }]);
    // 6.1 prints the terminal key added with classid as `*flowid 1:1`.
    expect((await collect('classid')).u32).toEqual([{ terminal: true, link: null, matchesEvery: true }]);
    expect((await collect('link')).u32).toEqual([{ terminal: false, link: null, matchesEvery: null }, { terminal: false, link: '1:', matchesEvery: null }]);
  });

  it('when the text dump fails the flag and the words stay unknown', async () => {
    expect((await collect('nonterminal', 1)).u32).toEqual([{ terminal: null, link: null, matchesEvery: null }]);
  });
});
