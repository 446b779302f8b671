// cls_api skips a filter whose protocol is neither `all` nor the frame's ethertype, so a
// terminal filter with `protocol ip` hides only IPv4 (and not 802.1Q-tagged frames).
import { defineRule, type FindingDraft } from './types.js';
import { cap, ends, trafficOf, who } from './util/describe.js';
import { beforeAgentFix, withKnob } from './util/fix.js';
import { forEachForeignFilter, isTerminal } from './util/select.js';
import { aboutFilter } from './util/where.js';
import { refusingFilter } from '../../recommend/refused.js';

function untouched(protocol: string): string {
  const p = protocol.toLowerCase();
  if (p === 'ip' || p === 'ipv4' || p === '0x0800') return 'IPv6 and non-IP traffic';
  if (p === 'ipv6' || p === '0x86dd') return 'IPv4 and non-IP traffic';
  return 'IPv4, IPv6 and other ethertypes';
}

export default defineRule({
  id: 'narrow-protocol-terminal',
  severity: 'warning',
  title: 'A terminal classifier before the agent only matches one ethertype',
  check(analysis, ctx) {
    const P = ctx.agent.classifierPriority;
    return forEachForeignFilter<FindingDraft>(analysis, ctx, (h, f) => {
      const proto = f.filter.protocol;
      if (proto === null || proto.toLowerCase() === 'all') return null;
      if (f.filter.pref === null || f.filter.pref > P || !isTerminal(f)) return null;
      // At the agent's pref, another protocol keeps the agent off the hook (agent-pref-refused).
      if (refusingFilter(h, P) === f) return null;
      // Itself a VLAN protocol, it is what matches tagged frames.
      const vlan = /^(802\.1q|802\.1ad|0x8100|0x88a8)$/i.test(proto);
      return {
        ...aboutFilter(h, f),
        message: `${cap(who(f))} at pref ${f.filter.pref} has protocol ${proto}: it ${ends(f.verdict.terminal)} the walk only for ${trafficOf(proto)}, which the agent at pref ${P} misses; ${untouched(proto)}${vlan ? '' : ' (and VLAN-tagged frames)'} still reach the agent.`,
        remediation: withKnob(beforeAgentFix(ctx, f.filter.pref), f.vendor.id, ctx),
      };
    });
  },
});
