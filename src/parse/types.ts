// What every offline parser returns: observations of hooks (possibly partial) plus
// line-anchored errors. A parser never throws on bad input; it reports and moves on.
import type { DeferredDevices } from './deferredDevices.js';
import type { Direction, LegacyFilter, NodeSnapshot, ProgramInfo, ProgArray, TcxProgram, ToolVersions } from '../model/snapshot.js';

export interface ParseError {
  file: string;
  /** 1-based; null when the problem is the file as a whole. */
  line: number | null;
  message: string;
}

export const INPUT_FORMATS = [
  'tc-text',
  'tc-json',
  'bpftool-net-text',
  'bpftool-net-json',
  'capture',
  'bundle',
] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

/** One hook as one input saw it. Several observations of the same hook (tc + bpftool)
 *  are merged by src/parse/merge.ts.
 *
 *  Parsed lists may be shared and frozen (empty flags, actions and tcx lists, tc's own
 *  `[not_in_hw]`, see src/parse/tcWords.ts), and bpftool's `legacy.filters` are built when
 *  first read (a getter; JSON.stringify gives the plain shape): copy a list before changing
 *  it, and read `filters` rather than spreading `legacy`. */
export interface HookObservation {
  node: string | null;
  netns: string | null;
  device: string | null;
  ifindex: number | null;
  direction: Direction | null;
  /** Present when the input showed legacy filters for this hook. */
  legacy?: { filters: LegacyFilter[]; prefsKnown: boolean };
  /** Present when the input could show tcx for this hook (bpftool net). */
  tcx?: TcxProgram[];
}

export interface ParsedFile {
  file: string;
  format: InputFormat | null;
  observations: HookObservation[];
  /** Whole nodes from bundles (already validated). */
  nodes: NodeSnapshot[];
  /** Program details carried by the input (bundles). */
  programs: ProgramInfo[];
  progArrays: ProgArray[];
  /** Did this input include bpftool's tc listing (so tcx was visible where it covers)? */
  sawBpftoolNet: boolean;
  /** Devices a compact bpftool JSON listing shows with clsact entries only, whose
   *  observations merge makes only when it needs them (src/parse/deferredDevices.ts);
   *  withDeferred(file) gives `observations` with theirs in place. */
  deferred?: DeferredDevices[];
  /** The namespaces a `tc qdisc show` listing covered (a capture's tc-qdisc sections), with
   *  the devices it lists with the legacy ingress qdisc (rule legacy-ingress-qdisc). */
  qdiscs?: Array<{ node: string | null; netns: string | null; legacyIngress: string[] }>;
  /** The (node, netns) scopes a bpftool net listing covered: bpftool lists every device of
   *  its namespace, so a hook there with no tcx entry has none (tcx: []), not "unknown". */
  bpftoolNetns?: Array<{ node: string | null; netns: string | null }>;
  errors: ParseError[];
  /** The tool versions the input states for its node (a capture's header lines). */
  versions?: ToolVersions;
}

/** Context a raw single-device dump cannot carry itself (--dev, --direction). */
export interface ParseDefaults {
  device: string | null;
  direction: Direction | null;
  node: string | null;
  /** The iproute2 version that printed a tc text dump, when known (it decides what u32's
   *  `*flowid` means, src/parse/u32.ts); captures carry their own. */
  iproute2?: string | null;
}
