// JSON helpers: parse errors with line and column instead of a stack trace, and the line on
// which each object at a given nesting depth starts (so JSON entries get a SourceRef).
import { lineColAt } from './lines.js';
import { jsoncParser } from '../lazy.js';

export type JsonResult = { ok: true; value: unknown } | { ok: false; line: number; message: string };

export function parseJson(text: string): JsonResult {
  // A UTF-8 byte order mark (some editors and Windows tools write one) is not content:
  // JSON.parse rejects it, RFC 8259 lets a parser ignore it. Offsets below stay the text's.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    return { ok: true, value: JSON.parse(bom === 0 ? text : text.slice(1)) as unknown };
  } catch (e) {
    // V8 quotes the whole text instead of a position for some errors ("Unexpected token ']',
    // "[1,\n2,]" is not valid JSON"): the quote goes, and jsonc-parser finds the place.
    const msg = (e instanceof Error ? e.message : String(e)).replace(/, "[\s\S]*" is not valid JSON$/, '');
    const pos = /position (\d+)/.exec(msg);
    const offset = pos ? Number(pos[1]) : errorOffset(bom === 0 ? text : text.slice(1));
    if (offset !== null) {
      const at = offset + bom;
      const { line, column } = lineColAt(text, at);
      // Trailing commas are the classic hand-edited mistake (bpftool's doc example has them).
      const before = text.slice(Math.max(0, at - 200), at).trimEnd();
      const hint = before.endsWith(',') ? ' (a trailing comma before a closing bracket?)' : '';
      return { ok: false, line, message: `invalid JSON at line ${line} column ${column}: ${msg.replace(/\s*\(line \d+ column \d+\)/, '')}${hint}` };
    }
    return { ok: false, line: lineColAt(text, text.length).line, message: `invalid JSON: ${msg}` };
  }
}

/** Where the first syntax error is, by jsonc-parser in strict JSON mode; null if it finds none. */
function errorOffset(text: string): number | null {
  const errors: { offset: number }[] = [];
  jsoncParser().parse(text, errors as never[], { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  return errors[0]?.offset ?? null;
}

/** Start lines (1-based, offset by firstLine-1) of every element of the arrays that stand
 *  `depth - 1` containers deep (so the elements are `depth` deep), in document order. Every
 *  element counts, objects or not: a consumer indexes them by array position, and a stray
 *  `0` must not move the lines of the objects after it. Strings are skipped so braces in
 *  names are safe. */
export function objectLines(text: string, depth: number, firstLine = 1): number[] {
  const out: number[] = [];
  let line = firstLine;
  let d = 0;
  let inStr = false;
  let nextBs = 0;
  let nextNl = 0;
  // Inside an array whose elements are `depth` deep, and waiting for the next element.
  let inArray = false;
  let awaiting = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inStr) {
      if (c === 92) i++; // backslash escape
      else if (c === 34) inStr = false;
      else if (c === 10) line++;
      continue;
    }
    if (awaiting && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 93) {
      out.push(line);
      awaiting = false;
    }
    if (c === 34) {
      // Jump to the closing quote (names and keys are most of bpftool's JSON); fall back to
      // the character walk when the string holds an escape or a raw newline.
      // (nextBs/nextNl are kept ahead of i, so each is found once per occurrence.)
      const q = text.indexOf('"', i + 1);
      if (nextBs !== -1 && nextBs <= i) nextBs = text.indexOf('\\', i + 1);
      if (nextNl !== -1 && nextNl <= i) nextNl = text.indexOf('\n', i + 1);
      if (q !== -1 && (nextBs === -1 || nextBs > q) && (nextNl === -1 || nextNl > q)) i = q;
      else inStr = true;
      continue;
    }
    if (c === 10) line++;
    else if (c === 123 || c === 91) {
      d++;
      if (d === depth) {
        inArray = c === 91;
        awaiting = inArray;
      }
    } else if (c === 125 || c === 93) {
      if (d === depth) inArray = awaiting = false;
      d--;
    } else if (c === 44 && d === depth && inArray) awaiting = true;
  }
  return out;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
