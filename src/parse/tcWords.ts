// The words of `tc filter show` filter lines that both line readers (tcFilterLine.ts, the
// general tokenizer, and tcFilterFast.ts, the shortcut for tc's own bpf lines) must agree on.

export const FLAGS = new Set(['skip_hw', 'skip_sw', 'in_hw', 'not_in_hw', 'verbose']);
/** Keywords that end the bpf name (the name is printed right after handle/flowid). */
export const BPF_STOP = new Set([...FLAGS, 'direct-action', 'da', 'id', 'tag', 'police', 'action', 'jited', 'name']);
/** -d/-s extras carrying one value we don't model. */
export const SKIP_ONE = new Set(['load_time', 'created_by_uid', 'btf_id', 'order', 'hw_tc', 'ht', 'bkt', 'divisor', 'memlock', 'map_ids', 'skip_sw_count']);

/** "0x" and lower-case hex digits without a leading zero: already normal (tc prints handles
 *  so), which spares the regex and BigInt round trip below on nearly every filter. */
function isNormalHex(h: string): boolean {
  if (h.length < 3 || h.charCodeAt(0) !== 48 || h.charCodeAt(1) !== 120) return false;
  if (h.charCodeAt(2) === 48 && h.length > 3) return false;
  for (let i = 2; i < h.length; i++) {
    const c = h.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

export function normaliseHandle(h: string): string {
  if (isNormalHex(h)) return h;
  if (/^0x[0-9a-f]+$/i.test(h)) return `0x${BigInt(h).toString(16)}`;
  if (/^\d+$/.test(h)) return `0x${BigInt(h).toString(16)}`;
  return h.toLowerCase();
}

/** A lookahead that keeps a kind word from being one the token reader takes for something
 *  else (a device, direction, parent, block or pref keyword): the shortcuts' header regexes
 *  (tcFilterFast.ts, tcSectionFast.ts) read a kind only where it would. */
export const NOT_A_KIND = '(?!(?:dev|ingress|egress|parent|block|protocol|pref|prio|priority) )';

/** Every word the filter-line loop acts on, as constants so the switch compares identities. */
export const KEYWORDS = ['chain', 'handle', 'fh', 'flowid', '*flowid', 'classid', 'terminal', 'link', 'direct-action', 'da', ...FLAGS, 'in_hw_count', 'id', 'name', 'tag', 'jited', ...SKIP_ONE];
export const BY_FIRST = new Map<number, string[]>();
for (const k of KEYWORDS) {
  const c = k.charCodeAt(0);
  BY_FIRST.set(c, [...(BY_FIRST.get(c) ?? []), k]);
}

/** Values nearly every filter line repeats: kept filters share one string each instead of
 *  a copy per filter (the parsed model of a big capture stays in memory for the audit). */
export const SHARED = ['bpf', 'u32', 'matchall', 'flower', 'all', 'ip', 'ipv6', '0x1', '0x2'];
/** SHARED by length: most tokens are compared with one or two candidates at most. */
export const SHARED_BY_LENGTH: string[][] = [];
for (const v of SHARED) (SHARED_BY_LENGTH[v.length] ??= []).push(v);
/** The empty flags and actions every new filter starts with: one shared, frozen array rather
 *  than two per line (a large capture has tens of thousands of filter lines, and the header
 *  lines among them are dropped at once). Only addFlag and the action reader in tcText.ts
 *  add to these lists, and both replace an empty list instead of pushing on it. */
export const NO_ITEMS: never[] = Object.freeze([]) as never[];
/** The flags of tc's own bpf lines (`not_in_hw`), shared and frozen like NO_ITEMS: 20,000
 *  filters of a large capture hold this one list. addFlag copies it before adding. */
export const NOT_IN_HW_ONLY: string[] = Object.freeze(['not_in_hw']) as string[];


/** Kernel program names (15 characters at most) repeat on every hook of a node: kept as one
 *  string each, later comparisons of names (hook shapes, the table's groups) find equal
 *  names identical at once, and the model holds one copy. Bounded, for long-lived callers. */
const NAMES = new Map<string, string>();
export function internName(s: string): string {
  const known = NAMES.get(s);
  if (known !== undefined) return known;
  if (NAMES.size >= 4096) NAMES.clear();
  NAMES.set(s, s);
  return s;
}

/** tc prints a filter's pref as the 16-bit priority it is (tcm_info's upper half). */
export const MAX_PREF = 65535;
/** A pref of 0..MAX_PREF without leading zeros beyond four digits, for the regex shortcuts
 *  (a line they do not take goes to the token reader, which reads or reports it). */
export const PREF_RE = String.raw`(?:6553[0-5]|655[0-2]\d|65[0-4]\d{2}|6[0-4]\d{3}|[1-5]\d{4}|\d{1,4})`;
