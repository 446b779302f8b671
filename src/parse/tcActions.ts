// `action order N: KIND ...` lines (tc/m_action.c and each m_*.c print function).
import type { TcAction } from '../model/snapshot.js';

const CONTROLS = new Set(['pass', 'ok', 'drop', 'shot', 'pipe', 'continue', 'reclassify', 'stolen', 'trap', 'unspec']);

/** The verdict word(s) at the end of an action line; "goto chain N" and "jump N" keep their
 *  argument. null when the line ends with something else (we don't guess). */
function trailingControl(tokens: string[]): string | null {
  const n = tokens.length;
  const last = tokens[n - 1];
  if (last === undefined) return null;
  if (n >= 3 && tokens[n - 3] === 'goto' && tokens[n - 2] === 'chain' && /^\d+$/.test(last)) return `goto chain ${last}`;
  if (n >= 2 && tokens[n - 2] === 'jump' && /^\d+$/.test(last)) return `jump ${last}`;
  return CONTROLS.has(last) ? last : null;
}

/** Parses the text after `action order`; returns null when the line is not an action line. */
export function parseActionLine(trimmed: string): TcAction | null {
  const m = /^action order (\d+):\s*(\S+)\s*(.*)$/.exec(trimmed);
  if (!m) return null;
  const kind = m[2] ?? '';
  const rest = (m[3] ?? '').trim();
  const tokens = rest === '' ? [] : rest.split(/\s+/);
  let control: string | null;
  let detail: string | null = null;
  if (kind === 'gact') {
    // "gact action pass" (random/prob details follow on later lines)
    const i = tokens.indexOf('action');
    control = i === -1 ? trailingControl(tokens) : trailingControl(tokens.slice(i + 1, i + 4)) ?? tokens[i + 1] ?? null;
    if (control === 'goto' || control === 'jump') control = trailingControl(tokens.slice(i + 1));
  } else if (kind === 'police') {
    // "police 0x1 rate 1Mbit burst 10Kb mtu 2Kb action drop/continue overhead 0b": the
    // exceed action, then (newer iproute2) the conform one (src/analyze/actions.ts).
    const i = tokens.indexOf('action');
    const w = i === -1 ? undefined : tokens[i + 1];
    control = w !== undefined && /^[a-z]+(\/[a-z]+)?$/.test(w) ? w : null;
  } else {
    control = trailingControl(tokens);
  }
  if (kind === 'mirred') {
    // "(Egress Mirror to device v1)" -> "egress mirror"
    const d = /\((Egress|Ingress) (Mirror|Redirect)/i.exec(rest);
    if (d) detail = `${(d[1] ?? '').toLowerCase()} ${(d[2] ?? '').toLowerCase()}`;
  }
  return { order: Number(m[1]), kind, control, detail };
}

/** gact's `random type determ continue val 2` line (printed under its action line) as the
 *  action's detail, "random determ continue"; null when the line says something else, or
 *  `random type none pass val 0`, which iproute2 prints for every gact without one. */
export function gactRandomDetail(trimmed: string): string | null {
  const m = /^random type (\S+) (.+?) val \d+$/.exec(trimmed);
  return m && m[1] !== 'none' ? `random ${m[1]} ${m[2]}` : null;
}

/** parseActionLine's answer by line, the same (frozen) object for the same line: a node's
 *  mirred and gact actions print alike on every pod's hooks, and each was read again and
 *  kept as an object of its own. Actions are never changed once read. Bounded, as
 *  tcFilterLine.ts remembers filter lines. */
const SEEN = new Map<string, TcAction | null>();
const SEEN_MAX = 2048;

export function actionOfLine(trimmed: string): TcAction | null {
  let a = SEEN.get(trimmed);
  if (a === undefined) {
    a = parseActionLine(trimmed);
    if (a !== null) Object.freeze(a);
    if (SEEN.size >= SEEN_MAX) SEEN.clear();
    SEEN.set(trimmed, a);
  }
  return a;
}
