// Agent settings that change what the audit means: a 0 priority silently becomes the
// library default 50 (ebpf-manager DefaultTCFilterPriority), behind most CNIs; disabled
// network detection or ingress shrink what needs auditing.
import { LIBRARY_FALLBACK_PRIORITY } from '../../agent/defaults.js';
import { defineRule, type FindingDraft } from './types.js';
import { setPriorityFix } from './util/fix.js';
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
    if (a.configuredPriority === 0) {
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
