// Tool and kernel versions decide what the collection can see: tc JSON for bpf filters
// needs iproute2 >= 5.8; tcx/netkit listing needs bpftool >= 7.3; tcx exists from 6.6.
import { release } from 'node:os';
import semver from 'semver';
import type { ToolVersions } from '../model/snapshot.js';
import type { Runner } from './runner.js';

export interface Capabilities {
  versions: ToolVersions;
  tcAvailable: boolean;
  ipAvailable: boolean;
  bpftoolAvailable: boolean;
  /** `tc -j filter show` prints bpf options as JSON. */
  tcJson: boolean;
  /** bpftool lists tcx and netkit attachments. */
  bpftoolTcx: boolean;
  /** The kernel can have tcx attachments at all. */
  kernelTcx: boolean;
}

/** "6.18.44-fc-v669" -> "6.18.44"; "5.15.0-91-generic" -> "5.15.0". */
export function coerce(v: string | null): string | null {
  return v === null ? null : (semver.coerce(v)?.version ?? null);
}

const atLeast = (v: string | null, min: string): boolean => {
  // Date-stamped iproute2 ("ss190107") predates 5.x and every feature we test for.
  if (v === null || v.startsWith('ss')) return false;
  const c = coerce(v);
  return c !== null && semver.gte(c, min);
};

export function parseIproute2Version(out: string): string | null {
  // "tc utility, iproute2-6.1.0, libbpf 1.1.2" or older "tc utility, iproute2-ss200127"
  const m = /iproute2-((?:ss)?[0-9][^\s,]*)/.exec(out);
  return m?.[1] ?? null;
}

export function parseBpftoolVersion(out: string): string | null {
  try {
    const v = (JSON.parse(out) as { version?: unknown }).version;
    if (typeof v === 'string') return v;
  } catch {
    // older bpftool without -j version: text form below
  }
  return /bpftool v?([0-9][^\s]*)/.exec(out)?.[1] ?? null;
}

export function capabilitiesFrom(kernel: string | null, iproute2: string | null, bpftool: string | null,
  avail: { tc: boolean; ip: boolean; bpftool: boolean }): Capabilities {
  return {
    versions: { kernel, iproute2, bpftool },
    tcAvailable: avail.tc,
    ipAvailable: avail.ip,
    bpftoolAvailable: avail.bpftool,
    // ss-dated versions (pre-4.x) never have JSON; "6.1.0" etc. compare as semver.
    tcJson: avail.tc && atLeast(iproute2, '5.8.0'),
    bpftoolTcx: avail.bpftool && atLeast(bpftool, '7.3.0'),
    kernelTcx: atLeast(kernel, '6.6.0'),
  };
}

export async function probeCapabilities(runner: Runner, timeoutMs: number): Promise<{
  caps: Capabilities; results: Awaited<ReturnType<Runner['run']>>[];
}> {
  const [tc, ip, bt] = await Promise.all([
    runner.run({ argv: ['tc', '-V'], ns: null, timeoutMs }),
    runner.run({ argv: ['ip', '-V'], ns: null, timeoutMs }),
    runner.run({ argv: ['bpftool', '-j', 'version'], ns: null, timeoutMs }),
  ]);
  const ok = (r: typeof tc): boolean => r.spawnError === null && r.exitCode === 0 && !r.timedOut;
  const caps = capabilitiesFrom(release(), parseIproute2Version(tc.stdout + ip.stdout),
    ok(bt) ? parseBpftoolVersion(bt.stdout) : null, { tc: ok(tc), ip: ok(ip), bpftool: ok(bt) });
  return { caps, results: [tc, ip, bt] };
}
