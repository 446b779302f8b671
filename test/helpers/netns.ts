// Throw-away network namespaces for live tests. Names are unique per process and test,
// every namespace is registered for removal, and removal also runs on process exit, so a
// failing test never leaves state behind. Never touches the host's own interfaces.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const created = new Set<string>();

export function run(cmd: string, args: string[], input?: string): string {
  // `bpftool -j prog show` lists every program on the machine: past 1 MB (the default
  // buffer) on a machine that runs many, which is no reason for a test to fail.
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], input, maxBuffer: 256 << 20 });
}

/** Run a command inside a namespace via nsenter (keeps /sys/fs/bpf visible). */
export function inNs(ns: string, cmd: string, args: string[], input?: string): string {
  return run('nsenter', [`--net=/var/run/netns/${ns}`, cmd, ...args], input);
}

export function uniqueName(prefix: string): string {
  // ip netns names end up in /var/run/netns; keep them short and unmistakably ours.
  return `tcat-${prefix}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export function createNetns(prefix: string): string {
  const name = uniqueName(prefix);
  run('ip', ['netns', 'add', name]);
  created.add(name);
  inNs(name, 'ip', ['link', 'set', 'lo', 'up']);
  return name;
}

export function deleteNetns(name: string): void {
  try {
    run('ip', ['netns', 'del', name]);
  } catch {
    // already gone
  }
  created.delete(name);
}

/** A namespace with a veth pair v0<->v1 (both ends inside), addressed for v4 and v6. */
export function createVethNetns(prefix: string): string {
  const ns = createNetns(prefix);
  inNs(ns, 'ip', ['link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1']);
  inNs(ns, 'ip', ['link', 'set', 'v0', 'up']);
  inNs(ns, 'ip', ['link', 'set', 'v1', 'up']);
  return ns;
}

process.on('exit', () => {
  for (const ns of created) {
    try {
      execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
    } catch {
      // best effort on exit
    }
  }
});
