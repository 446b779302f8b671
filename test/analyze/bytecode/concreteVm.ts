// A small concrete eBPF interpreter (registers only), written independently of the
// analyser from the ISA description, to check that abstract results contain real ones.
export interface VmInsn { code: number; dst: number; src: number; off: number; imm: number }

const M64 = (1n << 64n) - 1n;
const M32 = (1n << 32n) - 1n;
const sx = (v: bigint, bits: number): bigint => {
  const m = (1n << BigInt(bits)) - 1n;
  const x = v & m;
  return x >> BigInt(bits - 1) ? x - (m + 1n) : x;
};

function alu(op: number, a: bigint, b: bigint, is32: boolean, off: number): bigint {
  const m = is32 ? M32 : M64;
  const bits = is32 ? 32 : 64;
  a &= m;
  b &= m;
  const sh = b & BigInt(bits - 1);
  switch (op) {
    case 0x00: return (a + b) & m;
    case 0x10: return (a - b) & m;
    case 0x20: return (a * b) & m;
    case 0x30:
      if (off === 1) { const d = sx(b, bits); return d === 0n ? 0n : (sx(a, bits) / d) & m; }
      return b === 0n ? 0n : a / b;
    case 0x40: return a | b;
    case 0x50: return a & b;
    case 0x60: return (a << sh) & m;
    case 0x70: return a >> sh;
    case 0x80: return -a & m;
    case 0x90:
      if (off === 1) { const d = sx(b, bits); return d === 0n ? a : (sx(a, bits) % d) & m; }
      return b === 0n ? a : a % b;
    case 0xa0: return a ^ b;
    case 0xb0: return off === 8 || off === 16 || off === 32 ? sx(b, off) & m : b;
    case 0xc0: return (sx(a, bits) >> sh) & m;
    default: throw new Error('unsupported');
  }
}

function cond(op: number, a: bigint, b: bigint, is32: boolean): boolean {
  const m = is32 ? M32 : M64;
  const bits = is32 ? 32 : 64;
  const ua = a & m;
  const ub = b & m;
  const sa = sx(a, bits);
  const sb = sx(b, bits);
  switch (op) {
    case 0x10: return ua === ub;
    case 0x20: return ua > ub;
    case 0x30: return ua >= ub;
    case 0x40: return (ua & ub) !== 0n;
    case 0x50: return ua !== ub;
    case 0x60: return sa > sb;
    case 0x70: return sa >= sb;
    case 0xa0: return ua < ub;
    case 0xb0: return ua <= ub;
    case 0xc0: return sa < sb;
    case 0xd0: return sa <= sb;
    default: throw new Error('unsupported');
  }
}

/** Runs until exit; `inputs` answers register loads (ldx) in order. Returns r0 as unsigned 64. */
export function runVm(insns: VmInsn[], inputs: bigint[]): bigint {
  const r: bigint[] = new Array(11).fill(0n);
  let pc = 0;
  let loads = 0;
  for (let steps = 0; steps < 100_000; steps++) {
    const i = insns[pc]!;
    const cls = i.code & 7;
    const op = i.code & 0xf0;
    if (cls === 4 || cls === 7) {
      const b = i.code & 8 ? r[i.src]! : BigInt.asUintN(64, BigInt(i.imm));
      r[i.dst] = alu(op, r[i.dst]!, b, cls === 4, i.off);
    } else if (cls === 1) {
      const size = [32, 16, 8, 64][(i.code >> 3) & 3]!;
      r[i.dst] = inputs[loads++ % inputs.length]! & ((1n << BigInt(size)) - 1n);
    } else if (op === 0x90) {
      return r[0]!;
    } else if (op === 0x00) {
      pc += i.off;
    } else {
      const b = i.code & 8 ? r[i.src]! : BigInt.asUintN(64, BigInt(i.imm));
      if (cond(op, r[i.dst]!, b, cls === 6)) pc += i.off;
    }
    pc++;
  }
  throw new Error('did not terminate');
}
