// Redacts the strings of JSON text where they stand. Parsing and printing again would lose
// what JSON.parse drops: tc -j prints one "match" key per u32 key word in the same object,
// and only the last would survive. Layout, key order and numbers stay byte for byte.
import { u32AddressWord, u32WordToken } from './redactU32.js';

/** Replaces a string value, given the key it stands under (array items: the array's key). */
export type StringRedactor = (value: string, key: string | null) => string;

interface Frame {
  obj: boolean;
  /** Object: the last key read; array: the key the array stands under. */
  key: string | null;
  expectKey: boolean;
  /** tc's "protocol" of this object (a filter entry), for its u32 keys. */
  protocol: string | null;
  /** A u32 key object ("match": {value, mask, offmask, off}). */
  u32: { valueAt: number; value: string | null; nexthdr: boolean; off: number | null } | null;
}

/** End (exclusive) of the string literal opening at `start`. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return text.length;
}

function protocolOf(stack: readonly Frame[]): string | null {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]?.protocol != null) return stack[i]?.protocol ?? null;
  return null;
}

/** `text` must be well-formed JSON (one value, or several one after another: tc -batch). */
export function redactJsonText(text: string, redact: StringRedactor): string {
  const out: string[] = [];
  const stack: Frame[] = [];
  let copied = 0;
  const structural = /["{}[\]:,]/g;
  const offNumber = /\s*(-?\d+)/y;
  for (let m = structural.exec(text); m !== null; m = structural.exec(text)) {
    const at = m.index;
    const top = stack[stack.length - 1];
    switch (m[0]) {
      case '"': {
        const end = stringEnd(text, at);
        structural.lastIndex = end;
        const raw = text.slice(at, end);
        const s = JSON.parse(raw) as string;
        if (top?.obj && top.expectKey) {
          top.key = s;
          break;
        }
        const key = top?.key ?? null;
        out.push(text.slice(copied, at));
        copied = end;
        if (top?.u32 && key === 'value') {
          top.u32.value = s;
          top.u32.valueAt = out.length;
          out.push(raw); // decided when the object closes and its offset is known
          break;
        }
        if (top?.u32 && key === 'offmask') top.u32.nexthdr = s !== '';
        if (top?.obj && key === 'protocol') top.protocol = s;
        const r = redact(s, key);
        out.push(r === s ? raw : JSON.stringify(r));
        break;
      }
      case '{':
        stack.push({
          obj: true, key: null, expectKey: true, protocol: null,
          u32: top?.obj && top.key === 'match' ? { valueAt: -1, value: null, nexthdr: false, off: null } : null,
        });
        break;
      case '[':
        stack.push({ obj: false, key: top?.key ?? null, expectKey: false, protocol: null, u32: null });
        break;
      case '}': {
        stack.pop();
        const k = top?.u32;
        if (k && k.value !== null && k.off !== null && k.valueAt >= 0 && u32AddressWord(protocolOf(stack), k.off, k.nexthdr)) {
          out[k.valueAt] = JSON.stringify(u32WordToken(k.value));
        }
        break;
      }
      case ']':
        stack.pop();
        break;
      case ':':
        if (top) top.expectKey = false;
        if (top?.u32 && top.key === 'off') {
          offNumber.lastIndex = at + 1;
          const n = offNumber.exec(text);
          if (n) top.u32.off = Number(n[1]);
        }
        break;
      default: // ','
        if (top?.obj) top.expectKey = true;
    }
  }
  out.push(text.slice(copied));
  return out.join('');
}
