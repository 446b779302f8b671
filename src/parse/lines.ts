// Line splitting with bounded memory: a 100 MB file with no newline must not become a
// 100 MB regex subject, so every line is capped and the cap is reported.
import { isSpace } from './tokens.js';
import type { ParseError } from './types.js';

export const MAX_LINE = 64 * 1024;

export interface Lines {
  /** Lines without their end-of-line (LF or CRLF), each at most MAX_LINE characters. */
  lines: string[];
  errors: ParseError[];
}

/** The lines of a text as offsets, without a string per line: a capture's sections are
 *  read one line at a time, so its 60,000-odd lines need not all exist (and survive
 *  garbage collections) at once. Line k is text[start(k), end(k)). */
export class LineIndex {
  // Offsets in typed arrays: no boxed elements for the garbage collector to copy (a capture
  // has some 60,000 lines), grown by doubling. Inputs are capped far below 2^31 characters.
  private starts: Int32Array;
  private ends: Int32Array;
  private n = 0;

  constructor(readonly text: string) {
    const guess = Math.max(1024, text.length >> 6);
    this.starts = new Int32Array(guess);
    this.ends = new Int32Array(guess);
  }

  get count(): number {
    return this.n;
  }

  start(k: number): number {
    return k >= 0 && k < this.n ? this.starts[k]! : 0;
  }

  end(k: number): number {
    return k >= 0 && k < this.n ? this.ends[k]! : 0;
  }

  line(k: number): string {
    return this.text.slice(this.start(k), this.end(k));
  }

  add(start: number, end: number): void {
    if (this.n === this.starts.length) {
      const starts = new Int32Array(this.n * 2);
      const ends = new Int32Array(this.n * 2);
      starts.set(this.starts);
      ends.set(this.ends);
      this.starts = starts;
      this.ends = ends;
    }
    this.starts[this.n] = start;
    this.ends[this.n] = end;
    this.n++;
  }

  pop(): void {
    if (this.n > 0) this.n--;
  }
}

/** Lines without their end-of-line (LF or CRLF), each at most MAX_LINE characters. With
 *  `hashLines`, the index of every line whose first non-blank character is `#` is added to
 *  it: a capture looks for its markers there instead of testing all of its lines again. */
export function indexLines(text: string, file: string, firstLine = 1, hashLines?: number[]): { index: LineIndex; errors: ParseError[] } {
  const index = new LineIndex(text);
  const errors: ParseError[] = [];
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
    if (stop - start > MAX_LINE) {
      errors.push({
        file,
        line: firstLine + index.count,
        message: `line is ${stop - start} characters long; only the first ${MAX_LINE} are read`,
      });
      stop = start + MAX_LINE;
    }
    if (hashLines !== undefined) {
      const c = text.charCodeAt(start);
      if (c === 35 || (isSpace(c) && firstNonBlankIsHash(text, start, stop))) hashLines.push(index.count);
    }
    index.add(start, stop);
    start = end + 1;
    if (end === n) break;
  }
  // A trailing newline does not start another line (an empty line is never a hash line).
  const last = index.count - 1;
  if (last > 0 && index.start(last) === index.end(last)) index.pop();
  return { index, errors };
}

/** Is the first non-blank character of text[start, end) a `#`? */
export function firstNonBlankIsHash(text: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i < end && text.charCodeAt(i) === 35;
}

export function splitLines(text: string, file: string, firstLine = 1): Lines {
  const { index, errors } = indexLines(text, file, firstLine);
  const lines: string[] = [];
  for (let k = 0; k < index.count; k++) lines.push(index.line(k));
  return { lines, errors };
}

/** Pasted copies from C comments carry a ` * ` prefix on every line; drop it when every
 *  non-empty line has it (the uniform-indent part is handled by trimming). `#` lines, the
 *  notes a saved dump opens with, are neither and stay as they are. */
export function stripCommentPrefix(lines: string[]): string[] {
  return hasCommentPrefix(lines, 0, lines.length) ? lines.map((l) => l.replace(/^\s*\*(?: |\t|$)/, '')) : lines;
}

/** Does every non-empty line of lines[from, to) but `#` notes carry the ` * ` prefix (and
 *  one at least)? */
export function hasCommentPrefix(lines: string[] | ((k: number) => string), from: number, to: number): boolean {
  let sawAny = false;
  for (let k = from; k < to; k++) {
    const l = typeof lines === 'function' ? lines(k) : (lines[k] ?? '');
    if (l.length === 0) continue;
    const c = l.charCodeAt(0);
    if (c === 35) continue; // a `#` note
    if (c !== 32 && c !== 42 && c !== 9) return false; // fast path: plain line, no prefix
    const t = l.trim();
    if (t === '' || t.charCodeAt(0) === 35) continue;
    if (!/^\s*\*(\s|$)/.test(l)) return false;
    sawAny = true;
  }
  return sawAny;
}

/** Leading whitespace width, tabs counting as 8 (only compared, never printed). */
export function indentOf(line: string): number {
  let w = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) w++;
    else if (c === 9) w += 8;
    else break;
  }
  return w;
}

/** 1-based line and column of a character offset (for JSON.parse positions). */
export function lineColAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastNl = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lastNl = i;
  }
  return { line, column: offset - lastNl };
}
