// What the watcher still has to do, filled by events and timers and emptied by one drain:
// hooks to re-read, namespaces whose tcx lists or whole contents to re-read, a namespace
// rescan, and the hooks whose events must be derived at the next audit.
import type { Direction } from '../model/snapshot.js';
import type { PendingHook } from './refresh.js';
import { hookKey } from './state.js';

export class PendingWork {
  readonly hooks = new Map<string, PendingHook>();
  /** Namespaces whose tcx lists are re-read (bpftool has no events for them). */
  readonly tcx = new Set<string>();
  /** Namespaces re-collected whole (new, or a monitor was down and may have missed events). */
  readonly full = new Set<string>();
  /** hookKeys whose events are derived at the next audit. */
  readonly changed = new Set<string>();
  rescan = false;

  hook(ns: string, device: string, direction: Direction): void {
    this.hooks.set(hookKey(ns, device, direction), { ns, device, direction });
  }

  /** Anything left that another drain must handle (a changed hook needs a re-audit). */
  get any(): boolean {
    return this.hooks.size > 0 || this.tcx.size > 0 || this.changed.size > 0 || this.rescan;
  }

  takeHooks(): PendingHook[] {
    const out = [...this.hooks.values()];
    this.hooks.clear();
    return out;
  }

  takeTcx(): string[] {
    const out = [...this.tcx];
    this.tcx.clear();
    return out;
  }
}
