// Lines from `tc monitor` and `ip -o monitor link`, as iproute2 6.x prints them:
//   added filter dev v0 ingress protocol all pref 10 bpf chain 0 handle 0x1 ...
//   replaced filter dev v0 ingress ... / deleted filter dev v0 egress ... pref 3 bpf chain 0
//   qdisc clsact ffff: dev v0 parent ffff:fff1      (added: older tc prints no verb)
//   deleted qdisc clsact ffff: dev v0 parent ffff:fff1 refcnt 0
//   3: v0@v1: <BROADCAST,...> ...   /   Deleted 3: v0@NONE: <...> ...
import type { Direction } from '../model/snapshot.js';
import { isIngressParent } from '../parse/tcFilterLine.js';

export type TcOp = 'added' | 'replaced' | 'deleted';

export interface TcMonitorEvent {
  object: 'filter' | 'qdisc';
  op: TcOp;
  device: string;
  /** Filters on clsact hooks only; null for qdiscs and other parents. */
  direction: Direction | null;
  pref: number | null;
  kind: string | null;
  handle: string | null;
  raw: string;
}

export interface LinkMonitorEvent {
  op: 'new' | 'deleted';
  ifindex: number;
  device: string;
  raw: string;
}

const FILTER = /^(?:(added|replaced|deleted) )?filter dev (\S+) (ingress|egress|parent \S+)(.*)$/;
const QDISC = /^(?:(added|replaced|deleted) )?qdisc (\S+) \S+ dev (\S+)/;

/** null for lines that are not filter/qdisc events (chain events, continuation lines). */
export function parseTcMonitorLine(line: string): TcMonitorEvent | null {
  const raw = line.trimEnd();
  const f = FILTER.exec(raw);
  if (f) {
    const rest = f[4] ?? '';
    const pref = /\bpref (\d+)/.exec(rest);
    const kind = /\bpref \d+ (\S+)/.exec(rest);
    const handle = /\b(?:handle|fh) (\S+)/.exec(rest);
    // `parent ffff:` (or ffff:fff2): the legacy ingress qdisc's filter, which runs on ingress only.
    const dir = f[3] === 'ingress' || f[3] === 'egress' ? f[3] : isIngressParent(f[3]!.slice('parent '.length)) ? 'ingress' : null;
    return {
      object: 'filter', op: (f[1] as TcOp | undefined) ?? 'added', device: f[2]!, direction: dir,
      pref: pref ? Number(pref[1]) : null, kind: kind?.[1] ?? null, handle: handle?.[1] ?? null, raw,
    };
  }
  const q = QDISC.exec(raw);
  if (q) {
    return { object: 'qdisc', op: (q[1] as TcOp | undefined) ?? 'added', device: q[3]!, direction: null, pref: null, kind: q[2]!, handle: null, raw };
  }
  return null;
}

const LINK = /^(Deleted )?(\d+): ([^:@\s]+)(?:@[^:\s]*)?:/;

export function parseLinkMonitorLine(line: string): LinkMonitorEvent | null {
  const m = LINK.exec(line.trim());
  if (!m) return null;
  return { op: m[1] ? 'deleted' : 'new', ifindex: Number(m[2]), device: m[3]!, raw: line.trimEnd() };
}
