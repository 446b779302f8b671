// Shared test helpers: recorded fixtures and the published real dumps (header `# ` lines
// stripped, the dump follows the first blank line).
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ParseDefaults } from '../../src/parse/types.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const RECORDED = join(ROOT, 'fixtures/recorded');
export const REAL_DUMPS = resolve(ROOT, '../shared/examples/real-dumps');

export function recorded(name: string): string {
  return readFileSync(join(RECORDED, name), 'utf8');
}

export function realDump(name: string): string {
  const text = readFileSync(join(REAL_DUMPS, name), 'utf8');
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i]?.startsWith('# ')) i++;
  return lines.slice(i).join('\n').replace(/^\n/, '');
}

export function realDumpNames(): string[] {
  return readdirSync(REAL_DUMPS).filter((f) => /^\d+-.*\.txt$/.test(f));
}

export const NO_DEFAULTS: ParseDefaults = { device: null, direction: null, node: null };

/** A minimal valid bundle (src/model/bundle.ts). */
export function sampleBundle(name = 'node-a') {
  return {
    bundleVersion: 1, node: { name }, createdAt: '2026-01-01T00:00:00Z', tool: { name: 'tc-audit', version: '0.1.0' }, redacted: false,
    snapshot: {
      name, versions: { kernel: '6.18', iproute2: '6.1.0', bpftool: '7.5.0' }, tcxVisible: true,
      netns: [{ id: 'host', inode: null, path: null, owner: null, devices: [{ name: 'eth0', ifindex: 2, linkKind: null, hooks: [
        { direction: 'ingress', legacy: [], legacyPrefsKnown: true, tcx: [] },
      ] }] }],
      programs: [{ id: 1, type: 'sched_cls', name: 'p', tag: null, mapIds: [], xlated: null }], progArrays: [],
    },
    evidence: [], notes: [],
  };
}
