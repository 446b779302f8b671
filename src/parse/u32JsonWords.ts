// u32 selector words in `tc -j filter show` output. tc prints every word of a key as a
// "match" key of the same options object:
//   "options":{"fh":"800::800",...,"match":{"value":"0","mask":"0","offmask":"","off":0},
//              "match":{"value":"60000","mask":"ff0000","offmask":"","off":8}}
// JSON.parse keeps only the last of them, so they are read again here with jsonc-parser's
// visitor, which reports repeated keys. Only top-level entries' options are looked at.
import type { JSONVisitor } from 'jsonc-parser';
import { jsoncParser } from '../lazy.js';
import type { U32Word } from './u32Words.js';

interface Word { mask: string | null; off: number | null; offmask: string | null }

/** Each top-level entry's words, by entry index (entries without words are absent); a word
 *  that cannot be read is null. undefined when the text is nested too deeply for the
 *  visitor's recursion (JSON.parse took it): the keys' words are then unknown. */
export function u32JsonWords(text: string): Map<number, Array<U32Word | null>> | undefined {
  const out = new Map<number, Array<U32Word | null>>();
  // The open containers from the top: each with the key it stands under (null in an array).
  // A word is an object under "match", in an object under "options", in an entry object of
  // the top-level array.
  const keys: Array<string | null> = [];
  let key: string | null = null;
  let entry = -1;
  let word: Word | null = null;
  const open = (): void => {
    keys.push(key);
    key = null;
  };
  // Entries are indexed by array position: every element of the top-level array counts.
  const element = (): void => {
    if (keys.length === 1) entry++;
  };
  const visitor: JSONVisitor = {
    onObjectBegin() {
      element();
      open();
      if (keys.length === 4 && keys[2] === 'options' && keys[3] === 'match') word = { mask: null, off: null, offmask: null };
    },
    onObjectEnd() {
      if (word !== null && keys.length === 4) {
        let list = out.get(entry);
        if (list === undefined) out.set(entry, (list = []));
        list.push(readWord(word));
        word = null;
      }
      keys.pop();
      key = null;
    },
    onArrayBegin() {
      element();
      open();
    },
    onArrayEnd() {
      keys.pop();
      key = null;
    },
    onObjectProperty(name: string) {
      key = name;
    },
    onLiteralValue(value: unknown) {
      element();
      if (word !== null && keys.length === 4) {
        if (key === 'mask' && typeof value === 'string') word.mask = value;
        else if (key === 'offmask' && typeof value === 'string') word.offmask = value;
        else if (key === 'off' && typeof value === 'number') word.off = value;
      }
      key = null;
    },
  };
  try {
    jsoncParser().visit(text, visitor, { disallowComments: true });
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  return out;
}

/** A word as u32Words.ts takes it: tc prints mask and value as hex without leading zeros and
 *  offmask as "" when the word is not relative to the next header. */
function readWord(w: Word): U32Word | null {
  if (w.mask === null || w.off === null || !Number.isInteger(w.off) || !/^[0-9a-f]{1,8}$/i.test(w.mask)) return null;
  return { mask: Number.parseInt(w.mask, 16), off: w.off, nexthdr: w.offmask !== null && w.offmask !== '' };
}
