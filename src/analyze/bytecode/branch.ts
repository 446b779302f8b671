// Branch refinement: on each edge of `if a OP b`, keep only the values of a and b for
// which the edge can be taken. Exact for small sets; for intervals only against a constant
// and only where the signed/unsigned/32-bit views coincide with the plain integer order.
// A null side means the edge is infeasible.
import { JMP, cmpConcrete } from './concrete.js';
import { CAP, bounds, range, setOf, singleton, type Val } from './domain.js';

export type Edge = readonly [Val, Val] | null;

const MIRROR: Record<number, number> = {
  [JMP.JGT]: JMP.JLT, [JMP.JLT]: JMP.JGT, [JMP.JGE]: JMP.JLE, [JMP.JLE]: JMP.JGE,
  [JMP.JSGT]: JMP.JSLT, [JMP.JSLT]: JMP.JSGT, [JMP.JSGE]: JMP.JSLE, [JMP.JSLE]: JMP.JSGE,
  [JMP.JEQ]: JMP.JEQ, [JMP.JNE]: JMP.JNE, [JMP.JSET]: JMP.JSET,
};
const SIGNED = new Set<number>([JMP.JSGT, JMP.JSGE, JMP.JSLT, JMP.JSLE]);
type Rel = '>' | '>=' | '<' | '<=' | '==' | '!=';
const REL: Record<number, Rel> = {
  [JMP.JGT]: '>', [JMP.JSGT]: '>', [JMP.JGE]: '>=', [JMP.JSGE]: '>=', [JMP.JLT]: '<', [JMP.JSLT]: '<',
  [JMP.JLE]: '<=', [JMP.JSLE]: '<=', [JMP.JEQ]: '==', [JMP.JNE]: '!=',
};
const NEG: Record<Rel, Rel> = { '>': '<=', '>=': '<', '<': '>=', '<=': '>', '==': '!=', '!=': '==' };

type SetVal = Extract<Val, { k: 'set' }>;

function setsRefine(op: number, av: SetVal, bv: SetVal, is32: boolean, want: boolean): Edge {
  const a = av.v;
  const b = bv.v;
  if (b.length === 1) {
    // Compare against one constant (the common case): keep the original objects if
    // nothing is filtered, so joins downstream stay cheap identity checks.
    const k = b[0]!;
    const ka = a.filter((x) => cmpConcrete(op, x, k, is32) === want);
    if (ka.length === 0) return null;
    return [ka.length === a.length ? av : { k: 'set', v: ka }, bv];
  }
  const ka = new Set<bigint>();
  const kb = new Set<bigint>();
  for (const x of a) for (const y of b) if (cmpConcrete(op, x, y, is32) === want) { ka.add(x); kb.add(y); }
  const na = setOf(ka);
  const nb = setOf(kb);
  return na === null || nb === null ? null : [na, nb];
}

/** Refine interval a against constant k; null = infeasible, undefined = cannot refine. */
function rangeRefine(op: number, a: Val, k: bigint, is32: boolean, want: boolean): Val | null | undefined {
  const rel0 = REL[op];
  const bd = bounds(a);
  if (rel0 === undefined || bd === null) return undefined;
  const [lo, hi] = bd;
  let key: bigint;
  if (is32) {
    // Values in [0, 2^31) read the same as u32, s32 and u64.
    if (lo < 0n || hi >= 1n << 31n) return undefined;
    key = SIGNED.has(op) ? BigInt.asIntN(32, k) : BigInt.asUintN(32, k);
  } else if (SIGNED.has(op) || rel0 === '==' || rel0 === '!=') {
    key = k;
  } else {
    if (lo < 0n) return undefined;
    key = BigInt.asUintN(64, k);
  }
  const rel = want ? rel0 : NEG[rel0];
  let l = lo;
  let h = hi;
  switch (rel) {
    case '>': l = l > key + 1n ? l : key + 1n; break;
    case '>=': l = l > key ? l : key; break;
    case '<': h = h < key - 1n ? h : key - 1n; break;
    case '<=': h = h < key ? h : key; break;
    case '==': if (key < lo || key > hi) return null; l = h = key; break;
    case '!=':
      if (lo === hi && lo === key) return null;
      if (key === lo) l = lo + 1n;
      else if (key === hi) h = hi - 1n;
      break;
  }
  return l > h ? null : range(l, h);
}

/** [taken, fallthrough] refinements of (a, b) for `if a OP b`. */
export function refine(op: number, a: Val, b: Val, is32: boolean): [Edge, Edge] {
  if (a.k === 'map' || b.k === 'map' || MIRROR[op] === undefined) return [[a, b], [a, b]];
  if (a.k === 'set' && b.k === 'set' && a.v.length * b.v.length <= CAP * CAP) {
    return [setsRefine(op, a, b, is32, true), setsRefine(op, a, b, is32, false)];
  }
  const out: Edge[] = [];
  for (const want of [true, false]) {
    const kb = singleton(b);
    const ka = singleton(a);
    if (kb !== null) {
      const r = rangeRefine(op, a, kb, is32, want);
      out.push(r === undefined ? [a, b] : r === null ? null : [r, b]);
    } else if (ka !== null) {
      const r = rangeRefine(MIRROR[op]!, b, ka, is32, want);
      out.push(r === undefined ? [a, b] : r === null ? null : [a, r]);
    } else {
      out.push([a, b]);
    }
  }
  return [out[0]!, out[1]!];
}
