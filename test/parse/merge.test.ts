import { describe, expect, test } from 'vitest';
import { mergeParsed } from '../../src/parse/merge.js';
import { parseInput } from '../../src/parse/index.js';
import { NO_DEFAULTS, recorded, sampleBundle } from './fixtures.js';

const V0 = { device: 'v0', direction: null, node: null } as const;

describe('mergeParsed', () => {
  test('tc prefs win, bpftool adds tcx; program ids filled by tc name when tc lacks them', () => {
    const tc = parseInput(recorded('a-v0-ingress.tc.txt').replace(/ id \d+ name \S+/g, ''), 'tc', { ...V0, direction: 'ingress' });
    const bt = parseInput(recorded('a-bpftool-net.txt'), 'bt', NO_DEFAULTS);
    const { nodes, errors } = mergeParsed([tc, bt]);
    expect(errors).toEqual([]);
    expect(nodes).toHaveLength(1);
    const ns = nodes[0]?.netns[0];
    expect(ns?.id).toBe('unknown');
    const dev = ns?.devices[0];
    expect(dev).toMatchObject({ name: 'v0', ifindex: 3 });
    const ing = dev?.hooks[0];
    expect(ing?.legacyPrefsKnown).toBe(true);
    expect(ing?.legacy?.filter((f) => f.kind === 'bpf').map((f) => [f.pref, f.program?.id])).toEqual([[1, 161], [1, 157], [2, 165], [3, 169], [49152, 173]]);
    expect(ing?.tcx?.map((t) => t.program.id)).toEqual([183]);
    // egress seen only by bpftool: prefs unknown, never invented
    expect(dev?.hooks[1]).toMatchObject({ direction: 'egress', legacyPrefsKnown: false, tcx: [] });
    expect(dev?.hooks[1]?.legacy?.[0]?.pref).toBeNull();
    expect(nodes[0]).toMatchObject({ name: null, tcxVisible: null, versions: { kernel: null, iproute2: null, bpftool: null } });
  });

  test('bpftool\'s clsact filters are built only when read: not when tc printed every id', () => {
    const tc = parseInput(recorded('a-v0-ingress.tc.txt'), 'tc', { ...V0, direction: 'ingress' });
    const bt = parseInput(recorded('a-bpftool-net.json'), 'bt', NO_DEFAULTS);
    const ingress = bt.observations.find((o) => o.device === 'v0' && o.direction === 'ingress')!;
    const lazy = ingress.legacy!;
    let reads = 0;
    const filters = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(lazy), 'filters')!.get!;
    Object.defineProperty(lazy, 'filters', { get: () => { reads++; return filters.call(lazy); }, configurable: true });
    const { nodes } = mergeParsed([tc, bt]);
    expect(reads).toBe(0);
    expect(nodes[0]?.netns[0]?.devices[0]?.hooks[0]?.legacy?.map((f) => f.program?.id)).toEqual(tc.observations[0]?.legacy?.filters.map((f) => f.program?.id));
    // Read, they are the entries bpftool listed, in its order, with no pref invented.
    expect(lazy.filters.map((f) => [f.pref, f.tcName, f.program?.id])).toEqual([
      [null, 'da_pass.o:[tc]', 161], [null, 'da_pass.o:[tc]', 157], [null, 'classic.o:[classifier]', 165],
      [null, 'da_pass.o:[tc]', 169], [null, 'da_pass.o:[tc]', 173],
    ]);
    expect(lazy.filters).toBe(lazy.filters); // made once
  });

  test('without a bpftool source tcx is null; with one covering the netns it is []', () => {
    const tc = parseInput(recorded('b-eth0-ingress.tc.txt'), 'tc', { device: 'eth0', direction: 'ingress', node: null });
    expect(mergeParsed([tc]).nodes[0]?.netns[0]?.devices[0]?.hooks[0]?.tcx).toBeNull();
    const cap = parseInput(recorded('capture.txt'), 'cap', NO_DEFAULTS);
    const m = mergeParsed([cap]);
    const lo = m.nodes[0]?.netns[0]?.devices.find((d) => d.name === 'lo');
    expect(lo?.hooks.map((h) => [h.direction, h.legacy, h.tcx])).toEqual([['ingress', [], []], ['egress', [], []]]);
    expect(m.nodes[0]?.netns.map((n) => n.id.replace(/\d+/, 'PID'))).toEqual(['tcat-rec-PID-a', 'tcat-rec-PID-b']);
  });

  test('bundle nodes pass through, duplicates kept', () => {
    const b = parseInput(JSON.stringify(sampleBundle('n')), 'b', NO_DEFAULTS);
    expect(mergeParsed([b, b]).nodes.map((n) => n.name)).toEqual(['n', 'n']);
  });
});
