// Hook shapes looked up without building their keys. hookShapeKey (shapeKey.ts) says what a
// shape is; writing it out as a string for each of 10,000 hooks and hashing it was a quarter
// of the analysis. Here a hook is hashed from a few numbers, and a hash's hooks are compared
// field by field with the same fields the key holds. test/analyze/shapeTable.test.ts holds
// the two to each other.
import type { AnalyzedHook, VendorMatch } from '../model/analysis.js';
import type { Hook, LegacyFilter, ProgramRef, TcAction, TcxProgram } from '../model/snapshot.js';
import { isPodDevice } from './rules/util/where.js';
import type { VerdictContext } from './verdict.js';

/** Which hook already stands for a shape; `add` records the hook last passed to `find`. */
export interface Shapes {
  find(device: string | null, hook: Hook, filterVendors: readonly VendorMatch[], tcxVendors: readonly VendorMatch[], ctx: VerdictContext): AnalyzedHook | undefined;
  add(rep: AnalyzedHook): void;
}

interface Entry { pod: boolean; hook: Hook; fv: readonly VendorMatch[]; tv: readonly VendorMatch[]; rep: AnalyzedHook }

// As programKey in shapeKey.ts: the id counts only when the bytecode verdict can use it.
const idKey = (p: ProgramRef | null, ctx: VerdictContext): number | null =>
  p !== null && p.id !== null && ctx.programs.has(p.id) ? p.id : null;
const sameProgram = (a: ProgramRef | null, b: ProgramRef | null, ctx: VerdictContext): boolean =>
  (a?.name ?? null) === (b?.name ?? null) && idKey(a, ctx) === idKey(b, ctx);

function sameList<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!same(a[i]!, b[i]!)) return false;
  return true;
}

// Module-level, not arrows at the call: each evaluation of an arrow makes a new closure.
const sameFlag = (x: string, y: string): boolean => x === y;
const sameAction = (x: TcAction, y: TcAction): boolean => x.order === y.order && x.kind === y.kind && x.control === y.control && x.detail === y.detail;

function sameFilter(a: LegacyFilter, b: LegacyFilter): boolean {
  if (a.pref !== b.pref || a.protocol !== b.protocol || a.chain !== b.chain || a.kind !== b.kind || a.handle !== b.handle ||
    a.directAction !== b.directAction || a.classid !== b.classid) return false;
  if (a.flags !== b.flags && !sameList(a.flags, b.flags, sameFlag)) return false;
  if (a.actions !== b.actions && !sameList(a.actions, b.actions, sameAction)) return false;
  const au = a.u32 ?? null;
  const bu = b.u32 ?? null;
  return au === null || bu === null ? au === bu : au.terminal === bu.terminal && au.link === bu.link && (au.matchesEvery ?? null) === (bu.matchesEvery ?? null);
}

function sameHook(e: Entry, hook: Hook, fv: readonly VendorMatch[], tv: readonly VendorMatch[], ctx: VerdictContext): boolean {
  const a = e.hook;
  if (a.direction !== hook.direction || a.legacyPrefsKnown !== hook.legacyPrefsKnown || (a.ingressQdisc ?? null) !== (hook.ingressQdisc ?? null)) return false;
  if ((a.legacy === null) !== (hook.legacy === null) || (a.tcx === null) !== (hook.tcx === null)) return false;
  const al = a.legacy ?? [];
  const bl = hook.legacy ?? [];
  if (al.length !== bl.length) return false;
  for (let i = 0; i < al.length; i++) {
    const x = al[i]!;
    const y = bl[i]!;
    if (e.fv[i]!.id !== fv[i]!.id || !sameFilter(x, y) || !sameProgram(x.program, y.program, ctx)) return false;
  }
  const at = a.tcx ?? [];
  const bt = hook.tcx ?? [];
  if (at.length !== bt.length) return false;
  for (let i = 0; i < at.length; i++) {
    const x: TcxProgram = at[i]!;
    const y: TcxProgram = bt[i]!;
    if (x.attach !== y.attach || e.tv[i]!.id !== tv[i]!.id || !sameProgram(x.program, y.program, ctx)) return false;
  }
  return true;
}

const mix = (h: number, x: number): number => (Math.imul(h, 31) + x) | 0;
/** A string's length and last character: cheap, and enough to tell apart the names and
 *  vendor ids one node's hooks hold (whole strings are compared in sameHook). */
const str = (h: number, s: string | null): number => (s === null ? mix(h, -1) : mix(mix(h, s.length), s.charCodeAt(s.length - 1)));

/** A hash of most of the fields sameHook compares (equal shapes, equal hashes). */
function hashOf(pod: boolean, hook: Hook, fv: readonly VendorMatch[], tv: readonly VendorMatch[]): number {
  let h = mix(mix(str(0, hook.direction), hook.legacyPrefsKnown ? 1 : 0), pod ? 1 : 0);
  const legacy = hook.legacy;
  if (legacy === null) h = mix(h, -1);
  else {
    h = mix(h, legacy.length);
    for (let i = 0; i < legacy.length; i++) {
      const f = legacy[i]!;
      h = str(str(str(str(mix(h, f.pref ?? -1), f.kind), f.protocol), f.handle), fv[i]!.id);
      h = str(h, f.program?.name ?? null);
    }
  }
  const tcx = hook.tcx;
  if (tcx === null) return mix(h, -1);
  h = mix(h, tcx.length);
  for (let i = 0; i < tcx.length; i++) h = str(str(h, tv[i]!.id), tcx[i]!.program.name);
  return h;
}

export class ShapeTable implements Shapes {
  private readonly byHash = new Map<number, Entry[]>();

  /** `hash` is for tests: one that hashes every hook alike makes every lookup compare. */
  constructor(private readonly hash: typeof hashOf = hashOf) {}
  private last: Omit<Entry, 'rep'> & { hash: number } | null = null;

  find(device: string | null, hook: Hook, fv: readonly VendorMatch[], tv: readonly VendorMatch[], ctx: VerdictContext): AnalyzedHook | undefined {
    const pod = isPodDevice(device);
    const hash = this.hash(pod, hook, fv, tv);
    this.last = { pod, hook, fv, tv, hash };
    for (const e of this.byHash.get(hash) ?? []) if (e.pod === pod && sameHook(e, hook, fv, tv, ctx)) return e.rep;
    return undefined;
  }

  add(rep: AnalyzedHook): void {
    const l = this.last;
    if (l === null) throw new Error('ShapeTable.add before find');
    const list = this.byHash.get(l.hash);
    const e = { pod: l.pod, hook: l.hook, fv: l.fv, tv: l.tv, rep };
    if (list) list.push(e);
    else this.byHash.set(l.hash, [e]);
  }
}
