// `-f json` in pieces: the same bytes as JSON.stringify(toJsonReport(r), null, 2), produced
// a hook and a finding at a time. A 5,000-device node makes a 42 MB report; built in one go
// it is a 42 MB string plus a full copy of the report as plain objects, then a 42 MB buffer
// to write it, and the garbage collector pays for all three. Pieces stay small, and the CLI
// writes them as they come (src/cli/outputOptions.ts).
import type { AuditResult } from '../model/result.js';
import type { AnalyzedHook } from '../model/analysis.js';
import { filterJson, findingJson, hookJson, nodeJson, toJsonReport } from './jsonModel.js';

/** A string JSON never produces unescaped, to mark where a streamed part goes. */
const HOLE = '\u0000tc-audit:part\u0000';
const HOLE_JSON = JSON.stringify(HOLE);

const pads: string[] = [];
const pad = (level: number): string => (pads[level] ??= `\n${'  '.repeat(level)}`);

/** JSON.stringify(value, null, 2) as it reads `level` containers deep. Wrapping the value
 *  in arrays lets the native serializer do the indenting; the wrappers are cut off again
 *  (each adds "[" + newline + indent before and newline + indent + "]" after). */
function at(value: unknown, level: number): string {
  let wrapped = value;
  for (let i = 0; i < level; i++) wrapped = [wrapped];
  const s = JSON.stringify(wrapped, null, 2);
  return s.slice(2 * level + level * (level + 1), s.length - (2 * level + level * (level - 1)));
}

/** `value` at `level` with the one field set to HOLE split around it. */
function around(value: object, level: number): [string, string] {
  const s = at(value, level);
  const i = s.indexOf(HOLE_JSON);
  return [s.slice(0, i), s.slice(i + HOLE_JSON.length)];
}

/** An array at `level` whose items come one by one (each already at level + 1). */
function* array<T>(items: readonly T[], level: number, item: (x: T) => Iterable<string>): Generator<string> {
  if (items.length === 0) {
    yield '[]';
    return;
  }
  yield '[';
  for (let i = 0; i < items.length; i++) {
    yield i === 0 ? pad(level + 1) : `,${pad(level + 1)}`;
    yield* item(items[i]!);
  }
  yield `${pad(level)}]`;
}

/** A hook at level 4: whole, or filter by filter when it has so many that its text would
 *  pass the longest string V8 makes (a dump of one hook with 350,000 filters did). */
const BIG_HOOK = 10_000;
function* hookPieces(h: AnalyzedHook): Generator<string> {
  if (h.filters === null || h.filters.length <= BIG_HOOK) {
    yield at(hookJson(h), 4);
    return;
  }
  const [before, after] = around({ ...hookJson({ ...h, filters: [] }), filters: HOLE }, 4);
  yield before;
  yield* array(h.filters, 5, (f) => [at(filterJson(f), 6)]);
  yield after;
}

function* pieces(r: AuditResult, toolVersion: string): Generator<string> {
  // Everything but the nodes and findings is small: serialise it whole, holes for the two.
  const report = { ...toJsonReport({ ...r, analysis: { nodes: [] }, findings: [] }, toolVersion), nodes: HOLE, findings: HOLE };
  const [head, rest] = around(report, 0);
  const j = rest.indexOf(HOLE_JSON);
  yield head;
  yield* array(r.analysis.nodes, 1, function* (n) {
    const [before, after] = around({ ...nodeJson({ ...n, hooks: [] }), interfaces: HOLE }, 2);
    yield before;
    yield* array(n.hooks, 3, hookPieces);
    yield after;
  });
  yield rest.slice(0, j);
  yield* array(r.findings, 1, (f) => [at(findingJson(f), 2)]);
  yield `${rest.slice(j + HOLE_JSON.length)}\n`;
}

/** The JSON report in chunks of about `size` characters, in order. */
export function* jsonChunks(r: AuditResult, toolVersion: string, size = 1 << 20): Generator<string> {
  let buf: string[] = [];
  let len = 0;
  for (const p of pieces(r, toolVersion)) {
    buf.push(p);
    len += p.length;
    if (len >= size) {
      yield buf.join('');
      buf = [];
      len = 0;
    }
  }
  if (len > 0) yield buf.join('');
}
