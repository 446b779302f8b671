// Details of the programs the hooks reference: one global `bpftool -j prog show`.
// (Programs are global objects; no namespace needs entering for this.)
import type { Netns, ProgArray, ProgramInfo } from '../model/snapshot.js';
import { parseProgShow } from './programs.js';
import { succeeded, type Recorder } from './record.js';

export function referencedProgramIds(netns: readonly Netns[]): Set<number> {
  const ids = new Set<number>();
  for (const ns of netns) {
    for (const d of ns.devices) {
      for (const h of d.hooks) {
        for (const f of h.legacy ?? []) if (f.program?.id != null) ids.add(f.program.id);
        for (const t of h.tcx ?? []) if (t.program.id != null) ids.add(t.program.id);
      }
    }
  }
  return ids;
}

export async function collectPrograms(rec: Recorder, netns: readonly Netns[], _instructions: boolean): Promise<{
  programs: ProgramInfo[]; progArrays: ProgArray[];
}> {
  const wanted = referencedProgramIds(netns);
  if (wanted.size === 0) return { programs: [], progArrays: [] };
  const r = await rec.run({ argv: ['bpftool', '-j', 'prog', 'show'], ns: null });
  if (!succeeded(r)) {
    if (!r.timedOut) rec.note('command-failed', null, null, `bpftool -j prog show failed: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
    return { programs: [], progArrays: [] };
  }
  const parsed = parseProgShow(r.stdout);
  if (parsed.error) rec.note('parse-error', null, null, parsed.error);
  const programs = parsed.programs.filter((p) => wanted.has(p.id));
  return { programs, progArrays: [] };
}
