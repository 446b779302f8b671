// Kernel truth for the legacy `ingress` qdisc (src/collect/ingressQdisc.ts): with it on a
// device, the agent cannot add clsact, and its egress classifier, added as the agent adds
// it, lands in the ingress block: the kernel runs it on incoming datagrams and never on
// outgoing ones. The live audit says so (legacy-ingress-qdisc, an error on that device), and so
// does analyze on a docs/capture.sh capture of it.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import { collectLive } from '../../src/collect/live.js';
import { auditCollection } from '../../src/collect/liveAudit.js';
import { ProcessRunner } from '../../src/collect/runner.js';
import { CLI } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { inNs } from '../helpers/netns.js';
import { liveOptions } from './liveHelpers.js';
import { createRig, runCounts, send, type Rig } from './truthRig.js';
import { spawnSync } from 'node:child_process';

const DATADOG = fileURLToPath(new URL('../../bpf/scenarios/datadog.o', import.meta.url));

describeLive('kernel truth: the legacy ingress qdisc', () => {
  let rig: Rig;
  beforeAll(() => {
    rig = createRig('iq');
  });
  afterAll(() => rig?.close());

  it("refuses clsact, takes the agent's egress classifier into the ingress block, where it never sees outgoing traffic; the audit notes it", async () => {
    inNs(rig.a, 'tc', ['qdisc', 'add', 'dev', 'v0', 'ingress']);
    // What the agent's library does first: add clsact, exclusively. The kernel refuses.
    const clsact = spawnSync('ip', ['netns', 'exec', rig.a, 'tc', 'qdisc', 'add', 'dev', 'v0', 'clsact'], { encoding: 'utf8' });
    expect(clsact.status).not.toBe(0);
    // Then its egress filter (parent ffff:fff3): accepted.
    inNs(rig.a, 'tc', ['filter', 'add', 'dev', 'v0', 'egress', 'protocol', 'all', 'pref', '10', 'bpf', 'da', 'obj', DATADOG, 'sec', 'classifier/egress']);
    const [f] = JSON.parse(inNs(rig.a, 'tc', ['-j', 'filter', 'show', 'dev', 'v0', 'egress'])).filter((x: { options?: unknown }) => x.options) as Array<{ options: { prog: { id: number } } }>;
    const id = f!.options.prog.id;
    const count = () => runCounts().get(id) ?? 0;
    // Outgoing datagrams to an address with a neighbour entry and no host behind it: they
    // leave v0, and nothing comes back in to count (no reply, no ICMP error).
    const out = (family: 'ipv4' | 'ipv6') => {
      const to = family === 'ipv4' ? '10.77.0.3' : 'fd77::3';
      inNs(rig.a, 'ip', [...(family === 'ipv6' ? ['-6'] : []), 'neigh', 'replace', to, 'lladdr', '02:00:00:00:00:03', 'dev', 'v0', 'nud', 'permanent']);
      inNs(rig.a, process.execPath, ['-e', `const s=require('dgram').createSocket('${family === 'ipv4' ? 'udp4' : 'udp6'}');let i=0;const go=()=>s.send('x',9,'${to}',()=>(++i<3?go():s.close()));go()`]);
    };
    const sent = (): number => (JSON.parse(inNs(rig.a, 'ip', ['-s', '-j', 'link', 'show', 'v0'])) as Array<{ stats64: { tx: { packets: number } } }>)[0]!.stats64.tx.packets;
    for (const family of ['ipv4', 'ipv6'] as const) {
      const before = count();
      const tx = sent();
      out(family);
      expect(sent() - tx, `${family} out: the datagrams left v0`).toBeGreaterThanOrEqual(3);
      expect(count(), `${family} out`).toBe(before); // never on outgoing traffic
      send(rig, family);
      expect(count(), `${family} in`).toBeGreaterThan(before); // on incoming traffic instead
    }
    const c = await collectLive(new ProcessRunner(), liveOptions([rig.a]));
    const r = auditCollection(c, defaultAgentSettings(), {});
    const hooks = r.analysis.nodes.flatMap((n) => n.hooks).filter((h) => h.device === 'v0');
    expect(hooks.map((h) => [h.direction, h.ingressQdisc])).toEqual([['ingress', true], ['egress', true]]);
    const fs = r.findings.filter((f) => f.ruleId === 'legacy-ingress-qdisc');
    expect(fs.map((f) => [f.interface, f.direction, f.severity])).toEqual([['v0', 'egress', 'error']]);
    // And offline: docs/capture.sh records the qdisc listing, analyze reads it.
    const capture = spawnSync('sh', ['docs/capture.sh'], { encoding: 'utf8', env: { ...process.env, TCAT_CAPTURE_SKIP_HOST: '1', TCAT_CAPTURE_NETNS_FILTER: rig.a } });
    expect(capture.status, capture.stderr).toBe(0);
    expect(capture.stdout).toContain('hook=tc-qdisc ###');
    const offline = spawnSync(process.execPath, [CLI, 'analyze', '-', '--json'], { encoding: 'utf8', input: capture.stdout });
    const report = JSON.parse(offline.stdout) as { errors: unknown[]; findings: Array<{ ruleId: string; interface: string; direction: string }> };
    expect(report.errors).toEqual([]);
    expect(report.findings.filter((f) => f.ruleId === 'legacy-ingress-qdisc').map((f) => [f.interface, f.direction])).toEqual([['v0', 'egress']]);
  });
});
