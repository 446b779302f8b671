// The security-relevant fields of deploy/: parsed with `yaml`, not grepped.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';

const load = (f: string) => parse(readFileSync(new URL(`../../deploy/${f}`, import.meta.url), 'utf8'));
const CAPS = ['NET_ADMIN', 'SYS_ADMIN', 'BPF', 'PERFMON', 'SYS_PTRACE'];

function checkPodSpec(spec: any): any {
  expect(spec.hostPID).toBe(true);
  expect(spec.hostNetwork).toBe(true);
  expect(spec.automountServiceAccountToken).toBe(false);
  expect(spec.tolerations).toContainEqual({ operator: 'Exists' });
  expect(spec.containers).toHaveLength(1);
  const c = spec.containers[0];
  const sc = c.securityContext;
  expect(sc.privileged).not.toBe(true);
  expect(sc.allowPrivilegeEscalation).toBe(false);
  expect(sc.readOnlyRootFilesystem).toBe(true);
  expect(sc.capabilities.drop).toEqual(['ALL']);
  expect([...sc.capabilities.add].sort()).toEqual([...CAPS].sort());
  for (const kind of ['requests', 'limits']) {
    expect(c.resources[kind].cpu).toBeTruthy();
    expect(c.resources[kind].memory).toBeTruthy();
  }
  const mount = (path: string) => c.volumeMounts.find((m: any) => m.mountPath === path);
  expect(mount('/sys/fs/bpf')).toMatchObject({ readOnly: true });
  expect(mount('/var/run/netns')).toMatchObject({ readOnly: true, mountPropagation: 'HostToContainer' });
  // Every host path is mounted read-only.
  const hostVolumes = spec.volumes.filter((v: any) => v.hostPath).map((v: any) => v.name);
  for (const m of c.volumeMounts) if (hostVolumes.includes(m.name)) expect(m.readOnly).toBe(true);
  return c;
}

describe('deploy manifests', () => {
  it('DaemonSet runs watch on every node with only the capabilities it needs', () => {
    const ds = load('daemonset.yaml');
    expect(ds.kind).toBe('DaemonSet');
    const c = checkPodSpec(ds.spec.template.spec);
    expect(c.args[0]).toBe('watch');
    const addr = c.args[c.args.indexOf('--metrics-addr') + 1];
    expect(addr).toMatch(/^127\.0\.0\.1:/);
  });

  it('each added capability is justified in a comment', () => {
    const text = readFileSync(new URL('../../deploy/daemonset.yaml', import.meta.url), 'utf8');
    for (const cap of CAPS) expect(text).toMatch(new RegExp(`#\\s*${cap}:`));
  });

  it('per-node Job collects once on a pinned node', () => {
    const job = load('job-node.yaml');
    expect(job.kind).toBe('Job');
    const spec = job.spec.template.spec;
    expect(spec.restartPolicy).toBe('Never');
    expect(spec.nodeName).toBe('NODE_NAME_PLACEHOLDER');
    const c = checkPodSpec(spec);
    expect(c.args.slice(0, 3)).toEqual(['collect', '-o', '-']);
  });

  it('kustomization lists files that exist and parse as single documents', () => {
    const k = load('kustomization.yaml');
    for (const f of k.resources) {
      const docs = parseAllDocuments(readFileSync(new URL(`../../deploy/${f}`, import.meta.url), 'utf8'));
      expect(docs.every((d) => d.errors.length === 0)).toBe(true);
    }
    expect(k.resources).toContain('daemonset.yaml');
    expect(k.resources).not.toContain('job-node.yaml');
  });

  it('collector role grants exec and jobs; cluster-wide only the node listing job mode needs', () => {
    const [role, lister] = parseAllDocuments(readFileSync(new URL('../../deploy/rbac-collector.yaml', import.meta.url), 'utf8')).map((d) => d.toJS());
    expect(role.kind).toBe('Role');
    const verbs = role.rules.flatMap((r: any) => r.verbs);
    expect(verbs).not.toContain('*');
    // get too: kubectl >= 1.30 execs over WebSocket, authorized as get.
    expect(role.rules.find((r: any) => r.resources.includes('pods/exec')).verbs.sort()).toEqual(['create', 'get']);
    expect(lister.kind).toBe('ClusterRole');
    expect(lister.rules).toEqual([{ apiGroups: [''], resources: ['nodes'], verbs: ['list'] }]);
  });

  it('pods run without AppArmor confinement, so that other processes\' namespaces can be read', () => {
    for (const f of ['daemonset.yaml', 'job-node.yaml']) {
      const c = load(f).spec.template.spec.containers[0];
      expect(c.securityContext.appArmorProfile, f).toEqual({ type: 'Unconfined' });
    }
  });
});
