// An audit that saw no hook the agent attaches to cannot say anything about what hides
// packets from it: a mistyped -i glob, a capture of ingress only with ingress detection
// off, or a scope of empty namespaces all end with nothing to judge. The recommendation is
// then unknown (src/recommend/recommend.ts), and this says why, where a reader looks first.
// An error: a CI gate must not pass on an audit that saw nothing to judge.
import { agentUsesHook } from '../../recommend/blockers.js';
import { defineRule } from './types.js';
import { NO_LOCATION } from './util/where.js';

export default defineRule({
  id: 'nothing-audited',
  severity: 'error',
  title: 'no hook the agent attaches to was observed',
  check(analysis, ctx) {
    if (!ctx.agent.networkEnabled) return []; // the agent attaches nothing: nothing to audit
    let seen = 0;
    for (const n of analysis.nodes) {
      for (const h of n.hooks) {
        if (agentUsesHook(h, ctx.agent)) return [];
        seen++;
      }
    }
    const what = seen === 0
      ? 'No hook was observed at all'
      // (No count: rules see one hook per shape.)
      : 'Hooks were observed, none of them one the agent attaches to (ingress detection is off)';
    return [{
      ...NO_LOCATION, filter: null, source: null,
      message: `${what}, so nothing here shows whether another program hides packets from the agent's classifiers.`,
      remediation: ctx.mode === 'live'
        ? 'check the scope: --netns / --netns-path name the namespaces to audit, -i globs must match their devices (ip -all netns exec ip -br link lists them)'
        : 'capture the egress (and, with ingress detection on, the ingress) of every device: docs/capture.sh does both for every namespace',
    }];
  },
});
