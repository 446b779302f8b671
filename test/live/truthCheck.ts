// Compares every `reaches` claim tc-audit makes for v0 ingress with the kernel's own run
// counters: claim true => the program ran for that traffic class, false => it did not.
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import { collectLive } from '../../src/collect/live.js';
import { auditCollection } from '../../src/collect/liveAudit.js';
import { ProcessRunner } from '../../src/collect/runner.js';
import type { AnalyzedHook, Reach } from '../../src/model/analysis.js';
import { liveOptions } from './liveHelpers.js';
import { runCounts, send, type Rig } from './truthRig.js';

export interface Claim {
  label: string;
  progId: number;
  reaches: Reach;
}

export interface TruthReport {
  claims: Claim[];
  /** Kernel counter deltas per program for each class sent alone. */
  ran: { ipv4: Map<number, number>; ipv6: Map<number, number> };
  mismatches: string[];
  /** Claims tc-audit left open (null): not wrong, but counted so a test can see coverage. */
  unknown: number;
  hook: AnalyzedHook;
}

export async function auditHook(rig: Rig): Promise<AnalyzedHook> {
  const c = await collectLive(new ProcessRunner(), { ...liveOptions([rig.a]), interfaces: ['v0'] });
  const result = auditCollection(c, defaultAgentSettings(), {});
  const hook = result.analysis.nodes[0]?.hooks.find((h) => h.device === 'v0' && h.direction === 'ingress');
  if (!hook) throw new Error(`tc-audit did not report v0 ingress: ${JSON.stringify(result.notes)}`);
  return hook;
}

export async function checkTruth(rig: Rig): Promise<TruthReport> {
  const hook = await auditHook(rig);
  const claims: Claim[] = [
    ...(hook.tcx ?? []).map((t, i) => ({ label: `tcx#${i} ${t.program.name}`, progId: t.program.id!, reaches: t.reaches })),
    // Only programs have run counters: u32 keys and other classifiers are judged through the
    // programs after them.
    ...(hook.filters ?? []).filter((f) => f.filter.program?.id != null)
      .map((f) => ({ label: `pref ${f.filter.pref} ${f.filter.protocol} ${f.filter.handle} ${f.filter.program?.name}`, progId: f.filter.program!.id!, reaches: f.reaches })),
  ];
  const deltas = (before: Map<number, number>, after: Map<number, number>) =>
    new Map(claims.map((c) => [c.progId, (after.get(c.progId) ?? 0) - (before.get(c.progId) ?? 0)]));
  const c0 = runCounts();
  send(rig, 'ipv4');
  const c1 = runCounts();
  send(rig, 'ipv6');
  const c2 = runCounts();
  const ran = { ipv4: deltas(c0, c1), ipv6: deltas(c1, c2) };
  const mismatches: string[] = [];
  let unknown = 0;
  for (const c of claims) {
    for (const cls of ['ipv4', 'ipv6'] as const) {
      const claim = c.reaches[cls];
      const n = ran[cls].get(c.progId) ?? 0;
      if (claim === null) unknown++;
      else if (claim !== n > 0) mismatches.push(`${c.label}: tc-audit says ${cls} reaches=${claim}, kernel ran it ${n} times`);
    }
  }
  return { claims, ran, mismatches, unknown, hook };
}
