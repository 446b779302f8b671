// scripts/collect-cluster.sh against a stand-in kubectl: each "pod" (or per-node Job) runs the
// real `tc-audit collect` on its own throw-away namespace, so the script's loop, file naming,
// failure handling and the fleet analysis it ends with all run for real. Only the cluster
// API is simulated (there is no Kubernetes here).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { createNetns, deleteNetns, inNs } from '../helpers/netns.js';

const ROOT = process.cwd();
const B = join(ROOT, 'bpf/scenarios');

/** kubectl stand-in: pods/nodes map to namespaces through NS_<node> variables; a Job's
 *  manifest is kept in $TCAT_DIR/jobs/NAME.yaml (its node in NAME). TCAT_FAIL: the node whose
 *  collection (exec or Job) fails; TCAT_CUT: the node whose bundle comes cut short (a pod log
 *  the kubelet rotated, an exec stream that broke); TCAT_PENDING: the node whose pod is not
 *  running; TCAT_DESIRED: the DaemonSet's desired pod count. */
const FAKE_KUBECTL = `#!/bin/sh
collect() {
  if [ "$1" = "$TCAT_CUT" ]; then collect_whole "$1" | head -c 700; else collect_whole "$1"; fi
}
collect_whole() { node "$TCAT_CLI" collect -q --netns "$(eval echo \\$NS_$(printf %s "$1" | tr -c A-Za-z0-9 _))" --node-name "$1" -o -; }
while [ "$1" = "-n" ]; do shift 2; done
case "$1" in
  get)
    case "$2" in
      pods) for n in $TCAT_NODES; do ph=Running; [ "$n" = "$TCAT_PENDING" ] && ph=Pending; echo "tc-audit-$n $n $ph"; done; exit 0 ;;
      daemonset) echo "\${TCAT_DESIRED:-$(echo $TCAT_NODES | wc -w)}"; exit 0 ;;
      nodes) for n in $TCAT_NODES; do echo "$n"; done; exit 0 ;;
      job) n=$(cat "$TCAT_DIR/jobs/$3" 2>/dev/null)
        case "$5" in
          *succeeded*) [ -n "$n" ] && [ "$n" != "$TCAT_FAIL" ] && echo 1 ;;
          *failed*) [ "$n" = "$TCAT_FAIL" ] && echo 1 ;;
        esac
        exit 0 ;;
    esac ;;
  exec) node=\${2#tc-audit-}; [ "$node" = "$TCAT_FAIL" ] && exit 1; collect "$node"; exit $? ;;
  create) mkdir -p "$TCAT_DIR/jobs"; cat > "$TCAT_DIR/jobs/new.yaml"
    name=$(sed -n 's/^  name: //p' "$TCAT_DIR/jobs/new.yaml"); node=$(sed -n 's/^      nodeName: //p' "$TCAT_DIR/jobs/new.yaml")
    mv "$TCAT_DIR/jobs/new.yaml" "$TCAT_DIR/jobs/$name.yaml"; echo "$node" > "$TCAT_DIR/jobs/$name"; exit 0 ;;
  logs) collect "$(cat "$TCAT_DIR/jobs/\${2#job/}")"; exit $? ;;
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

  const run = (mode: string, out: string, env: Record<string, string> = {}, args: string[] = mode === 'job' ? ['-i', 'registry.example.com/tc-audit:0.1.0'] : []) =>
    spawnSync('bash', [join(ROOT, 'scripts/collect-cluster.sh'), '-m', mode, '-o', out, ...args, '--', '--json'], {
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
        TCAT_CLI: CLI,
        TCAT_DIR: join(dir, `k-${out.split('/').pop()}`),
        TCAT_NODES: nodes.join(' '),
        ...Object.fromEntries(nodes.map((n) => [`NS_${n.replace('-', '_')}`, ns[n]!])),
        ...env,
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

  it.each(['daemonset', 'job'])('%s mode: a node whose collection fails is named and left out, the rest analysed, and the run exits 3', (mode) => {
    const out = join(dir, `out-fail-${mode}`);
    const r = run(mode, out, { TCAT_FAIL: 'node-b' });
    expect(r.stderr).toMatch(/missing: node-b \(/);
    expect(r.stderr).toContain('collect-cluster: no bundle from: node-b; the answer above covers the other nodes only');
    expect(readdirSync(out).sort()).toEqual(['node-a.json', 'node-c.json']);
    expect(JSON.parse(r.stdout).recommendation.action).toBe('keep');
    expect(r.status).toBe(3);
  });

  it.each([
    ['daemonset', 'missing: node-c (collect in pod tc-audit-node-c: incomplete bundle (700 bytes, not one JSON document))'],
    ['job', "missing: node-c (job tc-audit-collect-"],
  ])('%s mode: a bundle cut short is not kept; the node is named missing and why', (mode, said) => {
    const out = join(dir, `out-cut-${mode}`);
    const r = run(mode, out, { TCAT_CUT: 'node-c' });
    expect(r.stderr).toContain(said);
    if (mode === 'job') expect(r.stderr).toMatch(/incomplete bundle \(700 bytes, not one JSON document\) from its log; a log over the kubelet's containerLogMaxSize \(10Mi by default\) is rotated: use -m daemonset for this node/);
    expect(readdirSync(out).sort()).toEqual(['node-a.json', 'node-b.json']);
    expect(r.status).toBe(3);
  });

  it('daemonset mode: a pod not running and a node without a pod count as missing', () => {
    const r = run('daemonset', join(dir, 'out-pending'), { TCAT_PENDING: 'node-c', TCAT_DESIRED: '4' });
    expect(r.stderr).toContain('missing: node-c (pod tc-audit-node-c is Pending)');
    expect(r.stderr).toContain('missing: 1 node(s) without a pod (daemonset tc-audit wants 4, 3 exist)');
    expect(r.status).toBe(3);
  });

  it('job mode: the image, namespace and a Job name within 63 characters are filled in', () => {
    const out = join(dir, 'out-job-names');
    const long = 'ip-192-168-101-202.ap-southeast-2.compute.internal';
    const r = run('job', out, { TCAT_NODES: long, [`NS_${long.replace(/[-.]/g, '_')}`]: ns['node-a']! }, ['-i', 'reg.example/tc-audit:1', '-n', 'audit']);
    expect(r.status, r.stderr).toBe(0);
    const jobs = readdirSync(join(dir, 'k-out-job-names', 'jobs')).filter((f) => f.endsWith('.yaml'));
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.replace(/\.yaml$/, '')).toMatch(/^tc-audit-collect-[0-9a-f]{12}$/);
    const yaml = readFileSync(join(dir, 'k-out-job-names', 'jobs', jobs[0]!), 'utf8');
    expect(yaml).toContain('image: reg.example/tc-audit:1\n');
    expect(yaml).toContain('  namespace: audit\n');
    expect(yaml).toContain(`nodeName: ${long}\n`);
    expect(yaml).not.toContain('PLACEHOLDER');
  });

  it('refuses job mode without an image, and an output directory that holds bundles already', () => {
    const j = run('job', join(dir, 'out-noimage'), {}, []);
    expect(j.status).toBe(2);
    expect(j.stderr).toContain('job mode needs -i IMAGE');
    const r = run('daemonset', join(dir, 'out-daemonset'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('already holds bundles; give a new -o DIR');
  });
});
