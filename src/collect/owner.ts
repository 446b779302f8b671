// Who owns a network namespace, from a member process's cgroup path. Container runtimes
// put the container id in the path (docker-<id>.scope, cri-containerd-<id>.scope,
// crio-<id>.scope, /docker/<id>); kubelet puts the pod UID (pod<uid>, dashes as
// underscores under the systemd driver). Names are not in the cgroup: we report ids only.
const CONTAINER_RE = /(?:^|[/-])(?:docker-|cri-containerd-|crio-|libpod-)?([0-9a-f]{64})(?:\.scope)?(?:\/|$)/;
const POD_RE = /pod([0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})/;

export interface CgroupOwner {
  containerId: string | null;
  pod: string | null;
}

export function ownerFromCgroup(cgroupFile: string): CgroupOwner {
  let containerId: string | null = null;
  let pod: string | null = null;
  for (const line of cgroupFile.split('\n')) {
    // "0::/kubepods.slice/.../cri-containerd-<id>.scope" or "12:cpu:/docker/<id>"
    const path = line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1);
    containerId ??= CONTAINER_RE.exec(path)?.[1] ?? null;
    const p = POD_RE.exec(path)?.[1];
    if (p && pod === null) pod = p.replaceAll('_', '-');
  }
  return { containerId, pod };
}
