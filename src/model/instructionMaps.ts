// One program's translated instructions as another copy of it runs them. The kernel's tag
// hashes instructions with map references zeroed, so copies of one object on maps of their
// own share a tag (Cilium loads its endpoint programs and their tail calls per pod, each
// on the pod's own maps). Their translated instructions differ only in the map ids that
// ld_imm64 loads name, and each copy's `map_ids` lists its maps in the order the verifier
// met them in those instructions: position i of one copy's map_ids is position i of the
// other's. test/live/sameTagPrograms.test.ts holds a copy derived this way to the kernel's
// own dump of it. Pure: no zod, no I/O.
import type { XlatedInsn } from './snapshot.js';

const MAP_IN_DISASM = /map\[id:(\d+)\]/g;

const hexByte = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

/** The ld_imm64 immediate's low four bytes (bpftool's "imm" array) set to `id`. */
function withImm(opcodes: unknown, id: number): unknown {
  const o = opcodes as { imm?: unknown } | null;
  if (typeof o !== 'object' || o === null || !Array.isArray(o.imm) || o.imm.length < 4) return opcodes;
  const imm = [...(o.imm as unknown[])];
  for (let b = 0; b < 4; b++) imm[b] = hexByte((id >>> (8 * b)) & 0xff);
  return { ...o, imm };
}

/** The low immediate of an ld_imm64 that names a map (src_reg 1 or 2), else null. */
function mapImm(opcodes: unknown): number | null {
  const o = opcodes as { code?: unknown; src_reg?: unknown; imm?: unknown } | null;
  if (typeof o !== 'object' || o === null || !Array.isArray(o.imm)) return null;
  const src = typeof o.src_reg === 'string' ? parseInt(o.src_reg, 16) : NaN;
  if (typeof o.code !== 'string' || parseInt(o.code, 16) !== 0x18 || (src !== 1 && src !== 2)) return null;
  let n = 0;
  for (let b = 3; b >= 0; b--) {
    const v = typeof o.imm[b] === 'string' ? parseInt(o.imm[b] as string, 16) : NaN;
    if (!Number.isInteger(v)) return null;
    n = n * 256 + v;
  }
  return n;
}

/** `list` (the instructions of a copy on maps `from`) as the copy on maps `to` runs it:
 *  every map id, in the disassembly and in the ld_imm64 immediate, moved to the map at the
 *  same position. The same list when the maps are the same; instructions that name no map
 *  are shared, not copied. null when it cannot be done: map lists of different lengths, or
 *  an instruction naming a map that `from` does not list. */
export function withMapsOf(list: XlatedInsn[], from: readonly number[], to: readonly number[]): XlatedInsn[] | null {
  if (from.length !== to.length) return null;
  if (from.every((id, i) => id === to[i])) return list;
  const moved = new Map<number, number>();
  for (let i = 0; i < from.length; i++) moved.set(from[i]!, to[i]!);
  const out: XlatedInsn[] = new Array<XlatedInsn>(list.length);
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    const opcodes = (e as { opcodes?: unknown }).opcodes;
    const imm = mapImm(opcodes);
    if (imm === null && !e.disasm.includes('map[id:')) {
      out[i] = e;
      continue;
    }
    let unknown = false;
    const disasm = e.disasm.replace(MAP_IN_DISASM, (m: string, id: string) => {
      const to = moved.get(Number(id));
      if (to === undefined) unknown = true;
      return to === undefined ? m : `map[id:${to}]`;
    });
    const toImm = imm === null ? null : moved.get(imm);
    if (unknown || toImm === undefined) return null;
    out[i] = { ...e, disasm, opcodes: toImm === null ? opcodes : withImm(opcodes, toImm) };
  }
  return out;
}
