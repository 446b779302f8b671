// `analyze DIR` over bundles of several nodes takes the fleet path: one cluster answer.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { makeBundle } from '../../scripts/gen-bundles.mjs';

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

  it("agents at different prefs on different nodes: the answer holds for the highest, never 'keep' for a node whose agent runs behind a terminal classifier", () => {
    const d = mkdtempSync(join(tmpdir(), 'tcat-fleetprefs-'));
    try {
      // node-a: Cilium at pref 5 (always ends the walk), the agent at 10: blind now.
      writeFileSync(join(d, 'a.json'), JSON.stringify(makeBundle(0, { devices: 3, variant: 'cilium-pref5', name: 'node-a' })));
      // node-b: the agent at pref 1 (a change rolled out there only), Cilium at 20.
      const b = makeBundle(1, { devices: 3, variant: 'agent-first', name: 'node-b' }) as { snapshot: { netns: { devices: { hooks: { legacy: { pref: number }[] }[] }[] }[] } };
      for (const dev of b.snapshot.netns[0]!.devices) for (const h of dev.hooks) for (const f of h.legacy) if (f.pref === 10) f.pref = 1;
      writeFileSync(join(d, 'b.json'), JSON.stringify(b));
      const r = run([CLI, 'analyze', d, '--json']);
      const fleet = JSON.parse(r.stdout);
      expect(fleet.agent).toMatchObject({ classifierPriority: 10, source: 'observed', observedPriorities: [1, 10] });
      expect(fleet.recommendation).toMatchObject({ action: 'set-priority', classifierPriority: 4 });
      expect(fleet.forcingNodes).toEqual(['node-a']);
      expect(fleet.nodes.find((n: { node: string }) => n.node === 'node-a')).toMatchObject({ action: 'set-priority', classifierPriority: 4 });
      // Each node's own answer is at its own agent's pref, as its findings are.
      expect(fleet.nodes.find((n: { node: string }) => n.node === 'node-b')).toMatchObject({ action: 'keep', classifierPriority: 1 });
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it("a group's findings are its nodes' own, whichever bundle brought their shapes first", () => {
    type B = { snapshot: { netns: { devices: { name: string; ifindex: number; linkKind: string | null; hooks: { direction: string; legacy: { pref: number; tcName: string | null }[]; legacyPrefsKnown: boolean; tcx: unknown[] }[] }[] }[] } };
    // The agent at pref 5 (not the default 10), Cilium at 20 after it.
    const withAgentAt5 = (b: B): B => {
      for (const dev of b.snapshot.netns[0]!.devices) for (const h of dev.hooks) for (const f of h.legacy) if (f.pref === 10) f.pref = 5;
      return b;
    };
    const ruleSet = (fs: { ruleId: string; severity: string }[]) => [...new Set(fs.map((f) => `${f.ruleId}:${f.severity}`))].sort();
    for (const order of [['a.json', 'b.json'], ['b.json', 'a.json']]) {
      const d = mkdtempSync(join(tmpdir(), 'tcat-fleetorder-'));
      try {
        const a = withAgentAt5(makeBundle(0, { devices: 3, variant: 'agent-first', name: 'node-a' }) as B);
        const b = withAgentAt5(makeBundle(1, { devices: 3, variant: 'agent-first', name: 'node-b' }) as B);
        // node-b alone: a device whose ingress holds only Cilium, at 7: after its agent at 5.
        const lxc = b.snapshot.netns[0]!.devices.find((x) => x.name.startsWith('lxc'))!;
        const cil = lxc.hooks[0]!.legacy.find((f) => f.tcName?.startsWith('cil_'))!;
        b.snapshot.netns[0]!.devices.push({ name: 'lxcextra', ifindex: 99, linkKind: 'veth', hooks: [
          { direction: 'ingress', legacy: [{ ...cil, pref: 7, tcName: 'cil_from_container-lxcextra' }], legacyPrefsKnown: true, tcx: [] },
        ] });
        // Files named so that the shapes both nodes share come first from either one.
        writeFileSync(join(d, order[0]!), JSON.stringify(a));
        writeFileSync(join(d, order[1]!), JSON.stringify(b));
        const alone = JSON.parse(run([CLI, 'analyze', join(d, order[1]!), '--json']).stdout) as { findings: { ruleId: string; severity: string }[] };
        expect(ruleSet(alone.findings)).not.toContain('terminal-before-agent:error');
        const fleet = JSON.parse(run([CLI, 'analyze', d, '--json']).stdout) as { nodes: { node: string; group: number }[]; groups: { findings: { ruleId: string; severity: string }[] }[] };
        const g = fleet.groups[fleet.nodes.find((n) => n.node === 'node-b')!.group]!;
        expect(ruleSet(g.findings), `files ${order.join(', ')}`).toEqual(ruleSet(alone.findings));
      } finally {
        rmSync(d, { recursive: true, force: true });
      }
    }
  });

  it('a directory where no bundle can be read exits 2, as a single unreadable input does', () => {
    const bad = mkdtempSync(join(tmpdir(), 'tcat-fleetbad-'));
    try {
      for (const n of ['a', 'b']) writeFileSync(join(bad, `${n}.json`), JSON.stringify({ bundleVersion: 1, node: { name: n } }));
      const r = run([CLI, 'analyze', bad, '--fail-on', 'never']);
      expect([r.status, r.stdout]).toEqual([2, '']);
      expect(r.stderr).toContain('an invalid tc-audit bundle (bundleVersion 1, but ');
      expect(r.stderr).toContain('tc-audit: no bundle could be read from 2 file(s); nothing to analyse');
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('a node with nothing audited makes the cluster answer unknown, not keep', () => {
    const two = mkdtempSync(join(tmpdir(), 'tcat-fleetempty-'));
    try {
      expect(run(['scripts/gen-bundles.mjs', two, '--nodes', '1', '--devices', '2']).status).toBe(0);
      const [file] = readdirSync(two);
      const bundle = JSON.parse(readFileSync(join(two, file!), 'utf8'));
      expect(JSON.parse(run([CLI, 'analyze', two, join(two, file!), '--json']).stdout).recommendation.action).not.toBe('unknown');
      bundle.snapshot.name = 'empty-node';
      bundle.node.name = 'empty-node';
      bundle.snapshot.netns = [];
      writeFileSync(join(two, 'empty.json'), JSON.stringify(bundle));
      const fleet = JSON.parse(run([CLI, 'analyze', two, '--json']).stdout);
      expect(fleet.mode).toBe('fleet');
      expect(fleet.recommendation.action).toBe('unknown');
      expect(fleet.recommendation.reasons[0]).toMatch(/^group \d \(1 node\(s\): empty-node\) is unknown: /);
    } finally {
      rmSync(two, { recursive: true, force: true });
    }
  });

  it('a stray or damaged file among the bundles is listed as not analysed, and keep becomes unknown', () => {
    const d = mkdtempSync(join(tmpdir(), 'tcat-fleetstray-'));
    try {
      for (const [i, name] of ['n1', 'n2'].entries()) writeFileSync(join(d, `${name}.json`), JSON.stringify(makeBundle(i, { devices: 2, variant: 'agent-first', name })));
      const keep = JSON.parse(run([CLI, 'analyze', d, '--json']).stdout);
      expect([keep.mode, keep.recommendation.action]).toEqual(['fleet', 'keep']);
      // An interrupted copy leaves a cut-short bundle behind: the cluster is still a cluster.
      writeFileSync(join(d, 'node-x.json.tmp'), '{"bundleVersion":1');
      const r = run([CLI, 'analyze', d, '--json']);
      const fleet = JSON.parse(r.stdout);
      expect(fleet.mode).toBe('fleet');
      expect(fleet.errors.map((e: { file: string }) => e.file)).toEqual([join(d, 'node-x.json.tmp')]);
      expect(fleet.recommendation.action).toBe('unknown');
      expect(fleet.recommendation.reasons[0]).toMatch(/^1 input\(s\) could not be read as bundles \(.*node-x\.json\.tmp; see the inputs not analysed\): the nodes behind them are not known/);
      // One bundle beside other inputs is no cluster: analysed together, as before.
      const one = mkdtempSync(join(tmpdir(), 'tcat-fleetone-'));
      try {
        writeFileSync(join(one, 'a.json'), readFileSync(join(d, readdirSync(d).find((f) => f.endsWith('.json'))!)));
        writeFileSync(join(one, 'b.capture'), readFileSync('fixtures/scenarios/vendor-pref5.capture'));
        expect(JSON.parse(run([CLI, 'analyze', one, '--json']).stdout).mode).toBe('offline');
      } finally {
        rmSync(one, { recursive: true, force: true });
      }
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });

  it('refuses formats the fleet view does not render, with exit 2 and no stack trace', () => {
    const r = run([CLI, 'analyze', dir, '-f', 'sarif']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('renders table or json');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
