// Abstract machine state: r0-r10 plus 8-byte stack slots at constant r10 offsets (clang
// spills loop variables and verdicts there). null stands for "unreachable".
import { TOP, equal, join, widen, type Val } from './domain.js';

export interface State {
  r: Val[];
  /** r10-relative offset of an 8-byte aligned spill -> its value. Missing = unknown. */
  stack: ReadonlyMap<number, Val>;
}

/** Stacks are copy-on-write (most states have no spills; a Map per block copy is costly). */
const NO_SPILLS: ReadonlyMap<number, Val> = new Map();

export function forgetSpills(s: State): void {
  s.stack = NO_SPILLS;
}

export function writeSpill(s: State, off: number, bytes: number, v: Val | null): void {
  if (s.stack.size === 0 && v === null) return;
  const m = new Map(s.stack);
  for (const k of s.stack.keys()) if (k < off + bytes && off < k + 8) m.delete(k);
  if (v !== null) m.set(off, v);
  s.stack = m;
}

export function entryState(): State {
  return { r: Array.from({ length: 11 }, () => TOP), stack: NO_SPILLS };
}

export function copy(s: State): State {
  return { r: s.r.slice(), stack: s.stack };
}

function merge(a: State, b: State, f: (x: Val, y: Val) => Val): State {
  const r = a.r.map((x, i) => (x === b.r[i] ? x : f(x, b.r[i]!)));
  if (a.stack.size === 0 || b.stack.size === 0) return { r, stack: NO_SPILLS };
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
  if (a === b) return true;
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
  s.stack = NO_SPILLS;
}
