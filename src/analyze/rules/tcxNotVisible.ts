// tcx programs never appear in `tc filter show` (iproute2 has no tcx code); only bpftool
// >= 7.3 lists them. A kernel >= 6.6 audited without it may hide a program that runs before
// every classifier, so "keep" cannot be proven.
import { defineRule, type FindingDraft } from './types.js';
import { nodeLocation } from './util/where.js';
import { bpftoolListsTcx } from '../../model/toolVersions.js';


export default defineRule({
  id: 'tcx-not-visible',
  severity: 'warning',
  title: 'tcx attachments could not be observed',
  check(analysis, ctx) {
    const out: FindingDraft[] = [];
    for (const n of analysis.nodes) {
      const base = { ...nodeLocation(n), filter: null, source: null };
      if (n.tcxVisible === false) {
        const offline = ctx.mode === 'offline';
        out.push(bpftoolListsTcx(n.versions.bpftool) ? {
          // A capable bpftool whose listing failed, timed out, or is not in the input.
          ...base,
          message: offline
            ? `tcx attachments are unknown for some hooks on this node: the input holds no bpftool net listing of their namespaces (a capture without one, or a bundle whose listing failed or timed out: its notes say which), and its kernel ${n.versions.kernel ?? '>= 6.6'} has tcx; a tcx program there would run before every classifier, so the recommendation cannot be keep.`
            : `tcx attachments could not be listed for some hooks on this node: bpftool -j net show failed or timed out in their namespaces (the notes say which); a tcx program there would run before every classifier, so the recommendation cannot be keep.`,
          remediation: offline
            ? 're-run `tc-audit collect` (with a larger --timeout when its notes say bpftool timed out), or capture `bpftool -j net show` in every network namespace along with the tc output (docs/capture.sh does when bpftool is installed)'
            : 're-run the audit (with a larger --timeout when the notes say bpftool timed out)',
        } : {
          ...base,
          message: `tcx attachments are not visible on this node (kernel ${n.versions.kernel ?? '>= 6.6'}, bpftool ${n.versions.bpftool ?? 'missing or not answering'} cannot list them); a tcx program would run before every classifier, so the recommendation cannot be keep.`,
          remediation: ctx.mode === 'offline'
            ? 'install bpftool 7.3 or later on the node (or in the tc-audit image) and collect or capture again'
            : 'install bpftool 7.3 or later on the node (or in the tc-audit image) and re-run the audit; when the notes say its version probe timed out, re-run with a larger --timeout',
        });
        continue;
      }
      // Offline only: live collection runs bpftool itself. One note per node, not per
      // hook: the cause is the input, not any one device.
      if (ctx.mode !== 'offline') continue;
      const blind = n.hooks.filter((h) => h.tcx === null).length;
      if (blind === 0) continue;
      out.push({
        ...base,
        severity: 'info',
        message: 'The input has no bpftool net output for some hooks; reachability assumes no tcx programs run there.',
        remediation: 'capture `bpftool -j net show` (bpftool >= 7.3) alongside the tc output for every network namespace',
      });
    }
    return out;
  },
});
