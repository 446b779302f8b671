// Kernel truth for programs that share a tag. The kernel computes a tag with map
// references zeroed, so two copies of one object on maps of their own have the same tag
// while their instructions name different maps (Cilium's per-endpoint programs and their
// tail-call arrays). Here: two hooks run copies of one tail-calling program, each through
// its own array. Hook 1's array holds a program that returns TC_ACT_OK, hook 2's is empty.
// The kernel ends hook 1's walk in the tail call and runs hook 2's next filter; the audit
// must read each copy's own array, live and through a bundle: each copy's own instructions
// (src/collect/programDetails.ts instructionsKey). A third copy on hook 1's maps has the very
// same instructions: one dump, and the bundle writes them once (bundleVersion 2).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { inNs, run, uniqueName } from '../helpers/netns.js';
import { BPF_TRUTH } from './liveHelpers.js';
import { createRig, runCounts, send, type Rig } from './truthRig.js';

const TAILCALL = 'bpf/verdicts/tailcall.o';

interface JsonFilter { pref: number; progId: number | null; verdict: { returnCodes: number[] | null; terminal: string }; reaches: { ipv4: boolean | null } }
interface JsonReport { nodes: { interfaces: { netns: string; name: string; direction: string; filters: JsonFilter[] }[] }[] }

const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`tc-audit ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return r;
};

/** pref -> [return codes, reaches ipv4] of every filter on `ns`'s v0 `direction`. */
function chain(report: JsonReport, ns: string, direction: string): Record<number, [number[] | null, boolean | null]> {
  const hook = report.nodes.flatMap((n) => n.interfaces).find((i) => i.netns === ns && i.name === 'v0' && i.direction === direction);
  if (hook === undefined) throw new Error(`no ${ns} v0 ${direction} in the report`);
  return Object.fromEntries(hook.filters.map((f) => [f.pref, [f.verdict.returnCodes, f.reaches.ipv4]]));
}

/** How often each counting program ran while IPv4 datagrams were sent to each rig. */
function runsWhileSending(rigs: readonly Rig[], counters: readonly number[]): number[] {
  const before = runCounts();
  for (const r of rigs) send(r, 'ipv4');
  const after = runCounts();
  return counters.map((id) => (after.get(id) ?? 0) - (before.get(id) ?? 0));
}

const progShow = (pin: string) => JSON.parse(run('bpftool', ['-j', 'prog', 'show', 'pinned', pin])) as { id: number; tag: string; map_ids: number[] };

describeLive('kernel truth: programs that share a tag, each on maps of its own', () => {
  const rigs: Rig[] = [];
  const pins = [1, 2, 3].map(() => `/sys/fs/bpf/${uniqueName('tag')}`);
  const dir = mkdtempSync(join(tmpdir(), 'tcat-tag-'));
  const removePins = () => {
    for (const p of pins) for (const x of [p, `${p}_maps`]) rmSync(x, { recursive: true, force: true });
  };
  beforeAll(() => {
    rigs.push(createRig('tg1'), createRig('tg2'), createRig('tg3'), createRig('tg4'));
  });
  afterAll(() => {
    for (const r of rigs) r.close();
    removePins();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows each copy through its own prog array, as the kernel does, live and in a bundle', () => {
    const [p1, p2, p3] = pins as [string, string, string];
    run('bpftool', ['prog', 'loadall', TAILCALL, p1, 'type', 'classifier', 'pinmaps', `${p1}_maps`]);
    run('bpftool', ['prog', 'loadall', TAILCALL, p2, 'type', 'classifier', 'pinmaps', `${p2}_maps`]);
    // The third copy reuses the first one's array: same code, same maps.
    run('bpftool', ['prog', 'loadall', TAILCALL, p3, 'type', 'classifier', 'map', 'name', 'jt', 'pinned', `${p1}_maps/jt`]);
    run('bpftool', ['map', 'update', 'pinned', `${p1}_maps/jt`, 'key', '0', '0', '0', '0', 'value', 'pinned', `${p1}/target_ok`]);
    const [e1, e2, e3] = [p1, p2, p3].map((p) => progShow(`${p}/tail_entry`));
    // The condition under test, as the kernel reports it.
    expect(e2!.tag).toBe(e1!.tag);
    expect(e2!.map_ids).not.toEqual(e1!.map_ids);
    expect(e3!.tag).toBe(e1!.tag);
    expect(e3!.map_ids).toEqual(e1!.map_ids);

    const [r1, r2] = rigs as [Rig, Rig];
    const counters: number[] = [];
    for (const [rig, pin] of [[r1, p1], [r2, p2]] as const) {
      inNs(rig.a, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
      inNs(rig.a, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'all', 'pref', '5', 'bpf', 'da', 'object-pinned', `${pin}/tail_entry`]);
      inNs(rig.a, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'all', 'pref', '10', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_unspec.o`, 'sec', 'tc']);
      const shown = JSON.parse(inNs(rig.a, 'tc', ['-j', 'filter', 'show', 'dev', 'v0', 'ingress'])) as { pref: number; options?: { prog?: { id: number } } }[];
      counters.push(shown.find((f) => f.pref === 10 && f.options?.prog)!.options!.prog!.id);
    }
    inNs(r1.a, 'tc', ['filter', 'add', 'dev', 'v0', 'egress', 'protocol', 'all', 'pref', '5', 'bpf', 'da', 'object-pinned', `${p3}/tail_entry`]);

    // The kernel: hook 1's walk ends in the tail call (OK), hook 2's goes on to pref 10.
    const ran = runsWhileSending([r1, r2], counters);
    expect(ran[0], 'hook 1: pref 10 after the tail call to OK').toBe(0);
    expect(ran[1], 'hook 2: pref 10 after the empty array').toBeGreaterThanOrEqual(3);

    // The audit: hook 1's copy may return OK (the slot may also be emptied: -1 stays
    // possible), hook 2's never ends the walk, and pref 10 is reached there.
    const expectChains = (report: JsonReport) => {
      expect(chain(report, r1.a, 'ingress')).toEqual({ 5: [[-1, 0], true], 10: [[-1], null] });
      expect(chain(report, r2.a, 'ingress')).toEqual({ 5: [[-1], true], 10: [[-1], true] });
      expect(chain(report, r1.a, 'egress')).toEqual({ 5: [[-1, 0], true] });
    };
    expectChains(JSON.parse(cli(['audit', '--netns', r1.a, '--netns', r2.a, '--json', '-q']).stdout) as JsonReport);

    const file = join(dir, 'node.json');
    cli(['collect', '--netns', r1.a, '--netns', r2.a, '-q', '-o', file]);
    const written = JSON.parse(readFileSync(file, 'utf8')) as {
      bundleVersion: number; snapshot: { programs: { id: number; xlated: unknown[] | null; xlatedFrom?: number }[] }; evidence: { argv: string[]; stdout: string }[] };
    expect(written.bundleVersion).toBe(2);
    // Copies 1 and 3 (same maps) share one dump, written once; copy 2 has its own.
    const byId = new Map(written.snapshot.programs.map((p) => [p.id, p]));
    const [first, later] = [e1!.id, e3!.id].sort((a, b) => a - b) as [number, number];
    expect(byId.get(first)?.xlated?.length).toBeGreaterThan(0);
    expect(byId.get(later)).toMatchObject({ xlated: null, xlatedFrom: first });
    expect(byId.get(e2!.id)?.xlated?.length).toBeGreaterThan(0);
    const dumps = written.evidence.filter((e) => e.argv.includes('xlated')).map((e) => Number(e.argv.at(-2)));
    expect(dumps.filter((id) => [e1!.id, e2!.id, e3!.id].includes(id))).toHaveLength(2);
    // The evidence points at the instructions rather than holding them a second time.
    for (const e of written.evidence.filter((x) => x.argv.includes('xlated'))) expect(e.stdout).toMatch(/^\(\d+ characters of JSON, \d+ instructions: snapshot\.programs\[\]\.xlated of program \d+/);
    expectChains(JSON.parse(cli(['analyze', file, '--json']).stdout) as JsonReport);
  });

  // The verifier specialises each copy to its maps: one object built with two values of a
  // read-only load-time setting has one tag, and the copies return different codes.
  it('reads each copy of one tag on its own read-only configuration, as the kernel runs it', () => {
    const [, , r3, r4] = rigs as [Rig, Rig, Rig, Rig];
    const counters: number[] = [];
    const entries: { id: number; tag: string }[] = [];
    for (const [rig, obj] of [[r3, 'config_off'], [r4, 'config_on']] as const) {
      inNs(rig.a, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
      inNs(rig.a, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'all', 'pref', '5', 'bpf', 'da', 'obj', `bpf/verdicts/${obj}.o`, 'sec', 'tc']);
      inNs(rig.a, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'all', 'pref', '10', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_unspec.o`, 'sec', 'tc']);
      const shown = JSON.parse(inNs(rig.a, 'tc', ['-j', 'filter', 'show', 'dev', 'v0', 'ingress'])) as { pref: number; options?: { prog?: { id: number; tag: string } } }[];
      entries.push(shown.find((f) => f.pref === 5 && f.options?.prog)!.options!.prog!);
      counters.push(shown.find((f) => f.pref === 10 && f.options?.prog)!.options!.prog!.id);
    }
    expect(entries[1]!.tag, 'one tag for both copies').toBe(entries[0]!.tag);
    const ran = runsWhileSending([r3, r4], counters);
    expect(ran[0], 'mode 0 returns UNSPEC: pref 10 runs').toBeGreaterThanOrEqual(3);
    expect(ran[1], 'mode 1 returns OK: the walk ends at pref 5').toBe(0);
    const report = JSON.parse(cli(['audit', '--netns', r3.a, '--netns', r4.a, '--json', '-q']).stdout) as JsonReport;
    // Mode 0: the verifier drops the OK branch, and the copy never ends the walk. Mode 1:
    // the branch stays and reads the frozen value, which the analysis does not resolve: it
    // may end the walk (the kernel shows it does), and pref 10 is not known to be reached.
    // Read through mode 0's instructions, it would have been "never".
    expect(chain(report, r3.a, 'ingress')).toEqual({ 5: [[-1], true], 10: [[-1], true] });
    expect(chain(report, r4.a, 'ingress')).toEqual({ 5: [[-1, 0], true], 10: [[-1], null] });
  });
});
