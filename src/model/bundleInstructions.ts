// Translated instructions are written once per bundle (bundleVersion 2). A node runs many
// copies of one program: Cilium loads its endpoint programs and their tail calls per pod,
// and copies on the same maps have the same instructions. A bundle held every copy's
// instructions in full, so a node of a few hundred pods wrote hundreds of megabytes. Now a
// copy whose instructions equal an earlier program's is written with `xlated: null` and
// `xlatedFrom: <that program's id>`, and readers put the shared list back before the
// schema sees it. Pure: no zod, no I/O.
import type { ProgramInfo, XlatedInsn } from './snapshot.js';

/** Same instructions: the same list, or equal disassembly and opcodes throughout. */
function sameInstructions(a: readonly XlatedInsn[], b: readonly XlatedInsn[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.disasm !== b[i]!.disasm) return false;
    if (JSON.stringify((a[i] as { opcodes?: unknown }).opcodes) !== JSON.stringify((b[i] as { opcodes?: unknown }).opcodes)) return false;
  }
  return true;
}

export type WrittenProgram = ProgramInfo & { xlatedFrom?: number };

/** The programs as a bundle writes them: each list of instructions once, the first time
 *  it appears; later programs with equal instructions name that program instead. Only
 *  programs of one tag and map set are compared (src/collect/programDetails.ts says why
 *  the tag alone would not do). */
export function shareInstructions(programs: readonly ProgramInfo[]): WrittenProgram[] {
  const first = new Map<string, ProgramInfo[]>();
  return programs.map((p) => {
    if (p.xlated === null || p.tag === null) return p;
    const key = `${p.tag}/${p.mapIds.join(',')}`;
    const seen = first.get(key);
    const same = seen?.find((q) => sameInstructions(q.xlated!, p.xlated!));
    if (same !== undefined) return { ...p, xlated: null, xlatedFrom: same.id };
    if (seen === undefined) first.set(key, [p]);
    else seen.push(p);
    return p;
  });
}

/** Puts shared instructions back into a bundle's parsed JSON, in place, before schema
 *  validation: `xlatedFrom` must name an earlier program that has instructions. Returns
 *  what is wrong, as `path: message`, or [] (also for JSON that is no bundle at all: the
 *  schema says what is wrong with that). */
export function resolveSharedInstructions(json: unknown): string[] {
  const programs = (json as { snapshot?: { programs?: unknown } } | null)?.snapshot?.programs;
  if (!Array.isArray(programs)) return [];
  const errors: string[] = [];
  const byId = new Map<unknown, unknown[]>();
  programs.forEach((p: unknown, i) => {
    if (typeof p !== 'object' || p === null) return;
    const rec = p as { id?: unknown; xlated?: unknown; xlatedFrom?: unknown };
    if ('xlatedFrom' in rec) {
      const from = byId.get(rec.xlatedFrom);
      if (rec.xlated !== null && rec.xlated !== undefined) errors.push(`snapshot.programs[${i}].xlatedFrom: given with instructions of its own`);
      else if (from === undefined) errors.push(`snapshot.programs[${i}].xlatedFrom: ${JSON.stringify(rec.xlatedFrom)} names no earlier program with instructions`);
      else rec.xlated = from;
      delete rec.xlatedFrom;
    }
    if (Array.isArray(rec.xlated) && !byId.has(rec.id)) byId.set(rec.id, rec.xlated);
  });
  return errors;
}
