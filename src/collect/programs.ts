// Program details from one global `bpftool -j prog show` (programs are not per namespace).
import { z } from 'zod';
import type { ProgramInfo } from '../model/snapshot.js';

const ProgShow = z.object({
  id: z.number().int(),
  type: z.string().optional(),
  name: z.string().optional(),
  tag: z.string().optional(),
  map_ids: z.array(z.number().int()).optional(),
  run_cnt: z.number().optional(),
}).passthrough();

export function parseProgShow(stdout: string): { programs: ProgramInfo[]; error: string | null } {
  let raw: unknown;
  try {
    raw = JSON.parse(stdout);
  } catch (e) {
    return { programs: [], error: `bpftool -j prog show: not JSON (${(e as Error).message})` };
  }
  // `prog show` prints an array; `prog show id N` a single object.
  const parsed = z.array(ProgShow).safeParse(Array.isArray(raw) ? raw : [raw]);
  if (!parsed.success) return { programs: [], error: `bpftool -j prog show: unexpected shape (${parsed.error.issues[0]?.message ?? ''})` };
  return {
    programs: parsed.data.map((p) => ({
      id: p.id,
      type: p.type ?? null,
      name: p.name ?? null,
      tag: p.tag ?? null,
      mapIds: p.map_ids ?? [],
      xlated: null,
    })),
    error: null,
  };
}

/** Kernel run counter (needs kernel.bpf_stats_enabled=1); null when not reported. */
export function runCount(stdout: string): number | null {
  try {
    const v = ProgShow.safeParse(JSON.parse(stdout));
    return v.success ? (v.data.run_cnt ?? 0) : null;
  } catch {
    return null;
  }
}
