// What a node's tool versions say about tcx: the kernel has tcx attachments from 6.6, and
// bpftool lists them from 7.3 (docs/kernel.md). Shared by the offline merge (a capture's
// header states the versions) and the tcx-not-visible rule; the live collector decides the
// same with semver (src/collect/versions.ts).

/** Is version `v` ("6.18.44-fc-v669", "v7.5.0", "7.1.0+6.1.0") at least major.minor?
 *  null when it names no version. */
export function atLeast(v: string | null, major: number, minor: number): boolean | null {
  const m = v === null ? null : /(\d+)\.(\d+)/.exec(v);
  if (m === null) return null;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

export const kernelHasTcx = (kernel: string | null): boolean | null => atLeast(kernel, 6, 6);
export const bpftoolListsTcx = (bpftool: string | null): boolean => atLeast(bpftool, 7, 3) === true;
