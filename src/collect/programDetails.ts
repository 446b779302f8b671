// Details of the programs the hooks reference: one global `bpftool -j prog show`
// (programs are global objects; no namespace needs entering), then each program's
// translated instructions (once per tag: same tag = same code) and the prog arrays its
// tail calls go through, following tail-call targets a few levels deep.
import { parseProgArrayDump, parseXlated, progArrayArgv, tailCallMaps, xlatedArgv } from '../analyze/bytecode/collect.js';
import type { Netns, ProgArray, ProgramInfo, XlatedInsn } from '../model/snapshot.js';
import { mapLimit } from './pool.js';
import { parseProgShow } from './programs.js';
import { succeeded, type Recorder } from './record.js';

const MAX_ROUNDS = 4;
const MAX_PROGRAMS = 5000;

export function referencedProgramIds(netns: readonly Netns[]): Set<number> {
  const ids = new Set<number>();
  for (const ns of netns) {
    for (const d of ns.devices) {
      for (const h of d.hooks) {
        for (const f of h.legacy ?? []) if (f.program?.id != null) ids.add(f.program.id);
        for (const t of h.tcx ?? []) if (t.program.id != null) ids.add(t.program.id);
      }
    }
  }
  return ids;
}

async function runJson(rec: Recorder, argv: string[]): Promise<unknown> {
  const r = await rec.run({ argv, ns: null });
  if (!succeeded(r)) {
    // A program or map unloaded since it was listed (pod churn) is a note, not a failure.
    if (!r.timedOut) rec.note('command-failed', null, null, `${argv.join(' ')}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
    return undefined;
  }
  try {
    return JSON.parse(r.stdout) as unknown;
  } catch {
    rec.note('parse-error', null, null, `${argv.join(' ')}: output is not JSON`);
    return undefined;
  }
}

export async function collectPrograms(rec: Recorder, netns: readonly Netns[], instructions: boolean, jobs = 4): Promise<{
  programs: ProgramInfo[]; progArrays: ProgArray[];
}> {
  const wanted = referencedProgramIds(netns);
  if (wanted.size === 0) return { programs: [], progArrays: [] };
  const r = await rec.run({ argv: ['bpftool', '-j', 'prog', 'show'], ns: null });
  if (!succeeded(r)) {
    if (!r.timedOut) rec.note('command-failed', null, null, `bpftool -j prog show failed: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
    return { programs: [], progArrays: [] };
  }
  const parsed = parseProgShow(r.stdout);
  if (parsed.error) rec.note('parse-error', null, null, parsed.error);
  const all = new Map(parsed.programs.map((p) => [p.id, p]));
  const out = new Map<number, ProgramInfo>();
  const arrays = new Map<number, ProgArray>();
  const byTag = new Map<string, XlatedInsn[] | null>();
  let frontier = [...wanted];
  for (let round = 0; round < MAX_ROUNDS && frontier.length > 0 && out.size < MAX_PROGRAMS; round++) {
    const batch = frontier.map((id) => all.get(id)).filter((p): p is ProgramInfo => p !== undefined && !out.has(p.id));
    for (const p of batch) out.set(p.id, p);
    if (!instructions) break;
    await mapLimit(batch, jobs, async (p) => {
      const key = p.tag ?? `id:${p.id}`;
      if (!byTag.has(key)) {
        byTag.set(key, null); // claim it so concurrent programs with this tag do not refetch
        const json = await runJson(rec, xlatedArgv(p.id));
        const x = json === undefined ? null : parseXlated(json);
        if (x !== null && 'error' in x) rec.note('parse-error', null, null, `program ${p.id}: ${x.error}`);
        byTag.set(key, x === null || 'error' in x ? null : x);
      }
    });
    const mapIds = new Set<number>();
    for (const p of batch) {
      p.xlated = byTag.get(p.tag ?? `id:${p.id}`) ?? null;
      for (const m of p.xlated ? tailCallMaps(p.xlated) : []) if (!arrays.has(m)) mapIds.add(m);
    }
    const next: number[] = [];
    await mapLimit([...mapIds], jobs, async (m) => {
      const json = await runJson(rec, progArrayArgv(m));
      if (json === undefined) return;
      const a = parseProgArrayDump(json, m, null);
      if ('error' in a) rec.note('parse-error', null, null, a.error);
      else {
        arrays.set(m, a);
        next.push(...a.entries.map((e) => e.progId));
      }
    });
    frontier = next;
  }
  return { programs: [...out.values()].sort((a, b) => a.id - b.id), progArrays: [...arrays.values()] };
}
