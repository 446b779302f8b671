// Load verdict programs into a throw-away namespace and read them back the way the live
// collector does (tc -j filter show -> prog id -> bpftool xlated JSON).
import { existsSync, rmSync } from 'node:fs';
import { inNs, run } from '../../helpers/netns.js';
import { parseProgArrayDump, parseXlated, progArrayArgv, xlatedArgv } from '../../../src/analyze/bytecode/index.js';
import type { ProgArray, ProgramInfo } from '../../../src/model/snapshot.js';


export function bpftoolJson(argv: string[]): unknown {
  const [cmd, ...args] = argv;
  return JSON.parse(run(cmd ?? "bpftool", args));
}

/** Attach obj/sec (or a pinned program) at `pref` on v0 ingress; returns the program id. */
export function attach(ns: string, pref: number, what: { obj: string; sec: string } | { pinned: string }, da: boolean): number {
  const src = 'obj' in what ? ['obj', what.obj, 'sec', what.sec] : ['object-pinned', what.pinned];
  inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'pref', String(pref), 'bpf', ...(da ? ['da'] : []), ...src]);
  const shown = JSON.parse(inNs(ns, 'tc', ['-j', 'filter', 'show', 'dev', 'v0', 'ingress'])) as {
    pref: number; options?: { prog?: { id: number } } }[];
  const f = shown.find((x) => x.pref === pref && x.options?.prog !== undefined);
  if (f?.options?.prog === undefined) throw new Error(`no program at pref ${pref}`);
  return f.options.prog.id;
}

export function programInfo(id: number): ProgramInfo {
  const show = bpftoolJson(['bpftool', '-j', 'prog', 'show', 'id', String(id)]) as {
    type?: string; name?: string; tag?: string; map_ids?: number[] };
  const xlated = parseXlated(bpftoolJson(xlatedArgv(id)));
  if ('error' in xlated) throw new Error(xlated.error);
  return { id, type: show.type ?? null, name: show.name ?? null, tag: show.tag ?? null, mapIds: show.map_ids ?? [], xlated };
}

export function progArray(mapId: number, name: string | null): ProgArray {
  const r = parseProgArrayDump(bpftoolJson(progArrayArgv(mapId)), mapId, name);
  if ('error' in r) throw new Error(r.error);
  return r;
}

export function pinnedId(path: string, kind: 'prog' | 'map'): number {
  return (bpftoolJson(['bpftool', '-j', kind, 'show', 'pinned', path]) as { id: number }).id;
}

export function removePins(...paths: string[]): void {
  for (const p of paths) if (existsSync(p)) rmSync(p, { recursive: true, force: true });
}
