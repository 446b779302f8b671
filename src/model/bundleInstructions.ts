// Translated instructions are written once per tag in a bundle (bundleVersion 2). A node
// runs many copies of one program: Cilium loads its endpoint programs and their tail calls
// per pod, each on the pod's own maps, and the copies' instructions differ only in the map
// ids they name (src/model/instructionMaps.ts). A bundle held every copy's instructions in
// full, so a node of a few hundred pods wrote hundreds of megabytes. Now a copy whose
// instructions are an earlier program's on its own maps is written with `xlated: null` and
// `xlatedFrom: <that program's id>`, and readers derive the list again before the schema
// sees it. Pure: no zod, no I/O.
import { withMapsOf } from './instructionMaps.js';
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

/** The programs as a bundle writes them: each tag's instructions once, the first time they
 *  appear; a later copy whose instructions are those on its own maps names that program
 *  instead. */
export function shareInstructions(programs: readonly ProgramInfo[]): WrittenProgram[] {
  const firsts = new Map<string, ProgramInfo[]>();
  return programs.map((p) => {
    if (p.xlated === null || p.tag === null) return p;
    const seen = firsts.get(p.tag);
    const from = seen?.find((q) => {
      const mine = withMapsOf(q.xlated!, q.mapIds, p.mapIds);
      return mine !== null && sameInstructions(mine, p.xlated!);
    });
    if (from !== undefined) return { ...p, xlated: null, xlatedFrom: from.id };
    if (seen === undefined) firsts.set(p.tag, [p]);
    else seen.push(p);
    return p;
  });
}

const isIds = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isInteger(x));
// Only well-formed lists are shared from: the schema reports the others where they are.
const isInsns = (v: unknown): v is XlatedInsn[] =>
  Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && typeof (e as { disasm?: unknown }).disasm === 'string');

/** Derives shared instructions again in a bundle's parsed JSON, in place, before schema
 *  validation: `xlatedFrom` must name an earlier program with instructions whose map list
 *  lines up with this one's. Returns what is wrong, as `path: message`, or [] (also for
 *  JSON that is no bundle at all: the schema says what is wrong with that). */
export function resolveSharedInstructions(json: unknown): string[] {
  const programs = (json as { snapshot?: { programs?: unknown } } | null)?.snapshot?.programs;
  if (!Array.isArray(programs)) return [];
  const errors: string[] = [];
  const byId = new Map<unknown, { xlated: XlatedInsn[]; mapIds: unknown }>();
  programs.forEach((p: unknown, i) => {
    if (typeof p !== 'object' || p === null) return;
    const rec = p as { id?: unknown; mapIds?: unknown; xlated?: unknown; xlatedFrom?: unknown };
    if ('xlatedFrom' in rec) {
      const from = byId.get(rec.xlatedFrom);
      const at = `snapshot.programs[${i}].xlatedFrom`;
      if (rec.xlated !== null && rec.xlated !== undefined) errors.push(`${at}: given with instructions of its own`);
      else if (from === undefined) errors.push(`${at}: ${JSON.stringify(rec.xlatedFrom)} names no earlier program with instructions`);
      else {
        const mine = isIds(from.mapIds) && isIds(rec.mapIds) ? withMapsOf(from.xlated, from.mapIds, rec.mapIds) : null;
        if (mine === null) errors.push(`${at}: program ${JSON.stringify(rec.xlatedFrom)}'s instructions do not line up with these mapIds`);
        else rec.xlated = mine;
      }
      delete rec.xlatedFrom;
    }
    if (isInsns(rec.xlated) && !byId.has(rec.id)) byId.set(rec.id, { xlated: rec.xlated, mapIds: rec.mapIds });
  });
  return errors;
}
