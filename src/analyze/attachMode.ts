// How the kernel reads a program's return value depends on how it is attached.
// net/sched/cls_bpf.c cls_bpf_exec_opcode (direct-action), cls_bpf_classify (classic),
// include/net/tcx.h tcx_action_code (tcx), drivers/net/netkit.c (netkit).
import type { AttachMode, Terminal } from '../model/analysis.js';

/** Direct-action: these pass through and end the walk; every other value (UNSPEC -1,
 *  RECLASSIFY 1, PIPE 3, QUEUED 5, REPEAT 6, anything unknown) becomes UNSPEC = continue. */
const DA_TERMINAL = new Set([0, 2, 4, 7, 8]);
/** tcx: PASS 0, DROP 2, REDIRECT 7 end the hook; anything else is NEXT (tcx_action_code). */
const TCX_TERMINAL = new Set([0, 2, 7]);
/** netkit (drivers/net/netkit.c netkit_xmit): NEXT -1 and PASS 0 hand the packet on to the
 *  peer, where the next hook runs; REDIRECT 7 sends it elsewhere, DROP 2 and any other value
 *  drop it. */
const NETKIT_ON = new Set([-1, 0]);

/** Does this raw 32-bit return value end the walk for the given attachment?
 *  Classic cls_bpf: 0 = no match (continue); anything else = match, then the filter's
 *  actions decide (no actions = TC_ACT_OK = end), so it returns null here ("depends"). */
export function endsWalk(value: number, mode: AttachMode): boolean | null {
  const v = value | 0; // the kernel reads the low 32 bits as a signed int
  switch (mode) {
    case 'direct-action':
      return DA_TERMINAL.has(v);
    case 'tcx':
      return TCX_TERMINAL.has(v);
    case 'netkit':
      return !NETKIT_ON.has(v);
    case 'classic':
      return v === 0 ? false : null;
    case 'not-bpf':
      return null;
  }
}

/** Classify a set of possible return values. `classicMatchEnds` tells what a classic-mode
 *  match does (from the filter's action chain: true = ends, false = continues, null = unknown). */
export function terminalFor(
  returnCodes: readonly number[] | null,
  mode: AttachMode,
  classicMatchEnds: boolean | null = true,
): Terminal {
  if (returnCodes === null || returnCodes.length === 0) return 'unknown';
  let ends = 0;
  let continues = 0;
  let unknown = 0;
  for (const rc of returnCodes) {
    let e = endsWalk(rc, mode);
    if (e === null && mode === 'classic') e = classicMatchEnds;
    if (e === true) ends++;
    else if (e === false) continues++;
    else unknown++;
  }
  // Some value's effect is unknown: only a proven ending path makes it "sometimes".
  if (unknown > 0) return ends > 0 ? 'sometimes' : 'unknown';
  if (ends > 0 && continues > 0) return 'sometimes';
  return ends > 0 ? 'always' : 'never';
}

export const TC_ACT = {
  UNSPEC: -1,
  OK: 0,
  RECLASSIFY: 1,
  SHOT: 2,
  PIPE: 3,
  STOLEN: 4,
  QUEUED: 5,
  REPEAT: 6,
  REDIRECT: 7,
  TRAP: 8,
} as const;

/** Does a tcx program with these return values stop the tcx chain (any value but TCX_NEXT,
 *  -1: net/core/dev.c tcx_run)? Without the values, only a verdict that always ends
 *  everything is known to stop it. */
export function tcxStops(returnCodes: readonly number[] | null, ends: Terminal): Terminal {
  if (returnCodes === null || returnCodes.length === 0) return ends === 'always' ? 'always' : 'unknown';
  const stop = returnCodes.filter((rc) => (rc | 0) !== -1).length;
  return stop === 0 ? 'never' : stop === returnCodes.length ? 'always' : 'sometimes';
}
