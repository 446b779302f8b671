// One `filter ...` line of `tc filter show` (tc/tc_filter.c print_filter + the kind's
// print_opt). Tokens are read by keyword; the bpf name is the one unlabelled token.
import type { Direction, LegacyFilter } from '../model/snapshot.js';

export interface FilterLine {
  device: string | null;
  direction: Direction | null;
  /** true for the per-tcf_proto header line (no handle) and u32 hash-table lines. */
  header: boolean;
  filter: LegacyFilter;
}

const FLAGS = new Set(['skip_hw', 'skip_sw', 'in_hw', 'not_in_hw', 'verbose']);
/** Keywords that end the bpf name (the name is printed right after handle/flowid). */
const BPF_STOP = new Set([...FLAGS, 'direct-action', 'da', 'id', 'tag', 'police', 'action', 'jited', 'name']);
/** -d/-s extras carrying one value we don't model. */
const SKIP_ONE = new Set(['load_time', 'created_by_uid', 'btf_id', 'order', 'hw_tc', 'link', 'ht', 'bkt', 'divisor', 'memlock', 'map_ids', 'skip_sw_count']);

export function normaliseHandle(h: string): string {
  if (/^0x[0-9a-f]+$/i.test(h)) return `0x${BigInt(h).toString(16)}`;
  if (/^\d+$/.test(h)) return `0x${BigInt(h).toString(16)}`;
  return h.toLowerCase();
}

function directionOfParent(p: string): Direction | null {
  const v = p.toLowerCase();
  if (v === 'ffff:fff2') return 'ingress';
  if (v === 'ffff:fff3') return 'egress';
  return null;
}

/** `trimmed` must start with `filter` (trailing spaces are fine); an error when the line has
 *  no `pref N KIND` part. */
export function parseFilterLine(trimmed: string): FilterLine | { error: string } {
  // split(' ') is much cheaper than a regex split; tabs and double spaces are rarer.
  const t = trimmed.includes('\t') ? trimmed.trim().split(/\s+/) : trimmed.includes('  ') ? trimmed.trim().split(' ').filter((w) => w !== '') : trimmed.split(' ');
  let i = 1;
  let device: string | null = null;
  let direction: Direction | null = null;
  let protocol: string | null = null;
  let pref: number | null = null;
  for (; i < t.length; i++) {
    const k = t[i];
    if (k === 'dev') device = t[++i] ?? null;
    else if (k === 'ingress' || k === 'egress') direction = k;
    else if (k === 'parent') direction = directionOfParent(t[++i] ?? '') ?? direction;
    else if (k === 'block') i++;
    else if (k === 'protocol') protocol = t[++i] ?? null;
    else if (k === 'pref' || k === 'prio' || k === 'priority') {
      const v = t[++i] ?? '';
      if (!/^\d+$/.test(v)) return { error: `pref "${v}" is not a number` };
      pref = Number(v);
    } else break;
  }
  const kind = t[i++];
  if (pref === null || kind === undefined || kind === '') {
    return { error: 'expected `filter [dev D] [ingress|egress|parent P] protocol P pref N KIND ...`' };
  }
  const f: LegacyFilter = {
    pref, protocol, chain: null, kind, handle: null, directAction: kind === 'bpf' ? false : null,
    flags: [], tcName: null, program: null, classid: null, actions: [], source: null,
  };
  let header = true;
  let progId: number | null = null;
  let progName: string | null = null;
  let tag: string | null = null;
  const isNum = (v: string | undefined) => v !== undefined && v !== '' && Number.isInteger(Number(v));
  for (; i < t.length; i++) {
    const k = t[i] ?? '';
    const next = t[i + 1];
    // A switch on the token: this loop is the hot path on big captures.
    switch (k) {
      case 'chain':
        if (isNum(next)) { f.chain = Number(next); i++; }
        continue;
      case 'handle':
      case 'fh':
        if (next === undefined) continue;
        i++;
        // u32 "fh 800:" is the hash table itself, not a key node that classifies.
        if (kind === 'u32' && next.endsWith(':')) return { device, direction, header: true, filter: f };
        f.handle = kind === 'u32' ? next.toLowerCase() : normaliseHandle(next);
        header = false;
        continue;
      case 'flowid':
      case 'classid':
        // u32 prints "flowid" with nothing (or "???") after it when no class was set.
        if (next !== undefined && /^[0-9a-f]*:[0-9a-f]*$/i.test(next)) { f.classid = next.toLowerCase(); i++; }
        else if (next === '???') i++;
        continue;
      case 'direct-action':
      case 'da':
        f.directAction = true;
        continue;
      case 'skip_hw': case 'skip_sw': case 'in_hw': case 'not_in_hw': case 'verbose':
        f.flags.push(k);
        continue;
      case 'in_hw_count':
        if (next !== undefined) { f.flags.push(`in_hw_count=${next}`); i++; }
        continue;
      case 'id':
        if (isNum(next)) { progId = Number(next); i++; continue; }
        break;
      case 'name':
        if (kind === 'bpf' && next !== undefined) { progName = next; i++; continue; }
        break;
      case 'tag':
        if (next !== undefined) { tag = next.toLowerCase(); i++; }
        continue;
      case 'jited':
      case '':
        continue;
      default:
        if (SKIP_ONE.has(k)) { i++; continue; }
    }
    if (k.startsWith('(')) break; // "(rule hit 0 success 0)" and other -s extras
    if (kind === 'bpf' && f.tcName === null && !BPF_STOP.has(k)) {
      let j = i;
      while (j + 1 < t.length && !BPF_STOP.has(t[j + 1] ?? '') && !(t[j + 1] ?? '').startsWith('(') && t[j + 1] !== '') j++;
      f.tcName = t.slice(i, j + 1).join(' ');
      i = j;
    }
  }
  if (kind !== 'bpf') f.directAction = null;
  if (progId !== null || tag !== null || progName !== null) f.program = { id: progId, name: progName, tag };
  return { device, direction, header, filter: f };
}
