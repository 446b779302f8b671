// The bpftool JSON shortcut must read every text exactly as JSON.parse and the value walk
// do (observations, errors, lines), or leave it to them.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBpftoolNetJsonGeneral, parseBpftoolNetJsonText } from '../../src/parse/bpftoolNet.js';
import { scanBpftoolNetJson } from '../../src/parse/bpftoolNetFast.js';
import { BpftoolHooks } from '../../src/parse/bpftoolHooks.js';
import { DeferredDevices, withDeferred } from '../../src/parse/deferredDevices.js';
import type { ParsedFile } from '../../src/parse/types.js';
import { generate } from '../../scripts/gen-dump.mjs';
import { ROOT, realDump, recorded } from './fixtures.js';

const CTX = { node: 'node-a', netns: 'ns1' };

/** As the rest of tc-audit reads a result: the shortcut keeps clsact entries as offsets into
 *  the text, read again when their filters are (ClsactFilters.toJSON reads them). */
const plain = (p: ParsedFile): unknown => JSON.parse(JSON.stringify({ ...p, observations: withDeferred(p), deferred: undefined }));
const scan = (text: string, firstLine: number) => scanBpftoolNetJson(text, firstLine, new BpftoolHooks('f', CTX), new DeferredDevices(CTX, 'f', text, firstLine));

/** Both paths give the same result; returns whether the shortcut took the text. */
function same(text: string, firstLine = 1): boolean {
  expect(plain(parseBpftoolNetJsonText(text, 'f', CTX, firstLine))).toStrictEqual(plain(parseBpftoolNetJsonGeneral(text, 'f', CTX, firstLine)));
  return scan(text, firstLine) !== null;
}

/** [text, line of its first line] of every bpftool-net-json section of a capture file. */
function jsonSections(text: string): [string, number][] {
  const lines = text.split('\n');
  const out: [string, number][] = [];
  lines.forEach((l, k) => { if (l.includes('hook=bpftool-net-json')) out.push([lines[k + 1] ?? '', k + 2]); });
  return out;
}

const A = recorded('a-bpftool-net.json');
const TCX = '{"devname":"v0","ifindex":3,"kind":"tcx/ingress","name":"rec_tcx_next_long_name","prog_id":183,"prog_flags":[],"link_id":0,"link_flags":[]}';
const CLS = '{"devname":"v0","ifindex":3,"kind":"clsact/egress","name":"da_pass.o:[tc]","id":177,"act":[]}';
const wrap = (tc: string, rest = ',"flow_dissector":[],"netfilter":[]') => `[{"xdp":[],"tc":[${tc}]${rest}}]`;

describe('scanBpftoolNetJson', () => {
  it('takes the recorded dumps and captures, with the JSON.parse result', () => {
    expect(same(A)).toBe(true);
    expect(same(recorded('b-bpftool-net.json'), 7)).toBe(true);
    expect(parseBpftoolNetJsonText(A, 'f', CTX).observations[0]?.tcx?.[0]?.source).toEqual({ file: 'f', line: 1 });
    const scenarios = join(ROOT, 'fixtures/scenarios');
    const captures = [join(ROOT, 'fixtures/recorded/capture.txt'), ...readdirSync(scenarios).filter((f) => f.endsWith('.capture')).map((f) => join(scenarios, f))];
    let n = 0;
    for (const c of captures) for (const [text, line] of jsonSections(readFileSync(c, 'utf8'))) { expect(same(text, line), c).toBe(true); n++; }
    expect(n).toBe(10); // one bpftool section per capture: none was missed
  });

  it('defers devices with clsact entries only, their entries kept as offsets, read again only when their filters are', () => {
    const r = parseBpftoolNetJsonText(wrap(`${CLS},${TCX}`.replace('"devname":"v0"', '"devname":"v1"')), 'f', CTX, 4);
    expect(r.observations.map((x) => x.device)).toEqual(['v0', 'v0']); // the tcx device
    expect(r.deferred?.[0]?.names).toEqual(['v1']);
    expect(r.deferred?.[0]?.pos).toEqual([0]); // first seen: before v0's observations
    expect(withDeferred(r).map((x) => `${x.device} ${x.direction}`)).toEqual(['v1 ingress', 'v1 egress', 'v0 ingress', 'v0 egress']);
    const [o] = withDeferred(parseBpftoolNetJsonText(wrap(`${CLS},${CLS.replace('177', '179')}`), 'f', CTX, 4)).filter((x) => x.legacy);
    expect(o!.legacy!.filters.map((f) => [f.tcName, f.program?.id, f.source])).toEqual([
      ['da_pass.o:[tc]', 177, { file: 'f', line: 4 }], ['da_pass.o:[tc]', 179, { file: 'f', line: 4 }],
    ]);
    expect(o!.legacy!.filters).toBe(o!.legacy!.filters); // made once
  });

  it('takes the benchmark dump, tcx with link ids included', () => {
    const sections = jsonSections(generate(300).text);
    expect(sections).toHaveLength(6);
    for (const [text, line] of sections) expect(same(text, line)).toBe(true);
  });

  it('takes what bpftool 7.5 and older ones print', () => {
    for (const text of [
      wrap('{"devname":"nk0","ifindex":9,"kind":"netkit/primary","name":"cil_to_container","prog_id":5,"prog_flags":[1,4],"link_id":7,"link_flags":[2]}'),
      wrap('{"devname":"nk0","ifindex":9,"kind":"netkit/peer","prog_id":6}'), // no name, nothing after prog_id
      wrap('{"devname":"eth0","ifindex":2,"kind":"htb","name":"x","id":1,"act":[]}'), // ignored kind
      wrap(`{"devname":"eth0","ifindex":2,"kind":"clsact/ingress"},${CLS}`), // no name, no id
      wrap('{"devname":"eth0","ifindex":2,"kind":"clsact/ingress","act":[]}'),
      // A clsact entry in the tcx layout (read whole) between two in bpftool's own (kept as
      // offsets): one hook, its three filters in order.
      wrap(`${CLS},${CLS.replace('"id":177,"act":[]', '"prog_id":178')},${CLS.replace('177', '179')}`),
      wrap(CLS, ''), wrap(CLS, ',"flow_dissector":[]'), // before flow_dissector, netfilter
      wrap(''), '[]', `${wrap(TCX).slice(0, -1)},${wrap(CLS).slice(1)}`, // two top objects
      `${wrap(CLS)}\r\n`, `${wrap(CLS)} \n\n`,
      wrap('{"devname":"a é {}[],:","ifindex":0,"kind":"tcx/egress","name":"😀\u2028\u007f","prog_id":999999999999999}'), // raw, not escaped
    ]) expect(same(text, 5), text).toBe(true);
  });

  it('leaves everything else to JSON.parse', () => {
    for (const text of [
      realDump('014-bpftool-jp-net-doc-json.txt'), // pretty, trailing commas
      JSON.stringify(JSON.parse(A), null, 2), `\n${A}`, ` ${A}`, `\ufeff${A}`, A.replace('},{', '}, {'), A.replace('"tc":', '"tc" :'),
      wrap(TCX.replace('rec_tcx', 'rec\\"tcx')), wrap(TCX.replace('rec_tcx', 'rec\\u0041tcx')), wrap(TCX.replace('rec_tcx', 'rec\ttcx')),
      wrap(TCX.replace('"ifindex":3,"kind":"tcx/ingress"', '"kind":"tcx/ingress","ifindex":3')), // key order
      wrap(TCX.replace('"link_id":0', '"link_id":0,"extra":1')), wrap(CLS.replace('"devname":"v0",', '')), // unknown key, no devname
      wrap(CLS.replace('"act":[]', '"act":[{"name":"a","id":1}]')), wrap(TCX.replace('"prog_flags":[]', '"prog_flags":[{}]')),
      wrap(TCX.replace('"prog_flags":[]', '"prog_flags":[1,]')), wrap(TCX.replace('"prog_flags":[]', '"prog_flags":["1"]')),
      A.replace('"xdp":[]', '"xdp":[{"devname":"eth0","ifindex":2,"mode":"driver","id":198}]'),
      A.replace('"netfilter":[]', '"netfilter":[{}]'), A.replace('"flow_dissector":[]', '"flow_dissector":[{"id":1}]'),
      ...['-1', '1.0', '1e3', '007', '0x1', '1234567890123456', '12345678901234567890123', 'null', '"3"'].map((v) => wrap(CLS.replace('177', v))),
      wrap(CLS.replace('"ifindex":3', '"ifindex":-3')),
      `${A.trimEnd()}x`, `${A.trimEnd()},`, `${A.trimEnd()}]`, wrap(`${CLS},`), A.slice(0, -3), '[', '', '{}', '[1]', '[{"xdp":[]}]',
      wrap(CLS.replace('"id":177', '"id":177,"id":178')), wrap(CLS.replace('"name":"da_pass.o:[tc]",', '"name":null,')),
    ]) {
      expect(scan(text, 3), text).toBeNull();
      same(text, 3);
    }
  });
});

// Strings with everything JSON.stringify escapes (quotes, backslashes, control characters,
// lone surrogates) and everything it does not (unicode, JSON punctuation, U+2028).
const str = fc.oneof(
  fc.stringMatching(/^[a-z0-9_.:\[\]{}-]{0,12}$/),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('', '"', '\\', 'a"b', 'a\\b', '{}[],:', '"tc":[', '\n', '\u0000', 'é', '😀', '\ud800', '\u2028', '\u007f'),
);
const kind = fc.oneof(fc.constantFrom('tcx/ingress', 'tcx/egress', 'netkit/primary', 'netkit/peer', 'clsact/ingress', 'clsact/egress', 'htb', 'constructor'), str);
const uint = fc.oneof(fc.constantFrom(0, 1, 3), fc.nat(), fc.integer({ min: 0, max: 999_999_999_999_999 }));
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const flags = fc.array(uint, { maxLength: 3 });

// In bpftool's key order; JSON.stringify leaves out the undefined fields.
const tcxEntry = fc.tuple(str, uint, kind, opt(str), opt(fc.tuple(uint, opt(flags), opt(uint), opt(flags))))
  .map(([devname, ifindex, kind, name, p]) => ({ devname, ifindex, kind, name, prog_id: p?.[0], prog_flags: p?.[1], link_id: p?.[2], link_flags: p?.[3] }));
const classicEntry = fc.tuple(str, uint, kind, opt(str), opt(uint), opt(fc.constant([])))
  .map(([devname, ifindex, kind, name, id, act]) => ({ devname, ifindex, kind, name, id, act }));
const entry = fc.oneof(tcxEntry, classicEntry);
const top = (e: fc.Arbitrary<Record<string, unknown>>, xdp: fc.Arbitrary<unknown[]> = fc.constant([])) => fc.tuple(xdp, fc.array(e, { maxLength: 5 }), opt(fc.constant([])), opt(fc.constant([])))
  .map(([x, tc, flow_dissector, netfilter]) => ({ xdp: x, tc, flow_dissector, netfilter }));
const doc = (t: fc.Arbitrary<unknown>) => fc.tuple(fc.array(t, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '\n', '\r\n', ' \n'))
  .map(([tops, end]) => `${JSON.stringify(tops)}${end}`);

// Entries bpftool would not print: wrong value types, extra keys, another key order.
const odd = fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 3 }), fc.constant(null), fc.boolean(), fc.array(fc.nat(), { maxLength: 2 }), fc.constant([{}]), fc.constant({}));
const field = fc.constantFrom('devname', 'ifindex', 'kind', 'name', 'prog_id', 'id', 'link_id', 'prog_flags', 'link_flags', 'act', 'extra');
const changes = fc.oneof({ arbitrary: fc.constant([]), weight: 6 }, fc.array(fc.tuple(field, odd), { minLength: 1, maxLength: 2 }));
const oddEntry = fc.tuple(entry, changes, fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, fc.constant(true))).map(([e, changes, reverse]) => {
  const o: Record<string, unknown> = { ...e };
  for (const [k, v] of changes) o[k] = v;
  return reverse ? Object.fromEntries(Object.entries(o).reverse()) : o;
});
const xdp = fc.oneof({ arbitrary: fc.constant<unknown[]>([]), weight: 6 }, fc.constant<unknown[]>([{ devname: 'eth0', ifindex: 2, mode: 'driver', id: 198 }]));

describe('scanBpftoolNetJson on generated dumps', () => {
  it('takes every canonical dump without an escape, with the JSON.parse result', () => {
    fc.assert(fc.property(doc(top(entry)), fc.integer({ min: 1, max: 1000 }), (text, line) => {
      expect(same(text, line)).toBe(!text.includes('\\'));
    }), { numRuns: 1500 });
  });

  it('agrees with JSON.parse on odd entries and sections, or leaves them', () => {
    let read = 0;
    fc.assert(fc.property(doc(top(oddEntry, xdp)), (text) => { if (same(text, 2)) read++; }), { numRuns: 1500 });
    expect(read).toBeGreaterThan(100); // the generator does reach the shortcut
  });

  it('never reads a canonical dump with one character added or removed differently', () => {
    const noise = fc.constantFrom(' ', '\n', '\\', '"', ',', '{', '}', '[', ']', ':', '0', '7', '-', '.', 'e', 'x');
    fc.assert(fc.property(doc(top(entry)), fc.nat(), noise, fc.boolean(), (text, at, c, insert) => {
      const i = at % (text.length + 1);
      same(insert ? text.slice(0, i) + c + text.slice(i) : text.slice(0, i) + text.slice(i + 1), 4);
    }), { numRuns: 2000 });
  });
});
