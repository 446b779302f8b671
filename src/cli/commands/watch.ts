// `tc-audit watch`: long-running node mode (src/watch). Runs until SIGTERM/SIGINT, then
// stops every monitor and exits 0 within a second.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { UsageError } from '../usageError.js';
import type { LayerError } from '../../agent/layers.js';
import { liveOptionsFrom, numberWord, withScopeOptions, type ScopeArgs } from '../../collect/scopeOptions.js';
import { agentSettingsFromArgs, parseAssume, withAgentOptions, type AgentArgs } from '../agentOptions.js';
import { parseMetricsAddr, type MetricsAddr } from '../../watch/metricsAddr.js';

interface WatchArgs extends ScopeArgs, AgentArgs {
  'metrics-addr'?: string;
  'tcx-interval': number;
  'rescan-interval': number;
  debounce: number;
}

const withWatchOptions = <T>(y: Argv<T>): Argv<T & WatchArgs> =>
  y
    .option('metrics-addr', { type: 'string', describe: 'Serve Prometheus metrics at HOST:PORT/metrics (e.g. 127.0.0.1:9464); off by default' })
    .option('tcx-interval', { type: 'number', default: 1, describe: 'Seconds between bpftool polls for tcx attachments (tc monitor does not show tcx)' })
    .option('rescan-interval', { type: 'number', default: 5, describe: 'Seconds between /proc rescans for new network namespaces' })
    .option('debounce', { type: 'number', default: 100, describe: `Milliseconds of events re-audited together (0-${MAX_DEBOUNCE_MS})` })
    .check(watchArgsValid) as unknown as Argv<T & WatchArgs>;

/** Events are batched for at most this long, so a change is re-audited within a second. */
const MAX_DEBOUNCE_MS = 900;

/** A usage error for a value the watcher cannot run with (it used to put its default in
 *  place of such a value without a word). */
function watchArgsValid(a: Partial<WatchArgs>): true | string {
  for (const k of ['tcx-interval', 'rescan-interval'] as const) {
    const v = a[k];
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) return `--${k}: expected a number of seconds above 0, got ${numberWord(v)}`;
  }
  const d = a.debounce;
  if (d !== undefined && !(Number.isFinite(d) && d >= 0 && d <= MAX_DEBOUNCE_MS)) return `--debounce: expected milliseconds from 0 to ${MAX_DEBOUNCE_MS} (a change is re-audited within a second), got ${numberWord(d)}`;
  const addr = a['metrics-addr'];
  if (addr !== undefined) {
    const parsed = parseMetricsAddr(addr);
    if (typeof parsed === 'string') return parsed;
  }
  return true;
}

export const watchCommand: CommandModule<object, WatchArgs> = {
  command: 'watch',
  describe: 'Follow tc and link events in every namespace in scope; one JSON line per event on stdout',
  builder: (y: Argv<object>) => withWatchOptions(withAgentOptions(withScopeOptions(y, { existing: false }))) as unknown as Argv<WatchArgs>,
  handler: async (argv: ArgumentsCamelCase<WatchArgs>) => {
    // Loaded on use: the watcher (execa) and prom-client are start-up time for every other command.
    const [{ Watcher }, { WatchMetrics }] = await Promise.all([import('../../watch/watcher.js'), import('../watchMetrics.js')]);
    const agentErrors: LayerError[] = [];
    const assumeErrors: string[] = [];
    const agent = agentSettingsFromArgs(argv, agentErrors);
    const assume = parseAssume(argv.assume, assumeErrors);
    if (assumeErrors.length > 0) throw new UsageError(assumeErrors.join('\n'));
    for (const e of agentErrors.map((x) => x.message)) process.stderr.write(`tc-audit: ${e}\n`);
    const live = { ...liveOptionsFrom(argv), nodeName: argv['node-name'] ?? process.env.TC_AUDIT_NODE_NAME ?? null };
    const metrics = argv['metrics-addr'] ? new WatchMetrics() : null;
    const watcher = new Watcher({
      live, agent, assume, metrics,
      // Checked by watchArgsValid.
      tcxIntervalMs: argv['tcx-interval'] * 1000,
      rescanIntervalMs: argv['rescan-interval'] * 1000,
      debounceMs: argv.debounce,
      out: (line) => process.stdout.write(`${line}\n`),
    });
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      // Whatever happens, be gone within a second of the signal.
      setTimeout(() => process.exit(0), 900).unref();
      void Promise.allSettled([watcher.stop(), metrics?.close()]).then(() => process.exit(0));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    if (metrics) {
      const addr = parseMetricsAddr(argv['metrics-addr']!) as MetricsAddr; // checked by watchArgsValid
      try {
        process.stderr.write(`tc-audit watch: metrics on http://${await metrics.listen(addr)}/metrics\n`);
      } catch (e) {
        // In use, not permitted or not an address of this host: the operator's to fix.
        const err = e as NodeJS.ErrnoException;
        process.stderr.write(`tc-audit: --metrics-addr ${argv['metrics-addr']}: cannot listen (${err.code ?? err.message})\n`);
        process.exitCode = 2;
        return;
      }
    }
    await watcher.start();
    await new Promise<never>(() => undefined);
  },
};
