import { describe, expect, it, test } from 'vitest';
import { parseBpftoolNetJsonText, parseBpftoolNetJsonValue } from '../../src/parse/bpftoolNet.js';
import { parseBpftoolNetText } from '../../src/parse/bpftoolNetText.js';
import { mergeParsed, parseInput, withDeferred } from '../../src/parse/index.js';
import { NO_DEFAULTS, realDump, recorded } from './fixtures.js';

const CTX = { node: null, netns: null };
const summary = (obs: ReturnType<typeof parseBpftoolNetText>['observations']) =>
  obs.map((o) => [o.device, o.ifindex, o.direction, o.legacy?.filters.map((f) => [f.tcName, f.program?.id, f.pref, f.handle]) ?? null, o.tcx?.map((t) => [t.attach, t.program.name, t.program.id, t.linkId])]);

describe('bpftool net show', () => {
  test('recorded text and JSON agree (tcx first, then clsact in dump order)', () => {
    const t = parseBpftoolNetText(recorded('a-bpftool-net.txt'), 't', CTX);
    const j = parseBpftoolNetJsonText(recorded('a-bpftool-net.json'), 'j', CTX);
    expect(t.errors).toEqual([]);
    expect(j.errors).toEqual([]);
    expect(summary(t.observations)).toEqual(summary(j.observations));
    expect(summary(t.observations)).toEqual([
      ['v0', 3, 'ingress', [['da_pass.o:[tc]', 161, null, null], ['da_pass.o:[tc]', 157, null, null], ['classic.o:[classifier]', 165, null, null], ['da_pass.o:[tc]', 169, null, null], ['da_pass.o:[tc]', 173, null, null]],
        [['tcx', 'rec_tcx_next_long_name', 183, null]]],
      ['v0', 3, 'egress', [['da_pass.o:[tc]', 177, null, null]], []],
    ]);
    expect(t.observations[0]?.legacy?.prefsKnown).toBe(false);
  });

  test('013 doc example: htb and xdp ignored, indentation stripped', () => {
    const r = parseBpftoolNetText(realDump('013-bpftool-net-doc-htb-clsact.txt'), '013', CTX);
    expect(r.errors).toEqual([]);
    expect(summary(r.observations).map((s) => [s[2], (s[3] as unknown[]).length])).toEqual([['ingress', 1], ['egress', 3]]);
  });

  test('015 tcx entries with prog_id, in run order', () => {
    const r = parseBpftoolNetText(realDump('015-bpftool-net-doc-tcx.txt'), '015', CTX);
    expect(summary(r.observations)).toEqual([
      ['lo', 1, 'ingress', null, [['tcx', 'tc_prog2', 30, null], ['tcx', 'tc_prog', 29, null]]],
      ['lo', 1, 'egress', null, []],
    ]);
  });

  test('014 doc JSON has trailing commas: reported with line and column', () => {
    const r = parseBpftoolNetJsonText(realDump('014-bpftool-jp-net-doc-json.txt'), '014', CTX);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.line).toBe(29);
    expect(r.errors[0]?.message).toMatch(/line 29 column \d+.*trailing comma/);
    expect(r.errors[0]?.message).not.toMatch(/at .*\.js:/);
  });

  test('netkit and link ids; value API for the collector', () => {
    const r = parseBpftoolNetJsonValue([{ tc: [
      { devname: 'nk0', ifindex: 9, kind: 'netkit/primary', name: 'cil_to_container', prog_id: 5, prog_flags: [], link_id: 7, link_flags: [] },
      { devname: 'nk0', ifindex: 9, kind: 'netkit/peer', prog_id: 6, link_id: 8 },
      { kind: 'tcx/ingress', prog_id: 1 },
    ], flow_dissector: [], netfilter: [{ x: 1 }] }], 'v');
    expect(r.errors).toEqual([{ file: 'v', line: 1, message: 'bpftool tc entry without "devname"' }]);
    expect(r.observations.map((o) => [o.direction, o.tcx?.map((t) => [t.attach, t.program.id, t.linkId, t.program.name])])).toEqual([
      ['ingress', [['netkit', 6, 8, null]]], ['egress', [['netkit', 5, 7, 'cil_to_container']]],
    ]);
  });

  test('kinds named like Object.prototype members are unknown kinds, not a crash', () => {
    for (const kind of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const j = parseBpftoolNetJsonText(JSON.stringify([{ tc: [{ devname: 'a', ifindex: 1, kind, id: 3 }] }]), 'j', CTX);
      const t = parseBpftoolNetText(`tc:\na(1) ${kind} x id 3\n`, 't', CTX);
      expect([j.observations, j.errors, t.observations, t.errors]).toEqual([[], [], [], []]);
    }
  });

  test('garbage in the tc: section is reported with its line', () => {
    const r = parseBpftoolNetText('tc:\nnonsense here\neth0(2) clsact/ingress x id 3\n', 'g', CTX);
    expect(r.errors.map((e) => e.line)).toEqual([2]);
    expect(r.observations).toHaveLength(2);
  });

  test('tc entries pasted without the tc: header are read; other lines before any header are reported', () => {
    // As docs/rules/pref-unknown.md quotes them.
    const r = parseBpftoolNetText('lxc1(12) clsact/ingress cil_from_container-lxc1 id 12\nlxc1(12) tcx/egress cil_to_container id 31 link 7\nhello\neth0(2) driver id 40\n', 'p', CTX);
    expect(r.errors.map((e) => [e.line, e.message.slice(0, 40)])).toEqual([[3, 'expected a section header of `bpftool ne']]);
    expect(summary(r.observations)).toEqual(summary(parseBpftoolNetText(`tc:\n${'lxc1(12) clsact/ingress cil_from_container-lxc1 id 12\nlxc1(12) tcx/egress cil_to_container id 31 link 7\n'}`, 'p', CTX).observations));
    expect(r.observations.length).toBeGreaterThan(0);
    // Once a section header was seen, lines of other sections are not the tc section's.
    expect(parseBpftoolNetText('xdp:\nlxc1(12) clsact/ingress x id 12\n', 'x', CTX).observations).toEqual([]);
  });
});

describe('bpftool observations for library users', () => {
  const D = { device: null, direction: null, node: null };
  const text = JSON.stringify([{ xdp: [], tc: [{ devname: 'v0', ifindex: 3, kind: 'clsact/ingress', name: 'x.o:[tc]', id: 5, act: [] }], flow_dissector: [], netfilter: [] }]);

  it('serialise clsact filters in the plain { filters, prefsKnown } shape, built on first read', () => {
    const o = withDeferred(parseInput(text, 'f', D))[0]!;
    expect(JSON.parse(JSON.stringify(o.legacy))).toEqual({ filters: JSON.parse(JSON.stringify(o.legacy!.filters)), prefsKnown: false });
    expect(o.legacy!.filters.map((f) => [f.tcName, f.program?.id, f.pref])).toEqual([['x.o:[tc]', 5, null]]);
  });

  it('merge into hooks whose tcx lists are their own', () => {
    const hooks = mergeParsed([parseInput(text, 'f', D)]).nodes[0]!.netns[0]!.devices[0]!.hooks;
    for (const h of hooks) {
      expect(h.tcx).toEqual([]);
      expect(Object.isFrozen(h.tcx)).toBe(false);
    }
    expect(hooks[0]!.tcx).not.toBe(hooks[1]!.tcx);
  });
});

describe('bpftool net show text with notes above it', () => {
  it('skips `# ` note lines, as tc text does', () => {
    const r = parseInput('# source: bpftool docs\n# command: bpftool net\n\ntc:\nlo(1) tcx/ingress tc_prog2 prog_id 30\n', 'n.txt', NO_DEFAULTS);
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('bpftool-net-text');
  });
});
