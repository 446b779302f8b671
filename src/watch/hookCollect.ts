// Narrow re-collection for watch: one hook's legacy filters (`tc -j filter show dev X
// ingress`), one namespace's tcx lists (`bpftool -j net show`), both through nsenter.
// Only dump commands: the watch never changes tc or bpf state.
import type { Direction, LegacyFilter, TcxProgram } from '../model/snapshot.js';
import { parseBpftoolNetJsonValue } from '../parse/bpftoolNet.js';
import { parseTcJsonEntries } from '../parse/tcJson.js';
import { u32JsonWords } from '../parse/u32JsonWords.js';
import type { NsTarget, Runner } from '../collect/runner.js';

export type HookFilters = { device: 'gone' } | { filters: LegacyFilter[] } | { error: string };

export async function collectHookFilters(runner: Runner, ns: NsTarget, device: string, direction: Direction, timeoutMs: number): Promise<HookFilters> {
  const argv = ['tc', '-j', 'filter', 'show', 'dev', device, direction];
  const r = await runner.run({ argv, ns, timeoutMs });
  if (r.exitCode !== 0) {
    if (/Cannot find device|No such device/i.test(r.stderr)) return { device: 'gone' };
    // No clsact qdisc: the hook exists with nothing on it.
    if (/Cannot find specified qdisc|Invalid handle|Parent Qdisc doesn't exists/i.test(r.stderr)) return { filters: [] };
    return { error: `${argv.join(' ')} in ${ns.label}: ${r.spawnError ?? (r.stderr.trim() || `exit ${r.exitCode}`)}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(r.stdout.trim() === '' ? '[]' : r.stdout);
  } catch (e) {
    return { error: `${argv.join(' ')} in ${ns.label}: not JSON (${(e as Error).message})` };
  }
  if (!Array.isArray(value)) return { error: `${argv.join(' ')} in ${ns.label}: expected a JSON array` };
  // u32 keys' words are repeated "match" keys, which JSON.parse does not keep: read apart.
  const words = r.stdout.includes('"u32"') ? u32JsonWords(r.stdout) : undefined;
  const { filters, errors } = parseTcJsonEntries(value, argv.join(' '), undefined, words, direction);
  return errors.length > 0 && filters.length === 0 ? { error: errors[0]!.message } : { filters };
}

/** device -> direction -> tcx programs in run order. null when bpftool failed. */
export type TcxByDevice = Map<string, Partial<Record<Direction, TcxProgram[]>>>;

export async function pollTcx(runner: Runner, ns: NsTarget, timeoutMs: number): Promise<TcxByDevice | null> {
  const r = await runner.run({ argv: ['bpftool', '-j', 'net', 'show'], ns, timeoutMs });
  if (r.exitCode !== 0) return null;
  let value: unknown;
  try {
    value = JSON.parse(r.stdout);
  } catch {
    return null;
  }
  const out: TcxByDevice = new Map();
  const { observations } = parseBpftoolNetJsonValue(value, 'bpftool -j net show', undefined, { node: null, netns: ns.label });
  for (const o of observations) {
    if (o.device === null || o.direction === null || o.tcx === undefined) continue;
    const entry = out.get(o.device) ?? {};
    entry[o.direction] = [...o.tcx]; // its own list: the watch keeps and replaces these
    out.set(o.device, entry);
  }
  return out;
}
