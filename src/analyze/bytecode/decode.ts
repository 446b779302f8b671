// Turns bpftool's JSON instructions into a flat, validated instruction array.
// bpftool prints one JSON entry per instruction but a 16-byte ld_imm64 is one entry with
// 12 imm bytes, while jump offsets count 8-byte slots; so every entry gets its slot number
// and jumps are resolved through slot -> index.
import type { XlatedInsn } from '../../model/snapshot.js';

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
  /** Slot (8-byte unit) where this instruction starts. */
  slot: number;
  disasm: string;
}

export type Decoded = { ok: true; insns: Insn[]; slotToIndex: Map<number, number> } | { ok: false; reason: string };

function byte(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255) return v;
  if (typeof v !== 'string' || !/^(0x)?[0-9a-f]{1,2}$/i.test(v)) return null;
  return parseInt(v.replace(/^0x/i, ''), 16);
}

function scalar(v: unknown, max: number): number | null {
  const b = typeof v === 'string' && /^0x[0-9a-f]+$/i.test(v) ? parseInt(v.slice(2), 16) : v;
  return typeof b === 'number' && Number.isInteger(b) && b >= 0 && b <= max ? b : null;
}

/** Little-endian bytes (bpftool prints the instruction's memory bytes; x86/arm64 hosts). */
function bytesLE(v: unknown, n: number): bigint | null {
  if (!Array.isArray(v) || v.length < n) return null;
  let out = 0n;
  for (let i = n - 1; i >= 0; i--) {
    const b = byte(v[i]);
    if (b === null) return null;
    out = (out << 8n) | BigInt(b);
  }
  return out;
}

function decodeOne(e: XlatedInsn, slot: number, at: number): Insn | string {
  const op = (e as Record<string, unknown>).opcodes;
  if (typeof op !== 'object' || op === null) return `instruction ${at} has no opcodes (dump without "opcodes")`;
  const o = op as Record<string, unknown>;
  const code = scalar(o.code, 255);
  const dst = scalar(o.dst_reg, 15);
  const src = scalar(o.src_reg, 15);
  const off = bytesLE(o.off, 2);
  const lo = bytesLE(o.imm, 4);
  if (code === null || dst === null || src === null || off === null || lo === null) {
    return `instruction ${at} has malformed opcodes`;
  }
  let imm64 = BigInt.asIntN(32, lo);
  if (code === 0x18) {
    // ld_imm64: bytes 0-3 low imm, 4-7 the second slot's code/regs/off, 8-11 high imm.
    const all = bytesLE(o.imm, 12);
    if (all === null) return `instruction ${at} is a truncated ld_imm64`;
    imm64 = BigInt.asIntN(64, (all & 0xffffffffn) | ((all >> 64n) << 32n));
  }
  const disasm = typeof e.disasm === 'string' ? e.disasm : '';
  return { code, dst, src, off: Number(BigInt.asIntN(16, off)), imm: Number(BigInt.asIntN(32, lo)), imm64, slot, disasm };
}

export function decode(xlated: readonly XlatedInsn[]): Decoded {
  const insns: Insn[] = [];
  const slotToIndex = new Map<number, number>();
  let slot = 0;
  for (let i = 0; i < xlated.length; i++) {
    const e = xlated[i];
    if (typeof e !== 'object' || e === null) return { ok: false, reason: `instruction ${i} is not an object` };
    const d = decodeOne(e, slot, i);
    if (typeof d === 'string') return { ok: false, reason: d };
    slotToIndex.set(slot, i);
    insns.push(d);
    slot += d.code === 0x18 ? 2 : 1;
  }
  if (insns.length === 0) return { ok: false, reason: 'no instructions' };
  return { ok: true, insns, slotToIndex };
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
