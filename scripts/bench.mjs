#!/usr/bin/env node
// Runs every scripts/bench/*.mjs (each exports `default async function bench()` returning
// { name, metrics: [{ label, value, unit, target }] }) and prints one table. Figures are
// measured here, in one run, against named baselines; nothing in the test suite is timed.
// `npm run bench -- parse analyze` runs only the named benches.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.mjs$/, '')))
  .sort();

let failures = 0;
for (const f of files) {
  const started = Date.now();
  try {
    const mod = await import(pathToFileURL(join(dir, f)).href);
    const res = await mod.default();
    console.log(`\n## ${res.name}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    for (const m of res.metrics) {
      const ok = m.ok === undefined ? '' : m.ok ? '  ok' : '  MISSED';
      if (m.ok === false) failures++;
      console.log(`  ${m.label.padEnd(58)} ${String(m.value).padStart(10)} ${m.unit.padEnd(6)} target ${m.target}${ok}`);
    }
  } catch (e) {
    failures++;
    console.log(`\n## ${f}: failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
console.log(`\n${failures === 0 ? 'all targets met' : `${failures} target(s) missed or bench(es) failed`}`);
process.exitCode = failures === 0 ? 0 : 1;
