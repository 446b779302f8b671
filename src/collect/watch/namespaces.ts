// Which namespaces the watch follows, kept current: the audit's scope rules
// (discoverNamespaces), re-applied when /var/run/netns changes (fs.watch) and on a
// periodic /proc rescan, since pod namespaces appear without touching /var/run/netns.
import { watch, type FSWatcher } from 'node:fs';
import { discoverNamespaces, type NsCandidate, type ScopeOptions } from '../namespaces.js';
import type { NsTarget } from '../runner.js';

export const targetOf = (c: NsCandidate): NsTarget => ({ label: c.id, path: c.own ? null : (c.paths[0] ?? null) });

export interface NsChanges {
  added: NsCandidate[];
  removed: string[];
}

export class NamespaceTracker {
  private readonly known = new Map<string, NsCandidate>();
  private fsWatcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly scope: ScopeOptions, private readonly onChange: () => void) {}

  /** Candidates that exist now (a named namespace not created yet has no inode). */
  current(): NsCandidate[] {
    return discoverNamespaces(this.scope).filter((c) => c.inode !== null);
  }

  accept(c: NsCandidate): void {
    this.known.set(c.id, c);
  }

  forget(id: string): void {
    this.known.delete(id);
  }

  /** A namespace of the same name with another inode (deleted and made again between two
   *  scans) is the old one removed and a new one added: both are reported. */
  diff(): NsChanges {
    const now = this.current();
    const inodeOf = new Map(now.map((c) => [c.id, c.inode]));
    const replaced = (c: NsCandidate): boolean => this.known.has(c.id) && this.known.get(c.id)!.inode !== c.inode;
    return {
      added: now.filter((c) => !this.known.has(c.id) || replaced(c)),
      removed: [...this.known.keys()].filter((id) => !inodeOf.has(id) || inodeOf.get(id) !== this.known.get(id)!.inode),
    };
  }

  start(rescanMs: number): void {
    const dir = this.scope.netnsDir ?? '/var/run/netns';
    try {
      this.fsWatcher = watch(dir, () => this.onChange());
      this.fsWatcher.on('error', () => undefined);
    } catch {
      // No /var/run/netns (yet): the periodic rescan still finds namespaces.
    }
    this.timer = setInterval(() => this.onChange(), rescanMs);
  }

  stop(): void {
    this.fsWatcher?.close();
    if (this.timer) clearInterval(this.timer);
  }
}
