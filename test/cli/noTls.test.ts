// The bin drops NODE_EXTRA_CA_CERTS before node starts (scripts/bundle.mjs LAUNCHER), which
// is only right while tc-audit opens no TLS connection: no TLS module, no fetch, in the
// sources or in the bundle (dependencies stay external; none that tc-audit calls connects).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TLS = /\b(?:from\s*|import\s*\(\s*|require\s*\(\s*)["'](?:node:)?(?:tls|https|http2)["']|\bfetch\s*\(/;

const files = (dir: string, ext: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(ext)).map((f) => join(dir, f));

it('no source opens TLS: no tls, https or http2 module, no fetch', () => {
  const hits = files(join(ROOT, 'src'), '.ts').filter((f) => TLS.test(readFileSync(f, 'utf8')));
  expect(hits).toEqual([]);
});

it('nor does the shipped bundle', () => {
  const bundle = join(CLI, '..');
  const hits = files(bundle, '.js').filter((f) => TLS.test(readFileSync(f, 'utf8')));
  expect(hits).toEqual([]);
  // The pattern does find what it looks for in minified code.
  expect(TLS.test('import{connect as a}from"node:tls";')).toBe(true);
  expect(TLS.test('const r=await fetch(u)')).toBe(true);
});
