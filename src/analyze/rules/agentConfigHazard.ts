// Agent settings that change what the audit means: a 0 priority silently becomes the
// library default 50 (ebpf-manager DefaultTCFilterPriority), behind most CNIs; disabled
// network detection or ingress shrink what needs auditing; an agent of 7.36.0-7.39.1 reads
// no priority at all and sits at pref 1, the agent side of the known race.
import { LIBRARY_FALLBACK_PRIORITY } from '../../agent/defaults.js';
import { HARD_CODED_VERSIONS } from '../../agent/versionEra.js';
import { defineRule, type FindingDraft } from './types.js';
import { setPriorityFix, upgradeFix } from './util/fix.js';
import { NO_LOCATION } from './util/where.js';

const base = { ...NO_LOCATION, filter: null, source: null };

export default defineRule({
  id: 'agent-config-hazard',
  severity: 'warning',
  title: 'An agent setting changes what the classifiers can see',
  check(_analysis, ctx) {
    const a = ctx.agent;
    const out: FindingDraft[] = [];
    if (!a.networkEnabled) {
      out.push({ ...base, severity: 'info', message: 'Network detection is disabled: the agent attaches no classifiers, so there is nothing for other classifiers to hide.', remediation: null });
      return out;
    }
    if (a.hardCodedPriority !== null) {
      // Those versions are also the agent side of the known race: the upgrade is the fix.
      const unread = a.trace.filter((t) => t.ignoredBecause === 'agent-version').map((t) => `${t.key} (${t.file ?? t.from})`);
      out.push({
        ...base,
        message: `agent ${a.agentVersion ?? '?'} attaches at pref ${a.hardCodedPriority} whatever its configuration says (${HARD_CODED_VERSIONS})${unread.length > 0 ? `, so ${unread.join(', ')} ${unread.length === 1 ? 'is' : 'are'} not applied` : ''}; these versions are the agent side of the known pref 1 / handle 0x1 race with Cilium 1.9 and older.`,
        remediation: upgradeFix(ctx),
      });
    }
    // (0 is the agent's own reading only where it reads the setting.)
    if (a.configuredPriority === 0 && a.source !== 'agent-version') {
      const keep = `set runtime_security_config.network.classifier_priority: ${a.classifierPriority} explicitly so the value no longer depends on the library default`;
      out.push({
        ...base,
        message: `classifier_priority is set to 0, which the agent's library replaces with pref ${LIBRARY_FALLBACK_PRIORITY}; most CNIs (Cilium, the AWS network policy agent, Retina at pref 1) then run before the agent.`,
        remediation: setPriorityFix(ctx) ?? keep,
      });
    }
    if (!a.ingressEnabled) {
      out.push({ ...base, severity: 'info', message: 'Ingress network detection is disabled: the agent attaches only egress classifiers, so only egress hooks are audited.', remediation: null });
    }
    return out;
  },
});
