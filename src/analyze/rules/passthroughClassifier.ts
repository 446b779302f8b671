// checklist: a vendor whose programs return TC_ACT_UNSPEC (TCX_NEXT for tcx) hands every
// packet to the next program, so it never hides anything from the agent.
import type { AnalyzedHook, AnalyzedTcx } from '../../model/analysis.js';
import { endingOtherwise, unconfirmedRange } from '../vendors/unconfirmed.js';
import { defineRule, type FindingDraft } from './types.js';
import { cap, who } from './util/describe.js';
import { allHooks, foreignBpf, foreignTcx } from './util/select.js';
import { aboutFilter, aboutTcx } from './util/where.js';

/** What a tcx/netkit program that never ends the walk does, by what it returns. */
function tcxPassMessage(h: AnalyzedHook, p: AnalyzedTcx): string {
  if (p.attach === 'netkit' && h.direction === 'egress') {
    return `${cap(who(p))} is a netkit program of the primary device: it runs as the device transmits, after this hook's tc filters, so it hides nothing from the agent's classifier here: no concern on this hook.`;
  }
  const codes = p.verdict.returnCodes;
  if (codes !== null && codes.every((c) => (c | 0) === -1)) {
    return `${cap(who(p))} is a ${p.attach} program that always returns NEXT, so the walk continues to the agent: no concern.`;
  }
  // Another value stops the tcx/netkit chain (the programs after it in that chain do not run)
  // but is read as NEXT: the legacy walk, and the agent, still see the packet.
  const on = p.attach === 'netkit' ? "this hook's tcx programs and legacy filters" : 'the legacy filters';
  return `${cap(who(p))} is a ${p.attach} program that never ends the walk: what it returns hands the packet on to ${on} (a value other than -1 skips the ${p.attach} programs after it), so the agent still sees it: no concern.`;
}

/** What the program returns, as far as the codes say (PIPE 3 continues too, as UNSPEC). */
function returns(codes: readonly number[] | null): string {
  if (codes === null) return 'what it returns continues the walk';
  if (codes.every((c) => (c | 0) === -1)) return 'returns TC_ACT_UNSPEC';
  return `returns ${codes.join(', ')}, values that continue the walk`;
}


export default defineRule({
  id: 'passthrough-classifier',
  severity: 'info',
  title: 'A classifier that always passes packets on',
  check(analysis) {
    const out: FindingDraft[] = [];
    for (const h of allHooks(analysis)) {
      for (const p of foreignTcx(h)) {
        if (p.verdict.terminal !== 'never') continue;
        out.push({ ...aboutTcx(h, p), message: tcxPassMessage(h, p), remediation: null });
      }
      for (const f of foreignBpf(h)) {
        if (f.verdict.terminal !== 'never') continue;
        // A verdict the knowledge base gives for a version range the input does not confirm,
        // where the other versions end the walk: a warning that says how to confirm it.
        const range = unconfirmedRange(f.verdict);
        const caveat = range === null ? '' : ` (the knowledge base says so for versions ${range}; --cni-version confirms it for this node)`;
        const older = range === null ? null : endingOtherwise(f.vendor.id);
        const risky = older !== null;
        out.push({
          ...aboutFilter(h, f),
          ...(risky ? { severity: 'warning' as const } : {}),
          message: `${cap(who(f))} at pref ${f.filter.pref ?? '?'} never ends the walk (${returns(f.verdict.returnCodes)}), so the agent still sees every packet: no concern${caveat}.${risky ? ` Other versions ${older.terminal === 'always' ? 'end' : 'may end'} the walk (${older.note}): this answer holds only if the node runs a version the knowledge base covers.` : ''}`,
          remediation: risky ? `confirm the version with --cni-version (e.g. ${f.vendor.id}:X.Y.Z), or run a live audit, which reads the program's bytecode` : null,
        });
      }
    }
    return out;
  },
});
