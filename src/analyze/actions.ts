// What a filter's action chain does once the filter matched (net/sched/act_api.c
// tcf_action_exec): actions run in order while each returns PIPE; the first other
// verdict is the result; a chain of only PIPEs returns PIPE (3, >= 0, ends the walk);
// no actions at all returns TC_ACT_OK. A negative result (continue = UNSPEC) lets the
// classifier walk go on.
import type { TcAction } from '../model/snapshot.js';

export type ChainOutcome = 'ends' | 'continues' | 'unknown' | 'jumps';

/** Map one action's control word to what it does to the chain. */
function control(a: TcAction): 'pipe' | 'ends' | 'continues' | 'unknown' | 'jumps' {
  const word = (a.control ?? '').toLowerCase().trim();
  if (word === '') {
    // mirred prints its control; without it: redirect steals, mirror pipes (its default).
    if (a.kind === 'mirred' && a.detail) return /redirect/i.test(a.detail) ? 'ends' : 'pipe';
    return 'unknown';
  }
  if (word === 'pipe') return 'pipe';
  if (['pass', 'ok', 'drop', 'shot', 'stolen', 'trap', 'queued'].includes(word)) return 'ends';
  if (word === 'continue' || word === 'unspec') return 'continues';
  if (word.startsWith('goto') || word.startsWith('jump')) return 'jumps';
  // reclassify restarts the whole walk (and drops after 4 loops): not a plain end or continue.
  return 'unknown';
}

export function actionChainOutcome(actions: readonly TcAction[]): ChainOutcome {
  for (const a of actions) {
    const c = control(a);
    if (c === 'pipe') continue;
    return c;
  }
  // Empty chain: TC_ACT_OK. All PIPE: PIPE (3) is >= 0 and ends classification too.
  return 'ends';
}

export function hasGotoChain(actions: readonly TcAction[]): boolean {
  return actions.some((a) => control(a) === 'jumps');
}
