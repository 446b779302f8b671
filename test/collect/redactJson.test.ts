import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactJsonText } from '../../src/collect/redactJson.js';
import { u32WordToken } from '../../src/collect/redactU32.js';

const recorded = (f: string) => readFileSync(join(process.cwd(), 'fixtures/recorded', f), 'utf8');
const keep = (s: string) => s;

/** What the scanner must agree with on JSON without repeated keys: every string value
 *  mapped with the key it stands under (array items: the array's key). */
function mapStrings(v: unknown, f: (s: string, key: string | null) => string, key: string | null = null): unknown {
  if (typeof v === 'string') return f(v, key);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f, key));
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f, k)]));
  return v;
}

describe('redactJsonText', () => {
  it('changes nothing when nothing is redacted (recorded tc, ip and bpftool JSON)', () => {
    for (const f of ['ipv6/link.ip.json', 'ipv6/addr.ip.json', 'a-bpftool-net.json', 'b-eth0-ingress.tc.json', 'a-v0-egress.tc.json']) {
      expect(redactJsonText(recorded(f), keep)).toBe(recorded(f));
    }
    // Only the u32 key word of `match ip dst 10.0.0.0/8` goes; its protocol-number keys stay.
    const a = recorded('a-v0-ingress.tc.json');
    expect(redactJsonText(a, keep)).toBe(a.replaceAll('"value":"a000000"', `"value":"${u32WordToken('0a000000')}"`));
  });

  it('keeps every repeated u32 "match" key (JSON.parse would keep only the last)', () => {
    const text = recorded('ipv6/u32-v0-ingress.tc.json');
    const out = redactJsonText(text, keep);
    expect(out.match(/"match":/g)?.length).toBe(text.match(/"match":/g)?.length);
    expect(out).toContain(`"match":{"value":"${u32WordToken('20010db8')}","mask":"ffffffff","offmask":"","off":24}`);
    expect(out).toContain(`"match":{"value":"${u32WordToken('1')}","mask":"ffffffff","offmask":"","off":36}`);
    expect(out).toContain('"match":{"value":"1bb","mask":"ffff","offmask":"","off":40}'); // dport 443
    expect(out).toContain('"fh":"800::800"');
    // The same words give the same tokens as in tc's text output.
    expect(out).toContain(u32WordToken('00000001'));
  });

  it('reads each u32 key with the protocol of its own filter entry, also across tc -batch lines', () => {
    const out = redactJsonText(recorded('ipv6/u32-v0-batch.tc.json'), keep);
    expect(out.split('\n').filter(Boolean)).toHaveLength(2);
    expect(out).toContain(`"match":{"value":"${u32WordToken('c0000209')}","mask":"ffffffff","offmask":"","off":16}`); // ip dst
    expect(out).toContain(`"match":{"value":"${u32WordToken('aabbccdd')}","mask":"ffffffff","offmask":"","off":-8}`); // ether src
    expect(out).toContain(`"match":{"value":"${u32WordToken('ffff')}","mask":"ffffffff","offmask":"","off":16}`); // ::ffff:192.0.2.77
    const ip = '[{"protocol":"ip","pref":1,"kind":"u32","options":{"fh":"800::800","match":{"value":"60000","mask":"ff0000","offmask":"","off":8},'
      + '"match":{"value":"500000","mask":"ffff0000","offmask":"","off":20}}}]';
    expect(redactJsonText(ip, keep)).toBe(ip); // ip protocol and sport are not addresses
    const nexthdr = '[{"protocol":"ipv6","options":{"match":{"value":"1bb0000","mask":"ffff0000","offmask":"nexthdr+","off":8}}}]';
    expect(redactJsonText(nexthdr, keep)).toBe(nexthdr);
  });

  it('passes each string with the key it stands under, and keeps layout and escapes', () => {
    const text = '{\n  "a": "x",\n  "list": ["y", {"b": "z"}, "w"],\n  "q\\"k": "v\\u00e9",\n  "n": [1, -2.5e3, true, null]\n}\n';
    const seen: Array<[string, string | null]> = [];
    const out = redactJsonText(text, (s, k) => {
      seen.push([s, k]);
      return s === 'z' ? 'Z"' : s;
    });
    expect(seen).toEqual([['x', 'a'], ['y', 'list'], ['z', 'b'], ['w', 'list'], ['vé', 'q"k']]);
    expect(out).toBe(text.replace('"z"', '"Z\\""'));
  });

  it('property: agrees with parse-map-print on any JSON value, in any layout', () => {
    const f = (s: string, k: string | null) => `${k ?? '-'}:${s.length}`;
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 2, '\t'), (v, indent) => {
      const text = JSON.stringify(v, null, indent);
      if (text === undefined) return;
      expect(JSON.parse(redactJsonText(text, f))).toEqual(mapStrings(JSON.parse(text), f));
      expect(redactJsonText(text, keep)).toBe(text);
    }), { numRuns: 300 });
  });
});
