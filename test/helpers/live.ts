// Gate for tests that need root, tc, bpftool and network namespaces.
// TC_AUDIT_REQUIRE_LIVE=1 (CI) turns "cannot run" into a failure instead of a skip.
import { execFileSync } from 'node:child_process';
import { describe } from 'vitest';

function probe(): string | null {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'not root (need CAP_NET_ADMIN and CAP_SYS_ADMIN)';
  for (const [tool, args] of [['ip', ['-V']], ['tc', ['-V']], ['bpftool', ['version']]] as const) {
    try {
      execFileSync(tool, [...args], { stdio: 'pipe' });
    } catch {
      return `${tool} not runnable`;
    }
  }
  return null;
}

export const liveUnavailable: string | null = probe();
export const requireLive = process.env.TC_AUDIT_REQUIRE_LIVE === '1';

/** describe() for live tests: skipped with the reason printed, or failing under REQUIRE_LIVE. */
export function describeLive(name: string, fn: () => void): void {
  if (liveUnavailable === null) {
    describe(name, fn);
  } else if (requireLive) {
    describe(name, () => {
      throw new Error(`live test cannot run (${liveUnavailable}) and TC_AUDIT_REQUIRE_LIVE=1`);
    });
  } else {
    console.warn(`skipping live tests "${name}": ${liveUnavailable}`);
    describe.skip(name, fn);
  }
}
