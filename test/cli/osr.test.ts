// src/cli/osr.ts: the bin runs text dumps without on-stack replacement and turns it back on
// once a bundle (the one offline input that carries bytecode) is read. Observed through V8's
// own --trace-osr lines, in the bin as users run it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generate as genCapture } from '../../scripts/gen-dump.mjs';
import { exit, jK, ldxW, movK, prog } from '../analyze/bytecode/asm.js';
import { sampleBundle } from '../parse/fixtures.js';
import { bpf } from '../helpers/snapshotBuilders.js';
import { CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tcat-osr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const capture = join(dir, 'node.capture');
writeFileSync(capture, genCapture(2000).text);

// A bundle whose one filter runs a 100,000-instruction program: its walk is one long loop.
const bundle = join(dir, 'node.json');
const b = sampleBundle();
const body = Array.from({ length: 25_000 }, () => [ldxW(2, 1, 0), jK(0x20, 2, 100, 1), movK(0, 0), movK(0, 2)]).flat();
b.snapshot.programs = [{ ...prog([...body, exit()]), name: 'bench' }] as never;
b.snapshot.netns[0]!.devices[0]!.hooks[0]!.legacy = [bpf(5, 'bench.o:[tc]', { program: { id: 1, name: 'bench', tag: null } })] as never;
writeFileSync(bundle, JSON.stringify(b));

/** Functions V8 began to compile on the stack, by name. */
function osrCompiles(...paths: string[]): string[] {
  const r = spawnSync(process.execPath, ['--trace-osr', CLI, 'analyze', ...paths], { encoding: 'utf8', maxBuffer: 1 << 28 });
  expect(r.status === 0 || r.status === 1, r.stderr).toBe(true);
  return [...r.stdout.matchAll(/\[OSR - compilation started\. function: ([^,]+),/g)].map((m) => m[1]!);
}

// With V8's default this capture has 7 functions compiled on the stack (seen on the bin
// before src/cli/osr.ts).
it('compiles nothing on the stack for a 2,000-device capture', () => {
  expect(osrCompiles(capture)).toEqual([]);
});

it('turns OSR back on once a bundle with bytecode is read, for the walk that follows', () => {
  expect(osrCompiles(capture, bundle).length).toBeGreaterThan(0);
});
