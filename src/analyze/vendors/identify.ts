// Who owns a program: matched on the names tc and bpftool print. The first vendor in
// knowledge-base order whose pattern matches wins; the evidence names the pattern.
import type { VendorMatch } from '../../model/analysis.js';
import type { LegacyFilter, TcxProgram } from '../../model/snapshot.js';
import { VENDORS } from './index.js';
import type { VendorEntry } from './types.js';
import { FirstVendor, type PatternSet } from './firstVendor.js';

const ORDER = Object.values(VENDORS) as VendorEntry[];
const FIRST = new FirstVendor(ORDER);

/** Answers by pattern set, protocol and name: a CNI's names repeat on every pod's hooks, so
 *  most lookups are answered here with the same (immutable) match. Bounded: the agent's own
 *  names carry ids and never repeat. */
const SEEN: Record<PatternSet, Map<string | null, Map<string, VendorMatch | null>>> = { tcName: new Map(), progName: new Map(), bpftoolName: new Map() };
const SEEN_MAX = 4096;

/** A match by name. Its evidence quotes the name and the pattern, and is written when read
 *  (by the JSON report; the table never reads it): the agent's names are new on every hook,
 *  and writing 10,000 such texts on a large node, then copying their pieces through every
 *  garbage collection, was a cost of every run. toJSON gives the plain {id, evidence}. */
class NameMatch implements VendorMatch {
  constructor(
    readonly id: VendorMatch['id'],
    private readonly label: string,
    private readonly name: string,
    private readonly pattern: RegExp,
  ) {}

  get evidence(): string {
    return `${this.label} "${this.name}" matches ${this.pattern.source}`;
  }

  toJSON(): VendorMatch {
    return { id: this.id, evidence: this.evidence };
  }
}

function firstMatch(set: PatternSet, value: string | null, label: string, protocol: string | null): VendorMatch | null {
  if (!value) return null;
  const key = FIRST.protocolKey(protocol);
  let seen = SEEN[set].get(key);
  if (seen === undefined) SEEN[set].set(key, (seen = new Map()));
  const known = seen.get(value);
  if (known !== undefined) return known;
  const m = FIRST.match(set, value, protocol);
  const found = m === null ? null : new NameMatch(m.vendor.id, label, value, m.pattern);
  if (seen.size >= SEEN_MAX) seen.clear();
  seen.set(value, found);
  return found;
}

const UNKNOWN: VendorMatch = { id: 'unknown', evidence: 'no knowledge-base pattern matches its names' };

/** One answer per kind: every u32 or matchall filter of a node says the same. */
const NOT_BPF = new Map<string, VendorMatch>();

export function identifyFilter(f: LegacyFilter): VendorMatch {
  if (f.kind !== 'bpf') {
    let m = NOT_BPF.get(f.kind);
    if (m === undefined) NOT_BPF.set(f.kind, (m = { id: 'unknown', evidence: `not an eBPF classifier (${f.kind})` }));
    return m;
  }
  // The tc name is chosen by the loader and is the most specific; the kernel name is
  // only 15 characters and shared by unrelated projects (e.g. "tc_ingress").
  // bpftool prints the same TCA_BPF_NAME for clsact entries, so one pattern set serves both.
  const byTcName = firstMatch('tcName', f.tcName, 'tc name', f.protocol);
  return (
    byTcName ??
    firstMatch('progName', f.program?.name ?? null, 'program name', f.protocol) ??
    UNKNOWN
  );
}

export function identifyTcx(p: TcxProgram): VendorMatch {
  return (
    firstMatch('bpftoolName', p.program.name, 'bpftool name', null) ??
    firstMatch('progName', p.program.name, 'program name', null) ??
    UNKNOWN
  );
}
