// A two-namespace rig for kernel-truth tests: v0 in namespace A (the hook under test),
// its peer v1 in namespace B (the sender). Static neighbours on both sides and no
// link-local addresses, so the only packets reaching v0 ingress are the ones we send
// (no ARP, no neighbour discovery, no DAD, no router solicitations).
import { execFileSync } from 'node:child_process';
import type { Direction } from '../../src/model/snapshot.js';
import { createNetns, deleteNetns, inNs, run } from '../helpers/netns.js';
import { attachTcx, BPF_TRUTH, detachAllTcx } from './liveHelpers.js';

export interface Rig {
  a: string;
  b: string;
  close(): void;
}

const mac = (ns: string, dev: string): string =>
  (JSON.parse(inNs(ns, 'ip', ['-j', 'link', 'show', dev])) as Array<{ address: string }>)[0]!.address;

export function createRig(prefix: string): Rig {
  const a = createNetns(`${prefix}a`);
  const b = createNetns(`${prefix}b`);
  inNs(a, 'ip', ['link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1', 'netns', `/var/run/netns/${b}`]);
  for (const [ns, dev, v4, v6] of [[a, 'v0', '10.77.0.1/24', 'fd77::1/64'], [b, 'v1', '10.77.0.2/24', 'fd77::2/64']] as const) {
    inNs(ns, 'sysctl', ['-qw', `net.ipv6.conf.${dev}.router_solicitations=0`, `net.ipv6.conf.${dev}.mldv2_unsolicited_report_interval=1`, `net.ipv6.conf.${dev}.mldv1_unsolicited_report_interval=1`]);
    inNs(ns, 'ip', ['link', 'set', dev, 'addrgenmode', 'none']);
    inNs(ns, 'ip', ['addr', 'add', v4, 'dev', dev]);
    inNs(ns, 'ip', ['-6', 'addr', 'add', v6, 'dev', dev, 'nodad']);
    inNs(ns, 'ip', ['link', 'set', dev, 'up']);
  }
  const m0 = mac(a, 'v0');
  const m1 = mac(b, 'v1');
  inNs(b, 'ip', ['neigh', 'replace', '10.77.0.1', 'lladdr', m0, 'dev', 'v1', 'nud', 'permanent']);
  inNs(b, 'ip', ['-6', 'neigh', 'replace', 'fd77::1', 'lladdr', m0, 'dev', 'v1', 'nud', 'permanent']);
  inNs(a, 'ip', ['neigh', 'replace', '10.77.0.2', 'lladdr', m1, 'dev', 'v0', 'nud', 'permanent']);
  inNs(a, 'ip', ['-6', 'neigh', 'replace', 'fd77::2', 'lladdr', m1, 'dev', 'v0', 'nud', 'permanent']);
  // Let the MLD reports for the new addresses go by before any program is attached.
  execFileSync('sleep', ['0.3']);
  return { a, b, close: () => { deleteNetns(a); deleteNetns(b); } };
}

const SEND = `const [fam, addr, n] = process.argv.slice(1); const s = require('dgram').createSocket(fam);
let i = 0; const go = () => s.send('tc-audit truth', 9, addr, () => (++i < Number(n) ? go() : s.close())); go();`;

/** n UDP datagrams from B to A's v0 (a node dgram socket; there is no ping here). */
export function send(rig: Rig, family: 'ipv4' | 'ipv6', n = 3): void {
  inNs(rig.b, process.execPath, ['-e', SEND, family === 'ipv4' ? 'udp4' : 'udp6', family === 'ipv4' ? '10.77.0.1' : 'fd77::1', String(n)]);
  execFileSync('sleep', ['0.02']); // veth delivers through the backlog softirq; let it run
}

/** n UDP datagrams from A's v0 out to B (v0 egress). */
export function sendOut(rig: Rig, family: 'ipv4' | 'ipv6', n = 3): void {
  inNs(rig.a, process.execPath, ['-e', SEND, family === 'ipv4' ? 'udp4' : 'udp6', family === 'ipv4' ? '10.77.0.2' : 'fd77::2', String(n)]);
  execFileSync('sleep', ['0.02']);
}

export interface LegacySpec {
  pref: number;
  protocol: 'all' | 'ip' | 'ipv6';
  prog: string;
}

/** Fresh clsact and tcx on v0 ingress, then the filters in the given add order. */
export function installChain(rig: Rig, legacy: readonly LegacySpec[], tcx: readonly string[], direction: Direction = 'ingress'): void {
  try {
    inNs(rig.a, 'tc', ['qdisc', 'del', 'dev', 'v0', 'clsact']);
  } catch {
    // none yet
  }
  detachAllTcx(rig.a, 'v0', direction);
  inNs(rig.a, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
  for (const f of legacy) {
    const classic = f.prog.startsWith('t_cl_');
    inNs(rig.a, 'tc', ['filter', 'add', 'dev', 'v0', direction, 'protocol', f.protocol, 'pref', String(f.pref), 'bpf',
      ...(classic ? [] : ['da']), 'obj', `${BPF_TRUTH}/${f.prog}.o`, 'sec', classic ? 'classifier' : 'tc',
      ...(classic ? ['classid', 'ffff:1'] : [])]);
  }
  for (const t of tcx) attachTcx(rig.a, 'v0', t, direction);
}

/** run_cnt of every program (kernel.bpf_stats_enabled=1 from test/globalSetup.ts). */
export function runCounts(): Map<number, number> {
  const all = JSON.parse(run('bpftool', ['-j', 'prog', 'show'])) as Array<{ id: number; run_cnt?: number }>;
  return new Map(all.map((p) => [p.id, p.run_cnt ?? 0]));
}
