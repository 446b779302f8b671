// `analyze DIR` over bundles of several nodes takes the fleet path: one cluster answer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tcat-fleetcli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8' });

describe('analyze over many bundles', () => {
  it('gives one cluster-wide answer naming the nodes that force it', () => {
    const gen = run(['scripts/gen-bundles.mjs', dir, '--nodes', '8', '--devices', '4', '--duplicates', '1']);
    expect(gen.status, gen.stderr).toBe(0);
    const r = run([CLI, 'analyze', dir, '--json']);
    expect(r.status).toBe(1);
    const fleet = JSON.parse(r.stdout);
    expect(fleet.mode).toBe('fleet');
    expect(fleet.recommendation.action).toBe('disable-network');
    expect(fleet.forcingNodes.length).toBeGreaterThan(0);
    expect(fleet.nodes.length).toBe(8);
    expect(fleet.duplicates.length).toBe(1);
  });

  it('refuses formats the fleet view does not render, with exit 2 and no stack trace', () => {
    const r = run([CLI, 'analyze', dir, '-f', 'sarif']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('renders table or json');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
