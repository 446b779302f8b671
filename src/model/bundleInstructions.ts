// Translated instructions are written once per bundle (bundleVersion 2). Programs with the
// same tag on the same maps have the same instructions (src/collect/programDetails.ts), and
// JSON.stringify wrote the collector's one shared list again for each of them. Now a program
// whose instructions equal an earlier program's is written with `xlated: null` and
// `xlatedFrom: <that program's id>`, and readers give it the very same list back (no copy)
// once the schema has validated the rest. Copies on maps of their own are written in full: the verifier
// specialises each copy to its maps (read-only constants, map sizes), so nothing short of
// each copy's own dump is its instructions. Pure: no zod, no I/O.
import type { ProgramInfo, XlatedInsn } from './snapshot.js';

/** Same instructions: the same list, or equal disassembly and opcodes throughout. */
function sameInstructions(a: readonly XlatedInsn[], b: readonly XlatedInsn[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.disasm !== y.disasm) return false;
    if (JSON.stringify((x as { opcodes?: unknown }).opcodes) !== JSON.stringify((y as { opcodes?: unknown }).opcodes)) return false;
  }
  return true;
}

export type WrittenProgram = ProgramInfo & { xlatedFrom?: number };

/** The programs as a bundle writes them: each list of instructions once, the first time
 *  it appears; later programs of the same tag and maps with equal instructions name that
 *  program instead. */
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

// Only well-formed lists are shared from: the schema reports the others where they are.
const isInsns = (v: unknown): v is XlatedInsn[] =>
  Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && typeof (e as { disasm?: unknown }).disasm === 'string');

/** Which program takes its instructions from which (indexes into snapshot.programs). */
export interface SharedLink { to: number; from: number }

/** Takes the references out of a bundle's parsed JSON, in place, before schema validation
 *  (the schema refuses an `xlatedFrom` left in: a reader that skips this step fails rather
 *  than read shared programs as having none). `xlatedFrom` must name an earlier program
 *  that has instructions. Returns what is wrong, as `path: message` (that program is left
 *  without instructions), and the links for linkSharedInstructions; no errors for JSON that
 *  is no bundle at all: the schema says what is wrong with that. */
export function takeSharedInstructions(json: unknown): { errors: string[]; links: SharedLink[] } {
  const programs = (json as { snapshot?: { programs?: unknown } } | null)?.snapshot?.programs;
  const errors: string[] = [];
  const links: SharedLink[] = [];
  if (!Array.isArray(programs)) return { errors, links };
  const withInstructions = new Map<unknown, number>();
  programs.forEach((p: unknown, i) => {
    if (typeof p !== 'object' || p === null) return;
    const rec = p as { id?: unknown; xlated?: unknown; xlatedFrom?: unknown };
    if (Object.hasOwn(rec, 'xlatedFrom')) {
      const from = withInstructions.get(rec.xlatedFrom);
      const at = `snapshot.programs[${i}].xlatedFrom`;
      if (rec.xlated !== null && rec.xlated !== undefined) errors.push(`${at}: given with instructions of its own`);
      else if (from === undefined) errors.push(`${at}: ${JSON.stringify(rec.xlatedFrom)} names no earlier program with instructions`);
      else links.push({ to: i, from });
      delete rec.xlatedFrom;
      return;
    }
    if (isInsns(rec.xlated) && !withInstructions.has(rec.id)) withInstructions.set(rec.id, i);
  });
  return { errors, links };
}

/** After validation: each linked program gets the very list of the one it names (no copy:
 *  a bundle cannot make a reader build more than it holds). */
export function linkSharedInstructions(programs: ProgramInfo[], links: readonly SharedLink[]): void {
  for (const { to, from } of links) programs[to]!.xlated = programs[from]!.xlated;
}
