// The value domain: a register holds a small sorted set of exact 64-bit values, or a
// signed interval when the set would exceed CAP, or a map reference (for tail calls).
// Interval [MIN, MAX] is "unknown". Values are signed 64-bit bigints throughout.

export const CAP = 64;
export const MIN = -(1n << 63n);
export const MAX = (1n << 63n) - 1n;

export type Val =
  | { readonly k: 'set'; readonly v: readonly bigint[] }
  | { readonly k: 'range'; readonly lo: bigint; readonly hi: bigint }
  | { readonly k: 'map'; readonly id: number };

export const TOP: Val = { k: 'range', lo: MIN, hi: MAX };

export function isTop(v: Val): boolean {
  return v.k === 'range' && v.lo === MIN && v.hi === MAX;
}

export function range(lo: bigint, hi: bigint): Val {
  if (lo < MIN || hi > MAX || lo > hi) return TOP;
  if (hi - lo < BigInt(CAP)) {
    const v: bigint[] = [];
    for (let x = lo; x <= hi; x++) v.push(x);
    return { k: 'set', v };
  }
  return { k: 'range', lo, hi };
}

/** A set from arbitrary values (deduplicated, sorted); widened to an interval past CAP.
 *  Returns null for an empty set (no feasible value: the path is dead). */
export function setOf(values: Iterable<bigint>): Val | null {
  const arr = Array.isArray(values) ? (values as bigint[]) : [...values];
  if (arr.length === 1) return { k: 'set', v: arr };
  const sorted = arr.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const v: bigint[] = [];
  for (const x of sorted) if (v.length === 0 || v[v.length - 1] !== x) v.push(x);
  if (v.length === 0) return null;
  if (v.length > CAP) return range(v[0]!, v[v.length - 1]!);
  return { k: 'set', v };
}

export const konst = (x: bigint): Val => ({ k: 'set', v: [BigInt.asIntN(64, x)] });

/** Lower and upper signed bounds, or null for a map reference. */
export function bounds(v: Val): [bigint, bigint] | null {
  if (v.k === 'set') return [v.v[0]!, v.v[v.v.length - 1]!];
  if (v.k === 'range') return [v.lo, v.hi];
  return null;
}

export function singleton(v: Val): bigint | null {
  return v.k === 'set' && v.v.length === 1 ? v.v[0]! : null;
}

export function equal(a: Val, b: Val): boolean {
  if (a === b) return true;
  if (a.k !== b.k) return false;
  if (a.k === 'map') return a.id === (b as typeof a).id;
  if (a.k === 'range') return a.lo === (b as typeof a).lo && a.hi === (b as typeof a).hi;
  const bv = (b as typeof a).v;
  return a.v.length === bv.length && a.v.every((x, i) => x === bv[i]);
}

/** Merge two sorted sets; returns a itself when b adds nothing (cheap equality later). */
function mergeSets(a: readonly bigint[], b: readonly bigint[]): Val {
  const out: bigint[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) { out.push(x!); i++; }
    else if (x === undefined || y < x) { out.push(y); j++; }
    else { out.push(x); i++; j++; }
  }
  if (out.length > CAP) return range(out[0]!, out[out.length - 1]!);
  return { k: 'set', v: out };
}

export function join(a: Val, b: Val): Val {
  if (a === b) return a;
  if (a.k === 'map' || b.k === 'map') return a.k === 'map' && b.k === 'map' && a.id === b.id ? a : TOP;
  if (a.k === 'set' && b.k === 'set') {
    const m = mergeSets(a.v, b.v);
    return m.k === 'set' && m.v.length === a.v.length ? a : m;
  }
  const [al, ah] = bounds(a)!;
  const [bl, bh] = bounds(b)!;
  return range(al < bl ? al : bl, ah > bh ? ah : bh);
}

/** Widening for loop heads: any bound that moved goes to the type's limit, so an
 *  ascending chain stabilises after at most two widenings per register. */
export function widen(old: Val, next: Val): Val {
  const j = join(old, next);
  if (equal(j, old)) return old;
  if (j.k !== 'range' && j.k !== 'set') return j;
  const ob = bounds(old);
  const [jl, jh] = bounds(j)!;
  if (ob === null) return TOP;
  return range(jl < ob[0] ? MIN : jl, jh > ob[1] ? MAX : jh);
}

export function show(v: Val): string {
  if (v.k === 'map') return `map[id:${v.id}]`;
  if (v.k === 'set') return `{${v.v.join(', ')}}`;
  if (isTop(v)) return 'unknown';
  return `[${v.lo}, ${v.hi}]`;
}
