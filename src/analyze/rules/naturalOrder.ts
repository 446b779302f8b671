// Natural order ("lxc2" before "lxc10") as Intl.Collator('en', { numeric: true }) gives it,
// computed directly for printable ASCII text. Making the collator costs ~5 ms of every run
// (ICU's data), and sorting the 5,000 device names of a large node with it ~7 ms more.
//
// For printable ASCII, the collator's root order is: first (primary) by characters where
// space and punctuation come in PUNCT's order, then digits, then letters without regard to
// case, digit runs compared by value with leading zeros ignored, and a string before any
// longer one it begins; only then (tertiary) by case, lower before upper, at the first
// letter where the two differ. test/analyze/rules/naturalOrder.test.ts holds this to the
// collator, the PUNCT table included.

/** Space and punctuation in the collator's order (each its own primary weight). */
export const PUNCT = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';

/** Strings this file orders itself: printable ASCII, digit runs short of the length at which
 *  the collator splits them. Anything else goes to the collator. */
const PLAIN = /^[\x20-\x7e]{0,512}$/;
const LONG_DIGITS = /\d{65}/;

export const isPlain = (s: string): boolean => PLAIN.test(s) && !LONG_DIGITS.test(s);

const DIGIT = PUNCT.length;
/** Primary weight by character code (digits are compared as runs, apart). */
const WEIGHT: number[] = [];
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  const p = PUNCT.indexOf(ch);
  if (p >= 0) WEIGHT[c] = p;
  else if (c >= 97 && c <= 122) WEIGHT[c] = DIGIT + 1 + (c - 97);
  else if (c >= 65 && c <= 90) WEIGHT[c] = DIGIT + 1 + (c - 65);
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isUpper = (c: number): boolean => c >= 65 && c <= 90;

/** The end of the digit run starting at i. */
function runEnd(s: string, i: number): number {
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  return i;
}

/** The collator's answer (by sign) for two plain strings. */
export function comparePlain(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let si = i;
      while (si < a.length && a.charCodeAt(si) === 48) si++;
      let sj = j;
      while (sj < b.length && b.charCodeAt(sj) === 48) sj++;
      const ei = runEnd(a, si);
      const ej = runEnd(b, sj);
      if (ei - si !== ej - sj) return ei - si - (ej - sj);
      for (let k = 0; k < ei - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d !== 0) return d;
      }
      i = ei;
      j = ej;
      continue;
    }
    const wa = isDigit(ca) ? DIGIT : WEIGHT[ca]!;
    const wb = isDigit(cb) ? DIGIT : WEIGHT[cb]!;
    if (wa !== wb) return wa - wb;
    i++;
    j++;
  }
  const rest = a.length - i - (b.length - j);
  if (rest !== 0) return rest;
  // Equal but for case: the first letter that differs in case decides, lower first.
  for (let k = 0, l = 0; k < a.length && l < b.length; k++, l++) {
    const ca = a.charCodeAt(k);
    const cb = b.charCodeAt(l);
    if (isDigit(ca) && isDigit(cb)) {
      k = runEnd(a, k) - 1;
      l = runEnd(b, l) - 1;
      continue;
    }
    if (isUpper(ca) !== isUpper(cb)) return isUpper(ca) ? 1 : -1;
  }
  return 0;
}

/** A string whose code-unit order (plain `<`, what sort() does natively) is comparePlain's
 *  order: primary weights (space and punctuation, then a digit run as its length and digits
 *  without leading zeros, then letters folded to lower case), then a NUL below them all, then
 *  the case of each element. Sorting 5,000 device names on these keys leaves the
 *  comparisons to native code. */
export function plainKey(s: string): string {
  // Character codes collected, then made strings once: `+=` per character made a string each.
  const primary: number[] = [];
  const cases: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let from = i;
      while (from < s.length && s.charCodeAt(from) === 48) from++;
      const end = runEnd(s, from);
      primary.push(0x50, 0x51 + end - from);
      for (let k = from; k < end; k++) primary.push(s.charCodeAt(k));
      cases.push(0x2d); // -
      i = end - 1;
      continue;
    }
    primary.push(c < 128 ? KEY[c]! : c | 0x20);
    cases.push(c < 128 ? CASE[c]! : 0x6c);
  }
  return `${String.fromCharCode(...primary)}\u0000${String.fromCharCode(...cases)}`;
}

/** plainKey's codes for each ASCII character but digits, looked up rather than worked out
 *  per character (a PUNCT search per character was most of the keys' time on a cold run):
 *  punctuation by PUNCT's order, letters folded to lower case; the case mark u, l, or - for
 *  punctuation. */
const KEY = new Int32Array(128);
const CASE = new Int32Array(128);
for (let c = 0; c < 128; c++) {
  const p = PUNCT.indexOf(String.fromCharCode(c));
  KEY[c] = p >= 0 ? 0x21 + p : c | 0x20;
  CASE[c] = p >= 0 ? 0x2d : isUpper(c) ? 0x75 : 0x6c; // -, u, l
}

/** The collator, made on first use: a run whose strings are all plain never needs it. */
let made: Intl.Collator | null = null;
export const collatorCompare = (a: string, b: string): number => (made ??= new Intl.Collator('en', { numeric: true })).compare(a, b);
