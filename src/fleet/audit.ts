// Audits the representatives of the shapes still in use, one synthetic node per origin
// bundle, and maps each analysed hook back to its shape index (the cluster answer's hooks;
// a group's findings come from its own audit, src/fleet/analyze.ts).
import type { AgentSettings } from '../agent/types.js';
import type { Assumptions, AuditFn } from '../analyze/contracts.js';
import type { AnalyzedHook } from '../model/analysis.js';
import type { ParseError } from '../parse/types.js';
import { locationKey, representativeSnapshots, type Representative } from './represent.js';

export interface ShapeAnalysis {
  hooks: Map<number, AnalyzedHook>;
  errors: ParseError[];
}

export function auditRepresentatives(
  reps: Representative[],
  audit: AuditFn,
  agent: AgentSettings,
  assume: Assumptions,
): ShapeAnalysis {
  const out: ShapeAnalysis = { hooks: new Map(), errors: [] };
  const byOrigin = new Map<number, Representative[]>();
  for (const r of reps) {
    const list = byOrigin.get(r.origin);
    if (list) list.push(r);
    else byOrigin.set(r.origin, [r]);
  }
  for (const group of byOrigin.values()) {
    const where = new Map<string, number>();
    for (const r of group) where.set(locationKey(null, r.netns.id, r.device.name, r.device.hooks[0]?.direction ?? null), r.index);
    const result = audit(representativeSnapshots(group), {
      agent, mode: 'offline', assume, errors: [], notes: [], inputs: [`fleet representatives of ${group[0]?.nodeName ?? '?'}`],
    });
    for (const node of result.analysis.nodes) {
      for (const h of node.hooks) {
        const idx = where.get(locationKey(null, h.netns, h.device, h.direction));
        if (idx !== undefined) out.hooks.set(idx, h);
      }
    }
    for (const r of group) {
      if (!out.hooks.has(r.index)) {
        out.errors.push({ file: `node ${r.nodeName}`, line: null, message: `audit returned no hook for ${r.netns.id}/${r.device.name ?? '?'} (shape ${r.index}); left out of the fleet answer` });
      }
    }
  }
  return out;
}
