// Shared bits of the live tests: program objects, tcx attach, default collection options.
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import type { LiveOptions } from '../../src/collect/live.js';
import { inNs, run } from '../helpers/netns.js';

export const BPF_TRUTH = fileURLToPath(new URL('../../bpf/truth', import.meta.url));

/** Appends a tcx program (load pinned, attach in the namespace, unpin: the link keeps it). */
export function attachTcx(ns: string, dev: string, prog: string, direction: 'ingress' | 'egress' = 'ingress'): void {
  const pin = `/sys/fs/bpf/tcat-${process.pid}-${randomBytes(4).toString('hex')}`;
  run('bpftool', ['prog', 'load', `${BPF_TRUTH}/${prog}.o`, pin, 'type', `tcx/${direction}`]);
  try {
    inNs(ns, 'bpftool', ['net', 'attach', `tcx_${direction}`, 'pinned', pin, 'dev', dev]);
  } finally {
    rmSync(pin, { force: true });
  }
}

/** Detaches every tcx program of a hook (bpftool detaches one per call). */
export function detachAllTcx(ns: string, dev: string, direction: 'ingress' | 'egress' = 'ingress'): void {
  for (let i = 0; i < 64; i++) {
    try {
      inNs(ns, 'bpftool', ['net', 'detach', `tcx_${direction}`, 'dev', dev]);
    } catch {
      return;
    }
  }
}

export function liveOptions(netns: string[]): LiveOptions {
  return {
    hostOnly: false, netns, netnsPaths: [], interfaces: [], timeoutMs: 10_000, jobs: 4,
    nodeName: 'test-node', instructions: true,
  };
}
