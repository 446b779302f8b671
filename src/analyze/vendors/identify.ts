// Who owns a program: matched on the names tc and bpftool print. The first vendor in
// knowledge-base order whose pattern matches wins; the evidence names the pattern.
import type { VendorMatch } from '../../model/analysis.js';
import type { LegacyFilter, TcxProgram } from '../../model/snapshot.js';
import { VENDORS } from './index.js';
import type { VendorEntry } from './types.js';

const ORDER = Object.values(VENDORS) as VendorEntry[];

function firstMatch(
  pick: (v: VendorEntry) => RegExp[],
  value: string | null,
  label: string,
  protocol: string | null,
): VendorMatch | null {
  if (!value) return null;
  for (const v of ORDER) {
    if (v.requireProtocol && protocol !== v.requireProtocol) continue;
    const re = pick(v).find((r) => r.test(value));
    if (re) return { id: v.id, evidence: `${label} "${value}" matches ${re.source}` };
  }
  return null;
}

const UNKNOWN: VendorMatch = { id: 'unknown', evidence: 'no knowledge-base pattern matches its names' };

export function identifyFilter(f: LegacyFilter): VendorMatch {
  if (f.kind !== 'bpf') return { id: 'unknown', evidence: `not an eBPF classifier (${f.kind})` };
  // The tc name is chosen by the loader and is the most specific; the kernel name is
  // only 15 characters and shared by unrelated projects (e.g. "tc_ingress").
  // bpftool prints the same TCA_BPF_NAME for clsact entries, so one pattern set serves both.
  const byTcName = firstMatch((v) => v.tcName, f.tcName, 'tc name', f.protocol);
  return (
    byTcName ??
    firstMatch((v) => v.progName, f.program?.name ?? null, 'program name', f.protocol) ??
    UNKNOWN
  );
}

export function identifyTcx(p: TcxProgram): VendorMatch {
  return (
    firstMatch((v) => v.bpftoolName, p.program.name, 'bpftool name', null) ??
    firstMatch((v) => v.progName, p.program.name, 'program name', null) ??
    UNKNOWN
  );
}
