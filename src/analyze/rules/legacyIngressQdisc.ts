// A device with the legacy ingress qdisc instead of clsact (src/collect/ingressQdisc.ts): the
// agent cannot add clsact there, and its egress classifier lands in the ingress block, where
// the kernel runs it on incoming packets and never on outgoing ones (test/live/
// ingressQdiscTruth.test.ts). No classifier_priority changes that: the device's egress is
// unseen until clsact replaces the ingress qdisc. The live audit and docs/capture.sh list
// qdiscs; other inputs leave it unknown.
import { defineRule, type FindingDraft } from './types.js';
import { agentHooks } from './util/select.js';
import { hookLocation } from './util/where.js';

export default defineRule({
  id: 'legacy-ingress-qdisc',
  severity: 'error',
  title: "The device's legacy ingress qdisc takes the agent's egress classifier",
  check(analysis, ctx) {
    const out: FindingDraft[] = [];
    for (const h of agentHooks(analysis, ctx)) {
      if (h.direction !== 'egress' || h.ingressQdisc !== true) continue;
      out.push({
        ...hookLocation(h), filter: null, source: null,
        message: 'This device has the legacy ingress qdisc, not clsact: the agent cannot add clsact (the kernel refuses it), and its egress classifier lands in the ingress block, where it runs on incoming packets only; none of the device\'s outgoing traffic is seen, whatever classifier_priority says. Filters shown on this egress hook were added for egress and sit in that ingress block too.',
        remediation: 'replace the ingress qdisc with clsact, which serves ingress as well (tc qdisc del dev DEV ingress; tc qdisc add dev DEV clsact), where whatever added it allows: deleting it removes every filter on it, so their owners must add theirs again (the agent does when system-probe restarts); until then the agent sees no egress on this device',
      });
    }
    return out;
  },
});
