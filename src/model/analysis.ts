// The analysed model: the snapshot plus who owns each program, what it returns,
// and which traffic reaches it. Produced by src/analyze, read by rules and reports.
import type { Direction, LegacyFilter, SourceRef, TcxProgram, ToolVersions } from './snapshot.js';
import type { VendorId } from '../analyze/vendors/ids.js';

/** Whether a program ends the walk on the hook it is attached to.
 *  always/never hold on every path; sometimes = some paths end it; unknown = can't tell. */
export type Terminal = 'always' | 'never' | 'sometimes' | 'unknown';
export type VerdictSource = 'bytecode' | 'assumed' | 'knowledge-base' | 'none';
/** How the kernel interprets the return value for this attachment. */
export type AttachMode = 'direct-action' | 'classic' | 'tcx' | 'netkit' | 'not-bpf';

export interface Verdict {
  terminal: Terminal;
  /** Sorted raw 32-bit signed values the program can return; null when unbounded/unknown. */
  returnCodes: number[] | null;
  source: VerdictSource;
  mode: AttachMode | null;
  /** Human-readable reasons (exit instructions, knowledge-base entry, --assume flag). */
  evidence: string[];
  /** Set when bytecode evidence contradicts the knowledge base (renamed program, vendor
   *  changed its verdict): what the knowledge base expected. */
  disagreement: string | null;
}

/** Per traffic class: does at least some of it reach this program?
 *  null = the data cannot tell (an earlier program's verdict is unknown or partial). */
export interface Reach {
  ipv4: boolean | null;
  ipv6: boolean | null;
  other: boolean | null;
}

export interface VendorMatch {
  id: VendorId;
  /** What identified it: "tc name matches ^cil_from_container" etc. */
  evidence: string;
}

/** A legacy filter as parsed (`filter`, shared with the snapshot, never changed) and what the
 *  analysis found. The parsed fields are not copied in: a large node has 20,000 filters, and
 *  a 16-field copy of each was a tenth of the analysis and of what the GC then copied. */
export interface AnalyzedFilter {
  filter: LegacyFilter;
  vendor: VendorMatch;
  verdict: Verdict;
  reaches: Reach;
}

export interface AnalyzedTcx extends TcxProgram {
  vendor: VendorMatch;
  verdict: Verdict;
  reaches: Reach;
}

export interface AnalyzedHook {
  node: string | null;
  netns: string;
  device: string | null;
  ifindex: number | null;
  direction: Direction | null;
  /** null = not observed. */
  filters: AnalyzedFilter[] | null;
  legacyPrefsKnown: boolean;
  /** null = tcx could not be observed for this hook. */
  tcx: AnalyzedTcx[] | null;
  /** What reaches the legacy chain at all (after tcx). */
  legacyReach: Reach;
  /** What leaves the whole hook without being consumed (continues up/down the stack). */
  exitReach: Reach;
  /** The device holds the legacy ingress qdisc, not clsact (Hook.ingressQdisc); null = not known. */
  ingressQdisc: boolean | null;
}

export interface AnalyzedNode {
  name: string | null;
  versions: ToolVersions;
  tcxVisible: boolean | null;
  hooks: AnalyzedHook[];
}

export interface Analysis {
  nodes: AnalyzedNode[];
}

export type { SourceRef };
