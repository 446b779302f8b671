// redactJsonText (jsonc-parser's visitor) held to the hand-written scanner it replaced,
// frozen here as an oracle: the same bytes out for random JSON shaped like tc's (repeated
// keys, u32 key objects under filter entries with a protocol, every escape and number form,
// any layout, several values in a row as tc -batch prints them) and for every recorded JSON
// fixture.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactBundle } from '../../src/collect/redact.js';
import { redactJsonText, type StringRedactor } from '../../src/collect/redactJson.js';
import { redactAddressesInText } from '../../src/collect/redactText.js';
import { u32AddressWord, u32WordToken, redactU32Text } from '../../src/collect/redactU32.js';
import type { Bundle } from '../../src/model/bundle.js';

// ---------------------------------------------------------------------------------------
// TEST ORACLE ONLY. The previous hand-written scanner of src/collect/redactJson.ts (a regex
// over structural characters, a frame stack, string-end scanning), copied unchanged apart
// from its name, so the jsonc-parser version can be held to its output byte for byte.
// Not used by tc-audit; do not import it from src/.
interface OracleFrame {
  obj: boolean;
  key: string | null;
  expectKey: boolean;
  protocol: string | null;
  u32: { valueAt: number; value: string | null; nexthdr: boolean; off: number | null } | null;
}

function oracleStringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return text.length;
}

function oracleProtocolOf(stack: readonly OracleFrame[]): string | null {
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i]?.protocol != null) return stack[i]?.protocol ?? null;
  return null;
}

function oracleRedactJsonText(text: string, redact: StringRedactor): string {
  const out: string[] = [];
  const stack: OracleFrame[] = [];
  let copied = 0;
  const structural = /["{}[\]:,]/g;
  const offNumber = /\s*(-?\d+)/y;
  for (let m = structural.exec(text); m !== null; m = structural.exec(text)) {
    const at = m.index;
    const top = stack[stack.length - 1];
    switch (m[0]) {
      case '"': {
        const end = oracleStringEnd(text, at);
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
        if (k && k.value !== null && k.off !== null && k.valueAt >= 0 && u32AddressWord(oracleProtocolOf(stack), k.off, k.nexthdr)) {
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
// END OF TEST ORACLE
// ---------------------------------------------------------------------------------------

/** Every string tagged with its key: any difference in what is passed, or where, shows. */
const tagAll: StringRedactor = (s, k) => `${k === null ? '-' : JSON.stringify(k)}=${s}`;
/** Even-length strings kept: their original escapes must survive byte for byte. */
const tagOdd: StringRedactor = (s, k) => (s.length % 2 === 0 ? s : `<${k ?? '-'}>`);
const keep: StringRedactor = (s) => s;

// A JSON tree, printed with chosen escapes, number spellings and whitespace.
type Str = { s: string; enc: number[] };
type Node =
  | { t: 'str'; v: Str }
  | { t: 'num'; raw: string }
  | { t: 'lit'; raw: 'true' | 'false' | 'null' }
  | { t: 'arr'; items: Node[] }
  | { t: 'obj'; entries: Array<[Str, Node]> };

const hex4 = (c: number, upper: boolean) => {
  const h = c.toString(16).padStart(4, '0');
  return `\\u${upper ? h.toUpperCase() : h}`;
};
const SHORT: Record<number, string> = { 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x22: '\\"', 0x5c: '\\\\', 0x2f: '\\/' };

/** One UTF-16 unit at a time (lone surrogates included): raw, short escape or \\uXXXX. */
function printStr({ s, enc }: Str): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const e = enc.length > 0 ? (enc[i % enc.length] ?? 0) : 0;
    const mustEscape = c < 0x20 || c === 0x22 || c === 0x5c;
    if (e === 0 && !mustEscape) out += s[i];
    else if ((e === 0 || e === 1) && SHORT[c] !== undefined) out += SHORT[c];
    else out += hex4(c, e === 2);
  }
  return `${out}"`;
}

function printNode(n: Node, w: () => string): string {
  switch (n.t) {
    case 'str': return printStr(n.v);
    case 'num': case 'lit': return n.raw;
    case 'arr': return n.items.length === 0 ? `[${w()}]` : `[${w()}${n.items.map((x) => printNode(x, w)).join(`${w()},${w()}`)}${w()}]`;
    case 'obj': return n.entries.length === 0 ? `{${w()}}`
      : `{${w()}${n.entries.map(([k, v]) => `${printStr(k)}${w()}:${w()}${printNode(v, w)}`).join(`${w()},${w()}`)}${w()}}`;
  }
}

const JSON_WS = fc.constantFrom('', '', ' ', '  ', '\n', '\r\n', '\t', '\n    ', ' \t\r\n ');
const enc = fc.array(fc.nat(3), { maxLength: 6 });
const text = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', '"', '\\', '/', '\\"', '\u0000\u001f\b\f\n\r\t', '\u007f', 'é', '€', '😀', '\ud800', '\udfff', '\u2028\u2029', '\ufeff', '{"a":[1,2]}', 'a:b,c'),
);
const str = (s: fc.Arbitrary<string>): fc.Arbitrary<Str> => fc.record({ s, enc });
// Words tc prints where the u32 logic looks: protocols, key words, offmasks.
const tcWord = fc.constantFrom('ip', 'ipv6', 'all', '802.1Q', 'arp', '', 'nexthdr+', '20010db8', 'c0000209', 'a000000', 'ffff', '1', 'ffffffff', '2001:db8::1', '10.0.0.1');
const keyName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('match', 'value', 'mask', 'offmask', 'off', 'protocol', 'options', 'kind', 'fh', 'a') },
  { weight: 1, arbitrary: text },
);
const digits = fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 3 });
/** Every JSON number form: sign, 0 or a leading non-zero, fraction, exponent (e/E, +/-). */
const numRaw = fc.oneof(
  fc.integer({ min: -20, max: 40 }).map(String),
  fc.record({
    neg: fc.boolean(),
    int: fc.oneof(fc.constant('0'), fc.tuple(fc.constantFrom(...'123456789'), fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 3 })).map(([a, b]) => a + b)),
    frac: fc.option(digits, { nil: '' }).map((d) => (d ? `.${d}` : '')),
    exp: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digits).map((p) => p.join('')), { nil: '' }),
  }).map(({ neg, int, frac, exp }) => `${neg ? '-' : ''}${int}${frac}${exp}`),
  fc.constantFrom('-0', '1e400', '-1E-400', '0.0', '24.9', '2e1'),
);

const { value: nodeArb } = fc.letrec<{ value: Node; leaf: Node; array: Node; object: Node; u32: Node; filter: Node }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('array'), tie('object'), tie('u32'), tie('filter')),
  leaf: fc.oneof(
    str(fc.oneof(text, tcWord)).map((v): Node => ({ t: 'str', v })),
    numRaw.map((raw): Node => ({ t: 'num', raw })),
    fc.constantFrom('true', 'false', 'null').map((raw): Node => ({ t: 'lit', raw })),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items): Node => ({ t: 'arr', items })),
  object: fc.array(fc.tuple(str(keyName), tie('value')), { maxLength: 5 }).map((entries): Node => ({ t: 'obj', entries })),
  // A u32 key word: its four keys in any order, some missing or repeated, odd value types now and then.
  u32: fc.array(fc.oneof(
    fc.tuple(str(fc.constant('value')), fc.oneof({ weight: 4, arbitrary: str(tcWord).map((v): Node => ({ t: 'str', v })) }, tie('leaf'))),
    fc.tuple(str(fc.constant('mask')), str(tcWord).map((v): Node => ({ t: 'str', v }))),
    fc.tuple(str(fc.constant('offmask')), fc.oneof({ weight: 4, arbitrary: str(fc.constantFrom('', 'nexthdr+')).map((v): Node => ({ t: 'str', v })) }, tie('leaf'))),
    fc.tuple(str(fc.constant('off')), fc.oneof({ weight: 4, arbitrary: numRaw.map((raw): Node => ({ t: 'num', raw })) }, tie('leaf'))),
    fc.tuple(str(fc.constant('protocol')), str(tcWord).map((v): Node => ({ t: 'str', v }))), // its own: not the filter's
    fc.tuple(str(keyName), tie('value')),
  ), { maxLength: 6 }).map((entries): Node => ({ t: 'obj', entries })),
  // A filter entry: "protocol" (before or after its keys, or twice), "match" keys directly or under "options".
  filter: fc.array(fc.oneof(
    fc.tuple(str(fc.constant('protocol')), str(tcWord).map((v): Node => ({ t: 'str', v }))),
    fc.tuple(str(fc.constant('match')), tie('u32')),
    fc.tuple(str(fc.constant('options')), fc.array(fc.tuple(str(fc.constant('match')), tie('u32')), { maxLength: 4 }).map((entries): Node => ({ t: 'obj', entries }))),
    // "protocol" strings in an array name no protocol for the entries beside them
    fc.tuple(str(fc.constant('protocol')), fc.array(fc.oneof(str(tcWord).map((v): Node => ({ t: 'str', v })), tie('filter')), { maxLength: 3 }).map((items): Node => ({ t: 'arr', items }))),
    fc.tuple(str(keyName), tie('value')),
  ), { maxLength: 6 }).map((entries): Node => ({ t: 'obj', entries })),
}));

/** Between values and around them: JSON whitespace, and what redact.ts lets through beside it
 *  (its trim() drops a BOM or Unicode spaces at the ends; lines blank to trim() are skipped). */
const aroundWs = fc.oneof({ weight: 4, arbitrary: JSON_WS }, { weight: 1, arbitrary: fc.constantFrom('\n\u00a0\n', '\n\ufeff\u2028\u3000\n', '\n\u000b\f\n') });
const edgeWs = fc.oneof({ weight: 4, arbitrary: JSON_WS }, { weight: 1, arbitrary: fc.constantFrom('\ufeff', '\u00a0 ', '\u2028', '\u3000\n') });

const document = fc.record({
  values: fc.array(nodeArb, { minLength: 1, maxLength: 4 }),
  ws: fc.array(JSON_WS, { minLength: 1, maxLength: 12 }),
  seps: fc.array(aroundWs, { minLength: 4, maxLength: 4 }),
  lead: edgeWs,
  trail: edgeWs,
}).map(({ values, ws, seps, lead, trail }) => {
  let i = 0;
  const w = () => ws[i++ % ws.length] ?? '';
  const printed = values.map((v) => printNode(v, w));
  let out = lead;
  printed.forEach((p, j) => {
    if (j > 0) {
      const sep = seps[j - 1] ?? '';
      // 1 2 or true false with nothing between would read as one token
      out += sep === '' && /[\da-z]$/.test(printed[j - 1] ?? '') && /^[-\da-z]/.test(p) ? ' ' : sep;
    }
    out += p;
  });
  return { text: out + trail, printed };
});

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? jsonFiles(p) : f.endsWith('.json') ? [p] : [];
  });
}

describe('redactJsonText (jsonc-parser) against the hand-written scanner it replaced', () => {
  it('gives the same bytes on every recorded JSON fixture', () => {
    const files = jsonFiles(join(process.cwd(), 'fixtures'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const t = readFileSync(f, 'utf8');
      for (const r of [tagAll, tagOdd, keep]) expect(redactJsonText(t, r), f).toBe(oracleRedactJsonText(t, r));
    }
  });

  it('property: gives the same bytes on random tc-like JSON, one value or several in a row', () => {
    fc.assert(fc.property(document, ({ text, printed }) => {
      for (const p of printed) JSON.parse(p); // the generator prints JSON
      for (const r of [tagAll, tagOdd, keep]) expect(redactJsonText(text, r)).toBe(oracleRedactJsonText(text, r));
    }), { numRuns: 1500 });
  });

  it('hides a u32 address word under the protocol of its own filter entry (generator reaches it)', () => {
    const t = '[{"protocol":"ipv6","options":{"match":{"value":"20010db8","mask":"ffffffff","offmask":"","off":24},"match":{"value":"1bb","mask":"ffff","offmask":"","off":40}}}]\n'
      + '{"protocol":"ip","match":{"off":16,"value":"C0000209"}}';
    const out = redactJsonText(t, keep);
    expect(out).toBe(oracleRedactJsonText(t, keep));
    expect(out).toContain(`"value":"${u32WordToken('20010db8')}"`);
    expect(out).toContain(`"value":"${u32WordToken('c0000209')}"`);
    expect(out).toContain('"value":"1bb"');
  });

  it('refuses text that is not JSON rather than guessing (redact.ts only passes JSON)', () => {
    for (const t of ['{"a": }', '{"a":"b"', '[1,]', '{"a":"b"} x', '{"a" "b"}', '// c\n{}']) {
      expect(() => redactJsonText(t, keep), t).toThrow(/not JSON/);
    }
    expect(redactJsonText('', keep)).toBe('');
    expect(redactJsonText(' \n', keep)).toBe(' \n');
  });
});

describe('redactBundle on evidence that looks like JSON but is not', () => {
  // Cut-off tc -j output: text redaction, as before jsonc-parser (redact.ts decides, not the parser).
  const bundle = (stdout: string): Bundle => ({
    bundleVersion: 1, node: { name: 'n1' }, createdAt: '2026-01-01T12:00:01Z', tool: { name: 'tc-audit', version: '0.1.0' }, redacted: false,
    snapshot: { name: 'n1', versions: { kernel: '6.18.44', iproute2: '6.1.0', bpftool: '7.5.0' }, tcxVisible: true, programs: [], progArrays: [], netns: [] },
    evidence: [{ argv: ['tc', '-j', 'filter', 'show'], netns: 'tcat-x', exitCode: 0, stdout, stderr: '', durationMs: 1 }],
    notes: [],
  });
  it('falls back to text redaction', () => {
    for (const stdout of [
      '[{"protocol":"ipv6","options":{"match":{"value":"20010db8","mask":"ffffffff","offmask":"","off":24},"dst":"2001:db8::1"',
      '{"local":"192.0.2.9"} trailing words 10.0.0.1\n',
    ]) {
      const out = redactBundle(bundle(stdout)).evidence[0]?.stdout;
      expect(out).toBe(redactAddressesInText(redactU32Text(stdout)));
      expect(out).not.toContain('2001:db8::1');
      expect(out).not.toContain('192.0.2.9');
    }
  });
});
