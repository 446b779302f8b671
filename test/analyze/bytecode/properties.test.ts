// Properties: abstract results contain concrete ones; loops terminate; bad input never throws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeProgram, bytecodeVerdict } from '../../../src/analyze/bytecode/index.js';
import type { Val } from '../../../src/analyze/bytecode/domain.js';
import type { ProgramInfo } from '../../../src/model/snapshot.js';
import { enc, prog, type Raw } from './asm.js';
import { runVm, type VmInsn } from './concreteVm.js';

const CTX = { programs: new Map<number, ProgramInfo>(), progArrays: [] };
const ALU_OPS = [0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0];
const JMP_OPS = [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0];
const imm = fc.oneof(fc.integer({ min: -4, max: 70 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.constantFrom(0xff, 0xffff, -1, 1 << 30, 0x7fffffff, -(2 ** 31)));
const reg = fc.integer({ min: 0, max: 9 });
// Most operations write r0 or read the loaded inputs, so the returned value has history.
const hot = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 5 }) }, { weight: 1, arbitrary: reg });

const aluInsn: fc.Arbitrary<VmInsn> = fc.record({
  op: fc.constantFrom(...ALU_OPS), is64: fc.boolean(), x: fc.boolean(), dst: hot, src: hot, imm, sx: fc.constantFrom(0, 1, 8, 16, 32),
}).map(({ op, is64, x, dst, src, imm, sx }) => {
  const off = op === 0x30 || op === 0x90 ? (sx === 1 ? 1 : 0) : op === 0xb0 && sx >= 8 && (is64 || sx < 32) ? sx : 0;
  const useX = op !== 0x80 && x;
  return { code: op | (useX ? 8 : 0) | (is64 ? 7 : 4), dst, src: useX ? src : 0, off, imm };
});

/** Setup (loads into r2-r5, constants elsewhere), random ALU ops and forward jumps, exit. */
const program = fc.record({
  sizes: fc.array(fc.constantFrom(0x00, 0x08, 0x10, 0x18), { minLength: 4, maxLength: 4 }),
  consts: fc.array(imm, { minLength: 6, maxLength: 6 }),
  body: fc.array(fc.oneof({ weight: 4, arbitrary: aluInsn }, { weight: 1, arbitrary: fc.record({
    op: fc.constantFrom(...JMP_OPS), j32: fc.boolean(), x: fc.boolean(), dst: hot, src: hot, imm, skip: fc.nat(6) }) }), { maxLength: 40 }),
}).map(({ sizes, consts, body }) => {
  const out: VmInsn[] = [];
  sizes.forEach((s, k) => out.push({ code: 0x61 | s, dst: k + 2, src: 1, off: 0, imm: 0 }));
  for (const [k, dst] of [0, 1, 6, 7, 8, 9].entries()) out.push({ code: 0xb7, dst, src: 0, off: 0, imm: consts[k]! });
  body.forEach((b, k) => {
    if ('code' in b) { out.push(b); return; }
    const off = Math.min(b.skip, body.length - k - 1);
    out.push({ code: b.op | (b.x ? 8 : 0) | (b.j32 ? 6 : 5), dst: b.dst, src: b.x ? b.src : 0, off, imm: b.imm });
  });
  out.push({ code: 0x95, dst: 0, src: 0, off: 0, imm: 0 });
  return out;
});

function contains(v: Val, x: bigint): boolean {
  if (v.k === 'set') return v.v.includes(x);
  return v.k === 'range' && v.lo <= x && x <= v.hi;
}

const input = fc.oneof(fc.bigInt({ min: 0n, max: 300n }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }));

describe('bytecode analysis properties', () => {
  it('contains the concrete result of random register programs', () => {
    fc.assert(fc.property(program, fc.array(input, { minLength: 4, maxLength: 4 }), (insns, inputs) => {
      const concrete = BigInt.asIntN(64, runVm(insns, inputs));
      const r = analyzeProgram(prog(insns as Raw[]), CTX);
      expect(r.failure).toBeNull();
      const hit = r.outcomes.some((o) => contains(o.val, concrete));
      expect(hit, `r0 = ${concrete} not in ${r.outcomes.map((o) => o.why).join('; ')}`).toBe(true);
    }), { numRuns: 3000 });
  });

  it('terminates on random programs with backward jumps and loops', () => {
    const insn = fc.record({ code: fc.constantFrom(0x07, 0x04, 0xb7, 0xbf, 0x15, 0x25, 0xa5, 0x55, 0x05, 0x16, 0x61),
      dst: reg, src: reg, off: fc.integer({ min: -30, max: 30 }), imm: imm });
    fc.assert(fc.property(fc.array(insn, { minLength: 1, maxLength: 60 }), (body) => {
      const v = bytecodeVerdict(prog([...body, { code: 0x95 }]), 'direct-action', CTX);
      expect(v).not.toBeNull();
      expect(v!.source).toBe('bytecode');
    }), { numRuns: 500 });
  }, 60_000);

  it('never throws on malformed input', () => {
    const anyInsn = fc.oneof(fc.anything(), fc.record({ disasm: fc.string(), opcodes: fc.anything() }),
      fc.record({ code: fc.integer({ min: 0, max: 255 }), dst: fc.integer({ min: 0, max: 15 }), src: fc.integer({ min: 0, max: 15 }),
        off: fc.integer({ min: -40, max: 40 }), imm: imm }).map((r) => enc(r)));
    fc.assert(fc.property(fc.array(anyInsn, { maxLength: 30 }), fc.nat(40), (xs, cut) => {
      const xlated = xs.slice(0, cut) as ProgramInfo['xlated'];
      const p = { ...prog([]), xlated };
      for (const mode of ['direct-action', 'classic', 'tcx'] as const) {
        const v = bytecodeVerdict(p, mode, CTX);
        if (v !== null) expect(['always', 'never', 'sometimes', 'unknown']).toContain(v.terminal);
      }
    }), { numRuns: 1000 });
  });
});
