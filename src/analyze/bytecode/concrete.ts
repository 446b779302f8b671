// Exact eBPF ALU and compare semantics on single 64-bit values. The abstract domain
// applies these pointwise to small value sets, so they must match the kernel interpreter
// (kernel/bpf/core.c ___bpf_prog_run) bit for bit.

export const ALU = { ADD: 0x00, SUB: 0x10, MUL: 0x20, DIV: 0x30, OR: 0x40, AND: 0x50, LSH: 0x60, RSH: 0x70,
  NEG: 0x80, MOD: 0x90, XOR: 0xa0, MOV: 0xb0, ARSH: 0xc0, END: 0xd0 } as const;
export const JMP = { JA: 0x00, JEQ: 0x10, JGT: 0x20, JGE: 0x30, JSET: 0x40, JNE: 0x50, JSGT: 0x60, JSGE: 0x70,
  CALL: 0x80, EXIT: 0x90, JLT: 0xa0, JLE: 0xb0, JSLT: 0xc0, JSLE: 0xd0, JCOND: 0xe0 } as const;

const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
const u64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const u32 = (v: bigint): bigint => BigInt.asUintN(32, v);
const s32 = (v: bigint): bigint => BigInt.asIntN(32, v);

/** One ALU/ALU64 operation. `off` selects signed div/mod (1) and movsx widths (8/16/32).
 *  Returns the new dst as a signed 64-bit value, or null for END (byte swaps: not modelled). */
export function aluConcrete(op: number, dst: bigint, src: bigint, is32: boolean, off: number): bigint | null {
  const U = is32 ? u32 : u64;
  const S = is32 ? s32 : s64;
  const mask = is32 ? 31n : 63n;
  const a = U(dst);
  const b = U(src);
  let r: bigint;
  switch (op) {
    case ALU.ADD: r = a + b; break;
    case ALU.SUB: r = a - b; break;
    case ALU.MUL: r = a * b; break;
    case ALU.OR: r = a | b; break;
    case ALU.AND: r = a & b; break;
    case ALU.XOR: r = a ^ b; break;
    case ALU.LSH: r = a << (b & mask); break;
    case ALU.RSH: r = a >> (b & mask); break;
    case ALU.ARSH: r = S(a) >> (b & mask); break;
    case ALU.NEG: r = -a; break;
    case ALU.DIV:
      if (off === 1) r = S(b) === 0n ? 0n : S(b) === -1n ? -S(a) : S(a) / S(b);
      else r = b === 0n ? 0n : a / b;
      break;
    case ALU.MOD:
      // Division by zero leaves dst (truncated to 32 bits for ALU32); BigInt % truncates
      // toward zero like the kernel's signed modulo.
      if (off === 1) r = S(b) === 0n ? a : S(b) === -1n ? 0n : S(a) % S(b);
      else r = b === 0n ? a : a % b;
      break;
    case ALU.MOV:
      if (off === 8 || off === 16 || off === 32) r = BigInt.asIntN(off, b);
      else r = b;
      break;
    default:
      return null;
  }
  // ALU32 results are zero-extended into the 64-bit register.
  return is32 ? u32(r) : s64(r);
}

/** Does `a OP b` hold (JMP compares 64 bits, JMP32 the low 32)? null for non-compares. */
export function cmpConcrete(op: number, a: bigint, b: bigint, is32: boolean): boolean | null {
  const U = is32 ? u32 : u64;
  const S = is32 ? s32 : s64;
  switch (op) {
    case JMP.JEQ: return U(a) === U(b);
    case JMP.JNE: return U(a) !== U(b);
    case JMP.JGT: return U(a) > U(b);
    case JMP.JGE: return U(a) >= U(b);
    case JMP.JLT: return U(a) < U(b);
    case JMP.JLE: return U(a) <= U(b);
    case JMP.JSGT: return S(a) > S(b);
    case JMP.JSGE: return S(a) >= S(b);
    case JMP.JSLT: return S(a) < S(b);
    case JMP.JSLE: return S(a) <= S(b);
    case JMP.JSET: return (U(a) & U(b)) !== 0n;
    default: return null;
  }
}
