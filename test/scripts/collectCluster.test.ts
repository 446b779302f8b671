// scripts/collect-cluster.sh against a stand-in kubectl: each "pod" (or per-node Job) runs the
// real `tc-audit collect` on its own throw-away namespace, so the script's loop, file naming,
// failure handling and the fleet analysis it ends with all run for real. Only the cluster
// API is simulated (there is no Kubernetes here).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { createNetns, deleteNetns, inNs } from '../helpers/netns.js';

const ROOT = process.cwd();
const B = join(ROOT, 'bpf/scenarios');

/** kubectl stand-in: pods/nodes map to namespaces through NS_<node> variables. */
const FAKE_KUBECTL = `#!/bin/sh
# fake kubectl for tests: get pods|nodes, exec, apply, wait, logs, delete
collect() { node "$TCAT_CLI" collect -q --netns "$(eval echo \\$NS_$(echo "$1" | tr - _))" --node-name "$1" -o -; }
while [ "$1" = "-n" ]; do shift 2; done
case "$1" in
  get)
    if [ "$2" = pods ]; then for n in $TCAT_NODES; do echo "tc-audit-$n $n"; done; exit 0; fi
    if [ "$2" = nodes ]; then echo $TCAT_NODES; exit 0; fi ;;
  exec) node=\${2#tc-audit-}; [ "$node" = "$TCAT_FAIL" ] && exit 1; collect "$node"; exit $? ;;
  apply) cat > /dev/null; exit 0 ;;
  wait) exit 0 ;;
  logs) node=\${2#job/tc-audit-collect-}; collect "$node"; exit $? ;;
  delete) exit 0 ;;
esac
echo "fake kubectl: unexpected: $*" >&2; exit 3
`;

describeLive('scripts/collect-cluster.sh', () => {
  const nodes = ['node-a', 'node-b', 'node-c'];
  const ns: Record<string, string> = {};
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tcat-cc-'));
    const bin = join(dir, 'bin');
    spawnSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'kubectl'), FAKE_KUBECTL);
    // The bin itself, run through its #! line as npm's link runs it.
    writeFileSync(join(bin, 'tc-audit'), `#!/bin/sh\nexec "${CLI}" "$@"\n`);
    chmodSync(join(bin, 'kubectl'), 0o755);
    chmodSync(join(bin, 'tc-audit'), 0o755);
    for (const [i, n] of nodes.entries()) {
      ns[n] = createNetns(`cc${i}`);
      inNs(ns[n]!, 'ip', ['link', 'add', 'lxc1', 'type', 'veth', 'peer', 'name', 'p0']);
      inNs(ns[n]!, 'tc', ['qdisc', 'add', 'dev', 'lxc1', 'clsact']);
      // node-b runs Cilium at pref 1: it alone forces the cluster answer.
      if (n === 'node-b') inNs(ns[n]!, 'tc', ['filter', 'add', 'dev', 'lxc1', 'ingress', 'pref', '1', 'bpf', 'da', 'obj', join(B, 'bpf_lxc.o'), 'sec', 'from-container']);
      inNs(ns[n]!, 'tc', ['filter', 'add', 'dev', 'lxc1', 'ingress', 'pref', '10', 'bpf', 'da', 'obj', join(B, 'datadog.o'), 'sec', 'classifier/ingress']);
    }
  }, 120_000);
  afterAll(() => {
    for (const n of Object.values(ns)) deleteNetns(n);
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (mode: string, out: string, fail = '') =>
    spawnSync('bash', [join(ROOT, 'scripts/collect-cluster.sh'), '-m', mode, '-o', out, '--', '--json'], {
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
        TCAT_CLI: CLI,
        TCAT_NODES: nodes.join(' '),
        TCAT_FAIL: fail,
        ...Object.fromEntries(nodes.map((n) => [`NS_${n.replace('-', '_')}`, ns[n]!])),
      },
    });

  it.each(['daemonset', 'job'])('%s mode: one bundle per node and one cluster answer naming the node that forces it', (mode) => {
    const out = join(dir, `out-${mode}`);
    const r = run(mode, out);
    expect(readdirSync(out).sort()).toEqual(nodes.map((n) => `${n}.json`));
    const fleet = JSON.parse(r.stdout);
    expect(fleet.mode).toBe('fleet');
    expect(fleet.recommendation.action).toBe('disable-network');
    expect(fleet.forcingNodes).toEqual(['node-b']);
    expect(r.status).toBe(1);
  });

  it('a node whose collection fails is reported and left out; the rest is analysed', () => {
    const out = join(dir, 'out-fail');
    const r = run('daemonset', out, 'node-b');
    expect(r.stderr).toContain('failed: node-b');
    expect(readdirSync(out).sort()).toEqual(['node-a.json', 'node-c.json']);
    expect(JSON.parse(r.stdout).recommendation.action).toBe('keep');
    expect(r.status).toBe(0);
  });
});
