// Kernel-semantics evaluator: which traffic reaches each program on a hook.
// sch_handle_ingress/egress (net/core/dev.c >= 6.6): tcx programs run first, in mprog order,
// while each returns TCX_NEXT (-1) exactly: the first other value stops the tcx chain
// (net/core/dev.c tcx_run). PASS/DROP/REDIRECT (0, 2, 7) then end everything; any other
// value is read as NEXT (tcx_action_code), so the legacy clsact walk runs (__tcf_classify,
// cls_api.c) although later tcx programs did not: by pref, skipping filters whose protocol
// is neither `all` nor the frame's ethertype (a VLAN-tagged frame's ethertype is 802.1Q).
// The kernel's run counters showed this where the kernel-semantics notes said "any other
// value is NEXT" for the chain too (test/live/kernelTruthBasics.test.ts).
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

/** A tcx program's verdict on the two chains it decides: `ends` whether it ends everything
 *  (returns 0, 2 or 7), `stops` whether it stops the tcx chain (returns anything but -1). */
export interface TcxStep {
  ends: Terminal;
  stops: Terminal;
}

/** The tcx chain: each program's reach (what the programs before it let through with -1),
 *  and what reaches the legacy walk: everything no reached program ended with 0, 2 or 7. */
export function walkTcx(start: Reach, steps: readonly TcxStep[]): { reaches: Reach[]; after: Reach } {
  let chain = start;
  let ended: Reach = allReach(false); // traffic some program ended with PASS/DROP/REDIRECT
  const reaches: Reach[] = [];
  for (const s of steps) {
    reaches.push(chain);
    const endedHere: Reach = allReach(false);
    for (const c of CLASSES) {
      if (chain[c] === false || s.ends === 'never') continue;
      endedHere[c] = chain[c] === true && s.ends === 'always' ? true : null;
    }
    ended = union(ended, endedHere);
    chain = afterProgram(chain, 'all', s.stops);
  }
  const after = { ...start };
  for (const c of CLASSES) {
    if (start[c] === false || ended[c] === false) continue;
    after[c] = ended[c] === true ? false : null;
  }
  return { reaches, after };
}

/** Per class: some traffic is in either (true wins, then unknown). */
function union(a: Reach, b: Reach): Reach {
  const out = { ...a };
  for (const c of CLASSES) out[c] = a[c] === true || b[c] === true ? true : a[c] === false && b[c] === false ? false : null;
  return out;
}
