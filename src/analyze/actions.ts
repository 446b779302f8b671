// What a filter's action chain does once the filter matched (net/sched/act_api.c
// tcf_action_exec): actions run in order while each returns PIPE; the first other
// verdict is the result; a chain of only PIPEs returns PIPE (3, >= 0, ends the walk);
// no actions at all returns TC_ACT_OK. A negative result (continue = UNSPEC) lets the
// classifier walk go on.
// Some actions return one of two verdicts depending on the packet:
// - police (act_police.c tcf_police_act): the exceed action, or the conform action for
//   packets within the rate; tc prints them `action EXCEED/CONFORM` (conform defaults to ok);
// - gact with `random` (act_gact.c gact_net_rand/gact_determ): its action, or the random
//   action for every val-th packet or at random;
// and act_bpf returns whatever its eBPF program returns (act_bpf.c tcf_bpf: the printed
// default-action is used only when the program returns TC_ACT_UNSPEC), which the dump does
// not say.
import type { TcAction } from '../model/snapshot.js';

/** `sometimes`: the chain ends the walk for some packets and lets it go on for others. */
export type ChainOutcome = 'ends' | 'continues' | 'sometimes' | 'unknown' | 'jumps';
type Control = 'pipe' | 'ends' | 'continues' | 'unknown' | 'jumps';

/** Map one control word to what it does to the chain. */
function controlOf(word: string): Control {
  const w = word.toLowerCase().trim();
  if (w === 'pipe') return 'pipe';
  if (['pass', 'ok', 'drop', 'shot', 'stolen', 'trap', 'queued'].includes(w)) return 'ends';
  if (w === 'continue' || w === 'unspec') return 'continues';
  if (w.startsWith('goto') || w.startsWith('jump')) return 'jumps';
  // reclassify restarts the whole walk (and drops after 4 loops): not a plain end or continue.
  return 'unknown';
}

/** The controls an action may return, one per kind of packet. */
function alternatives(a: TcAction): Control[] {
  // The program decides; the default-action tc prints applies only to its UNSPEC.
  if (a.kind === 'bpf') return ['unknown'];
  const word = (a.control ?? '').trim();
  if (word === '') {
    // mirred prints its control; without it: redirect steals, mirror pipes (its default).
    if (a.kind === 'mirred' && a.detail) return [/redirect/i.test(a.detail) ? 'ends' : 'pipe'];
    return ['unknown'];
  }
  if (a.kind === 'police') {
    const [exceed, conform] = word.split('/');
    return [controlOf(exceed ?? ''), conform === undefined ? 'ends' : controlOf(conform)];
  }
  const random = a.kind === 'gact' ? /^random \S+ (\S+(?: chain \d+| \d+)?)/.exec(a.detail ?? '') : null;
  return random ? [controlOf(word), controlOf(random[1]!)] : [controlOf(word)];
}

/** The chain's outcome from each action on, computed from the end once (a two-way action
 *  that pipes on both branches would otherwise walk the rest twice: 2^n for n of them). */
export function actionChainOutcome(actions: readonly TcAction[]): ChainOutcome {
  let next: ChainOutcome = 'ends'; // empty chain: TC_ACT_OK; all PIPE: PIPE ends too
  for (let i = actions.length - 1; i >= 0; i--) {
    const outcomes = new Set<ChainOutcome>(alternatives(actions[i]!).map((c) => (c === 'pipe' ? next : c)));
    next = outcomes.size === 1 ? [...outcomes][0]! : combined(outcomes);
  }
  return next;
}

function combined(outcomes: ReadonlySet<ChainOutcome>): ChainOutcome {
  for (const o of outcomes) if (o !== 'ends' && o !== 'continues' && o !== 'sometimes') return 'unknown';
  return 'sometimes';
}

export function hasGotoChain(actions: readonly TcAction[]): boolean {
  return actions.some((a) => alternatives(a).includes('jumps'));
}

const isBpfAction = (a: TcAction): boolean => a.kind === 'bpf';
/** The action chain runs an eBPF program (act_bpf). (A module-level predicate: this runs for
 *  every filter of every hook.) */
export const runsBpfAction = (actions: readonly TcAction[]): boolean => actions.length > 0 && actions.some(isBpfAction);

/** A filter an eBPF program decides for: a cls_bpf classifier, or any classifier whose
 *  action chain runs act_bpf. The checklist (and its rules) are about these. */
export const ebpfDriven = (f: { kind: string; actions: readonly TcAction[] }): boolean => f.kind === 'bpf' || runsBpfAction(f.actions);
