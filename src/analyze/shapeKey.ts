// Hook shape keys: two hooks of one node with the same key get the same verdicts, reaches
// and findings, so the audit analyses one representative per key (src/analyze/analyze.ts)
// and re-points its findings at the others (src/analyze/rulesByShape.ts). Pod veths repeat
// a handful of chains: the generated 5,000-device capture has ~700 shapes, not 10,000 hooks.
//
// The key holds every input of the verdict, the kernel walk and the rules' wording, and
// drops what only identifies a hook or a program instance (device, ifindex, netns, tc name,
// prog id, link id, dump line). Names matter only through the vendor they identify, which
// every hook computes for itself (its evidence quotes its own name).
//
// This key is the definition; the audit finds shapes with src/analyze/shapeTable.ts, which
// compares the same fields without writing the key out (and is tested against it).
import type { VendorMatch } from '../model/analysis.js';
import type { Hook, LegacyFilter, ProgramRef, TcxProgram } from '../model/snapshot.js';
import type { VerdictContext } from './verdict.js';
import { isPodDevice } from './rules/util/where.js';

// Keys are built as strings rather than JSON.stringify'd arrays (10,000 hooks of nested
// arrays cost more than the rest of the key). Strings are length-prefixed and lists
// counted, so no name can run into the next field whatever it contains.
const str = (v: string | null): string => (v === null ? '~' : `${v.length}:${v}`);
const val = (v: number | boolean | null): string => (v === null ? '~' : String(v));

// With instructions at hand the verdict comes from the bytecode, whose evidence names
// program and prog-array ids: only the same program gives the same verdict then. Without
// them the knowledge base decides from the vendor alone.
const programKey = (p: ProgramRef | null, ctx: VerdictContext): string =>
  `${str(p?.name ?? null)} ${p !== null && p.id !== null && ctx.programs.has(p.id) ? p.id : '~'}`;

function filterKey(f: LegacyFilter, vendor: VendorMatch, ctx: VerdictContext): string {
  let k = `${val(f.pref)} ${str(f.protocol)} ${val(f.chain)} ${str(f.kind)} ${str(f.handle)} ${val(f.directAction)} ${f.flags.length}`;
  for (const fl of f.flags) k += ` ${str(fl)}`;
  k += ` ${str(f.classid)} ${f.actions.length}`;
  for (const a of f.actions) k += ` ${val(a.order)} ${str(a.kind)} ${str(a.control)} ${str(a.detail)}`;
  // A u32 key's terminal flag, link and whether it matches every packet decide its verdict
  // (src/analyze/verdict.ts).
  if (f.u32 != null) k += ` u32 ${val(f.u32.terminal)} ${str(f.u32.link)} ${val(f.u32.matchesEvery ?? null)}`;
  return `${k} ${str(vendor.id)} ${programKey(f.program, ctx)}`;
}

const tcxKey = (t: TcxProgram, vendor: VendorMatch, ctx: VerdictContext): string =>
  `${str(t.attach)} ${str(vendor.id)} ${programKey(t.program, ctx)}`;

/** The shape of one hook within its node. The device matters only as "a pod's veth or not",
 *  which changes the rules' wording (describe.ts hookTraffic). */
export function hookShapeKey(
  device: string | null,
  hook: Hook,
  filterVendors: readonly VendorMatch[],
  tcxVendors: readonly VendorMatch[],
  ctx: VerdictContext,
): string {
  let k = `${str(hook.direction)} ${val(hook.legacyPrefsKnown)} ${val(isPodDevice(device))} ${val(hook.ingressQdisc ?? null)}`;
  if (hook.legacy === null) k += ' ~';
  else {
    k += ` ${hook.legacy.length}`;
    hook.legacy.forEach((f, i) => { k += ` ${filterKey(f, filterVendors[i]!, ctx)}`; });
  }
  if (hook.tcx === null) k += ' ~';
  else {
    k += ` ${hook.tcx.length}`;
    hook.tcx.forEach((t, i) => { k += ` ${tcxKey(t, tcxVendors[i]!, ctx)}`; });
  }
  return k;
}
