// Monitors die with the watch, however it ends. The watch kills its `tc monitor` and
// `ip monitor` processes on every exit it sees (Monitor.stop, killAllChildren), but not on
// SIGKILL or a crash of node itself; such an orphan kept running inside a pod's namespace and
// kept that namespace alive after the pod was gone (seen: a killed watch left 14 monitors,
// each holding a deleted namespace). `setpriv --pdeathsig KILL` (util-linux >= 2.33, beside
// nsenter) has the kernel send SIGKILL to the monitor when the watch goes; it survives the
// exec of nsenter and setpriv into tc or ip.
import { execa } from 'execa';

const GUARD = ['setpriv', '--pdeathsig', 'KILL'];

let probed: Promise<string[]> | null = null;

/** The argv prefix that ties a child's life to this process, or [] where setpriv cannot
 *  (missing, or too old for --pdeathsig): the monitors then run as before. */
export function deathSignalGuard(): Promise<string[]> {
  probed ??= execa(GUARD[0]!, [...GUARD.slice(1), 'true'], { reject: false, cleanup: false, timeout: 5000, stdin: 'ignore' })
    .then((r) => (r.exitCode === 0 ? GUARD : []), () => []);
  return probed;
}
