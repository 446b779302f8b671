// Natural order ("lxc2" before "lxc10") as Intl.Collator('en', { numeric: true }) gives it,
// computed directly for the names nodes, netns and devices usually have. Sorting the 5,000
// device names of a large node with the collator took ~7 ms of comparisons; this takes one.
// For lower-case letters, digits and the punctuation below, the collator's root order is:
// punctuation (in PUNCT's order) before digits before letters, digit runs compared by value
// with leading zeros ignored, and a string before any longer one it begins.
// test/analyze/rules/naturalOrder.test.ts holds it to the collator.

export const collator = new Intl.Collator('en', { numeric: true });

const PUNCT = '_-:.@/';
/** Strings this file orders itself; anything else (capitals, other symbols, non-ASCII,
 *  very long digit runs, which the collator splits) goes to the collator. */
const PLAIN = /^[a-z0-9_\-:.@/]{0,64}$/;

export const isPlain = (s: string): boolean => PLAIN.test(s);

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const weight = (c: number): number => {
  const p = PUNCT.indexOf(String.fromCharCode(c));
  return p >= 0 ? p : isDigit(c) ? 10 : 20 + c;
};

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
      let ei = si;
      while (ei < a.length && isDigit(a.charCodeAt(ei))) ei++;
      let ej = sj;
      while (ej < b.length && isDigit(b.charCodeAt(ej))) ej++;
      if (ei - si !== ej - sj) return ei - si - (ej - sj);
      for (let k = 0; k < ei - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d !== 0) return d;
      }
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return weight(ca) - weight(cb);
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

/** A comparator for `values`: the direct one when every value is plain, else the collator. */
export const naturalCompareFor = (values: readonly string[]): ((a: string, b: string) => number) =>
  values.every(isPlain) ? comparePlain : collator.compare;
