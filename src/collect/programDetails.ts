// Details of the programs the hooks reference: one global `bpftool -j prog show`
// (programs are global objects; no namespace needs entering), then each program's
// translated instructions (once per tag and map set: the same code on the same maps, see
// instructionsKey) and the prog arrays its tail calls go through, following tail-call
// targets a few levels deep.
import { parseProgArrayDump, parseXlated, progArrayArgv, tailCallMaps, xlatedArgv } from '../analyze/bytecode/collect.js';
import type { Evidence } from '../model/bundle.js';
import type { Netns, ProgArray, ProgramInfo, XlatedInsn } from '../model/snapshot.js';
import { limiter, mapLimit } from './pool.js';
import { parseProgShow } from './programs.js';
import { succeeded, type Recorder } from './record.js';

const MAX_ROUNDS = 4;
const MAX_PROGRAMS = 5000;
/** Instruction dumps at once. One per tag and map set can be thousands on a node of
 *  per-endpoint programs; unbounded, that many bpftool processes would start together. */
const DUMPS_AT_ONCE = 4;

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

/** Programs with one key have the same translated instructions: the same code (the tag) on
 *  the same maps. The tag alone is not enough: the kernel computes it with map references
 *  zeroed, so copies of one object on maps of their own (Cilium's per-endpoint programs and
 *  their tail-call arrays) share a tag. Their instructions name their own maps (a tail call
 *  through one array is not one through the other), and the verifier specialises each copy
 *  to its maps: it folds read-only constants (`volatile const` load-time configuration) and
 *  inlines map sizes, so two copies of one tag can return different codes. Only a copy's own
 *  dump is its instructions (test/live/sameTagPrograms.test.ts). */
export const instructionsKey = (p: ProgramInfo): string =>
  p.tag === null ? `id:${p.id}` : `${p.tag}/${p.mapIds.join(',')}`;

/** A bpftool JSON command's parsed output and the evidence entry it left, or undefined
 *  (failed or not JSON: said in a note). */
async function runJson(rec: Recorder, argv: string[]): Promise<{ json: unknown; evidence: Evidence } | undefined> {
  const { r, evidence } = await rec.recorded({ argv, ns: null });
  if (!succeeded(r)) {
    // A program or map unloaded since it was listed (pod churn) is a note, not a failure.
    if (!r.timedOut) rec.note('command-failed', null, null, `${argv.join(' ')}: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
    return undefined;
  }
  try {
    return { json: JSON.parse(r.stdout) as unknown, evidence };
  } catch {
    rec.note('parse-error', null, null, `${argv.join(' ')}: output is not JSON`);
    return undefined;
  }
}

/** Starts `bpftool -j prog show` at once and fetches instructions for programs as soon as a
 *  namespace names them, so this overlaps the slow `bpftool net show` of big namespaces. */
export class ProgramFetcher {
  private readonly listing: Promise<Map<number, ProgramInfo> | null>;
  private readonly byKey = new Map<string, Promise<XlatedInsn[] | null>>();
  private readonly dumps = limiter(DUMPS_AT_ONCE);
  /** Programs left without instructions by the cap on distinct dumps. */
  private readonly capped = new Set<number>();
  private readonly pending: Promise<unknown>[] = [];
  private readonly wanted = new Set<number>();

  /** `maxDumps`: distinct instruction dumps at most (--max-dumps). Each bpftool dump reads
   *  /proc/kallsyms, whose size grows with the programs loaded: on a node of thousands of
   *  per-endpoint copies a dump took 2 s, and dumping them all took minutes. */
  constructor(private readonly rec: Recorder, private readonly instructions: boolean, private readonly maxDumps = Infinity) {
    this.listing = this.list();
  }

  private async list(): Promise<Map<number, ProgramInfo> | null> {
    const r = await this.rec.run({ argv: ['bpftool', '-j', 'prog', 'show'], ns: null });
    if (!succeeded(r)) {
      if (!r.timedOut) this.rec.note('command-failed', null, null, `bpftool -j prog show failed: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
      return null;
    }
    const parsed = parseProgShow(r.stdout);
    if (parsed.error) this.rec.note('parse-error', null, null, parsed.error);
    return new Map(parsed.programs.map((p) => [p.id, p]));
  }

  /** Program ids seen in raw `tc -j` entries (options.prog.id), before parsing. */
  wantFromTcEntries(entries: readonly unknown[]): void {
    const ids: number[] = [];
    for (const e of entries) {
      const id = (e as { options?: { prog?: { id?: unknown } } })?.options?.prog?.id;
      if (typeof id === 'number') ids.push(id);
    }
    this.want(ids);
  }

  want(ids: Iterable<number>): void {
    for (const id of ids) {
      if (this.wanted.has(id)) continue;
      this.wanted.add(id);
      if (this.instructions) this.pending.push(this.instructionsFor(id));
    }
  }

  private async instructionsFor(id: number): Promise<XlatedInsn[] | null> {
    const p = (await this.listing)?.get(id);
    if (!p) return null;
    const key = instructionsKey(p);
    let x = this.byKey.get(key);
    if (!x) {
      if (this.byKey.size >= this.maxDumps) {
        this.capped.add(p.id);
        return null;
      }
      x = this.dumps(() => this.dump(p));
      this.byKey.set(key, x);
    }
    return x;
  }

  /** One program's instructions. Once they parse, they are the snapshot's: the evidence
   *  keeps a pointer to them, not a second copy (the raw dump, with bpftool's BTF source
   *  lines, was half a large node's bundle). A dump that fails or does not parse is kept. */
  private async dump(p: ProgramInfo): Promise<XlatedInsn[] | null> {
    const got = await runJson(this.rec, xlatedArgv(p.id));
    if (got === undefined) return null;
    const v = parseXlated(got.json);
    if ('error' in v) {
      this.rec.note('parse-error', null, null, `program ${p.id}: ${v.error}`);
      return null;
    }
    got.evidence.stdout = `(${got.evidence.stdout.length} characters of JSON, ${v.length} instructions: snapshot.programs[].xlated of program ${p.id}, disasm and opcodes)`;
    return v;
  }

  async finish(netns: readonly Netns[]): Promise<{ programs: ProgramInfo[]; progArrays: ProgArray[] }> {
    this.want(referencedProgramIds(netns));
    const all = await this.listing;
    if (!all || this.wanted.size === 0) return { programs: [], progArrays: [] };
    const out = new Map<number, ProgramInfo>();
    const arrays = new Map<number, ProgArray>();
    let frontier = [...this.wanted];
    for (let round = 0; round < MAX_ROUNDS && frontier.length > 0 && out.size < MAX_PROGRAMS; round++) {
      this.want(frontier);
      await Promise.all(this.pending);
      const batch = frontier.map((id) => all.get(id)).filter((p): p is ProgramInfo => p !== undefined && !out.has(p.id));
      const mapIds = new Set<number>();
      for (const p of batch) {
        out.set(p.id, p);
        p.xlated = this.instructions ? ((await this.byKey.get(instructionsKey(p))) ?? null) : null;
        for (const m of p.xlated ? tailCallMaps(p.xlated) : []) if (!arrays.has(m)) mapIds.add(m);
      }
      const next: number[] = [];
      await mapLimit([...mapIds], 4, async (m) => {
        const got = await runJson(this.rec, progArrayArgv(m));
        if (got === undefined) return;
        const a = parseProgArrayDump(got.json, m, null);
        if ('error' in a) this.rec.note('parse-error', null, null, a.error);
        else {
          arrays.set(m, a);
          for (const e of a.entries) next.push(e.progId);
        }
      });
      frontier = next;
    }
    const left = [...this.capped].filter((id) => out.has(id));
    if (left.length > 0) {
      this.rec.note('instructions-capped', null, null, `${left.length} program(s) without instructions (ids ${left.slice(0, 5).join(', ')}${left.length > 5 ? ', …' : ''}): more than ${this.maxDumps} distinct programs (tag and maps) to dump, the --max-dumps cap; their verdicts come from the vendor knowledge base, else unknown`);
    }
    return { programs: [...out.values()].sort((a, b) => a.id - b.id), progArrays: [...arrays.values()] };
  }
}

/** One-shot form (used by watch): details for the programs these namespaces reference. */
export async function collectPrograms(rec: Recorder, netns: readonly Netns[], instructions: boolean, _jobs = 4): Promise<{
  programs: ProgramInfo[]; progArrays: ProgArray[];
}> {
  if (referencedProgramIds(netns).size === 0) return { programs: [], progArrays: [] };
  return new ProgramFetcher(rec, instructions).finish(netns);
}
