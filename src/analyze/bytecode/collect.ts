// The exact bpftool commands the live collector runs for bytecode verdicts, and parsers for
// their JSON. Pure: the collector does the I/O (src/collect), these only build argv and parse.
// Types only: the zod schemas (and zod, ~30 ms to load) are not needed for these checks, and
// this module is loaded by every `tc-audit analyze` through src/analyze/bytecode/index.ts.
import type { ProgArray, XlatedInsn } from '../../model/snapshot.js';
import { decode, helperName, mapRef } from './decode.js';

export const xlatedArgv = (progId: number): string[] =>
  ['bpftool', '-j', 'prog', 'dump', 'xlated', 'id', String(progId), 'opcodes'];

export const progArrayArgv = (mapId: number): string[] => ['bpftool', '-j', 'map', 'dump', 'id', String(mapId)];

export interface ParseFailure { error: string }

/** bpftool's xlated JSON: an array of {disasm, opcodes, ...}. Checks that every entry
 *  decodes, so a dump without `opcodes` is rejected here rather than analysed as unknown.
 *  Keeps only those two: with BTF, bpftool adds the C prototype and source line to
 *  instructions (`proto`, `src`), which the analysis never reads and which doubled a
 *  program's size in a bundle; the command's own output stays in the evidence. */
export function parseXlated(json: unknown): XlatedInsn[] | ParseFailure {
  if (!Array.isArray(json)) return { error: 'expected a JSON array of instructions' };
  const out: XlatedInsn[] = [];
  for (let i = 0; i < json.length; i++) {
    const e: unknown = json[i];
    // The XlatedInsn schema by hand: an object with a string "disasm".
    if (typeof e !== 'object' || e === null || Array.isArray(e) || typeof (e as { disasm?: unknown }).disasm !== 'string') {
      return { error: `instruction ${i}: expected an object with a "disasm" string` };
    }
    out.push({ disasm: (e as XlatedInsn).disasm, opcodes: (e as { opcodes?: unknown }).opcodes });
  }
  const d = decode(out);
  if (!d.ok) return { error: d.reason };
  return out;
}

function keyNumber(v: unknown): number | null {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^(0x[0-9a-f]+|\d+)$/i.test(v)) return Number(v);
  // Raw little-endian byte arrays (no BTF): ["0x00","0x00","0x00","0x00"].
  if (Array.isArray(v) && v.length >= 1 && v.length <= 8) {
    let n = 0;
    for (let i = v.length - 1; i >= 0; i--) {
      const b = v[i];
      const x = typeof b === 'string' && /^0x[0-9a-f]{1,2}$/i.test(b) ? parseInt(b.slice(2), 16) : null;
      if (x === null) return null;
      n = n * 256 + x;
    }
    return n;
  }
  return null;
}

/** `bpftool -j map dump id M` of a prog array. With BTF bpftool prints both raw bytes and
 *  `formatted: {key, value}`; without, only bytes. The value is the program id (the kernel
 *  translates the stored fd to an id on read). Empty slots are simply absent. */
export function parseProgArrayDump(json: unknown, mapId: number, name: string | null): ProgArray | ParseFailure {
  if (!Array.isArray(json)) return { error: `map ${mapId}: expected a JSON array of entries` };
  const entries: { key: number; progId: number }[] = [];
  for (let i = 0; i < json.length; i++) {
    const e: unknown = json[i];
    if (typeof e !== 'object' || e === null) return { error: `map ${mapId} entry ${i}: expected an object` };
    const rec = e as Record<string, unknown>;
    const f = typeof rec.formatted === 'object' && rec.formatted !== null ? (rec.formatted as Record<string, unknown>) : rec;
    const key = keyNumber(f.key) ?? keyNumber(rec.key);
    const progId = keyNumber(f.value) ?? keyNumber(rec.value);
    if (key === null || progId === null) return { error: `map ${mapId} entry ${i}: expected key and value` };
    entries.push({ key, progId });
  }
  // keyNumber() only returns non-negative integers, so only the id is left to check.
  if (!Number.isInteger(mapId)) return { error: `map ${mapId}: expected an integer map id` };
  return { id: mapId, name, entries };
}

/** Map ids this program tail-calls through: the `r2 = map[id:N]` feeding each
 *  `call bpf_tail_call` (the nearest preceding load of r2 in straight-line code). */
export function tailCallMaps(insns: readonly XlatedInsn[]): number[] {
  const d = decode(insns);
  if (!d.ok) return [];
  const found = new Set<number>();
  let r2: number | null = null;
  for (const i of d.insns) {
    if (i.code === 0x18 && i.dst === 2) r2 = i.src === 1 ? mapRef(i) : null;
    else if (i.code === 0x85 && i.src === 0 && helperName(i) === 'bpf_tail_call') {
      if (r2 !== null) found.add(r2);
    } else if (i.dst === 2 && (i.code & 7) !== 2 && (i.code & 7) !== 3 && (i.code & 7) !== 5 && (i.code & 7) !== 6) r2 = null;
  }
  return [...found].sort((a, b) => a - b);
}
