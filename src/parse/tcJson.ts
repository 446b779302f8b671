// `tc -j filter show` -> LegacyFilters. Entries without `options` are the per-tcf_proto
// header messages (and u32 hash tables): they prove the hook exists but are not filters.
import type { LegacyFilter, TcAction } from '../model/snapshot.js';
import { isRecord, objectLines, parseJson } from './json.js';
import { normaliseHandle } from './tcFilterLine.js';
import type { ParseDefaults, ParseError, ParsedFile } from './types.js';

const FLAG_KEYS = ['skip_hw', 'skip_sw', 'in_hw', 'not_in_hw', 'verbose'] as const;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);

function handleOf(kind: string, o: Record<string, unknown>): string | null {
  const h = o.handle ?? o.fh;
  if (typeof h === 'number' && Number.isInteger(h) && h >= 0) return `0x${h.toString(16)}`;
  if (typeof h !== 'string' || h === '') return null;
  return kind === 'u32' ? h.toLowerCase() : normaliseHandle(h);
}

function controlOf(a: Record<string, unknown>): string | null {
  const c = a.control_action;
  if (!isRecord(c)) return null;
  const type = str(c.type);
  if (type === 'goto' && c.chain !== undefined) return `goto chain ${String(c.chain)}`;
  if (type === 'jump' && c.jump !== undefined) return `jump ${String(c.jump)}`;
  return type;
}

function actionsOf(v: unknown): TcAction[] {
  if (!Array.isArray(v)) return [];
  return v.filter(isRecord).map((a) => {
    const kind = str(a.kind) ?? 'unknown';
    const dir = str(a.direction);
    const what = str(a.mirred_action);
    return { order: int(a.order), kind, control: controlOf(a), detail: kind === 'mirred' && dir && what ? `${dir} ${what}` : null };
  });
}

/** Converts one entry; null for header entries; a string for an entry we cannot read. */
function entryToFilter(e: unknown): LegacyFilter | null | string {
  if (!isRecord(e)) return 'entry is not an object';
  const kind = str(e.kind);
  const pref = int(e.pref);
  if (kind === null || pref === null) return 'entry has no "kind" or numeric "pref"';
  const o = e.options;
  if (!isRecord(o)) return null;
  const handle = handleOf(kind, o);
  // u32 hash tables ("fh":"800:") carry options but classify nothing themselves.
  if (handle === null || (kind === 'u32' && handle.endsWith(':'))) return null;
  const flags: string[] = FLAG_KEYS.filter((k) => o[k] === true);
  if (typeof o.in_hw_count === 'number') flags.push(`in_hw_count=${o.in_hw_count}`);
  const p = isRecord(o.prog) ? o.prog : null;
  const tag = str(p?.tag) ?? str(o.tag);
  const program = p || tag ? { id: int(p?.id), name: str(p?.name), tag: tag?.toLowerCase() ?? null } : null;
  const f: LegacyFilter = {
    pref, protocol: str(e.protocol), chain: int(e.chain), kind, handle,
    directAction: kind === 'bpf' ? o['direct-action'] === true : null,
    flags, tcName: str(o.bpf_name), program,
    classid: str(o.flowid) ?? str(o.classid), actions: actionsOf(o.actions), source: null,
  };
  // tc -j never prints u32's terminal flag (the `*` and `terminal flowid` are text only, and
  // "flowid" is the same key for both): unknown here, the text dump can tell (src/parse/u32.ts).
  // Nor can it say whether a key matches every packet: it prints each match word as a "match"
  // key of one object, and JSON.parse keeps the last (src/parse/u32Words.ts).
  if (kind === 'u32') f.u32 = { terminal: null, link: str(o.link)?.toLowerCase() ?? null, matchesEvery: null };
  return f;
}

/** For the live collector: entries of one `tc -j filter show dev X ingress|egress`. */
export function parseTcJsonEntries(entries: unknown[], file: string, lines?: number[]): { filters: LegacyFilter[]; errors: ParseError[] } {
  const filters: LegacyFilter[] = [];
  const errors: ParseError[] = [];
  entries.forEach((e, i) => {
    const line = lines?.[i] ?? null;
    const r = entryToFilter(e);
    if (typeof r === 'string') errors.push({ file, line: line ?? 1, message: `tc -j entry ${i}: ${r}` });
    else if (r !== null) {
      if (line !== null) r.source = { file, line };
      filters.push(r);
    }
  });
  return { filters, errors };
}

/** Whole `tc -j filter show` output (a top-level array). firstLine offsets capture sections. */
export function parseTcJsonText(text: string, file: string, defaults: ParseDefaults & { netns?: string | null }, firstLine = 1): ParsedFile {
  const base: ParsedFile = { file, format: 'tc-json', observations: [], nodes: [], programs: [], progArrays: [], sawBpftoolNet: false, errors: [] };
  const j = parseJson(text);
  if (!j.ok) return { ...base, errors: [{ file, line: j.line + firstLine - 1, message: j.message }] };
  if (!Array.isArray(j.value)) return { ...base, errors: [{ file, line: firstLine, message: 'tc -j output must be a JSON array' }] };
  const r = parseTcJsonEntries(j.value, file, objectLines(text, 1, firstLine));
  base.errors = r.errors;
  base.observations.push({
    node: defaults.node, netns: defaults.netns ?? null, device: defaults.device, ifindex: null,
    direction: defaults.direction, legacy: { filters: r.filters, prefsKnown: true },
  });
  return base;
}
