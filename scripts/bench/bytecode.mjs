// Bytecode verdict analysis speed on generated programs shaped like clang output: packet
// loads, compare-and-jump chains that pin r0, ALU on the verdict, a bounded loop per segment.
import { bytecodeVerdict } from '../../dist/analyze/bytecode/index.js';

const hex = (b) => `0x${b.toString(16).padStart(2, '0')}`;
const le = (v, n) => Array.from({ length: n }, (_, i) => hex(Number((BigInt.asUintN(n * 8, BigInt(v)) >> BigInt(8 * i)) & 0xffn)));
const insn = (code, dst = 0, src = 0, off = 0, imm = 0) => ({
  disasm: `(${code.toString(16)})`,
  opcodes: { code: hex(code), src_reg: hex(src), dst_reg: hex(dst), off: le(off, 2), imm: le(imm, 4) },
});

/** One 16-instruction segment; every segment ends by falling into the next. */
function segment(k) {
  return [
    insn(0x61, 2, 1, 0, 0), //        r2 = *(u32 *)(r1 + 0)
    insn(0x25, 2, 0, 2, 100 + (k % 50)), // if r2 > K goto +2
    insn(0xb7, 0, 0, 0, 0), //        r0 = 0
    insn(0x05, 0, 0, 1, 0), //        goto +1
    insn(0xb7, 0, 0, 0, 2), //        r0 = 2
    insn(0xb7, 3, 0, 0, 0), //        r3 = 0
    insn(0x07, 3, 0, 0, 1), // loop:  r3 += 1
    insn(0xa5, 3, 0, -2, 4), //       if r3 < 4 goto loop
    insn(0x55, 0, 0, 1, 2), //        if r0 != 2 goto +1
    insn(0xb7, 0, 0, 0, 7), //        r0 = 7
    insn(0xbf, 6, 0, 0, 0), //        r6 = r0
    insn(0x57, 6, 0, 0, 7), //        r6 &= 7
    insn(0x15, 6, 0, 1, 0), //        if r6 == 0 goto +1
    insn(0xbf, 0, 6, 0, 0), //        r0 = r6
    insn(0x67, 0, 0, 0, 0), //        r0 <<= 0
    insn(0xb4, 4, 0, 0, k & 0xff), // w4 = k
  ];
}

export function generate(n) {
  const out = [];
  for (let k = 0; out.length + 16 < n; k++) out.push(...segment(k));
  while (out.length < n - 1) out.push(insn(0xb7, 5, 0, 0, 1));
  out.push(insn(0x95));
  return { id: 1, type: 'sched_cls', name: 'bench', tag: null, mapIds: [], xlated: out };
}

const ctx = { programs: new Map(), progArrays: [] };

function time(prog, runs) {
  bytecodeVerdict(prog, 'direct-action', ctx); // warm-up
  const t = [];
  let last = null;
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    last = bytecodeVerdict(prog, 'direct-action', ctx);
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  t.sort((a, b) => a - b);
  if (last?.returnCodes?.join(',') !== '0,7') throw new Error(`unexpected verdict ${JSON.stringify(last)}`);
  return t[Math.floor(t.length / 2)];
}

const metric = (label, ms, limit) => ({ label, value: Number(ms.toFixed(1)), unit: 'ms', target: `<= ${limit}`, ok: ms <= limit });

export default async function bench() {
  const small = generate(4096);
  const large = generate(1_000_000);
  return {
    name: 'bytecode',
    metrics: [
      metric('verdict, 4,096-instruction program (median)', time(small, 20), 20),
      metric('verdict, 1,000,000-instruction program (median)', time(large, 3), 2000),
    ],
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await bench(), null, 2));
