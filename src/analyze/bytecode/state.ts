// Abstract machine state: r0-r10 plus 8-byte stack slots at constant r10 offsets (clang
// spills loop variables and verdicts there). null stands for "unreachable".
import { TOP, equal, join, widen, type Val } from './domain.js';

export interface State {
  r: Val[];
  /** r10-relative offset of an 8-byte aligned spill -> its value. Missing = unknown. */
  stack: Map<number, Val>;
}

export function entryState(): State {
  return { r: Array.from({ length: 11 }, () => TOP), stack: new Map() };
}

export function copy(s: State): State {
  return { r: s.r.slice(), stack: new Map(s.stack) };
}

function merge(a: State, b: State, f: (x: Val, y: Val) => Val): State {
  const r = a.r.map((x, i) => f(x, b.r[i]!));
  const stack = new Map<number, Val>();
  for (const [k, v] of a.stack) {
    const w = b.stack.get(k);
    if (w !== undefined) stack.set(k, f(v, w));
  }
  return { r, stack };
}

export const joinState = (a: State, b: State): State => merge(a, b, join);
export const widenState = (a: State, b: State): State => merge(a, b, widen);

export function equalState(a: State, b: State): boolean {
  if (a.stack.size !== b.stack.size) return false;
  for (let i = 0; i < 11; i++) if (!equal(a.r[i]!, b.r[i]!)) return false;
  for (const [k, v] of a.stack) {
    const w = b.stack.get(k);
    if (w === undefined || !equal(v, w)) return false;
  }
  return true;
}

/** After a helper or subprogram call: r1-r5 are scratch, and the callee may have written
 *  any stack memory it was handed a pointer to, so forget the spills. */
export function clobberCall(s: State, r0: Val): void {
  s.r[0] = r0;
  for (let i = 1; i <= 5; i++) s.r[i] = TOP;
  s.stack.clear();
}
