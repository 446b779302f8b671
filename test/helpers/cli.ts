// The CLI exactly as users run it: the file package.json's `bin` names (the esbuild bundle that
// scripts/bundle.mjs writes), so every test that spawns tc-audit tests what ships.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const bin = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin?: Record<string, string> }).bin?.['tc-audit'];
if (bin === undefined) throw new Error('package.json has no bin.tc-audit');

export const CLI = join(ROOT, bin);

/** For a bare `vitest run` on a fresh checkout (`npm test` builds first): build when the bin
 *  is missing. */
export function ensureBuilt(): void {
  if (!existsSync(CLI)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
}
