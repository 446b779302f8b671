// The CLI exactly as users run it: the file package.json's `bin` names (the esbuild bundle that
// scripts/bundle.mjs writes), so every test that spawns tc-audit tests what ships.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bundle } from '../../src/model/bundle.js';
import { readBundleJson } from '../../src/model/readBundle.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const bin = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin?: Record<string, string> }).bin?.['tc-audit'];
if (bin === undefined) throw new Error('package.json has no bin.tc-audit');

export const CLI = join(ROOT, bin);

/** For a bare `vitest run` on a fresh checkout (`npm test` builds first): build when the bin
 *  is missing. */
export function ensureBuilt(): void {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}

/** A bundle the CLI wrote (collect -o), read as tc-audit reads it: shared instructions linked
 *  back (Bundle.parse alone refuses them, src/model/readBundle.ts). */
export function bundleOf(text: string): Bundle {
  const r = readBundleJson(JSON.parse(text));
  if (!r.success || r.sharingErrors.length > 0) throw new Error(`not a valid bundle: ${JSON.stringify(r.success ? r.sharingErrors : r.issues.slice(0, 3))}`);
  return r.bundle;
}
