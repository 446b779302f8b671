// From the values a program can return to the kernel's view: the low 32 bits as a signed
// int (that is how cls_bpf and tcx read r0), then the attachment's walk semantics.
import type { AttachMode, Verdict } from '../../model/analysis.js';
import { terminalFor } from '../attachMode.js';
import { CAP, bounds } from './domain.js';
import { toS32 } from './intervals.js';
import type { ProgramResult } from './program.js';

const MAX_EVIDENCE = 24;

/** Sorted distinct 32-bit return codes, or null when some path's value is unbounded. */
export function returnCodes(result: ProgramResult): number[] | null {
  if (result.failure !== null) return null;
  const out = new Set<number>();
  for (const { val } of result.outcomes) {
    if (val.k === 'set') {
      for (const x of val.v) out.add(Number(BigInt.asIntN(32, x)));
      continue;
    }
    const b = bounds(val);
    if (b === null) return null; // a map pointer as return value: not a verdict we can read
    const [lo, hi] = toS32(b[0], b[1]);
    if (hi - lo >= BigInt(CAP)) return null;
    for (let x = lo; x <= hi; x++) out.add(Number(x));
    if (out.size > CAP) return null;
  }
  return [...out].sort((a, b) => a - b);
}

export function toVerdict(result: ProgramResult, mode: AttachMode): Verdict {
  const codes = returnCodes(result);
  const evidence = result.outcomes.map((o) => o.why);
  if (evidence.length > MAX_EVIDENCE) {
    const extra = evidence.length - MAX_EVIDENCE;
    evidence.splice(MAX_EVIDENCE, extra, `... ${extra} more`);
  }
  if (result.failure !== null && !evidence.includes(result.failure)) evidence.push(result.failure);
  if (codes !== null && codes.length === 0) evidence.push('no path reaches an exit');
  return {
    terminal: terminalFor(codes, mode),
    returnCodes: codes,
    source: 'bytecode',
    mode,
    evidence,
    disagreement: null,
  };
}
