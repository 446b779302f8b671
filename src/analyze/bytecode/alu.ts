// ALU/ALU64 transfer: exact pointwise evaluation while both operands are small sets,
// interval arithmetic otherwise.
import { ALU, aluConcrete } from './concrete.js';
import { CAP, TOP, bounds, range, setOf, singleton, type Val } from './domain.js';
import { aluInterval } from './intervals.js';

const PAIRWISE_LIMIT = CAP * CAP;
const ZERO: Val = { k: 'set', v: [0n] };

function popcount(x: bigint): number {
  let n = 0;
  for (let v = x; v > 0n; v &= v - 1n) n++;
  return n;
}

/** x & mask for any x is a subset of mask's bits: enumerate them when there are few.
 *  This is what keeps `r0 = r1; r0 >>= 31; r0 &= 2` at {0, 2}. */
function maskSubsets(mask: bigint, is32: boolean): Val | null {
  const m = is32 ? BigInt.asUintN(32, mask) : mask;
  if (m < 0n || popcount(m) > 6) return null;
  const bits: bigint[] = [];
  for (let b = 0n; b < 64n; b++) if ((m >> b) & 1n) bits.push(1n << b);
  const out: bigint[] = [];
  for (let s = 0; s < 1 << bits.length; s++) {
    let v = 0n;
    bits.forEach((bit, i) => { if ((s >> i) & 1) v |= bit; });
    out.push(v);
  }
  return setOf(out);
}

export function aluVal(op: number, dst: Val, src: Val, is32: boolean, off: number, imm: number): Val {
  if (op === ALU.MOV && off === 0 && !is32) return src; // keeps map references intact
  if (dst.k === 'map' && op !== ALU.MOV) return TOP;
  if (src.k === 'map' && op !== ALU.NEG && op !== ALU.END) return TOP;
  if (op === ALU.END) {
    // Byte swaps are not modelled; only the result width is kept.
    const r = aluInterval(op, [0n, 0n], [0n, 0n], false, off, imm);
    return r === null ? TOP : range(r[0], r[1]);
  }
  // MOV ignores the old dst; NEG ignores src. Substituting a constant keeps the set path.
  if (op === ALU.MOV) dst = ZERO;
  if (op === ALU.NEG) src = ZERO;
  if (dst.k === 'set' && src.k === 'set') {
    const sv = src.v;
    if (dst.v.length * sv.length <= PAIRWISE_LIMIT) {
      const out: bigint[] = [];
      for (const a of dst.v) for (const b of sv) out.push(aluConcrete(op, a, b, is32, off)!);
      return setOf(out) ?? TOP;
    }
  }
  if (op === ALU.AND) {
    const m = singleton(src) ?? singleton(dst);
    const sub = m === null ? null : maskSubsets(m, is32);
    if (sub !== null) return sub;
  }
  const a = bounds(dst);
  const b = bounds(src);
  if (a === null || b === null) return TOP;
  const r = aluInterval(op, a, b, is32, off, imm);
  return r === null ? TOP : range(r[0], r[1]);
}
