// Scope and collection flags shared by `audit` and `collect`.
import type { Argv } from 'yargs';
import type { LiveOptions } from './live.js';

export interface ScopeArgs {
  netns?: string[];
  'netns-path'?: string[];
  'host-only'?: boolean;
  interface?: string[];
  timeout: number;
  jobs: number;
  quiet?: boolean;
  'node-name'?: string;
}

export function withScopeOptions<T>(y: Argv<T>): Argv<T & ScopeArgs> {
  return y
    .option('netns', { type: 'string', array: true, describe: 'Only this named namespace (/var/run/netns/NAME); repeatable' })
    .option('netns-path', { type: 'string', array: true, describe: 'Only the namespace at this path (e.g. /proc/PID/ns/net); repeatable' })
    .option('host-only', { type: 'boolean', describe: "Only the host's network namespace" })
    .option('interface', { alias: 'i', type: 'string', array: true, describe: 'Only devices matching this glob (e.g. "lxc*"); repeatable' })
    .option('timeout', { type: 'number', default: 10, describe: 'Seconds before a hung tc/ip/bpftool/nsenter is killed and reported' })
    .option('jobs', { alias: 'j', type: 'number', default: 4, describe: 'Namespaces collected at once' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress on stderr' })
    .option('node-name', { type: 'string', describe: 'Node name to record (default: hostname)' })
    .conflicts('host-only', ['netns', 'netns-path']) as unknown as Argv<T & ScopeArgs>;
}

export function liveOptionsFrom(a: ScopeArgs): LiveOptions {
  const timeout = Number.isFinite(a.timeout) && a.timeout > 0 ? a.timeout : 10;
  const jobs = Number.isFinite(a.jobs) && a.jobs >= 1 ? Math.floor(a.jobs) : 4;
  return {
    hostOnly: a['host-only'] === true,
    netns: a.netns ?? [],
    netnsPaths: a['netns-path'] ?? [],
    interfaces: a.interface ?? [],
    timeoutMs: Math.round(timeout * 1000),
    jobs,
    nodeName: a['node-name'] ?? null,
    instructions: true,
  };
}
