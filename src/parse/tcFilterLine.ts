// One `filter ...` line of `tc filter show` (tc/tc_filter.c print_filter + the kind's
// print_opt). Tokens are read by keyword; the bpf name is the one unlabelled token.
import type { Direction, LegacyFilter } from '../model/snapshot.js';
import { Tokens } from './tokens.js';
import { BPF_STOP, BY_FIRST, MAX_PREF, NO_ITEMS, SHARED_BY_LENGTH, normaliseHandle } from './tcWords.js';
import { u32TerminalOf, type StarMeaning, type U32ClassMark } from './u32.js';

export { normaliseHandle } from './tcWords.js';

/** A filter line, or (header) the per-tcf_proto header line with no handle, or a u32
 *  hash-table line: those classify nothing, and only the hook they name is kept, and for a
 *  hash table its id and classifier (u32Table: whether a key sits in its classifier's only
 *  table, src/parse/u32Words.ts). */
export type FilterLine =
  | { device: string | null; direction: Direction | null; header: false; filter: LegacyFilter }
  | { device: string | null; direction: Direction | null; header: true; u32Table?: U32Table };

/** A u32 hash table (`fh 800: ht divisor 1`): its id ("800") and the classifier it belongs
 *  to, as chain|pref|protocol. */
export interface U32Table { id: string; classifier: string }

/** The classifier a u32 line belongs to, as U32Table names it. */
export const u32Classifier = (chain: number | null, pref: number | null, protocol: string | null): string => `${chain ?? ''}|${pref ?? ''}|${protocol ?? ''}`;

/** The legacy `ingress` qdisc (handle ffff:, which runs on ingress only): tc prints its
 *  filters' parent as `ffff:`, and lists them for `tc filter show dev X egress` as well as
 *  for ingress (the kernel finds the qdisc by the parent's major number). */
export const isLegacyIngressParent = (p: string): boolean => /^ffff:0{0,4}$/i.test(p);

/** A printed parent that says ingress: clsact's ffff:fff2 or the legacy qdisc's ffff:. A
 *  legacy ingress qdisc's filters carry the parent of the last `tc filter add` (its block's
 *  classid): tc prints `parent ffff:`, or `ingress` for ffff:fff2, also in egress dumps. */
export const isIngressParent = (p: string): boolean => /^ffff:fff2$/i.test(p) || isLegacyIngressParent(p);

function directionOfParent(p: string): Direction | null {
  const v = p.toLowerCase();
  if (v === 'ffff:fff2' || isLegacyIngressParent(v)) return 'ingress';
  if (v === 'ffff:fff3') return 'egress';
  return null;
}

/** Digits only (what /^\d+$/ accepted), checked without a regex on the hot path. */
function isDigits(s: string): boolean {
  if (s === '') return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

const isNum = (v: string | undefined): v is string => v !== undefined && v !== '' && Number.isInteger(Number(v));

/** The keyword constant equal to the current token, '' for an empty token, else null. */
function keywordAt(t: Tokens): string | null {
  if (t.start === t.end) return '';
  const cands = BY_FIRST.get(t.line.charCodeAt(t.start));
  if (cands !== undefined) for (const k of cands) if (t.is(k)) return k;
  return null;
}

function shared(t: Tokens): string {
  const cands = SHARED_BY_LENGTH[t.end - t.start];
  if (cands !== undefined) for (const v of cands) if (t.line.startsWith(v, t.start)) return v;
  return t.text();
}

/** Appends a flag; the first one makes an array of one (a push on [] reserves 17 slots, and
 *  most filters carry one flag), and the shared frozen lists (tcWords.ts) are copied. */
export function addFlag(f: LegacyFilter, flag: string): void {
  if (f.flags.length === 0) f.flags = [flag];
  else if (Object.isFrozen(f.flags)) f.flags = [...f.flags, flag];
  else f.flags.push(flag);
}

/** Reused for every line: parsing is synchronous and never re-entered. */
const cursor = new Tokens();

/** parseFilterLine token by token: every iproute2 version's layout and extras. */
export function tokenFilterLine(trimmed: string, star: StarMeaning = null): FilterLine | { error: string } {
  const t = cursor.reset(trimmed);
  t.next(); // "filter"
  let device: string | null = null;
  let direction: Direction | null = null;
  let protocol: string | null = null;
  let pref: number | null = null;
  let kind: string | undefined;
  while (t.next()) {
    if (t.is('dev')) device = t.next() ? t.text() : null;
    else if (t.is('ingress')) direction = 'ingress';
    else if (t.is('egress')) direction = 'egress';
    else if (t.is('parent')) direction = directionOfParent(t.next() ? t.text() : '') ?? direction;
    else if (t.is('block')) t.next();
    else if (t.is('protocol')) protocol = t.next() ? shared(t) : null;
    else if (t.is('pref') || t.is('prio') || t.is('priority')) {
      const v = t.next() ? t.text() : '';
      if (!isDigits(v)) return { error: `pref "${v}" is not a number` };
      pref = Number(v);
      if (pref > MAX_PREF) return { error: `pref ${v} is out of range (tc prefs are 0-${MAX_PREF})` };
    } else {
      kind = shared(t);
      break;
    }
  }
  if (pref === null || kind === undefined || kind === '') {
    return { error: 'expected `filter [dev D] [ingress|egress|parent P] protocol P pref N KIND ...`' };
  }
  const f: LegacyFilter = {
    pref, protocol, chain: null, kind, handle: null, directAction: kind === 'bpf' ? false : null,
    flags: NO_ITEMS, tcName: null, program: null, classid: null, actions: NO_ITEMS, source: null,
  };
  let header = true;
  let mark: U32ClassMark = 'none';
  let link: string | null = null;
  let progId: number | null = null;
  let progName: string | null = null;
  let tag: string | null = null;
  while (t.next()) {
    // Keywords are recognised in place (t.is) and the token is only copied when it is a
    // value or an unknown word: this loop runs for every token of every filter line.
    const w = keywordAt(t);
    if (w !== null) {
      switch (w) {
        case 'chain': {
          const next = t.peek();
          if (isNum(next)) { f.chain = Number(next); t.next(); }
          continue;
        }
        case 'handle':
        case 'fh': {
          if (!t.next()) return { error: `\`${w}\` without a value` };
          const h = shared(t);
          // u32 "fh 800:" is the hash table itself, not a key node that classifies.
          if (kind === 'u32' && h.endsWith(':')) return { device, direction, header: true, u32Table: { id: h.slice(0, -1).toLowerCase(), classifier: u32Classifier(f.chain, f.pref, f.protocol) } };
          f.handle = kind === 'u32' ? h.toLowerCase() : normaliseHandle(h);
          header = false;
          continue;
        }
        case 'terminal':
          // u32: "terminal flowid [???]" = the terminal flag without a class.
          if (kind !== 'u32' || t.peek() !== 'flowid') break;
          mark = 'terminal';
          continue;
        case 'link':
          if (!t.next()) continue;
          if (kind === 'u32') link = t.text().toLowerCase();
          continue;
        case 'flowid':
        case '*flowid': // u32: the star tells the terminal flag, depending on the iproute2 version
        case 'classid': {
          // u32 prints "flowid" with nothing (or "???") after it when no class was set.
          const next = t.peek();
          if (next !== undefined && /^[0-9a-f]*:[0-9a-f]*$/i.test(next)) {
            f.classid = next.toLowerCase();
            t.next();
            if (kind === 'u32' && mark === 'none') mark = w === '*flowid' ? 'star' : 'plain';
          } else if (next === '???') t.next();
          continue;
        }
        case 'direct-action':
        case 'da':
          f.directAction = true;
          continue;
        case 'skip_hw': case 'skip_sw': case 'in_hw': case 'not_in_hw': case 'verbose':
          addFlag(f, w);
          continue;
        case 'in_hw_count':
          if (t.next()) addFlag(f, `in_hw_count=${t.text()}`);
          continue;
        case 'id': {
          const next = t.peek();
          if (isNum(next)) { progId = Number(next); t.next(); continue; }
          break;
        }
        case 'name':
          if (kind === 'bpf' && t.peek() !== undefined) { t.next(); progName = t.text(); continue; }
          break;
        case 'tag':
          if (t.next()) tag = t.text().toLowerCase();
          continue;
        case 'jited':
        case '':
          continue;
        default: // SKIP_ONE
          t.next();
          continue;
      }
    }
    const k = w ?? t.text();
    if (k.startsWith('(')) break; // "(rule hit 0 success 0)" and other -s extras
    if (kind === 'bpf' && f.tcName === null && !BPF_STOP.has(k)) {
      // The name runs up to the next keyword (names may contain spaces).
      let name = k;
      for (let w = t.peek(); w !== undefined && !BPF_STOP.has(w) && !w.startsWith('(') && w !== ''; w = t.peek()) {
        name += ` ${w}`;
        t.next();
      }
      f.tcName = name;
    }
  }
  if (kind !== 'bpf') f.directAction = null;
  // Only key nodes (with a handle) classify; the header line of a u32 tcf_proto has none.
  // matchesEvery is the key's match lines' to say (src/parse/u32Words.ts), set with the others
  // so that every key object has one layout.
  if (kind === 'u32' && !header) f.u32 = { terminal: u32TerminalOf(mark, star), link, matchesEvery: null };
  if (header) return { device, direction, header };
  if (progId !== null || tag !== null || progName !== null) f.program = { id: progId, name: progName, tag };
  return { device, direction, header, filter: f };
}
