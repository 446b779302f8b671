// Worklist fixpoint over one function (the main program or a bpf-to-bpf subprogram).
// States live at block leaders; loops converge by joining for a few visits and widening
// after, and a global step budget bounds the work even on adversarial input.
import { refine } from './branch.js';
import { JMP } from './concrete.js';
import { CLS, isJump, targetOf, type Cfg } from './cfg.js';
import { helperName } from './decode.js';
import { TOP, join, show, type Val } from './domain.js';
import { clobberCall, copy, entryState, equalState, joinState, widenState, type State } from './state.js';
import { Malformed, step } from './transfer.js';
import { helperReturn } from './helpers.js';
import { DenseMap, Worklist, type IndexMap } from './worklist.js';

const JOINS_BEFORE_WIDEN = 6;
const MAX_CALL_DEPTH = 8;

export class Budget extends Error {}

export interface Outcome { val: Val; why: string }

export interface Run {
  cfg: Cfg;
  budget: { left: number };
  /** What the whole program may return: main-function exits and successful tail calls. */
  outcomes: Outcome[];
  /** Record the success outcomes of `bpf_tail_call` at instruction `at`. */
  tailCall: (s: State, at: number) => void;
  memo: Map<string, Val | null>;
}

/** r0 values at the exits of the function starting at `entry` (null: it never returns). */
export function runFunction(run: Run, entry: number, init: State, depth: number): Val | null {
  const { cfg } = run;
  // Dense per-instruction tables for the main function (fast on huge programs); maps for
  // subprograms, which are analysed once per distinct argument tuple.
  const states: IndexMap<State> = depth === 0 ? new DenseMap(cfg.insns.length) : new Map();
  const visits: IndexMap<number> = depth === 0 ? new DenseMap(cfg.insns.length) : new Map();
  states.set(entry, init);
  const queue = new Worklist();
  queue.push(entry);
  let ret: Val | null = null;
  // An exit can be reached from several queue visits; report each exit once, joined.
  const exits = new Map<number, Val>();

  const flow = (to: number | null, s: State, from: number): void => {
    if (to === null || to >= cfg.insns.length) throw new Malformed(`jump from instruction ${from} leaves the program`);
    const old = states.get(to);
    let next = s;
    if (old !== undefined) {
      const n = (visits.get(to) ?? 0) + 1;
      visits.set(to, n);
      next = n > JOINS_BEFORE_WIDEN ? widenState(old, s) : joinState(old, s);
      if (equalState(next, old)) return;
    }
    states.set(to, next);
    queue.push(to);
  };

  while (queue.size > 0) {
    const start = queue.pop();
    const s = copy(states.get(start)!);
    // Outside every loop nothing can flow back here once the worklist (lowest index first)
    // has moved past, so the stored state can go: keeps million-instruction programs small.
    if (!cfg.inLoop[start] && start !== entry) { states.delete(start); visits.delete(start); }
    for (let at = start; ; at++) {
      if (--run.budget.left < 0) throw new Budget('step budget exhausted');
      if (at >= cfg.insns.length) throw new Malformed('execution runs past the last instruction');
      if (at !== start && cfg.leaders[at]) { flow(at, s, at - 1); break; }
      const i = cfg.insns[at]!;
      if (!isJump(i)) { step(s, i); continue; }
      const op = i.code & 0xf0;
      if (op === JMP.EXIT) {
        ret = ret === null ? s.r[0]! : join(ret, s.r[0]!);
        const seen = exits.get(i.slot);
        exits.set(i.slot, seen === undefined ? s.r[0]! : join(seen, s.r[0]!));
        break;
      }
      if (op === JMP.CALL) {
        if (!call(run, s, at, depth)) break;
        continue;
      }
      if (op === JMP.JA) { flow(targetOf(cfg, at), s, at); break; }
      if (op === JMP.JCOND) { flow(targetOf(cfg, at), copy(s), at); flow(at + 1, s, at); break; }
      if (i.dst > 10 || i.src > 10) throw new Malformed(`instruction ${at} names a register past r10`);
      const is32 = (i.code & 7) === CLS.JMP32;
      const b = (i.code & 0x08) !== 0 ? s.r[i.src]! : i.kval;
      const [taken, fall] = refine(op, s.r[i.dst]!, b, is32);
      const edge = (e: typeof taken, st: State, to: number | null): void => {
        if (e === null) return;
        st.r[i.dst] = e[0];
        if ((i.code & 0x08) !== 0) st.r[i.src] = e[1];
        flow(to, st, at);
      };
      edge(taken, copy(s), targetOf(cfg, at));
      edge(fall, s, at + 1);
      break;
    }
  }
  if (depth === 0) {
    for (const [pc, val] of exits) run.outcomes.push({ val, why: `pc ${pc} exit: r0 = ${show(val)}` });
  }
  return ret;
}

/** Apply a call in place; false when the path cannot continue (callee never returns). */
function call(run: Run, s: State, at: number, depth: number): boolean {
  const i = run.cfg.insns[at]!;
  if (i.src === 1) {
    const to = targetOf(run.cfg, at);
    if (to === null) throw new Malformed(`call at instruction ${at} has no target`);
    let r0: Val | null = TOP;
    if (depth < MAX_CALL_DEPTH) {
      const args = s.r.slice(1, 6);
      const key = `${to}|${args.map(show).join('|')}`;
      if (!run.memo.has(key)) {
        // The callee gets its own frame: arguments in r1-r5, nothing else known.
        const init = entryState();
        for (let k = 1; k <= 5; k++) init.r[k] = s.r[k]!;
        run.memo.set(key, runFunction(run, to, init, depth + 1));
      }
      r0 = run.memo.get(key)!;
    }
    if (r0 === null) return false;
    clobberCall(s, r0); // r6-r9 are callee-saved: they stay as they were
    return true;
  }
  if (i.src === 2) {
    // A kfunc (BPF_PSEUDO_KFUNC_CALL): bpf_throw never returns; the program ends with its
    // exception callback's return (the cookie, with the verifier's default callback; a
    // program may give its own). Checked on 6.18: `if (len > 10) bpf_throw(0)` before
    // `return -1` ended the walk for every datagram. Other kfuncs return as helpers do.
    if (helperName(i) === 'bpf_throw') {
      run.outcomes.push({ val: TOP, why: `pc ${i.slot}: bpf_throw ends the program with its exception callback's return: unknown` });
      return false;
    }
    clobberCall(s, TOP);
    return true;
  }
  const name = i.src === 0 ? helperName(i) : null;
  if (name === 'bpf_tail_call') {
    // From a subprogram, a tail call's target returns to the subprogram's caller (the
    // kernel unwinds only the subprogram's frame), not out of the program: its codes are
    // not the program's, and what the caller makes of them is not followed here.
    if (depth > 0) run.outcomes.push({ val: TOP, why: `pc ${i.slot}: tail call inside a subprogram: its target returns to the subprogram's caller; not followed, unknown` });
    else run.tailCall(s, at);
    clobberCall(s, TOP); // failure (empty slot, bad index, depth limit) falls through
    return true;
  }
  clobberCall(s, helperReturn(name, s.r.slice(1, 6)).val);
  return true;
}
