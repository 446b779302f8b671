// A cursor over the whitespace-separated tokens of one line, read in place. Filter lines are
// the hot path of big captures: splitting each into an array of strings cost more than the
// parsing itself, so keywords are compared against the line and only kept values are copied.
//
// Separators reproduce what the split-based reader did, so results stay identical:
//   - a line with a tab: any JS whitespace separates, empty tokens are skipped;
//   - else a line with a double space: trimmed, single spaces separate, empties skipped;
//   - else (tc's own output): split(' ') exactly, so a trailing space yields a last "" token.

/** The characters `\s` and String.prototype.trim treat as whitespace. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 5760 || (c >= 8192 && c <= 8202) ||
    c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279;
}

export class Tokens {
  /** Current token: line[start, end). */
  start = 0;
  end = 0;
  line = '';
  private pos = 0;
  private stop = 0;
  /** true: split(' ') semantics (empty tokens count); false: runs of separators. */
  private exact = true;
  private anySpace = false;
  private done = false;
  /** A token read ahead by peek() and not consumed yet. */
  private peeked = false;
  private pStart = 0;
  private pEnd = 0;

  constructor(line = '') {
    this.reset(line);
  }

  /** Starts over on another line (one cursor serves every line of a file). */
  reset(line: string): this {
    this.line = line;
    this.anySpace = line.includes('\t');
    this.exact = !this.anySpace && !line.includes('  ');
    let a = 0;
    let b = line.length;
    if (!this.anySpace && !this.exact) {
      while (a < b && isSpace(line.charCodeAt(a))) a++;
      while (b > a && isSpace(line.charCodeAt(b - 1))) b--;
    }
    this.pos = a;
    this.stop = b;
    this.start = 0;
    this.end = 0;
    this.done = false;
    this.peeked = false;
    return this;
  }

  private sep(c: number): boolean {
    return this.anySpace ? isSpace(c) : c === 32;
  }

  /** Finds the token after the cursor into pStart/pEnd; false when there is none. */
  private scan(): boolean {
    if (this.done) return false;
    const s = this.line;
    let i = this.pos;
    if (this.exact) {
      let j = s.indexOf(' ', i); // indexOf is several times faster than a charCodeAt loop
      if (j === -1 || j > this.stop) j = this.stop;
      this.pStart = i;
      this.pEnd = j;
      if (j >= this.stop) this.done = true;
      this.pos = j + 1;
      return true;
    }
    while (i < this.stop && this.sep(s.charCodeAt(i))) i++;
    if (i >= this.stop) {
      this.done = true;
      return false;
    }
    let j = i + 1;
    while (j < this.stop && !this.sep(s.charCodeAt(j))) j++;
    this.pStart = i;
    this.pEnd = j;
    this.pos = j;
    return true;
  }

  /** Moves to the next token; false (and stays there) at the end of the line. */
  next(): boolean {
    if (!this.peeked && !this.scan()) return false;
    this.peeked = false;
    this.start = this.pStart;
    this.end = this.pEnd;
    return true;
  }

  /** The token after the current one without consuming it, or undefined. */
  peek(): string | undefined {
    if (!this.peeked) {
      if (!this.scan()) return undefined;
      this.peeked = true;
    }
    return this.line.slice(this.pStart, this.pEnd);
  }

  /** Is the current token exactly `word`? */
  is(word: string): boolean {
    return this.end - this.start === word.length && this.line.startsWith(word, this.start);
  }

  text(): string {
    return this.line.slice(this.start, this.end);
  }

  /** The first character of the current token (NaN when empty). */
  first(): number {
    return this.start < this.end ? this.line.charCodeAt(this.start) : NaN;
  }
}
