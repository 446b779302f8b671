// Whether a u32 key matches every packet, from its selector words (`match VALUE/MASK at OFF`)
// and its classifier's hash tables (`fh 800: ht divisor 1`).
//
// net/sched/cls_u32.c u32_classify tests each word as ((*data ^ val) & mask) != 0 after
// reading 4 bytes at OFF from the network header (skb_header_pointer): a word with mask 0 is
// true for any packet that has those 4 bytes. A valid IPv4 header is at least 20 bytes and
// IPv6's 40, so words at 0..16 hold for every IP packet. The walk starts in the classifier's
// root table (tp->root) and reaches any other table only through a key's `link`; when the
// classifier lists one table, that table is the root. tc prints the words in text, and in
// tc -j as one "match" key per word in the same object (JSON.parse keeps the last;
// src/parse/u32JsonWords.ts reads them all). tc -p's decoded words (`match IP protocol 1`)
// are left unknown.
import type { LegacyFilter } from '../model/snapshot.js';
import { u32Classifier, type U32Table } from './tcFilterLine.js';

// The value is not needed (a mask decides); `collect --redact` writes some values as
// `redacted-…` tokens (src/collect/redactU32.ts). With -s, a kernel built with
// CONFIG_CLS_U32_PERF adds each word's hit count (tc/f_u32.c: " (success %llu ) ").
// Spacing is taken as pastes change it.
const WORD = /^match\s+(?:[0-9a-f]{1,8}|redacted-[0-9a-z]+)\/([0-9a-f]{8})\s+at\s+(nexthdr\+)?(-?\d{1,9})(?:\s+\(success\s+\d+\s*\))?$/i;
/** A line meant as a raw word (a value or token right before a `/`, or nothing at all), as
 *  opposed to tc -p's decoded words (`match IP src 10.0.0.0/8`, `match dport 80`). */
const RAW_LOOKING = /^match\s*$|^match\s+[^\s/]+\//i;
/** The last offset whose 4 bytes every IPv4 (and IPv6) header holds. */
const LAST_OFFSET = 16;

/** One selector word: `match VALUE/MASK at [nexthdr+]OFF` (the value does not matter here). */
export interface U32Word { mask: number; off: number; nexthdr: boolean }

export interface U32KeyWords {
  /** Match lines read under the key. */
  count: number;
  /** Some word tests packet bits (a mask other than 0). */
  tests: boolean;
  /** Some line is not a raw word, or a mask-0 word reads past LAST_OFFSET or after nexthdr. */
  unsure: boolean;
}

/** One text's u32 keys, their words and their classifiers' tables; `finish` writes each key's
 *  matchesEvery. Made when a text shows its first u32 line. */
export class U32Words {
  // Lists, not maps: a text has a table or two and a few keys (a large node's capture has
  // thousands of u32 sections, each read with one of these).
  private readonly tables: Array<{ list: LegacyFilter[]; table: U32Table }> = [];
  private readonly keys: Array<{ list: LegacyFilter[]; key: LegacyFilter; words: U32KeyWords }> = [];

  /** A hash-table line of the hook whose filters are `list`. */
  table(list: LegacyFilter[], table: U32Table): void {
    this.tables.push({ list, table });
  }

  /** A u32 key line, added to `list`; returns where its words go. */
  key(list: LegacyFilter[], key: LegacyFilter): U32KeyWords {
    const words: U32KeyWords = { count: 0, tests: false, unsure: false };
    this.keys.push({ list, key, words });
    return words;
  }

  /** A `match ...` line under a key; false when it looks like a raw word but is not one
   *  (the caller reports it), true for a raw word and for tc -p's decoded ones. */
  static word(words: U32KeyWords, line: string): boolean {
    const m = WORD.exec(line);
    U32Words.add(words, m === null ? null : { mask: Number.parseInt(m[1]!, 16), off: Number(m[3]), nexthdr: m[2] !== undefined });
    return m !== null || !RAW_LOOKING.test(line);
  }

  /** The key's other tests (tc/f_u32.c prints them under the key, and u32_classify checks
   *  them before the words): `mark VAL MASK` (CONFIG_CLS_U32_MARK: a key matches only when
   *  (skb->mark & MASK) == VAL, so any but 0/0 leaves packets out) and `input dev D` (only
   *  packets that came in on D). A key with either does not match every packet; one whose
   *  mark line cannot be read is unknown. */
  static test(words: U32KeyWords, line: string): void {
    if (/^input dev\s/.test(line)) {
      U32Words.inputDev(words);
      return;
    }
    const m = /^mark\s+(0x[0-9a-f]+|\d+)\s+(0x[0-9a-f]+|\d+)(?:\s|$)/i.exec(line);
    U32Words.mark(words, m === null ? null : Number(m[1]), m === null ? null : Number(m[2]));
  }

  /** A key's mark test (value, mask); null for one that cannot be read. */
  static mark(words: U32KeyWords, val: number | null, mask: number | null): void {
    if (val === null || mask === null || Number.isNaN(val) || Number.isNaN(mask)) words.unsure = true;
    else if (val !== 0 || mask !== 0) words.tests = true;
  }

  /** A key that tests the input device (`input dev D`): only packets that came in on D. */
  static inputDev(words: U32KeyWords): void {
    words.tests = true;
  }

  /** A word of a key, as text or JSON shows it; null when it cannot be read. */
  static add(words: U32KeyWords, w: U32Word | null): void {
    words.count++;
    if (w === null) words.unsure = true;
    else if (w.mask !== 0) words.tests = true;
    else if (w.nexthdr || w.off < 0 || w.off > LAST_OFFSET) words.unsure = true;
  }

  finish(): void {
    for (const { list, key, words } of this.keys) {
      if (key.u32 == null) continue;
      key.u32.matchesEvery = this.matchesEvery(list, key, words);
    }
  }

  private matchesEvery(list: LegacyFilter[], key: LegacyFilter, words: U32KeyWords): boolean | null {
    if (words.tests) return false;
    if (words.count === 0 || words.unsure || key.handle === null) return null;
    // The classifier's tables (a table line may repeat, as dumps of several runs list it).
    const classifier = u32Classifier(key.chain, key.pref, key.protocol);
    let only: string | null = null;
    for (const { list: l, table } of this.tables) {
      if (l !== list || table.classifier !== classifier) continue;
      if (only !== null && only !== table.id) return null;
      only = table.id;
    }
    return only !== null && only === key.handle.slice(0, key.handle.indexOf(':')) ? true : null;
  }
}
