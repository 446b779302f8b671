// Turns bpftool's JSON instructions into a flat, validated instruction array.
// bpftool prints one JSON entry per instruction but a 16-byte ld_imm64 is one entry with
// 12 imm bytes, while jump offsets count 8-byte slots; so every entry gets its slot number
// and jumps are resolved through slot -> index.
import type { XlatedInsn } from '../../model/snapshot.js';
import { konst, type Val } from './domain.js';

export interface Insn {
  code: number;
  dst: number;
  src: number;
  /** Signed 16-bit offset. */
  off: number;
  /** Signed 32-bit immediate (low half for ld_imm64). */
  imm: number;
  /** Full 64-bit immediate for ld_imm64, else BigInt(imm). */
  imm64: bigint;
  /** The immediate as an abstract constant (sign-extended), built once per instruction. */
  kval: Val;
  /** Slot (8-byte unit) where this instruction starts. */
  slot: number;
  disasm: string;
}

export type Decoded = { ok: true; insns: Insn[]; slotToIndex: Int32Array } | { ok: false; reason: string };

const BYTE = new Map<string, number>();
for (let b = 0; b < 256; b++) {
  const h = b.toString(16);
  for (const s of [h, h.padStart(2, '0')]) for (const p of ['', '0x', '0X']) {
    BYTE.set(p + s, b);
    BYTE.set(p + s.toUpperCase(), b);
  }
}

function byte(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255) return v;
  return typeof v === 'string' ? (BYTE.get(v) ?? null) : null;
}

function scalar(v: unknown, max: number): number | null {
  const b = typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v) ? parseInt(v.slice(2), 16) : v;
  return typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= max ? b : null;
}

/** Little-endian bytes (bpftool prints the instruction's memory bytes; x86/arm64 hosts). */
/** Unsigned little-endian value of the first n bytes (n <= 4: plain numbers, no BigInt). */
function numLE(v: unknown, n: number): number | null {
  if (!Array.isArray(v) || v.length < n) return null;
  let out = 0;
  for (let i = n - 1; i >= 0; i--) {
    const b = byte(v[i]);
    if (b === null) return null;
    out = out * 256 + b;
  }
  return out;
}

/** Constants are immutable: share one Val per small immediate. */
const KCACHE = new Map<number, Val>();
function kvalOf(imm: number): Val {
  let v = KCACHE.get(imm);
  if (v === undefined) {
    v = konst(BigInt(imm));
    if (KCACHE.size < 4096) KCACHE.set(imm, v);
  }
  return v;
}

function decodeOne(e: XlatedInsn, slot: number, at: number): Insn | string {
  const op = (e as Record<string, unknown>).opcodes;
  if (typeof op !== 'object' || op === null) return `instruction ${at} has no opcodes (dump without "opcodes")`;
  const o = op as Record<string, unknown>;
  const code = scalar(o.code, 255);
  const dst = scalar(o.dst_reg, 15);
  const src = scalar(o.src_reg, 15);
  const off = numLE(o.off, 2);
  const lo = numLE(o.imm, 4);
  if (code === null || dst === null || src === null || off === null || lo === null) {
    return `instruction ${at} has malformed opcodes`;
  }
  const imm = lo | 0;
  let imm64 = BigInt(imm);
  let kval: Val | null = null;
  if (code === 0x18) {
    // ld_imm64: bytes 0-3 low imm, 4-7 the second slot's code/regs/off, 8-11 high imm.
    const hi = Array.isArray(o.imm) ? numLE(o.imm.slice(8), 4) : null;
    if (hi === null) return `instruction ${at} is a truncated ld_imm64`;
    imm64 = BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo));
    kval = konst(imm64);
  }
  const disasm = typeof e.disasm === 'string' ? e.disasm : '';
  return { code, dst, src, off: off >= 0x8000 ? off - 0x10000 : off, imm, imm64, kval: kval ?? kvalOf(imm), slot, disasm };
}

export function decode(xlated: readonly XlatedInsn[]): Decoded {
  const insns: Insn[] = [];
  const slotToIndex = new Int32Array(2 * xlated.length).fill(-1);
  let slot = 0;
  for (let i = 0; i < xlated.length; i++) {
    const e = xlated[i];
    if (typeof e !== 'object' || e === null) return { ok: false, reason: `instruction ${i} is not an object` };
    const d = decodeOne(e, slot, i);
    if (typeof d === 'string') return { ok: false, reason: d };
    slotToIndex[slot] = i;
    insns.push(d);
    slot += d.code === 0x18 ? 2 : 1;
  }
  if (insns.length === 0) return { ok: false, reason: 'no instructions' };
  return { ok: true, insns, slotToIndex: slotToIndex.subarray(0, slot) };
}

/** Helper name as bpftool prints it: `call bpf_redirect#10291712` -> "bpf_redirect". The
 *  immediate in translated code is a kernel address, so the name is the only stable id. */
export function helperName(i: Insn): string | null {
  const m = /\bcall\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(i.disasm);
  return m?.[1] ?? null;
}

/** Relative target of a bpf-to-bpf call. Translated code keeps the offset in `off` (the
 *  kernel moves the subprogram index into imm), which bpftool prints as `pc+N`. */
export function callOffset(i: Insn): number {
  const m = /\bcall\s+pc([+-]\d+)/.exec(i.disasm);
  if (m?.[1] !== undefined) return Number(m[1]);
  return i.off !== 0 ? i.off : i.imm;
}

/** Map id referenced by `r2 = map[id:N]` (ld_imm64 with src_reg 1 or 2). */
export function mapRef(i: Insn): number | null {
  const m = /map\[id:(\d+)\]/.exec(i.disasm);
  if (m?.[1] !== undefined) return Number(m[1]);
  return i.code === 0x18 && (i.src === 1 || i.src === 2) ? i.imm : null;
}
