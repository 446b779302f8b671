// One answer for every hook the agent attaches to: keep, set-priority N, disable-network,
// or unknown when the data cannot support "keep". Pure function of the hooks, so the fleet
// layer can call it over one representative hook per distinct chain shape.
import type { AgentSettings } from '../agent/types.js';
import { PRIORITY_CONFIGURABLE_FROM } from '../agent/versionEra.js';
import type { AnalyzedHook } from '../model/analysis.js';
import { blockersOf, nonBpfAhead } from './blockers.js';
import { largestFreePrefBelow, usedPrefs } from './pickPriority.js';
import { firstRefused, holders, knobsFor, prefOneCaution, versionAssumptions } from './reasons.js';
import { configCautions } from './cautions.js';
import { disableNetworkSnippets, setPrioritySnippets } from './snippets.js';
import type { Blocker, Recommendation } from './types.js';

export interface RecommendContext {
  /** Some node could not show tcx although its kernel has it (live, old bpftool). */
  tcxBlind: boolean;
}

/** Legacy blockers at or below the agent's priority, those without a pref, and the lowest
 *  pref among the first, in one pass (Math.min(...prefs) spread every blocker of a fleet
 *  into one call's arguments, which has a limit). */
function split(legacy: readonly Blocker[], P: number): { early: Blocker[]; prefless: Blocker[]; lowest: number } {
  const early: Blocker[] = [];
  const prefless: Blocker[] = [];
  let lowest = Infinity;
  for (let i = 0; i < legacy.length; i++) {
    const b = legacy[i]!;
    if (b.pref === null) prefless.push(b);
    else if (b.pref <= P) {
      early.push(b);
      if (b.pref < lowest) lowest = b.pref;
    }
  }
  return { early, prefless, lowest };
}

const where = (b: Blocker): string =>
  `${b.vendor} ${b.attach !== 'legacy' ? `${b.attach} program` : `pref ${b.pref ?? '?'}`} on ${b.netns}/${b.device ?? '?'} ${b.direction ?? '?'}`;

export function recommend(hooks: readonly AnalyzedHook[], agent: AgentSettings, ctx: RecommendContext): Recommendation {
  const now = answer(hooks, agent, ctx);
  const pinned = agent.hardCodedPriority;
  const upgraded = agent.upgraded;
  if (pinned === null || upgraded === null || !agent.networkEnabled) return now;
  // The agent reads no classifier_priority: say so, and answer again for the agent after the
  // upgrade, at the priority it will read then. (At pref 1 the answer now is keep or
  // disable-network: nothing runs before pref 1 but what shares it.)
  const later = answer(hooks, {
    ...agent, ...upgraded, hardCodedPriority: null, upgraded: null, agentVersion: PRIORITY_CONFIGURABLE_FROM, observedPriorities: [],
  }, ctx);
  const note = `agent ${agent.agentVersion ?? '?'} attaches at pref ${pinned} whatever its configuration says; from ${PRIORITY_CONFIGURABLE_FROM} (the fix for the known pref 1 race) it reads classifier_priority: see the answer after the upgrade`;
  return { ...now, reasons: [...now.reasons, note], afterUpgrade: { agentVersion: PRIORITY_CONFIGURABLE_FROM, recommendation: later } };
}

function answer(hooks: readonly AnalyzedHook[], agent: AgentSettings, ctx: RecommendContext): Recommendation {
  const P = agent.classifierPriority;
  if (!agent.networkEnabled) {
    return { action: 'keep', classifierPriority: null, reasons: ['network detection is disabled: the agent attaches no classifiers'], blockers: [], vendorAlternatives: [], snippets: null };
  }
  const { audited, tcx, legacy } = blockersOf(hooks, agent);
  const { early, prefless, lowest } = split(legacy, P);

  if (tcx.length > 0) {
    // Every such program's verdict unknown: the answer rests on what is not known yet.
    const allUnknown = tcx.every((b) => b.terminal === 'unknown');
    return disable([
      `a ${tcx[0]!.attach} program that may end the walk runs before every legacy filter; no classifier_priority helps (${where(tcx[0]!)}${tcx.length > 1 ? ` and ${tcx.length - 1} more` : ''})`,
      ...(allUnknown ? [`what ${tcx.length > 1 ? 'these programs return' : 'it returns'} is unknown: learn it before acting (a live audit reads the bytecode; --assume VENDOR=unspec if it returns TCX_NEXT); if none ends the walk, nothing here forces this answer`] : []),
    ], tcx.concat(early));
  }
  if (early.length > 0) {
    const forcing = early.find((b) => b.pref === lowest)!;
    if (lowest <= 1) {
      return disable([`a classifier that may end the walk sits at pref 1 (${where(forcing)}); nothing can run before it, so the agent cannot see that traffic (inside containers when it is a pod's veth)`], early);
    }
    const n = largestFreePrefBelow(lowest, usedPrefs(audited));
    if (n === null) {
      return disable([`every pref below ${lowest} is taken on the audited hooks (${holders(audited, lowest)}); the agent must not share a pref (same-pref filters run newest first, and a shared pref/handle is the known race): moving one of those filters, or the blocker, to a higher pref would free one`], early);
    }
    // A foreign classifier seen without a pref may sit below n: the priority cannot be told.
    if (prefless.length > 0) {
      return unknown([
        `${prefless.length} foreign classifier(s) that may end the walk were seen without a pref (bpftool net output only) and may sit below ${n}, the priority the others would allow; capture \`tc filter show\` for those hooks`,
      ], prefless.concat(early));
    }
    return {
      action: 'set-priority',
      classifierPriority: n,
      reasons: [`${early.length} classifier(s) that may end the walk run at or before the agent's priority ${P}; the lowest is ${where(forcing)}; ${n} is the largest free pref below ${lowest}`, ...prefOneCaution(n), ...configCautions(agent, 'set-priority')],
      blockers: early,
      vendorAlternatives: knobsFor(early, agent.cniVersion),
      snippets: setPrioritySnippets(n),
    };
  }
  if (prefless.length > 0) {
    return unknown([`${prefless.length} foreign classifier(s) that may end the walk were seen without a pref (bpftool net output only); capture \`tc filter show\` for those hooks`], prefless);
  }
  if (audited.length === 0) {
    return unknown(['no hook the agent attaches to was observed, so nothing supports keep (the nothing-audited finding says why)']);
  }
  if (ctx.tcxBlind) {
    return unknown(['tcx attachments could not be seen on some hooks (kernel >= 6.6, and no bpftool >= 7.3 listing of them: missing, too old, failed, or not in the input; tcx-not-visible says which); a tcx program would run before every classifier']);
  }
  // Nothing hides traffic before P, but where P itself holds a filter of another kind or
  // protocol the kernel refuses the agent's classifier (src/recommend/refused.ts): the
  // agent must move to a free pref below it.
  const refused = firstRefused(audited, P);
  if (refused !== null) {
    const n = largestFreePrefBelow(P, usedPrefs(audited));
    const why = `pref ${P} holds a ${refused.f.filter.kind} filter (protocol ${refused.f.filter.protocol ?? '?'}) on ${refused.h.netns}/${refused.h.device ?? '?'} ${refused.h.direction ?? '?'}: the kernel refuses the agent's classifier there (agent-pref-refused)`;
    if (n === null) return disable([`${why}, and every pref below ${P} is taken on the audited hooks`], []);
    return {
      action: 'set-priority', classifierPriority: n,
      reasons: [`${why}; ${n} is the largest free pref below ${P}`, ...prefOneCaution(n), ...configCautions(agent, 'set-priority')],
      blockers: [], vendorAlternatives: [], snippets: setPrioritySnippets(n),
    };
  }
  const other = nonBpfAhead(audited, agent, P);
  // (Not for an agent pinned at 1 by its version: the upgrade moves it, as the answer says.)
  const reasons = [`no foreign eBPF classifier that may end the walk runs at or before pref ${P} on ${audited.length} audited hook(s)`, ...versionAssumptions(audited, P), ...(agent.hardCodedPriority === null ? prefOneCaution(P, false) : [])];
  // Pref 1 observed with no version given: the hard-coded pref of agents 7.36.0-7.39.1,
  // which read no classifier_priority; the version decides what an upgrade changes.
  if (P === 1 && agent.source === 'observed' && agent.agentVersion === null) {
    reasons.push('the agent\'s classifiers sit at pref 1, where agents 7.36.0 to 7.39.1 attach whatever their configuration says: give --agent-version to see what changes once the agent reads classifier_priority (7.39.2 and later, 10 by default)');
  }
  if (other > 0) reasons.push(`${other} non-eBPF filter(s) that may end the walk run at or before pref ${P} (not-ebpf-classifier): the checklist leaves them out, but they hide what they match from the agent`);
  // Keep is about the priority reasoned with; when the agent's classifiers run elsewhere now,
  // that value still has to be applied (the snippets say how).
  // (Not for an agent that hard-codes its pref: no setting moves it, and
  // agent-priority-mismatch says its filters elsewhere contradict the version given.)
  // Also where they run there on some hooks only: a priority change not rolled out to every
  // node yet (the cluster's answer pools nodes) or stale filters; the others may be blind.
  const observed = agent.observedPriorities;
  const elsewhere = observed.filter((p) => p !== P);
  if (elsewhere.length > 0 && agent.hardCodedPriority === null) {
    reasons.push(observed.includes(P)
      ? `the agent's classifiers also run at pref ${elsewhere.join(', ')} on some hooks, not at ${P} everywhere yet: set classifier_priority: ${P} everywhere and restart system-probe where they do`
      : `the agent's classifiers run at pref ${observed.join(', ')} now, not ${P}: set classifier_priority: ${P} and restart system-probe`, ...configCautions(agent, 'set-priority'));
    return { action: 'keep', classifierPriority: P, reasons, blockers: [], vendorAlternatives: [], snippets: setPrioritySnippets(P) };
  }
  return { action: 'keep', classifierPriority: P, reasons, blockers: [], vendorAlternatives: [], snippets: null };

  function disable(reasons: string[], blockers: Blocker[]): Recommendation {
    return { action: 'disable-network', classifierPriority: null, reasons: [...reasons, ...configCautions(agent, 'disable-network')], blockers, vendorAlternatives: knobsFor(blockers, agent.cniVersion), snippets: disableNetworkSnippets() };
  }
  function unknown(reasons: string[], blockers: Blocker[] = []): Recommendation {
    return { action: 'unknown', classifierPriority: null, reasons, blockers, vendorAlternatives: knobsFor(blockers, agent.cniVersion), snippets: null };
  }
}
