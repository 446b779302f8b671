// Removes namespaces a crashed earlier run may have left (our prefix only), and turns on
// kernel BPF run statistics (run_cnt) for kernel-truth tests, restoring the old value after.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';

const STATS = '/proc/sys/kernel/bpf_stats_enabled';

function sweepStaleNamespaces(): void {
  if (!existsSync('/var/run/netns')) return;
  for (const name of readdirSync('/var/run/netns')) {
    if (!name.startsWith('tcat-')) continue;
    const pid = Number(name.split('-')[2]);
    // Only sweep namespaces whose creating test process is gone.
    if (Number.isFinite(pid) && pid > 0 && existsSync(`/proc/${pid}`)) continue;
    try {
      execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
    } catch {
      // not ours to worry about
    }
  }
}

export default function setup(): () => void {
  let previous: string | null = null;
  if (process.getuid?.() === 0) {
    sweepStaleNamespaces();
    try {
      previous = readFileSync(STATS, 'utf8').trim();
      writeFileSync(STATS, '1');
    } catch {
      previous = null;
    }
  }
  return () => {
    if (previous !== null) {
      try {
        writeFileSync(STATS, previous);
      } catch {
        // nothing more we can do
      }
    }
    if (process.getuid?.() === 0) sweepStaleNamespaces();
  };
}
