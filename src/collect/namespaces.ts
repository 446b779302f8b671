// Which network namespaces a live audit covers: the host's, every named one
// (/var/run/netns), and every distinct one held by a running process (/proc/*/ns/net),
// deduplicated by inode. Processes that exit while we look are simply skipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { ownerFromCgroup } from './owner.js';

export interface NsCandidate {
  /** "host", the /var/run/netns name, or "inode:N". */
  id: string;
  inode: number | null;
  /** Paths that enter it, best first (a process may exit: the next pid is tried). */
  paths: string[];
  pids: number[];
  containerId: string | null;
  pod: string | null;
  /** tc-audit runs in it: commands need no nsenter. */
  own: boolean;
}

export interface ScopeOptions {
  hostOnly: boolean;
  /** --netns NAME (repeatable): only these named namespaces (plus --netns-path). */
  netns: string[];
  netnsPaths: string[];
  netnsDir?: string;
  procDir?: string;
}

function inodeOf(path: string): number | null {
  try {
    return Number(statSync(path).ino);
  } catch {
    return null;
  }
}

/** A process's namespace inode; 'denied' when it exists but may not be read (in a container
 *  under a confining AppArmor profile, or without SYS_PTRACE), null when it is gone. */
function processInode(path: string): number | 'denied' | null {
  try {
    return Number(statSync(path).ino);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' ? 'denied' : null;
  }
}

/** Processes whose namespace could not be read: how many, and one of their pids. */
export interface Denied { count: number; example: number | null }

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export function discoverNamespaces(opts: ScopeOptions, denied: Denied = { count: 0, example: null }): NsCandidate[] {
  const proc = opts.procDir ?? '/proc';
  const netnsDir = opts.netnsDir ?? '/var/run/netns';
  const ownInode = inodeOf(`${proc}/self/ns/net`);
  const make = (id: string, inode: number | null, path: string): NsCandidate => ({
    id, inode, paths: [path], pids: [], containerId: null, pod: null, own: inode !== null && inode === ownInode,
  });
  const explicit = opts.netns.length > 0 || opts.netnsPaths.length > 0;
  if (explicit) {
    // One namespace named twice (a name and its /proc/PID/ns/net, or the same name again) is
    // audited once, as the default scope does: its findings would otherwise count twice.
    // (By path when it does not exist yet: watch follows a name before it appears.)
    const out: NsCandidate[] = [];
    const seen = new Map<number | string, NsCandidate>();
    const named: Array<[string, string]> = [...opts.netns.map((n): [string, string] => [n, `${netnsDir}/${n}`]), ...opts.netnsPaths.map((p): [string, string] => [p, p])];
    for (const [id, path] of named) {
      const ino = inodeOf(path);
      const known = seen.get(ino ?? path);
      if (known !== undefined) {
        if (!known.paths.includes(path)) known.paths.push(path);
        continue;
      }
      const c = make(id, ino, path);
      seen.set(ino ?? path, c);
      out.push(c);
    }
    return out;
  }
  // The host namespace is PID 1's; tc-audit itself may run inside a container.
  const host = make('host', inodeOf(`${proc}/1/ns/net`) ?? ownInode, `${proc}/1/ns/net`);
  host.pids.push(1);
  if (opts.hostOnly) return [host];
  const byInode = new Map<number, NsCandidate>();
  if (host.inode !== null) byInode.set(host.inode, host);
  const out = [host];
  for (const name of listDir(netnsDir).sort()) {
    const ino = inodeOf(`${netnsDir}/${name}`);
    if (ino === null || byInode.has(ino)) continue;
    const c = make(name, ino, `${netnsDir}/${name}`);
    byInode.set(ino, c);
    out.push(c);
  }
  for (const entry of listDir(proc)) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const path = `${proc}/${pid}/ns/net`;
    const ino = processInode(path);
    // (PID 1 is the host candidate above, which falls back to tc-audit's own namespace.)
    if (ino === 'denied' && pid !== 1) {
      denied.count++;
      denied.example ??= pid;
      continue;
    }
    if (ino === null || ino === 'denied') continue; // exited
    let c = byInode.get(ino);
    if (!c) {
      c = make(`inode:${ino}`, ino, path);
      byInode.set(ino, c);
      out.push(c);
    } else if (c.pids.length < 16 && !c.pids.includes(pid)) {
      c.paths.push(path);
    }
    if (c.pids.length < 16 && !c.pids.includes(pid)) c.pids.push(pid);
    if (c.id !== 'host' && c.containerId === null) {
      try {
        const o = ownerFromCgroup(readFileSync(`${proc}/${pid}/cgroup`, 'utf8'));
        c.containerId = o.containerId;
        c.pod ??= o.pod;
      } catch {
        // process gone: keep what we have
      }
    }
  }
  return out;
}
