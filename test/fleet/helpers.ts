// Writes generated bundles to a throw-away directory for fleet tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { makeBundle } from '../../scripts/gen-bundles.mjs';

export interface Spec {
  index: number;
  variant?: string;
  name?: string;
  createdAt?: string;
  devices?: number;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** One file per spec, named in spec order; returns the paths. */
export function writeBundles(specs: Spec[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tcat-fleet-'));
  dirs.push(dir);
  return specs.map((s, i) => {
    const path = join(dir, `b${String(i).padStart(5, '0')}.json`);
    writeFileSync(path, JSON.stringify(makeBundle(s.index, { devices: s.devices ?? 6, ...s })));
    return path;
  });
}
