// Model -> `tc filter show dev X ingress|egress` text as iproute2 6.x prints it (every
// token followed by a space, one header line per tcf_proto, actions tab-indented).
// Used by the round-trip property test and the benchmark dump generator.
import type { Direction, LegacyFilter, TcAction } from '../model/snapshot.js';
import { u32MarkFor, u32StarMeaning, type StarMeaning } from './u32.js';

export interface WriteOptions {
  /** Print u32's terminal flag as this iproute2 version does (src/parse/u32.ts); default
   *  6.15.0 (`*flowid` = no terminal flag). */
  iproute2?: string;
  /** Print `dev D` and the direction on each line (as `tc monitor` does); default: omitted,
   *  as `tc filter show dev D ingress` prints. */
  device?: string;
  direction?: Direction;
}

function actionText(a: TcAction, index: number): string {
  const order = a.order ?? index + 1;
  const ctl = a.control ?? 'pipe';
  let body: string;
  if (a.kind === 'gact') body = `gact action ${ctl}\n\t random type none pass val 0`;
  else if (a.kind === 'mirred') {
    const [dir = 'egress', what = 'mirror'] = (a.detail ?? 'egress mirror').split(' ');
    const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    body = `mirred (${cap(dir)} ${cap(what)} to device eth0) ${ctl}`;
  } else body = `${a.kind} ${ctl}`;
  return `\taction order ${order}: ${body}\n\tindex ${index + 1} ref 1 bind 1\n`;
}

function prefix(f: LegacyFilter, o: WriteOptions): string {
  const where = `${o.device ? `dev ${o.device} ` : ''}${o.direction ? `${o.direction} ` : ''}`;
  return `filter ${where}protocol ${f.protocol ?? 'all'} pref ${f.pref ?? 0} ${f.kind} ${f.chain === null ? '' : `chain ${f.chain} `}`;
}

/** u32's class and terminal flag: `flowid X` / `*flowid X` / `terminal flowid`, then `link`. */
function u32ClassText(f: LegacyFilter, star: StarMeaning): string {
  const mark = u32MarkFor(f.u32?.terminal ?? null, f.classid !== null, star);
  let s = f.classid !== null ? `${mark === 'star' ? '*' : ''}flowid ${f.classid} ` : mark === 'terminal' ? 'terminal flowid ' : '';
  if (f.u32?.link) s += `link ${f.u32.link} `;
  return s;
}

/** The hash table a u32 key sits in: its handle's first part ("800" of "800::800"). */
const u32Table = (f: LegacyFilter): string => (f.handle ?? '800::800').split(':')[0]!;

/** A key's match word (src/parse/u32Words.ts reads it back): mask 0 when it matches every
 *  packet (and when the model does not say, as before the field), a word testing an IPv4
 *  destination when it does not, none when unknown. */
function u32WordText(matchesEvery: boolean | null | undefined): string {
  if (matchesEvery === false) return '  match 0a000001/ffffffff at 16\n';
  return matchesEvery === null ? '' : '  match 00000000/00000000 at 0\n';
}

function filterText(f: LegacyFilter, o: WriteOptions): string {
  let s = prefix(f, o);
  let tail = '';
  if (f.kind === 'bpf') {
    s += `handle ${f.handle ?? '0x1'} `;
    if (f.classid) s += `flowid ${f.classid} `;
    if (f.tcName) s += `${f.tcName} `;
    if (f.directAction) s += 'direct-action ';
    for (const fl of f.flags) s += fl.startsWith('in_hw_count=') ? `in_hw_count ${fl.slice(12)} ` : `${fl} `;
    const p = f.program;
    if (p?.id != null) s += `id ${p.id} ${p.name ? `name ${p.name} ` : ''}${p.tag ? `tag ${p.tag} ` : ''}jited `;
    else if (p?.tag) s += `tag ${p.tag} `;
  } else if (f.kind === 'u32') {
    s += `fh ${f.handle ?? '800::800'} order 2048 key ht ${u32Table(f)} bkt 0 ${u32ClassText(f, u32StarMeaning(o.iproute2 ?? '6.15.0'))}`;
    for (const fl of f.flags) s += `${fl} `;
    tail = u32WordText(f.u32?.matchesEvery);
  } else {
    s += `handle ${f.handle ?? '0x1'} ${f.classid ? `classid ${f.classid} ` : ''}`;
    // matchall/flower print their flags on their own lines
    for (const fl of f.flags) tail += fl.startsWith('in_hw_count=') ? `  in_hw_count ${fl.slice(12)}\n` : `  ${fl}\n`;
  }
  s += `\n${tail}`;
  if (f.actions.length > 0) s += `${f.actions.map(actionText).join('\n')}\n`;
  return s;
}

/** Filters of one tcf_proto, as consecutive runs of the same chain, pref, protocol and kind. */
function runs(filters: readonly LegacyFilter[]): LegacyFilter[][] {
  const out: LegacyFilter[][] = [];
  let group = '';
  for (const f of filters) {
    const g = `${f.chain}|${f.pref}|${f.protocol}|${f.kind}`;
    if (g !== group || out.length === 0) out.push([]);
    out[out.length - 1]!.push(f);
    group = g;
  }
  return out;
}

export function writeTcText(filters: LegacyFilter[], options: WriteOptions = {}): string {
  let out = '';
  for (const run of runs(filters)) {
    const first = run[0]!;
    out += `${prefix(first, options)}\n`;
    // u32 lists each hash table its keys sit in before the keys.
    if (first.kind === 'u32') for (const ht of new Set(run.map(u32Table))) out += `${prefix(first, options)}fh ${ht}: ht divisor 1 \n`;
    for (const f of run) out += filterText(f, options);
  }
  return out;
}
