// Transfer for the non-control instruction classes: ALU, loads and stores. Memory is not
// modelled beyond 8-byte constant-offset spills to the stack (r10): every other load yields
// "any value of that width", every store through another pointer forgets the spills
// (the pointer may alias the stack).
import { aluVal } from './alu.js';
import { CLS } from './cfg.js';
import { mapRef, type Insn } from './decode.js';
import { TOP, konst, range, type Val } from './domain.js';
import { clobberCall, forgetSpills, writeSpill, type State } from './state.js';

export class Malformed extends Error {}

const SIZE = [4, 2, 1, 8] as const;
const MODE = { IMM: 0x00, ABS: 0x20, IND: 0x40, MEM: 0x60, MEMSX: 0x80, ATOMIC: 0xc0 } as const;

function widthOf(bytes: number, signed: boolean): Val {
  if (bytes === 8) return TOP;
  const bits = BigInt(bytes * 8);
  return signed ? range(-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n) : range(0n, (1n << bits) - 1n);
}
// Values are immutable, so the per-width results are built once.
const WIDTH = new Map<string, Val>();
function widthVal(bytes: number, signed: boolean): Val {
  const key = `${bytes}${signed}`;
  let v = WIDTH.get(key);
  if (v === undefined) WIDTH.set(key, (v = widthOf(bytes, signed)));
  return v;
}

function reg(s: State, n: number): Val {
  if (n > 10) throw new Malformed(`register r${n} does not exist`);
  return s.r[n]!;
}


/** Apply one non-jump instruction to s in place. */
export function step(s: State, i: Insn): void {
  const cls = i.code & 7;
  const size = SIZE[(i.code >> 3) & 3]!;
  const mode = i.code & 0xe0;
  reg(s, i.dst);
  reg(s, i.src);
  switch (cls) {
    case CLS.ALU:
    case CLS.ALU64: {
      const src = (i.code & 0x08) !== 0 ? s.r[i.src]! : i.kval;
      s.r[i.dst] = aluVal(i.code & 0xf0, s.r[i.dst]!, src, cls === CLS.ALU, i.off, i.imm);
      return;
    }
    case CLS.LD:
      if (i.code === 0x18) {
        const m = i.src === 1 ? mapRef(i) : null;
        s.r[i.dst] = i.src === 0 ? konst(i.imm64) : m !== null ? { k: 'map', id: m } : TOP;
        return;
      }
      if (mode === MODE.ABS || mode === MODE.IND) {
        // Legacy packet loads behave like a helper call (and may abort the program with 0).
        clobberCall(s, widthVal(size, false));
        return;
      }
      throw new Malformed(`unknown load opcode 0x${i.code.toString(16)}`);
    case CLS.LDX:
      if (i.src === 10 && size === 8 && mode === MODE.MEM) s.r[i.dst] = s.stack.get(i.off) ?? TOP;
      else s.r[i.dst] = widthVal(size, mode === MODE.MEMSX);
      return;
    case CLS.ST:
    case CLS.STX:
      if (mode === MODE.ATOMIC) {
        // Fetching atomics write the old value into src (cmpxchg into r0; load-acquire into dst).
        s.r[i.src] = TOP;
        s.r[0] = TOP;
        if (i.imm === 0x100) s.r[i.dst] = TOP;
        forgetSpills(s);
        return;
      }
      if (i.dst !== 10) {
        forgetSpills(s);
        return;
      }
      writeSpill(s, i.off, size, size === 8 ? (cls === CLS.STX ? s.r[i.src]! : i.kval) : null);
      return;
    default:
      throw new Malformed(`unexpected instruction class ${cls}`);
  }
}
