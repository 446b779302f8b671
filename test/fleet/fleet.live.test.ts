// A fleet of namespace "nodes": each namespace collected to a bundle by the real CLI,
// then analysed together through the real audit and recommendation.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import { analyzeFleet } from '../../src/fleet/index.js';
import { describeLive } from '../helpers/live.js';
import { createVethNetns, deleteNetns, inNs } from '../helpers/netns.js';
import { BPF, CLI } from '../watch/spawnWatch.js';

function node(prefix: string, foreignPref: number | null): string {
  const ns = createVethNetns(prefix);
  inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
  inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'pref', '10', 'handle', '0x2', 'bpf', 'da', 'obj', BPF('dd_agent'), 'sec', 'classifier/ingress']);
  if (foreignPref !== null) {
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'pref', String(foreignPref), 'handle', '0x1', 'bpf', 'da', 'obj', BPF('foreign_ok'), 'sec', 'tc']);
  }
  return ns;
}

describeLive('fleet of namespace nodes', () => {
  it('collects each to a bundle and gives one cluster answer naming the forcing node', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} missing: run npm run build first`);
    const dir = mkdtempSync(join(tmpdir(), 'tcat-fleet-live-'));
    const spec = [['a', null], ['b', null], ['c', 1], ['d', 20]] as const;
    const namespaces = spec.map(([name, pref]) => node(`fl${name}`, pref));
    try {
      const files = spec.map(([name], i) => {
        const file = join(dir, `${name}.json`);
        execFileSync(process.execPath, [CLI, 'collect', '--netns', namespaces[i]!, '--node-name', `node-${name}`, '-q', '-o', file], { stdio: 'pipe' });
        return file;
      });
      // node-a collected twice: reported, counted once.
      execFileSync(process.execPath, [CLI, 'collect', '--netns', namespaces[0]!, '--node-name', 'node-a', '-q', '-o', join(dir, 'a-again.json')], { stdio: 'pipe' });
      const r = await analyzeFleet([...files, join(dir, 'a-again.json')], { agent: defaultAgentSettings(), assume: {} });
      expect(r.errors).toEqual([]);
      expect(r.nodes.map((n) => n.node)).toEqual(['node-a', 'node-b', 'node-c', 'node-d']);
      expect(r.duplicates.map((d) => d.node)).toEqual(['node-a']);
      expect(r.recommendation.action).toBe('disable-network');
      expect(r.forcingNodes).toEqual(['node-c']);
      const group = (n: string) => r.nodes.find((x) => x.node === n)!.group;
      expect(group('node-a')).toBe(group('node-b'));
      expect(group('node-c')).not.toBe(group('node-a'));
      expect(r.nodes.find((x) => x.node === 'node-a')!.action).toBe('keep');
    } finally {
      namespaces.forEach(deleteNetns);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
