// Devices bpftool lists with clsact entries only are deferred (src/parse/deferredDevices.ts):
// merge must give exactly what it gives with their observations made in place.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeParsed, parseInput, withDeferred } from '../../src/parse/index.js';
import type { ParsedFile } from '../../src/parse/types.js';
import { generate } from '../../scripts/gen-dump.mjs';
import { ROOT } from './fixtures.js';

const D = { device: null, direction: null, node: null };
const inPlace = (p: ParsedFile): ParsedFile => ({ ...p, observations: withDeferred(p), deferred: undefined });
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
/** merge over the deferred form and over the in-place form agree; returns the deferred count. */
function agree(files: ParsedFile[]): number {
  expect(plain(mergeParsed(files))).toStrictEqual(plain(mergeParsed(files.map(inPlace))));
  return files.reduce((n, f) => n + (f.deferred ?? []).reduce((m, t) => m + t.count, 0), 0);
}

const CAP = (body: string) => `# tc-audit capture from n, kernel 6.8.0\n# bpftool v7.5.0\n${body}`;
const mark = (dev: string, hook: string, scope = 'node=n netns=ns') => `### tc-audit capture v1 ${scope} dev=${dev} hook=${hook} ###\n`;
const bpf = (id: number, withId = true) => `filter protocol all pref 1 bpf chain 0 \nfilter protocol all pref 1 bpf chain 0 handle 0x1 x.o:[tc] direct-action not_in_hw${withId ? ` id ${id} name x tag 0011223344556677 jited` : ''} \n`;
const cls = (dev: string, ifindex: number, dir: string, id: number) => `{"devname":"${dev}","ifindex":${ifindex},"kind":"clsact/${dir}","name":"x.o:[tc]","id":${id},"act":[]}`;
const listing = (entries: string[]) => `${mark('', 'bpftool-net-json')}[{"xdp":[],"tc":[${entries.join(',')}],"flow_dissector":[],"netfilter":[]}]\n`;

describe('deferred bpftool devices', () => {
  it('give what the in-place observations give on every recorded and generated capture', () => {
    const dir = join(ROOT, 'fixtures/scenarios');
    const files = [join(ROOT, 'fixtures/recorded/capture.txt'), ...readdirSync(dir).filter((f) => f.endsWith('.capture')).map((f) => join(dir, f))];
    let deferred = 0;
    for (const f of files) deferred += agree([parseInput(readFileSync(f, 'utf8'), f, D)]);
    const big = parseInput(generate(300).text, 'gen', D);
    expect(agree([big])).toBeGreaterThan(100);
    expect(deferred).toBeGreaterThan(0);
  });

  it('a device tc covers with every id: only its ifindex is taken from bpftool', () => {
    const p = parseInput(CAP(mark('v0', 'ingress') + bpf(7) + mark('v0', 'egress') + bpf(8) + listing([cls('v0', 4, 'ingress', 7), cls('v0', 4, 'egress', 8)])), 'c', D);
    expect(p.deferred?.[0]?.names).toEqual(['v0']);
    agree([p]);
    expect(mergeParsed([p]).nodes[0]!.netns[0]!.devices[0]!.ifindex).toBe(4);
  });

  it('tc without program ids (older iproute2): bpftool fills them in', () => {
    const p = parseInput(CAP(mark('v0', 'ingress') + bpf(7, false) + mark('v0', 'egress') + bpf(8, false) + listing([cls('v0', 4, 'ingress', 7), cls('v0', 4, 'egress', 8)])), 'c', D);
    agree([p]);
    const hooks = mergeParsed([p]).nodes[0]!.netns[0]!.devices[0]!.hooks;
    expect(hooks.map((h) => h.legacy?.[0]?.program?.id)).toEqual([7, 8]);
  });

  it('a device only bpftool lists, or with one hook tc did not capture, keeps its place and its prefless filters', () => {
    const p = parseInput(CAP(mark('v0', 'ingress') + bpf(7) + listing([cls('v9', 9, 'ingress', 3), cls('v0', 4, 'ingress', 7), cls('v0', 4, 'egress', 8)])), 'c', D);
    agree([p]);
    const devices = mergeParsed([p]).nodes[0]!.netns[0]!.devices;
    expect(devices.map((d) => d.name)).toEqual(['v0', 'v9']);
    expect(devices[0]!.hooks.find((h) => h.direction === 'egress')).toMatchObject({ legacyPrefsKnown: false, legacy: [{ pref: null, program: { id: 8 } }] });
  });

  it('two listings of one namespace: the first shows no tcx on a deferred device, a later tcx entry does not count', () => {
    const tcx = '{"devname":"v0","ifindex":4,"kind":"tcx/ingress","name":"t","prog_id":900,"prog_flags":[],"link_id":901,"link_flags":[]}';
    const p = parseInput(CAP(mark('v0', 'ingress') + bpf(7) + mark('v0', 'egress') + bpf(8) + listing([cls('v0', 4, 'ingress', 7)]) + listing([tcx])), 'c', D);
    agree([p]);
    expect(mergeParsed([p]).nodes[0]!.netns[0]!.devices[0]!.hooks.map((h) => h.tcx)).toEqual([[], []]);
    // The other way round, the tcx listing first: its program stands.
    const q = parseInput(CAP(mark('v0', 'ingress') + bpf(7) + mark('v0', 'egress') + bpf(8) + listing([tcx]) + listing([cls('v0', 4, 'ingress', 7)])), 'c', D);
    agree([q]);
    expect(mergeParsed([q]).nodes[0]!.netns[0]!.devices[0]!.hooks[0]!.tcx?.map((t) => t.program?.id)).toEqual([900]);
    // And across two files of the same node.
    const a = parseInput(CAP(mark('v0', 'ingress') + bpf(7) + mark('v0', 'egress') + bpf(8) + listing([cls('v0', 4, 'ingress', 7)])), 'a', D);
    const b = parseInput(CAP(listing([tcx])), 'b', D);
    agree([a, b]);
    agree([b, a]);
  });

  it('across files: a bpftool listing read before the capture of the same node', () => {
    const json = `[{"xdp":[],"tc":[${[cls('v1', 5, 'ingress', 1), cls('v0', 4, 'ingress', 7)].join(',')}],"flow_dissector":[],"netfilter":[]}]`;
    const alone = parseInput(json, 'b.json', D);
    expect(alone.observations).toEqual([]); // all deferred
    expect(withDeferred(alone)).toHaveLength(4);
    // The same (unnamed) node and netns as the listing's: the two inputs meet in merge.
    const cap = parseInput(CAP(mark('v0', 'ingress', 'node= netns=') + bpf(7, false) + mark('v0', 'egress', 'node= netns=') + bpf(8)), 'c', D);
    agree([alone, cap]);
    agree([cap, alone]);
    const [first, second] = [mergeParsed([alone, cap]), mergeParsed([cap, alone])].map((m) => m.nodes[0]!.netns[0]!.devices);
    expect(first!.map((d) => d.name)).toEqual(['v1', 'v0']);
    expect(second!.map((d) => d.name)).toEqual(['v0', 'v1']);
    // tc printed no id on v0 ingress: the listing's fills it in either way.
    expect(second![0]!.hooks[0]!.legacy?.[0]?.program?.id).toBe(7);
  });
});
