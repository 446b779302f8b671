// One namespace's commands with a scripted runner: bpftool's listing starts with ip link,
// and follows ip link to the next path when the first process has exited.
import { describe, expect, it } from 'vitest';
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
