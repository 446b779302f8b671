// A knowledge-base entry: how to recognise a vendor's programs and what they are known
// to return. Data with sources; `verified` says how sure the research is (V/I/U).
import type { Terminal } from '../../model/analysis.js';
import type { VendorId } from './ids.js';

export type Confidence = 'verified' | 'inferred' | 'unverified';

export interface KnownVerdict {
  terminal: Terminal;
  /** Raw return values the vendor's programs are known to use, or null. */
  returnCodes: number[] | null;
  /** Which versions this holds for (semver range), null = all known. */
  versions: string | null;
  confidence: Confidence;
  note: string;
  /** What the vendor did in versions outside `versions`, when known. */
  otherwise?: { terminal: Terminal; returnCodes: number[] | null; note: string };
}

export type HazardKind =
  | 'deletes-clsact'
  | 'deletes-handle-1'
  | 'deletes-legacy-after-tcx'
  | 'flushes-hook'
  | 'prio-handle-collision';

export interface Hazard {
  kind: HazardKind;
  /** semver range of affected vendor versions, null = current/unknown range. */
  versions: string | null;
  description: string;
  source: string;
}

export interface VendorEntry {
  id: VendorId;
  displayName: string;
  /** Matched against the cls_bpf TCA_BPF_NAME (`tc` unlabelled name). */
  tcName: RegExp[];
  /** Matched against the kernel program name (<= 15 chars, as `name` in tc/bpftool). */
  progName: RegExp[];
  /** Matched against bpftool's name (full BTF name for tcx, tc name for clsact). */
  bpftoolName: RegExp[];
  /** A name match only counts when the filter's protocol is this (weak name patterns). */
  requireProtocol?: string;
  /** Usual pref, or 'kernel-assigned' (>= 49152 downward) when the vendor passes 0. */
  usualPref: number | 'kernel-assigned' | null;
  usualHandle: string | null;
  /** Known verdict for legacy direct-action attachments. */
  legacy: KnownVerdict | null;
  /** Known verdict for tcx/netkit attachments (null = unknown or not used). */
  tcx: KnownVerdict | null;
  hazards: Hazard[];
  /** What the vendor offers to move its classifier, if anything. */
  knob: string | null;
  /** The vendor versions that have the knob (a semver range), when not all do. */
  knobVersions?: string;
  /** What moves its tcx programs out of the way, when that differs from `knob`. */
  tcxKnob?: string;
  sources: string[];
}
