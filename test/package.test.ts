// The package as npm ships it: `npm pack` (what the Dockerfile and `npm install -g` use),
// installed into a throw-away prefix without dev dependencies, and its bin run from another
// directory. Catches a file left out of package.json `files`, a runtime dependency kept in
// devDependencies, and a path that only resolves inside the checkout.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from './helpers/cli.js';
import { describeLive } from './helpers/live.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const dir = mkdtempSync(join(tmpdir(), 'tcat-pack-'));
const bin = join(dir, 'prefix', 'bin', 'tc-audit');
let files: string[] = [];

// npm's own scripts are left out: `npm test` has built dist/ already, and a prepack that
// rebuilt it here would pull files from under the other test files' CLI runs.
const npm = (args: string[]) => execFileSync('npm', [...args, '--ignore-scripts', '--no-fund', '--no-audit'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  ensureBuilt();
  npm(['pack', '--pack-destination', dir]);
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  files = execFileSync('tar', ['tzf', join(dir, tarball)], { encoding: 'utf8' }).trim().split('\n');
  // --prefer-offline: the dependencies are in npm's cache since `npm ci`.
  npm(['install', '-g', '--prefix', join(dir, 'prefix'), '--omit=dev', '--prefer-offline', join(dir, tarball)]);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(bin, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('the packed package', () => {
  it('ships the bin, the library, the docs and the self-test programs, and no sources or tests', () => {
    for (const f of ['package/dist/bundle/tc-audit.js', 'package/dist/index.js', 'package/dist/index.d.ts', 'package/README.md', 'package/docs/rules/terminal-at-pref-1.md', 'package/bpf/selftest/st_terminal.o']) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => /^package\/(src|test|fixtures|scripts)\//.test(f))).toEqual([]);
  });

  it('installed without dev dependencies, runs from another directory', () => {
    const v = run(['--version']);
    expect(v.stderr).toBe('');
    expect(v.stdout.trim()).toBe(pkg.version);
    const r = run(['analyze', join(ROOT, 'fixtures/scenarios/vendor-pref5.capture'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ schemaVersion: 1, tool: { name: 'tc-audit', version: pkg.version }, recommendation: { action: 'set-priority', classifierPriority: 4 } });
  });

  it('reads system-probe.yaml (yaml is required lazily, so only a run that reads one loads it)', () => {
    const config = join(dir, 'system-probe.yaml');
    writeFileSync(config, 'runtime_security_config:\n  network:\n    classifier_priority: 3\n');
    const r = run(['analyze', join(ROOT, 'fixtures/scenarios/vendor-pref5.capture'), '--agent-config', config, '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).agent).toMatchObject({ classifierPriority: 3, source: 'system-probe.yaml', configuredPriority: 3 });
  });
});

describeLive('the packed package, live', () => {
  it('passes its self test (the shipped BPF objects on a throw-away namespace)', () => {
    const r = run(['self-test']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('tc-audit self test: OK\n');
    expect(r.status).toBe(0);
  });
});
