// Redacts the strings of JSON text where they stand. Parsing and printing again would lose
// what JSON.parse drops: tc -j prints one "match" key per u32 key word in the same object,
// and only the last would survive. Layout, key order and numbers stay byte for byte.
// jsonc-parser's visitor (VS Code's JSON reader) reports every key and literal with its
// offset, repeated keys included; only the strings between those offsets are rewritten.
import type { JSONVisitor } from 'jsonc-parser';
import { jsoncParser } from '../lazy.js';
import { u32AddressWord, u32WordToken } from './redactU32.js';

/** Replaces a string value, given the key it stands under (array items: the array's key). */
export type StringRedactor = (value: string, key: string | null) => string;

interface Frame {
  obj: boolean;
  /** Object: the last key read; array: the key the array stands under. */
  key: string | null;
  /** tc's "protocol" of this object (a filter entry), for its u32 keys. */
  protocol: string | null;
  /** A u32 key object ("match": {value, mask, offmask, off}). */
  u32: { valueAt: number; value: string | null; nexthdr: boolean; off: number | null } | null;
}

function protocolOf(stack: readonly Frame[]): string | null {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]?.protocol != null) return stack[i]?.protocol ?? null;
  return null;
}

/** `text` must be JSON as redact.ts accepts it: one value, or several one after another
 *  (tc -batch). Anything else throws: a guess at where strings stand could leak one. */
export function redactJsonText(text: string, redact: StringRedactor): string {
  const { visit, printParseErrorCode } = jsoncParser();
  const out: string[] = [];
  const stack: Frame[] = [];
  let copied = 0;
  // redact.ts tests text.trim(), so a BOM or a Unicode space may stand at either end.
  const end = text.trimEnd().length;
  let base = text.length - text.trimStart().length;
  let next = -1;
  const visitor: JSONVisitor = {
    onObjectBegin() {
      const top = stack.at(-1);
      const u32 = top?.obj && top.key === 'match' ? { valueAt: -1, value: null, nexthdr: false, off: null } : null;
      stack.push({ obj: true, key: null, protocol: null, u32 });
    },
    onArrayBegin() {
      stack.push({ obj: false, key: stack.at(-1)?.key ?? null, protocol: null, u32: null });
    },
    onObjectProperty(name: string) {
      const top = stack.at(-1);
      if (top) top.key = name;
    },
    onArrayEnd() {
      stack.pop();
    },
    onObjectEnd() {
      // The key word is decided once its offset and offmask are known, in any key order;
      // the protocol is the filter entry's, outside the key object.
      const k = stack.pop()?.u32;
      if (k && k.value !== null && k.off !== null && u32AddressWord(protocolOf(stack), k.off, k.nexthdr)) {
        out[k.valueAt] = JSON.stringify(u32WordToken(k.value));
      }
    },
    onLiteralValue(value: unknown, offset: number, length: number) {
      const top = stack.at(-1);
      const key = top?.key ?? null;
      const at = base + offset;
      const raw = text.slice(at, at + length);
      if (typeof value === 'number') {
        // tc prints an integer; the integer part of the text, as the scanner before this read it.
        if (top?.u32 && key === 'off') top.u32.off = Number(/^-?\d+/.exec(raw)?.[0]);
        return;
      }
      if (typeof value !== 'string') return;
      out.push(text.slice(copied, at));
      copied = at + length;
      if (top?.u32 && key === 'value') {
        top.u32.value = value;
        top.u32.valueAt = out.length;
        out.push(raw); // decided when the object closes
        return;
      }
      if (top?.u32 && key === 'offmask') top.u32.nexthdr = value !== '';
      if (top?.obj && key === 'protocol') top.protocol = value;
      const r = redact(value, key);
      out.push(r === value ? raw : JSON.stringify(r));
    },
    onError(code, offset, length) {
      const what = printParseErrorCode(code);
      // visit() reads one value and reports where the next one starts as an error.
      if (what === 'EndOfFileExpected') next = base + offset;
      // A line blank to trim() between tc -batch values (redact.ts skips those) is not JSON space.
      else if (what !== 'InvalidSymbol' || !/^\s+$/.test(text.slice(base + offset, base + offset + length))) {
        throw new Error(`not JSON at offset ${base + offset}: ${what}`);
      }
    },
  };
  for (; base >= 0; base = next, next = -1) {
    visit(text.slice(base, end), visitor, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  }
  out.push(text.slice(copied));
  return out.join('');
}
