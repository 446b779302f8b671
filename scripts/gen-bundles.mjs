#!/usr/bin/env node
// Generates synthetic tc-audit bundles for the fleet benchmark and tests.
//   node scripts/gen-bundles.mjs OUTDIR [--nodes 5000] [--devices 200] [--duplicates 0]
// Every node has eth0 plus (devices - 1) lxc veths in the host namespace, each with
// clsact ingress and egress. Nodes cycle through a few variants so the fleet has a handful
// of distinct chain shapes; program ids and names differ per node and device (as on real
// nodes) while tags (instruction hashes) are shared per variant, as with one vendor build.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Variant names in cycle order; see filtersFor (which also knows 'cilium-pref5'). */
export const VARIANTS = ['agent-first', 'cilium-pref1', 'agent-first-v6', 'tcx-terminal'];

const TAG = { cilium: 'a1b2c3d4e5f60718', ddIn: '0f1e2d3c4b5a6978', ddEg: '1f1e2d3c4b5a6978', tcx: '9a8b7c6d5e4f3021' };

function bpf(pref, handle, tcName, progId, progName, tag) {
  return {
    pref, protocol: 'all', chain: 0, kind: 'bpf', handle, directAction: true, flags: ['not_in_hw'],
    tcName, program: { id: progId, name: progName, tag }, classid: null, actions: [], source: null,
  };
}

function filtersFor(variant, dev, ifindex, base) {
  const dd = (dir, pid) =>
    bpf(10, '0x2', `classifier_${dir}_security_classifier_${dir}_${ifindex}_4026531840_${pid}`, base + (dir === 'ingress' ? 1 : 2),
      dir === 'ingress' ? 'classifier_ingr' : 'classifier_egre', dir === 'ingress' ? TAG.ddIn : TAG.ddEg);
  const cilPref = { 'cilium-pref1': 1, 'cilium-pref5': 5 }[variant] ?? 20;
  const cil = bpf(cilPref, '0x1', `cil_from_container-${dev}`, base + 3, 'cil_from_contai', TAG.cilium);
  const ingress = cilPref < 10 ? [cil, dd('ingress', 4242)] : [dd('ingress', 4242), cil];
  if (variant === 'agent-first-v6') ingress.push({ ...cil, pref: 30, protocol: 'ipv6', handle: '0x3' });
  const tcx = variant === 'tcx-terminal' && dev.startsWith('lxc')
    ? [{ attach: 'tcx', program: { id: base + 5, name: 'cil_from_container', tag: TAG.tcx }, linkId: base + 6, source: null }]
    : [];
  return [
    { direction: 'ingress', legacy: ingress, legacyPrefsKnown: true, tcx },
    { direction: 'egress', legacy: [dd('egress', 4242)], legacyPrefsKnown: true, tcx: [] },
  ];
}

function programs(base) {
  const p = (off, name, tag) => ({ id: base + off, type: 'sched_cls', name, tag, mapIds: [], xlated: null });
  return [p(1, 'classifier_ingr', TAG.ddIn), p(2, 'classifier_egre', TAG.ddEg), p(3, 'cil_from_contai', TAG.cilium), p(5, 'cil_from_container', TAG.tcx)];
}

/** One bundle object. `index` picks the node name and variant unless overridden. */
export function makeBundle(index, { devices = 200, variant, name, createdAt } = {}) {
  const v = variant ?? VARIANTS[index % VARIANTS.length];
  const base = 1000 + (index % 97) * 10; // ids vary by node; shapes must not
  const devs = [];
  for (let d = 0; d < devices; d++) {
    const dev = d === 0 ? 'eth0' : `lxc${(index * 7919 + d).toString(16).padStart(6, '0')}`;
    devs.push({ name: dev, ifindex: d + 2, linkKind: d === 0 ? null : 'veth', hooks: filtersFor(v, dev, d + 2, base) });
  }
  return {
    bundleVersion: 1,
    node: { name: name ?? `node-${String(index).padStart(5, '0')}` },
    createdAt: createdAt ?? new Date(Date.UTC(2026, 0, 1, 0, 0, index % 60)).toISOString(),
    tool: { name: 'tc-audit', version: '0.1.0' },
    redacted: false,
    snapshot: {
      name: name ?? `node-${String(index).padStart(5, '0')}`,
      versions: { kernel: '6.8.0', iproute2: '6.1.0', bpftool: '7.5.0' },
      tcxVisible: true,
      netns: [{ id: 'host', inode: 4026531840, path: null, owner: null, devices: devs }],
      programs: programs(base),
      progArrays: [],
    },
    evidence: [{ argv: ['tc', '-j', 'filter', 'show', 'dev', 'eth0', 'ingress'], netns: null, exitCode: 0, stdout: '[]', stderr: '', durationMs: 1 }],
    notes: [],
  };
}

/** Writes `nodes` bundles (plus `duplicates` re-collections of the first nodes) to dir. */
export function generate(dir, { nodes = 5000, devices = 200, duplicates = 0 } = {}) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < nodes; i++) writeFileSync(join(dir, `node-${String(i).padStart(5, '0')}.json`), JSON.stringify(makeBundle(i, { devices })));
  for (let i = 0; i < duplicates; i++) {
    const again = makeBundle(i, { devices, createdAt: new Date(Date.UTC(2026, 0, 2)).toISOString() });
    writeFileSync(join(dir, `zz-again-${String(i).padStart(5, '0')}.json`), JSON.stringify(again));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, ...rest] = process.argv.slice(2);
  const usage = 'usage: gen-bundles.mjs OUTDIR [--nodes N] [--devices N] [--duplicates N]';
  // (No directory named --help: it would be written 5,000 bundles into.)
  if (!dir || dir.startsWith('-')) {
    console.error(usage);
    process.exit(dir === '--help' || dir === '-h' ? 0 : 2);
  }
  const opt = {};
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i].replace(/^--/, '');
    const n = Number(rest[i + 1]);
    if (!['nodes', 'devices', 'duplicates'].includes(key) || !Number.isInteger(n) || n < 0) {
      console.error(`gen-bundles.mjs: ${rest[i]} ${rest[i + 1] ?? ''}: expected --nodes, --devices or --duplicates and a whole number\n${usage}`);
      process.exit(2);
    }
    opt[key] = n;
  }
  generate(dir, opt);
  console.error(`wrote ${opt.nodes ?? 5000} bundles to ${dir}`);
}
