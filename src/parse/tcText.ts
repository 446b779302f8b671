// `tc filter show` text -> hook observations. Handles pasted copies (uniform indent, ` * `
// comment prefixes, CRLF, tabs) and several dumps in one file introduced by bash xtrace
// (`++ sudo tc filter show dev eth0 egress`) or prompt (`$ tc filter show ...`) lines.
import type { Direction, LegacyFilter } from '../model/snapshot.js';
import { hasCommentPrefix, indentOf, splitLines, stripCommentPrefix } from './lines.js';
import { actionOfLine, gactRandomDetail } from './tcActions.js';
import { parseFilterLine } from './filterLineRead.js';
import { addFlag } from './tcFilterLine.js';
import type { HookObservation, ParseDefaults, ParseError, ParsedFile } from './types.js';
import { u32StarMeaning } from './u32.js';
import { U32Words, type U32KeyWords } from './u32Words.js';

export interface TcContext {
  node: string | null;
  netns: string | null;
  device: string | null;
  direction: Direction | null;
  /** The iproute2 version that printed the text, when known: it decides what u32's
   *  `*flowid` means (src/parse/u32.ts). */
  iproute2?: string | null;
}

const FLAG_LINE = /^(skip_hw|skip_sw|in_hw|not_in_hw|verbose)\b/;
/** Continuation lines recognised by content, for pastes that lost their indentation. */
const CONTINUATION = /^(action order \d+:|index \d+ ref|match |Action statistics|Sent \d+ bytes|backlog |random type|(eth_type|ip_proto|src_ip|dst_ip|src_port|dst_port|src_mac|dst_mac|vlan_id|vlan_prio|vlan_ethtype|ip_flags|ct_state|enc_key_id)\b|\(rule hit)/;
const XTRACE = /^\++ /;
const PROMPT = /^[$#] /;

/** Reads `dev X` and `ingress|egress|parent ffff:fff2|3` from a shell command line. */
export function commandContext(cmd: string): { device: string | null; direction: Direction | null } | null {
  const t = cmd.split(/\s+/);
  const ti = t.findIndex((w) => w === 'tc' || w.endsWith('/tc'));
  if (ti === -1) return null;
  const rest = t.slice(ti + 1);
  if (!rest.includes('filter')) return null;
  let device: string | null = null;
  let direction: Direction | null = null;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === 'dev') device = rest[i + 1] ?? null;
    else if (w === 'ingress' || w === 'egress') direction = w;
    else if (w === 'parent') {
      const p = (rest[i + 1] ?? '').toLowerCase();
      if (p === 'ffff:fff2' || p === 'ffff:') direction = 'ingress';
      else if (p === 'ffff:fff3') direction = 'egress';
    }
  }
  return { device, direction };
}

const keyOf = (device: string | null, direction: Direction | null): string => `${device ?? ''}\u0000${direction ?? ''}`;

/** Where a reader appends what it finds (a capture passes its own result, so its thousands
 *  of sections allocate no arrays of their own). */
export interface TcSink {
  observations: HookObservation[];
  errors: ParseError[];
}

export function parseTcTextLines(rawLines: string[], firstLine: number, file: string, ctx: TcContext): TcSink {
  const sink: TcSink = { observations: [], errors: [] };
  readTcText((k) => rawLines[k] ?? '', 0, rawLines.length, firstLine, file, ctx, sink);
  return sink;
}

/** Reads lines from..to-1 (lineAt(k) gives line k), the first of which is line `firstLine`
 *  of `file`. */
export function readTcText(lineAt: (k: number) => string, from: number, to: number, firstLine: number, file: string, ctx: TcContext, sink: TcSink): void {
  if (hasCommentPrefix(lineAt, from, to)) {
    const raw: string[] = [];
    for (let k = from; k < to; k++) raw.push(lineAt(k));
    const stripped = stripCommentPrefix(raw);
    lineAt = (k) => stripped[k] ?? '';
    to -= from;
    from = 0;
  }
  const { observations, errors } = sink;
  const firstNew = observations.length;
  const star = u32StarMeaning(ctx.iproute2);
  let byKey: Map<string, LegacyFilter[]> | null = null;
  let dump = { device: ctx.device, direction: ctx.direction };
  let current: LegacyFilter | null = null;
  // u32 keys' match words and tables (u32Words.ts), made at the first u32 line.
  let u32: U32Words | null = null;
  let words: U32KeyWords | null = null;
  let blockIndent = -1; // indent of the last filter line; -1 = no filter block open

  // Consecutive filter lines nearly always name the same hook: remember the last one rather
  // than building a key string per line.
  let lastList: LegacyFilter[] | null = null;
  let lastDevice: string | null = null;
  let lastDirection: Direction | null = null;
  const hook = (device: string | null, direction: Direction | null): LegacyFilter[] => {
    if (lastList !== null && lastDevice === device && lastDirection === direction) return lastList;
    // Most texts (every capture section) name one hook: the map is made when a second appears.
    if (byKey === null && lastList !== null) byKey = new Map([[keyOf(lastDevice, lastDirection), lastList]]);
    const key = byKey === null ? '' : keyOf(device, direction);
    let list = byKey?.get(key);
    if (!list) {
      list = [];
      byKey?.set(key, list);
      observations.push({ node: ctx.node, netns: ctx.netns, device, ifindex: null, direction, legacy: { filters: list, prefsKnown: true } });
    }
    lastList = list;
    lastDevice = device;
    lastDirection = direction;
    return list;
  };

  for (let k = from; k < to; k++) {
    const line = lineAt(k);
    const lineNo = firstLine + k - from;
    // tc ends every line with a space; only trim when the line does not start with "filter"
    // (a copy per line is the parser's main cost on big captures).
    const plain = line.startsWith('filter ');
    const trimmed = plain ? line : line.trim();
    if (trimmed === '') continue;
    // (A plain filter line can be neither an xtrace nor a prompt line: skip those regexes.)
    if (!plain && (XTRACE.test(trimmed) || PROMPT.test(trimmed))) {
      const c = commandContext(trimmed);
      if (c) {
        // A new dump: its own device/direction, falling back to what the caller knows.
        dump = { device: c.device ?? ctx.device, direction: c.direction ?? ctx.direction };
        hook(dump.device, dump.direction);
      }
      current = null;
      words = null;
      blockIndent = -1;
      continue;
    }
    if (plain || trimmed === 'filter' || /^filter\s/.test(trimmed)) {
      const r = parseFilterLine(trimmed, star);
      blockIndent = indentOf(line);
      if ('error' in r) {
        errors.push({ file, line: lineNo, message: r.error });
        current = null;
        words = null;
        continue;
      }
      words = null;
      // A line that says ingress (`parent ffff:`, or `ingress`) in an egress dump: a legacy
      // ingress qdisc's filter, which tc lists for both directions; it runs on ingress only,
      // where the ingress dump has it. (clsact's egress dump never holds ingress filters.)
      // A line that names its device (`tc monitor`'s) says where it belongs itself.
      if (r.direction === 'ingress' && r.device === null && dump.direction === 'egress') {
        hook(r.device ?? dump.device, 'egress');
        current = null;
        continue;
      }
      // The other way round, a line that says egress in an ingress dump: a filter added for
      // egress to a legacy ingress qdisc (parent ffff:fff3), which lands in its one block and
      // runs on ingress (rule legacy-ingress-qdisc); clsact's ingress dump never holds one.
      const ingressBlock = r.direction === 'egress' && r.device === null && dump.direction === 'ingress';
      const list = hook(r.device ?? dump.device, ingressBlock ? 'ingress' : r.direction ?? dump.direction);
      if (r.header) {
        if (r.u32Table !== undefined) (u32 ??= new U32Words()).table(list, r.u32Table);
        current = null;
        continue;
      }
      r.filter.source = { file, line: lineNo };
      list.push(r.filter);
      current = r.filter;
      if (r.filter.u32 != null) words = (u32 ??= new U32Words()).key(list, r.filter);
      continue;
    }
    const continuation = (blockIndent >= 0 && indentOf(line) > blockIndent) || (blockIndent >= 0 && CONTINUATION.test(trimmed));
    if (!continuation) {
      errors.push({ file, line: lineNo, message: trimmed.startsWith('qdisc ')
        ? 'a `tc qdisc show` line, not a filter: not read'
        : `unexpected line "${trimmed.slice(0, 80)}": expected a \`filter ...\` line of \`tc filter show\`` });
      continue;
    }
    if (current === null) continue;
    if (words !== null && trimmed.startsWith('match')) {
      if (!U32Words.word(words, trimmed)) errors.push({ file, line: lineNo, message: 'unreadable u32 match word: expected `match VALUE/MASK at OFFSET` (MASK 8 hex digits)' });
    } else if (words !== null && (trimmed.startsWith('mark ') || trimmed.startsWith('input dev') || trimmed.startsWith('Invalid mark'))) {
      U32Words.test(words, trimmed);
    } else if (trimmed.startsWith('action order')) {
      const a = actionOfLine(trimmed);
      // (An array of one for the first action: a push on [] reserves 17 slots.)
      if (a && current.actions.length === 0) current.actions = [a];
      else if (a) current.actions.push(a);
      else errors.push({ file, line: lineNo, message: 'unreadable action line (expected `action order N: KIND ...`)' });
    } else if (trimmed.startsWith('random type ')) {
      // gact's random action, on the line under its action line.
      const last = current.actions.at(-1);
      const detail = gactRandomDetail(trimmed);
      if (last?.kind === 'gact' && detail !== null) current.actions[current.actions.length - 1] = { ...last, detail };
    } else if (FLAG_LINE.test(trimmed)) {
      // flower/matchall print their flags on their own lines: "in_hw in_hw_count 1"
      const t = trimmed.split(/\s+/);
      for (let i = 0; i < t.length; i++) {
        const w = t[i] ?? '';
        if (w === 'in_hw_count') addFlag(current, `in_hw_count=${t[++i] ?? ''}`);
        else if (/^(skip_hw|skip_sw|in_hw|not_in_hw|verbose)$/.test(w)) addFlag(current, w);
      }
    }
  }
  u32?.finish();
  // Growing lists reserve spare slots (17 after the first push); the parsed model of a big
  // capture lives through the whole audit, so each hook keeps an exact-size copy.
  for (let i = firstNew; i < observations.length; i++) {
    const legacy = observations[i]?.legacy;
    if (legacy && legacy.filters.length > 0) legacy.filters = legacy.filters.slice();
  }
}

export function parseTcText(text: string, file: string, defaults: ParseDefaults): ParsedFile {
  const { lines, errors } = splitLines(text, file);
  const ctx: TcContext = { node: defaults.node, netns: null, device: defaults.device, direction: defaults.direction, iproute2: defaults.iproute2 ?? null };
  const r = parseTcTextLines(lines, 1, file, ctx);
  return {
    file, format: 'tc-text', observations: r.observations, nodes: [], programs: [], progArrays: [],
    sawBpftoolNet: false, errors: [...errors, ...r.errors],
  };
}
