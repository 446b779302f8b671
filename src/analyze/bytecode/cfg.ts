// Control-flow facts the interpreter needs: where each jump lands (by instruction index)
// and which instructions start a block (states are only stored there).
import { JMP } from './concrete.js';
import { callOffset, type Insn } from './decode.js';

export const CLS = { LD: 0, LDX: 1, ST: 2, STX: 3, ALU: 4, JMP: 5, JMP32: 6, ALU64: 7 } as const;

export interface Cfg {
  insns: Insn[];
  /** slot -> instruction index, -1 for the second half of an ld_imm64. */
  slotToIndex: Int32Array;
  leaders: Uint8Array;
  /** 1 where an instruction lies inside some backward jump's range [target, source]. */
  inLoop: Uint8Array;
}

export function isJump(i: Insn): boolean {
  const cls = i.code & 7;
  return cls === CLS.JMP || cls === CLS.JMP32;
}

/** Index of the instruction a jump (or bpf-to-bpf call) lands on; null = not an
 *  instruction boundary (malformed, or into the middle of an ld_imm64). */
export function targetOf(cfg: Cfg, at: number): number | null {
  const i = cfg.insns[at]!;
  const op = i.code & 0xf0;
  let rel: number;
  if (op === JMP.CALL) rel = callOffset(i);
  // `gotol` (JMP32 | JA) carries its 32-bit offset in imm.
  else if (op === JMP.JA && (i.code & 7) === CLS.JMP32) rel = i.imm;
  else rel = i.off;
  const slot = i.slot + 1 + rel;
  const idx = slot >= 0 && slot < cfg.slotToIndex.length ? cfg.slotToIndex[slot]! : -1;
  return idx >= 0 ? idx : null;
}

export function buildCfg(insns: Insn[], slotToIndex: Int32Array): Cfg {
  const cfg: Cfg = { insns, slotToIndex, leaders: new Uint8Array(insns.length + 1), inLoop: new Uint8Array(insns.length + 1) };
  cfg.leaders[0] = 1;
  const loopDelta = new Int32Array(insns.length + 2);
  for (let k = 0; k < insns.length; k++) {
    const i = insns[k]!;
    if (!isJump(i)) continue;
    const op = i.code & 0xf0;
    if (op === JMP.CALL) {
      if (i.src === 1) {
        const t = targetOf(cfg, k);
        if (t !== null) cfg.leaders[t] = 1;
      }
      continue;
    }
    cfg.leaders[k + 1] = 1;
    if (op === JMP.EXIT) continue;
    const t = targetOf(cfg, k);
    if (t === null) continue;
    cfg.leaders[t] = 1;
    if (t <= k) { loopDelta[t]!++; loopDelta[k + 1]!--; }
  }
  for (let k = 0, depth = 0; k < insns.length; k++) {
    depth += loopDelta[k]!;
    cfg.inLoop[k] = depth > 0 ? 1 : 0;
  }
  return cfg;
}
