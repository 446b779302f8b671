// Re-reads what events pointed at: single hooks, a namespace's tcx lists, and details of
// programs the snapshot does not know yet. Returns the hook keys that changed.
import { mapLimit } from '../collect/pool.js';
import { collectPrograms } from '../collect/programDetails.js';
import { Recorder } from '../collect/record.js';
import type { NsTarget, Runner } from '../collect/runner.js';
import type { Direction, Netns, NodeSnapshot } from '../model/snapshot.js';
import { collectHookFilters, pollTcx } from './hookCollect.js';
import { hookKey, missingProgramIds, refreshPrograms, removeDevice, setLegacy, setTcx } from './state.js';
import { append } from '../arrays.js';

export interface PendingHook { ns: string; device: string; direction: Direction }

export interface RefreshCtx {
  runner: Runner;
  snap: NodeSnapshot;
  target: (nsId: string) => NsTarget | undefined;
  timeoutMs: number;
  bpftool: boolean;
  /** bpftool's listing can show tcx (>= 7.3, or a kernel without tcx): only then is an
   *  empty listing "none", not "cannot be seen" (a hook's tcx stays null otherwise). */
  listsTcx: boolean;
  instructions: boolean;
  onError: (h: PendingHook, message: string) => void;
  /** A count that rises with each device deletion seen, and whether this device was deleted
   *  after a given count: a read that was under way when its device went must not put the
   *  device back (a ghost hook, never removed again). */
  epoch?: () => number;
  /** Devices in scope (-i): the tcx listing names every device with an attachment. */
  inScope?: (device: string) => boolean;
  deletedSince?: (ns: string, device: string, epoch: number) => boolean;
}

export async function refreshHooks(c: RefreshCtx, hooks: PendingHook[], tcxNs: string[]): Promise<string[]> {
  const changed: string[] = [];
  await mapLimit(hooks, 4, async (h) => {
    const target = c.target(h.ns);
    if (!target) return;
    const started = c.epoch?.() ?? 0;
    const r = await collectHookFilters(c.runner, target, h.device, h.direction, c.timeoutMs);
    if (c.deletedSince?.(h.ns, h.device, started)) return;
    if ('device' in r) {
      if (removeDevice(c.snap, h.ns, h.device)) changed.push(hookKey(h.ns, h.device, null));
    } else if ('filters' in r) {
      setLegacy(c.snap, h.ns, h.device, h.direction, r.filters);
      changed.push(hookKey(h.ns, h.device, h.direction));
    } else c.onError(h, r.error);
  });
  if (c.bpftool && c.listsTcx) {
    await mapLimit(tcxNs, 4, async (id) => {
      const target = c.target(id);
      const t = target ? await pollTcx(c.runner, target, c.timeoutMs) : null;
      if (t && c.inScope) for (const name of [...t.keys()]) if (!c.inScope(name)) t.delete(name);
      if (t) append(changed, setTcx(c.snap, id, t));
    });
  }
  await refreshProgramDetails(c);
  return changed;
}

async function refreshProgramDetails(c: RefreshCtx): Promise<void> {
  const missing = missingProgramIds(c.snap);
  if (missing.length === 0 || !c.bpftool) {
    refreshPrograms(c.snap, [], []);
    return;
  }
  // collectPrograms looks for ids referenced by hooks: hand it a carrier hook of them.
  const carrier: Netns[] = [{ id: 'wanted', inode: null, path: null, owner: null, devices: [{ name: null, ifindex: null, linkKind: null,
    hooks: [{ direction: null, legacyPrefsKnown: false, legacy: null, tcx: missing.map((id) => ({ attach: 'tcx' as const, program: { id, name: null, tag: null }, linkId: null, source: null })) }] }] }];
  const got = await collectPrograms(new Recorder(c.runner, c.timeoutMs), carrier, c.instructions, 2);
  refreshPrograms(c.snap, got.programs, got.progArrays);
}
