// Privilege check before any collection: an unprivileged run must fail fast (exit 2) and
// say exactly which capabilities are missing, instead of producing an empty audit.
import { readFileSync } from 'node:fs';

const CAP = { SYS_PTRACE: 19, SYS_ADMIN: 21, NET_ADMIN: 12, PERFMON: 38, BPF: 39 } as const;

/** Effective capability mask from /proc/self/status; null when it cannot be read. */
export function readEffectiveCaps(status?: string): bigint | null {
  let text = status;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/status', 'utf8');
    } catch {
      return null;
    }
  }
  const m = /^CapEff:\s*([0-9a-f]+)$/m.exec(text);
  return m ? BigInt(`0x${m[1]}`) : null;
}

const has = (mask: bigint, cap: number): boolean => ((mask >> BigInt(cap)) & 1n) === 1n;

/** What is missing for a live audit, as human sentences; empty = good to go.
 *  `otherNamespaces`: the scope includes namespaces other than our own. */
export function missingCapabilities(mask: bigint | null, otherNamespaces: boolean): string[] {
  if (mask === null) return [];
  const missing: string[] = [];
  if (!has(mask, CAP.NET_ADMIN)) missing.push('CAP_NET_ADMIN (tc and ip netlink dumps)');
  if (!has(mask, CAP.SYS_ADMIN) && !(has(mask, CAP.BPF) && has(mask, CAP.PERFMON))) {
    missing.push('CAP_SYS_ADMIN, or CAP_BPF and CAP_PERFMON (bpftool program details)');
  }
  if (otherNamespaces && !has(mask, CAP.SYS_ADMIN)) {
    missing.push('CAP_SYS_ADMIN (nsenter into other network namespaces)');
  }
  if (otherNamespaces && !has(mask, CAP.SYS_PTRACE) && !has(mask, CAP.SYS_ADMIN)) {
    missing.push('CAP_SYS_PTRACE (read /proc/<pid>/ns/net of other processes)');
  }
  return missing;
}

export function privilegeMessage(missing: string[]): string {
  return [
    'tc-audit: a live audit needs root privileges; missing:',
    ...missing.map((m) => `  - ${m}`),
    'Run it as root (e.g. sudo tc-audit), or in a privileged pod with hostNetwork and hostPID,',
    'or audit offline from saved dumps: tc-audit analyze FILE...',
  ].join('\n');
}
