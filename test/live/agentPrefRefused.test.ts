// Kernel truth for agent-pref-refused: where the agent's pref holds a filter of another
// protocol or kind, the kernel refuses the agent's classifier (cls_bpf, protocol all) there,
// and a free pref below it takes it. The audit says so and recommends that pref.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { createVethNetns, deleteNetns, inNs } from '../helpers/netns.js';

const DATADOG = fileURLToPath(new URL('../../bpf/scenarios/datadog.o', import.meta.url));

/** The agent's classifier as the agent adds it: cls_bpf, direct-action, protocol all. */
const addAgent = (ns: string, hook: 'ingress' | 'egress', pref: number) =>
  spawnSync('nsenter', [`--net=/var/run/netns/${ns}`, 'tc', 'filter', 'add', 'dev', 'v0', hook, 'protocol', 'all', 'pref', String(pref),
    'bpf', 'da', 'obj', DATADOG, 'sec', `classifier/${hook}`], { encoding: 'utf8' });

describeLive("kernel truth: the agent's pref held by another protocol or kind", () => {
  let ns = '';
  beforeAll(() => {
    ns = createVethNetns('refused');
    inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
  });
  afterAll(() => deleteNetns(ns));

  it('refuses the agent at pref 10, takes it at the pref the audit recommends', () => {
    // Ingress: u32 of protocol ip at 10 (another protocol); egress: u32 of protocol all (another kind).
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'ip', 'pref', '10', 'u32', 'match', 'u32', '0', '0', 'flowid', '1:1']);
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'egress', 'protocol', 'all', 'pref', '10', 'u32', 'match', 'u32', '0', '0', 'flowid', '1:1']);
    const inRefused = addAgent(ns, 'ingress', 10);
    expect(inRefused.status).not.toBe(0);
    expect(inRefused.stderr).toContain('Protocol mismatch');
    const egRefused = addAgent(ns, 'egress', 10);
    expect(egRefused.status).not.toBe(0);
    expect(egRefused.stderr).toMatch(/kind does not match/i);

    const r = spawnSync(process.execPath, [CLI, 'audit', '--netns', ns, '--json', '-q'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; interface: string; direction: string }[]; recommendation: { action: string; classifierPriority: number | null } };
    const refused = report.findings.filter((f) => f.ruleId === 'agent-pref-refused' && f.interface === 'v0').map((f) => f.direction).sort();
    expect(refused).toEqual(['egress', 'ingress']);
    expect(report.recommendation).toMatchObject({ action: 'set-priority', classifierPriority: 9 });
    expect(r.status).toBe(1);

    // At the recommended pref the kernel takes it.
    expect(addAgent(ns, 'ingress', 9).status).toBe(0);
    expect(addAgent(ns, 'egress', 9).status).toBe(0);
  });
});
