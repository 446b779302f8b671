// The instruction dumps with a scripted runner: once per tag and map set, never more than a
// few bpftool processes at once however many programs the namespaces name.
import { describe, expect, it } from 'vitest';
import { limiter } from '../../src/collect/pool.js';
import { ProgramFetcher } from '../../src/collect/programDetails.js';
import { Recorder } from '../../src/collect/record.js';
import type { RunRequest, RunResult, Runner } from '../../src/collect/runner.js';
import type { Netns } from '../../src/model/snapshot.js';
import { enc, exit, movK } from '../analyze/bytecode/asm.js';

type Listed = { id: number; tag: string; map_ids: number[] };

class Dumps implements Runner {
  inFlight = 0;
  most = 0;
  readonly dumped: number[] = [];
  constructor(private readonly listed: Listed[]) {}
  async run(req: RunRequest): Promise<RunResult> {
    const res = (stdout: string): RunResult => ({ argv: req.argv, ns: null, exitCode: 0, stdout, stderr: '', durationMs: 1, timedOut: false, spawnError: null });
    if (req.argv.join(' ') === 'bpftool -j prog show') return res(JSON.stringify(this.listed.map((p) => ({ ...p, type: 'sched_cls', name: `p${p.id}` }))));
    this.inFlight++;
    this.most = Math.max(this.most, this.inFlight);
    await new Promise((r) => setTimeout(r, 2));
    this.inFlight--;
    const id = Number(req.argv[6]);
    this.dumped.push(id);
    return res(JSON.stringify([enc(movK(0, id % 2 === 0 ? 0 : -1)), enc(exit())]));
  }
}

/** One namespace whose v0 ingress runs every listed program. */
const netnsOf = (ids: number[]): Netns[] => [{
  id: 'host', inode: null, path: null, owner: null, devices: [{
    name: 'v0', ifindex: 2, linkKind: null, hooks: [{
      direction: 'ingress', legacyPrefsKnown: true, tcx: null,
      legacy: ids.map((id, i) => ({
        pref: i + 1, protocol: 'all', chain: 0, kind: 'bpf', handle: '0x1', directAction: true, flags: [], tcName: null,
        program: { id, name: null, tag: null }, classid: null, actions: [], source: { file: 'x', line: null },
      })),
    }],
  }],
}] as unknown as Netns[];

describe('ProgramFetcher', () => {
  it('dumps once per tag and map set: copies on maps of their own are dumped each', async () => {
    const listed = [
      { id: 1, tag: 'aa', map_ids: [10] },
      { id: 2, tag: 'aa', map_ids: [10] }, // same code, same maps: shares 1's dump
      { id: 3, tag: 'aa', map_ids: [11] }, // same tag, own maps: its own dump
      { id: 4, tag: 'bb', map_ids: [] },
    ];
    const runner = new Dumps(listed);
    const f = new ProgramFetcher(new Recorder(runner, 1000), true);
    const { programs } = await f.finish(netnsOf([1, 2, 3, 4]));
    expect(runner.dumped.sort()).toEqual([1, 3, 4]);
    const x = new Map(programs.map((p) => [p.id, p.xlated]));
    expect(x.get(2)).toBe(x.get(1));
    expect(x.get(3)).not.toBe(x.get(1));
    expect(x.get(3)?.[0]?.disasm).toBe(enc(movK(0, -1)).disasm);
  });

  it('runs at most 4 dumps at once for 60 programs on maps of their own', async () => {
    const listed = Array.from({ length: 60 }, (_, i) => ({ id: i + 1, tag: 'aa', map_ids: [100 + i] }));
    const runner = new Dumps(listed);
    const f = new ProgramFetcher(new Recorder(runner, 1000), true);
    f.want(listed.map((p) => p.id));
    const { programs } = await f.finish(netnsOf(listed.map((p) => p.id)));
    expect(runner.dumped).toHaveLength(60);
    expect(programs.every((p) => p.xlated !== null)).toBe(true);
    expect(runner.most).toBe(4);
  });
});

describe('the cap on distinct dumps (--max-dumps)', () => {
  it('dumps at most that many, in the order programs are asked for, and notes the rest', async () => {
    const listed = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, tag: `t${i}`, map_ids: [] }));
    const runner = new Dumps(listed);
    const rec = new Recorder(runner, 1000);
    const f = new ProgramFetcher(rec, true, 4);
    const { programs } = await f.finish(netnsOf(listed.map((p) => p.id)));
    expect(runner.dumped.sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
    expect(programs.filter((p) => p.xlated === null).map((p) => p.id)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(rec.notes).toEqual([expect.objectContaining({ kind: 'instructions-capped', message: expect.stringContaining('6 program(s) without instructions (ids 5, 6, 7, 8, 9, …): more than 4 distinct programs') })]);
  });

  it('copies sharing a dump count once', async () => {
    const listed = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, tag: 'same', map_ids: [] }));
    const runner = new Dumps(listed);
    const rec = new Recorder(runner, 1000);
    const { programs } = await new ProgramFetcher(rec, true, 1).finish(netnsOf(listed.map((p) => p.id)));
    expect(programs.every((p) => p.xlated !== null)).toBe(true);
    expect(rec.notes).toEqual([]);
  });
});

describe('limiter', () => {
  it('runs at most n at once, in call order, and passes results and errors through', async () => {
    const limit = limiter(2);
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const job = (i: number) => limit(async () => {
      started.push(i);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      if (i === 3) throw new Error('three');
      return i * 10;
    });
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map(job));
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([0, 10, 20, 'three', 40, 50]);
    expect(await limit(async () => 'after')).toBe('after');
  });
});
