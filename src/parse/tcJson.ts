// `tc -j filter show` -> LegacyFilters. Entries without `options` are the per-tcf_proto
// header messages (and u32 hash tables): they prove the hook exists but are not filters.
import type { Direction, LegacyFilter, TcAction } from '../model/snapshot.js';
import { isRecord, objectLines, parseJson } from './json.js';
import { isIngressParent, normaliseHandle, u32Classifier, type U32Table } from './tcFilterLine.js';
import { MAX_PREF } from './tcWords.js';
import type { ParseDefaults, ParseError, ParsedFile } from './types.js';
import { u32JsonWords } from './u32JsonWords.js';
import { U32Words, type U32Word } from './u32Words.js';

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
    // iproute2 prints a prob object for every gact; random_type "none" means it has none.
    const prob = kind === 'gact' && isRecord(a.prob) && str(a.prob.random_type) !== 'none' ? a.prob : null;
    const detail = kind === 'mirred' && dir && what ? `${dir} ${what}`
      : prob ? `random ${str(prob.random_type) ?? '?'} ${controlOf(prob) ?? '?'}` : null;
    // police prints its exceed and conform actions under one repeated "control_action" key,
    // of which JSON.parse keeps the last: which of the two it is cannot be told, so neither
    // is used (src/analyze/actions.ts then says unknown; the text dump has both).
    return { order: int(a.order), kind, control: kind === 'police' ? null : controlOf(a), detail };
  });
}

/** Converts one entry; null for header entries; a string for an entry we cannot read. */
function entryToFilter(e: unknown): LegacyFilter | null | string {
  if (!isRecord(e)) return 'entry is not an object';
  const kind = str(e.kind);
  const pref = int(e.pref);
  if (kind === null || pref === null) return 'entry has no "kind" or numeric "pref"';
  if (pref < 0 || pref > MAX_PREF) return `"pref" ${pref} is out of range (tc prefs are 0-${MAX_PREF})`;
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
  // Whether the key matches every packet needs all its "match" words, which JSON.parse does
  // not keep: parseTcJsonEntries fills it in when it is given them (src/parse/u32JsonWords.ts).
  if (kind === 'u32') f.u32 = { terminal: null, link: str(o.link)?.toLowerCase() ?? null, matchesEvery: null };
  return f;
}

/** A mark field of tc -j ("0x1" or a number); null when it is neither. */
const markNumber = (v: unknown): number | null =>
  typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(v) ? Number(v) : null;

/** A u32 hash-table entry ("fh":"800:"), or null. */
function u32TableOf(e: unknown): U32Table | null {
  if (!isRecord(e) || e.kind !== 'u32' || !isRecord(e.options)) return null;
  const fh = str(e.options.fh);
  return fh === null || !fh.endsWith(':') ? null : { id: fh.slice(0, -1).toLowerCase(), classifier: u32Classifier(int(e.chain), int(e.pref), str(e.protocol)) };
}

/** Entries of one `tc -j filter show dev X ingress|egress`. With `words` (each entry's u32
 *  match words, u32JsonWords) u32 keys also get matchesEvery; the live collector, which has
 *  the entries parsed already, takes it from a text dump of the hook instead. `direction`:
 *  the hook asked for; an egress dump's entries whose parent says ingress (a legacy ingress
 *  qdisc's, which tc lists for both directions and which run on ingress only) are left out. */
export function parseTcJsonEntries(entries: unknown[], file: string, lines?: number[], words?: Map<number, Array<U32Word | null>>, direction: Direction | null = null): { filters: LegacyFilter[]; errors: ParseError[] } {
  const filters: LegacyFilter[] = [];
  const errors: ParseError[] = [];
  let u32: U32Words | null = null;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    if (direction === 'egress' && isRecord(e) && (e.ingress === true || (typeof e.parent === 'string' && isIngressParent(e.parent)))) continue;
    const line = lines?.[i] ?? null;
    const r = entryToFilter(e);
    if (typeof r === 'string') errors.push({ file, line: line ?? 1, message: `tc -j entry ${i}: ${r}` });
    else if (r !== null) {
      if (line !== null) r.source = { file, line };
      filters.push(r);
      if (words !== undefined && r.u32 != null) {
        const w = (u32 ??= new U32Words()).key(filters, r);
        for (const x of words.get(i) ?? []) U32Words.add(w, x);
        // The key's mark and input device, which tc -j prints as plain keys.
        const o = isRecord(e) && isRecord(e.options) ? e.options : {};
        if (o.input_dev !== undefined) U32Words.inputDev(w);
        if (o.fwmark_value !== undefined || o.fwmark_mask !== undefined) U32Words.mark(w, markNumber(o.fwmark_value), markNumber(o.fwmark_mask));
      }
    } else if (words !== undefined) {
      const t = u32TableOf(e);
      if (t !== null) (u32 ??= new U32Words()).table(filters, t);
    }
  }
  if (u32 !== null) u32.finish();
  return { filters, errors };
}

/** Whole `tc -j filter show` output (a top-level array). firstLine offsets capture sections. */
export function parseTcJsonText(text: string, file: string, defaults: ParseDefaults & { netns?: string | null }, firstLine = 1): ParsedFile {
  const base: ParsedFile = { file, format: 'tc-json', observations: [], nodes: [], programs: [], progArrays: [], sawBpftoolNet: false, errors: [] };
  const j = parseJson(text);
  if (!j.ok) return { ...base, errors: [{ file, line: j.line + firstLine - 1, message: j.message }] };
  if (!Array.isArray(j.value)) return { ...base, errors: [{ file, line: firstLine, message: 'tc -j output must be a JSON array' }] };
  const r = parseTcJsonEntries(j.value, file, objectLines(text, 1, firstLine), text.includes('"u32"') ? u32JsonWords(text) : undefined, defaults.direction);
  base.errors = r.errors;
  base.observations.push({
    node: defaults.node, netns: defaults.netns ?? null, device: defaults.device, ifindex: null,
    direction: defaults.direction, legacy: { filters: r.filters, prefsKnown: true },
  });
  return base;
}
