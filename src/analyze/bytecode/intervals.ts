// Interval transfer for ALU ops when an operand is no longer a small set. Every case
// either computes a sound enclosing interval or gives up (null = unknown); sharper cases
// are only added where clang's verdict code needs them (masks, shifts, small arithmetic).
import { ALU } from './concrete.js';
import { MAX, MIN } from './domain.js';

type Iv = readonly [bigint, bigint];
const U32_MAX = (1n << 32n) - 1n;

/** The low 32 bits of every value in [lo, hi], as an unsigned interval. */
export function toU32(lo: bigint, hi: bigint): Iv {
  if (hi - lo > U32_MAX) return [0n, U32_MAX];
  const l = BigInt.asUintN(32, lo);
  const h = BigInt.asUintN(32, hi);
  return l <= h ? [l, h] : [0n, U32_MAX];
}

/** The low 32 bits of every value in [lo, hi], read as signed. */
export function toS32(lo: bigint, hi: bigint): Iv {
  if (hi - lo > U32_MAX) return [-(1n << 31n), (1n << 31n) - 1n];
  const l = BigInt.asIntN(32, lo);
  const h = BigInt.asIntN(32, hi);
  return l <= h ? [l, h] : [-(1n << 31n), (1n << 31n) - 1n];
}

const bitFill = (x: bigint): bigint => (x <= 0n ? 0n : (1n << BigInt(x.toString(2).length)) - 1n);
const min = (...xs: bigint[]): bigint => xs.reduce((a, b) => (a < b ? a : b));
const max = (...xs: bigint[]): bigint => xs.reduce((a, b) => (a > b ? a : b));

function core(op: number, a: Iv, b: Iv, width: bigint, off: number, imm: number): Iv | null {
  const [al, ah] = a;
  const [bl, bh] = b;
  const shiftOk = bl >= 0n && bh < width;
  switch (op) {
    case ALU.ADD: return [al + bl, ah + bh];
    case ALU.SUB: return [al - bh, ah - bl];
    case ALU.MUL: {
      const c = [al * bl, al * bh, ah * bl, ah * bh];
      return [min(...c), max(...c)];
    }
    case ALU.NEG: return [-ah, -al];
    case ALU.MOV: {
      if (off !== 8 && off !== 16 && off !== 32) return b;
      const lim = 1n << BigInt(off - 1);
      return bl >= -lim && bh < lim ? b : [-lim, lim - 1n];
    }
    case ALU.AND:
      if (al >= 0n && bl >= 0n) return [0n, min(ah, bh)];
      if (al >= 0n) return [0n, ah];
      return bl >= 0n ? [0n, bh] : null;
    case ALU.OR:
      return al >= 0n && bl >= 0n ? [max(al, bl), bitFill(max(ah, bh))] : null;
    case ALU.XOR:
      return al >= 0n && bl >= 0n ? [0n, bitFill(max(ah, bh))] : null;
    case ALU.LSH:
      return shiftOk && al >= 0n ? [al << bl, ah << bh] : null;
    case ALU.RSH:
      if (!shiftOk) return null;
      if (al >= 0n) return [al >> bh, ah >> bl];
      return bl >= 1n ? [0n, ((1n << width) - 1n) >> bl] : null;
    case ALU.ARSH:
      return shiftOk ? [min(al >> bl, al >> bh), max(ah >> bl, ah >> bh)] : null;
    case ALU.DIV:
      if (off !== 0 || al < 0n || bl < 0n) return null;
      return bl === 0n ? [0n, ah] : [al / bh, ah / bl];
    case ALU.MOD:
      if (off !== 0 || al < 0n || bl < 0n) return null;
      return bl === 0n ? [0n, ah] : [0n, min(ah, bh - 1n)];
    case ALU.END:
      return imm === 16 || imm === 32 ? [0n, (1n << BigInt(imm)) - 1n] : null;
    default:
      return null;
  }
}

/** Interval result of `dst OP src`, or null when nothing useful is known. */
export function aluInterval(op: number, a: Iv, b: Iv, is32: boolean, off: number, imm: number): Iv | null {
  if (!is32) {
    const r = core(op, a, b, 64n, off, imm);
    return r === null || r[0] < MIN || r[1] > MAX ? null : r;
  }
  // Signed 32-bit ops read the sub-registers as signed; everything else as unsigned.
  const signed = op === ALU.ARSH || ((op === ALU.DIV || op === ALU.MOD) && off === 1);
  const view = signed ? toS32 : toU32;
  const r = core(op, view(a[0], a[1]), view(b[0], b[1]), 32n, off, imm);
  return r === null ? [0n, U32_MAX] : toU32(r[0], r[1]);
}
