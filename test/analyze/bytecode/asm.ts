// Test-side assembler: instructions in bpftool's JSON shape (hex-string bytes), so tests
// go through the same decoder as real dumps.
import type { XlatedInsn } from '../../../src/model/snapshot.js';

export interface Raw { code: number; dst?: number; src?: number; off?: number; imm?: number | bigint; disasm?: string }

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;
function le(v: bigint, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(hex(Number((BigInt.asUintN(n * 8, v) >> BigInt(8 * i)) & 0xffn)));
  return out;
}

export function enc(r: Raw): XlatedInsn {
  const imm = BigInt(r.imm ?? 0);
  const immBytes = r.code === 0x18 ? [...le(imm, 4), '0x00', '0x00', '0x00', '0x00', ...le(imm >> 32n, 4)] : le(imm, 4);
  return {
    disasm: r.disasm ?? `(${r.code.toString(16)})`,
    opcodes: { code: hex(r.code), src_reg: hex(r.src ?? 0), dst_reg: hex(r.dst ?? 0), off: le(BigInt(r.off ?? 0), 2), imm: immBytes },
  };
}

export const prog = (insns: Raw[], id = 1) => ({
  id, type: 'sched_cls', name: `p${id}`, tag: null, mapIds: [], xlated: insns.map(enc),
});

// A few mnemonics used by unit tests.
export const movK = (dst: number, imm: number): Raw => ({ code: 0xb7, dst, imm });
export const exit = (): Raw => ({ code: 0x95, disasm: '(95) exit' });
export const ldxW = (dst: number, src: number, off: number): Raw => ({ code: 0x61, dst, src, off });
export const jK = (op: number, dst: number, imm: number, off: number): Raw => ({ code: 0x05 | op, dst, imm, off });
export const ja = (off: number): Raw => ({ code: 0x05, off });
export const helper = (name: string): Raw => ({ code: 0x85, disasm: `(85) call ${name}#123456` });
