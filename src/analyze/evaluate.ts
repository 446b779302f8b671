// Kernel-semantics evaluator: which traffic reaches each program on a hook.
// sch_handle_ingress/egress (net/core/dev.c >= 6.6): tcx programs run first, in mprog order,
// until one returns PASS/DROP/REDIRECT; only when the tcx chain ends in NEXT does the legacy
// clsact walk run (__tcf_classify, cls_api.c): by pref, skipping filters whose protocol is
// neither `all` nor the frame's ethertype (a VLAN-tagged frame's ethertype is 802.1Q).
import type { Reach, Terminal } from '../model/analysis.js';

export type TrafficClass = keyof Reach;
export const CLASSES: readonly TrafficClass[] = ['ipv4', 'ipv6', 'other'];

/** How a filter's protocol selects each class: 'full' = every frame of the class meets it,
 *  'partial' = some frames of the class (e.g. `arp` within "other"), 'none', or 'unknown'. */
export type Applicability = 'full' | 'partial' | 'none' | 'unknown';

export function applicability(protocol: string | null, cls: TrafficClass): Applicability {
  if (protocol === null) return 'unknown';
  const p = protocol.toLowerCase();
  if (p === 'all') return 'full';
  if (p === 'ip' || p === 'ipv4' || p === '0x0800') return cls === 'ipv4' ? 'full' : 'none';
  if (p === 'ipv6' || p === '0x86dd') return cls === 'ipv6' ? 'full' : 'none';
  // Any other ethertype (arp, 802.1Q, ...) selects part of the non-IP traffic.
  return cls === 'other' ? 'partial' : 'none';
}

export const allReach = (v: boolean | null): Reach => ({ ipv4: v, ipv6: v, other: v });

/** Could any traffic reach it (unknown counts as maybe)? */
export const reachesAny = (r: Reach): boolean => r.ipv4 !== false || r.ipv6 !== false || r.other !== false;

/** What reaches the program: the incoming state, narrowed by its protocol. */
export function reachOf(state: Reach, protocol: string | null): Reach {
  const out = { ...state };
  for (const c of CLASSES) {
    const a = applicability(protocol, c);
    if (state[c] === false || a === 'none') out[c] = false;
    else if (a === 'partial' || a === 'unknown') out[c] = null;
  }
  return out;
}

/** The state after a program with this verdict ran on the traffic it sees. */
export function afterProgram(state: Reach, protocol: string | null, terminal: Terminal): Reach {
  const out = { ...state };
  for (const c of CLASSES) {
    if (state[c] === false) continue;
    const a = applicability(protocol, c);
    if (a === 'none' || terminal === 'never') continue;
    if (a === 'partial') continue; // the rest of the class still passes by
    if (terminal === 'always' && a === 'full') out[c] = false;
    else out[c] = null; // sometimes / unknown verdict, or unknown protocol
  }
  return out;
}

export interface Step {
  protocol: string | null;
  terminal: Terminal;
  /** Filters outside chain 0 run only after a `goto chain`. */
  chain: number | null;
}

/** Walk programs in order; returns each one's reach and the state after the walk. */
export function walk(start: Reach, steps: readonly Step[], gotoSeen: boolean): { reaches: Reach[]; after: Reach } {
  let state = start;
  const reaches: Reach[] = [];
  for (const s of steps) {
    if (s.chain !== null && s.chain !== 0) {
      reaches.push(gotoSeen ? reachOf(allReach(null), s.protocol) : allReach(false));
      continue;
    }
    reaches.push(reachOf(state, s.protocol));
    state = afterProgram(state, s.protocol, s.terminal);
  }
  return { reaches, after: state };
}
