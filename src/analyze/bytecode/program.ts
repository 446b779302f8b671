// Whole-program analysis: decode, run the main function, and resolve tail calls through
// the program arrays that were read (recursively, guarded against cycles and depth).
import type { BytecodeContext } from '../contracts.js';
import type { ProgramInfo } from '../../model/snapshot.js';
import { buildCfg } from './cfg.js';
import { decode } from './decode.js';
import { TOP, join, show, type Val } from './domain.js';
import { Budget, runFunction, type Outcome, type Run } from './interp.js';
import { entryState, type State } from './state.js';
import { Malformed } from './transfer.js';

/** The kernel stops tail calls after 33 (MAX_TAIL_CALL_CNT); so do we. */
const MAX_TAIL_DEPTH = 33;

export interface ProgramResult {
  outcomes: Outcome[];
  /** Set when the analysis gave up; outcomes then include an unknown value. */
  failure: string | null;
}

interface Shared { ctx: BytecodeContext; budget: { left: number }; cache: Map<number, ProgramResult> }

function tailTargets(s: State, ctx: BytecodeContext, at: number): { progIds: number[]; why: string } | string {
  const map = s.r[2]!;
  if (map.k !== 'map') return `pc ${at}: tail call through an untracked map pointer`;
  const arr = ctx.progArrays.find((a) => a.id === map.id);
  if (arr === undefined) return `pc ${at}: tail call through prog array ${map.id}, which was not read`;
  const key = s.r[3]!;
  const keys = key.k === 'set' ? new Set(key.v.map((k) => Number(BigInt.asUintN(32, k)))) : null;
  const progIds = arr.entries.filter((e) => keys === null || keys.has(e.key)).map((e) => e.progId);
  const which = keys === null ? 'any key' : `key ${[...keys].join('/')}`;
  return { progIds, why: `tail call via prog array ${map.id} (${which})` };
}

function analyze(prog: ProgramInfo, shared: Shared, chain: readonly number[]): ProgramResult {
  if (prog.xlated === null) return { outcomes: [], failure: `program ${prog.id}: no instructions` };
  const d = decode(prog.xlated);
  if (!d.ok) return { outcomes: [{ val: TOP, why: d.reason }], failure: d.reason };
  const run: Run = {
    cfg: buildCfg(d.insns, d.slotToIndex),
    budget: shared.budget,
    outcomes: [],
    memo: new Map(),
    tailCall: (s, at) => {
      const pc = d.insns[at]!.slot;
      const t = tailTargets(s, shared.ctx, pc);
      if (typeof t === 'string') { run.outcomes.push({ val: TOP, why: t }); return; }
      for (const id of new Set(t.progIds)) {
        const callee = shared.ctx.programs.get(id);
        let val: Val = TOP;
        let note: string;
        if (chain.includes(id) || chain.length >= MAX_TAIL_DEPTH) note = 'cycle or depth limit: unknown';
        else if (callee === undefined || callee.xlated === null) note = 'instructions not available: unknown';
        else {
          const r = programResult(callee, shared, [...chain, id]);
          val = r.failure !== null ? TOP : r.outcomes.map((o) => o.val).reduce(join, r.outcomes[0]?.val ?? TOP);
          note = r.failure ?? `returns ${show(val)}`;
        }
        run.outcomes.push({ val, why: `pc ${pc}: ${t.why} -> program ${id}: ${note}` });
      }
    },
  };
  try {
    runFunction(run, 0, entryState(), 0);
    return { outcomes: run.outcomes, failure: null };
  } catch (e) {
    if (!(e instanceof Malformed || e instanceof Budget || e instanceof RangeError)) throw e;
    const why = `program ${prog.id}: ${e instanceof RangeError ? 'too deep to analyse' : e.message}`;
    return { outcomes: [...run.outcomes, { val: TOP, why }], failure: why };
  }
}

function programResult(prog: ProgramInfo, shared: Shared, chain: readonly number[]): ProgramResult {
  const hit = shared.cache.get(prog.id);
  if (hit !== undefined) return hit;
  const r = analyze(prog, shared, chain);
  shared.cache.set(prog.id, r);
  return r;
}

/** Step budget: generous for real programs (a few thousand instructions times the
 *  fixpoint iterations), and it scales with size so large inputs still finish. */
export function budgetFor(prog: ProgramInfo): number {
  return Math.max(2_000_000, 40 * (prog.xlated?.length ?? 0));
}

export function analyzeProgram(prog: ProgramInfo, ctx: BytecodeContext): ProgramResult {
  const shared: Shared = { ctx, budget: { left: budgetFor(prog) }, cache: new Map() };
  return programResult(prog, shared, [prog.id]);
}
