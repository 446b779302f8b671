import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, test } from 'vitest';
import { markerBody, markerOf, parseCapture, parseMarker, parseMarkerFields } from '../../src/parse/capture.js';
import { mergeParsed } from '../../src/parse/merge.js';
import { NO_DEFAULTS, recorded } from './fixtures.js';
import { parseInput } from '../../src/parse/index.js';

describe('capture format', () => {
  test('recorded docs/capture.sh output over two namespaces', () => {
    const r = parseCapture(recorded('capture.txt'), 'cap', NO_DEFAULTS);
    expect(r.errors).toEqual([]);
    expect(r.sawBpftoolNet).toBe(true);
    const v0 = r.observations.filter((o) => o.device === 'v0' && o.direction === 'ingress');
    expect(v0.map((o) => [o.node, o.netns?.replace(/\d+/, 'PID'), o.legacy?.prefsKnown, o.legacy?.filters.length, o.tcx?.length ?? null])).toEqual([
      ['vm', 'tcat-rec-PID-a', true, 9, null],
      ['vm', 'tcat-rec-PID-a', false, 5, 1],
    ]);
    // Empty dumps are observations of empty hooks.
    expect(r.observations.find((o) => o.device === 'lo')?.legacy).toEqual({ filters: [], prefsKnown: true });
    // Lines point into the capture file, not into the section.
    const f = v0[0]?.legacy?.filters[0];
    expect(recorded('capture.txt').split('\n')[(f?.source?.line ?? 0) - 1]).toMatch(/handle 0x2 da_pass/);
  });

  test('markers are percent-decoded; failed sections are errors, not empty hooks', () => {
    const text = [
      '# header',
      '### tc-audit capture v1 node=n%201 netns=my%20ns dev=eth%230 hook=ingress ###',
      'filter protocol all pref 1 bpf chain 0 handle 0x1 a.o:[s] direct-action',
      '### tc-audit capture v1 node=n%201 netns=my%20ns dev=gone hook=egress ###',
      'Cannot find device "gone"',
      '### tc-audit capture-failed exit=1 ###',
      '### tc-audit capture v1 node=n netns=x dev= hook=tc-json-egress ###',
      '[{"protocol":"all","pref":2,"kind":"bpf","options":{"handle":"0x2"}}]',
      '### tc-audit capture v1 node=n netns=x dev= hook=weird ###',
      '### tc-audit capture v1 garbage ###',
    ].join('\n');
    const r = parseCapture(text, 'c', NO_DEFAULTS);
    expect(r.observations.map((o) => [o.node, o.netns, o.device, o.direction, o.legacy?.filters.length])).toEqual([
      ['n 1', 'my ns', 'eth#0', 'ingress', 1],
      ['n', 'x', null, 'egress', 1],
    ]);
    expect(r.errors.map((e) => e.line)).toEqual([4, 9, 10]);
    expect(r.errors[0]?.message).toMatch(/failed with exit 1.*Cannot find device/);
  });

  test('parseMarker rejects bad escapes', () => {
    expect(parseMarker('node=%zz hook=ingress')).toMatch(/bad %-escape/);
    expect(parseMarker('node=a hook=ingress')).toEqual({ node: 'a', netns: null, dev: null, hook: 'ingress' });
  });

  test('the canonical-marker shortcut reads every marker as the general field reader does', () => {
    const value = fc.stringMatching(/^[a-z0-9=%:._ -]{0,8}$/);
    fc.assert(fc.property(value, value, value, value, (node, netns, dev, hook) => {
      const body = `node=${node} netns=${netns} dev=${dev} hook=${hook}`;
      expect(parseMarker(body)).toEqual(parseMarkerFields(body));
    }), { numRuns: 500 });
  });
});

describe('marker lines', () => {
  // Mostly canonical lines, with the characters that could make one reading differ.
  const value = fc.array(fc.constantFrom('a', '0', '-', ' ', '%20', '%', '=', '\r', '\n', '\u2028', '\u2029', '#', 'é'), { maxLength: 5 }).map((xs) => xs.join(''));
  const line = fc.oneof(
    fc.tuple(value, value, value, fc.constantFrom('ingress', 'egress', 'bpftool-net-json', '', 'x\ry')).map(([n, ns, d, h]) => `### tc-audit capture v1 node=${n} netns=${ns} dev=${d} hook=${h} ###`),
    fc.tuple(fc.constantFrom('', ' ', '\t'), value, fc.constantFrom('', ' ')).map(([lead, v, tail]) => `${lead}### tc-audit capture v1 hook=ingress dev=${v} ###${tail}`),
  );

  it('markerOf reads every line as markerBody and parseMarker do; a broken marker is an error', () => {
    fc.assert(fc.property(line, (l) => {
      const body = markerBody(l);
      if (body !== null) expect(markerOf(l)).toEqual(parseMarker(body));
      else expect(markerOf(l)).toMatch(/^unreadable marker ".*its section is not read$/s);
    }), { numRuns: 5000 });
    expect(markerOf('### tc-audit capture-failed exit=1 ###')).toBeNull();
    expect(markerOf('## tc-audit capture v1 hook=ingress ###')).toBeNull();
  });

  it.each([
    ['without its closing ###', (m: string) => m.replace(/ ###$/, '')],
    ['of another version', (m: string) => m.replace(' v1 ', ' v2 ')],
  ])('a marker %s starts a section that is reported and not read, never added to the one before', (_, broken) => {
    const good = (dev: string) => `### tc-audit capture v1 node=n netns=host dev=${dev} hook=ingress ###`;
    const filter = (pref: number) => `filter protocol all pref ${pref} bpf chain 0 handle 0x1 x.o:[tc] direct-action not_in_hw id ${pref} name x tag 00 jited \n`;
    const text = `${good('a')}\n${filter(1)}${broken(good('b'))}\n${filter(3)}${good('c')}\n${filter(5)}`;
    const r = parseCapture(text, 'c', NO_DEFAULTS);
    expect(r.observations.map((o) => [o.device, o.legacy?.filters.map((f) => f.pref)])).toEqual([['a', [1]], ['c', [5]]]);
    expect(r.errors.map((e) => [e.line, e.message.slice(0, 36)])).toEqual([[3, 'capture marker: unreadable marker "#']]);
  });

  it.each(['\r', '\u2028', '\u2029'])('a line terminator (%j) inside a value makes no marker', (t) => {
    const text = `### tc-audit capture v1 node=n netns=host dev=v0 hook=ingress ###\n### tc-audit capture v1 node=n netns=host dev=a${t}b hook=ingress ###\n`;
    const r = parseCapture(text, 'c', NO_DEFAULTS);
    expect(r.observations.map((o) => o.device)).toEqual(['v0']);
    expect(r.errors).toHaveLength(1);
  });
});

describe('capture header: the node\'s tool versions', () => {
  it('kernel, iproute2 and bpftool from the lines docs/capture.sh writes reach the model', () => {
    const text = '# tc-audit capture from node-a, kernel 6.8.0-45-generic\n# tc utility, iproute2-6.1.0, libbpf 1.1.2\n# bpftool v7.5.0\n'
      + '### tc-audit capture v1 node=node-a netns=host dev=eth0 hook=ingress ###\n';
    const p = parseCapture(text, 'c', { device: null, direction: null, node: null });
    expect(p.versions).toEqual({ kernel: '6.8.0-45-generic', iproute2: '6.1.0', bpftool: '7.5.0' });
    expect(mergeParsed([p]).nodes[0]!.versions).toEqual({ kernel: '6.8.0-45-generic', iproute2: '6.1.0', bpftool: '7.5.0' });
  });

  it('a capture without them leaves the versions null (the input did not say)', () => {
    const p = parseCapture('### tc-audit capture v1 node=node-a netns=host dev=eth0 hook=ingress ###\n', 'c', { device: null, direction: null, node: null });
    expect(p.versions).toBeUndefined();
    expect(mergeParsed([p]).nodes[0]!.versions).toEqual({ kernel: null, iproute2: null, bpftool: null });
  });
});

describe('capture header: tcx visibility from the stated kernel and bpftool', () => {
  const head = (kernel: string, bpftool: string | null) => `# tc-audit capture from n, kernel ${kernel}\n# tc utility, iproute2-6.1.0, libbpf 1.1.2\n${bpftool === null ? '' : `# bpftool v${bpftool}\n`}`;
  const hook = '### tc-audit capture v1 node=n netns=host dev=eth0 hook=ingress ###\nfilter protocol all pref 10 bpf chain 0 handle 0x1 classifier_ingress_security_1:[30] direct-action not_in_hw id 30 name classifier_ingr tag f03f3c893109830e jited \n';
  const bpf = '### tc-audit capture v1 node=n netns=host dev= hook=bpftool-net-json ###\n[{"xdp":[],"tc":[{"devname":"eth0","ifindex":2,"kind":"clsact/ingress","name":"classifier_ingress_security_1:[30]","id":30}],"flow_dissector":[],"netfilter":[]}]\n';
  const node = (text: string) => mergeParsed([parseCapture(text, 'c', { device: null, direction: null, node: null })]).nodes[0]!;
  const tcx = (text: string) => { const n = node(text); return [n.tcxVisible, n.netns[0]!.devices[0]!.hooks[0]!.tcx]; };

  it('kernel >= 6.6 without bpftool: tcx cannot be seen (never "as if none")', () => {
    expect(tcx(head('6.18.44', null) + hook)).toEqual([false, null]);
  });
  it('kernel >= 6.6 with bpftool 7.1, which lists no tcx: unknown, as the live collector says', () => {
    expect(tcx(head('6.18.44', '7.1.0') + hook + bpf)).toEqual([false, null]);
  });
  it('kernel >= 6.6 with bpftool 7.5 listing the namespace: no tcx program is the truth', () => {
    expect(tcx(head('6.18.44', '7.5.0') + hook + bpf)).toEqual([true, []]);
  });
  it('kernel >= 6.6 with bpftool 7.5 but no listing of that namespace: unknown', () => {
    expect(tcx(head('6.18.44', '7.5.0') + hook)).toEqual([false, null]);
  });
  it('bpftool run by its full path (Ubuntu\'s linux-tools wrapper) prints the path: still its version', () => {
    const text = head('6.8.0-45-generic', null).replace('# tc utility', '# /usr/lib/linux-tools/6.8.0-45-generic/bpftool v7.4.0\n# tc utility') + hook + bpf;
    expect(node(text).versions.bpftool).toBe('7.4.0');
    expect(tcx(text)).toEqual([true, []]);
  });
    it('a kernel before 6.6 has no tcx: nothing to miss', () => {
    expect(tcx(head('5.15.0-91-generic', null) + hook)).toEqual([true, []]);
  });
});

describe('capture: the tc-qdisc section', () => {
  const M = (dev: string, hook: string, ns = 'n1') => `### tc-audit capture v1 node=a netns=${ns} dev=${dev} hook=${hook} ###\n`;
  const cap = M('v0', 'ingress') + M('v0', 'egress') + M('v1', 'ingress') + M('v1', 'egress') +
    M('', 'tc-qdisc') + 'qdisc clsact ffff: dev v1 parent ffff:fff1 \nqdisc ingress ffff: dev v0 parent ffff:fff1 ---------------- \n' +
    M('v9', 'ingress', 'n2') + M('v9', 'egress', 'n2');
  it('marks the devices listed with the legacy ingress qdisc; the others of the namespace not; other namespaces unknown', () => {
    const p = parseInput(cap, 'c', NO_DEFAULTS);
    expect(p.errors).toEqual([]);
    expect(p.qdiscs).toEqual([{ node: 'a', netns: 'n1', legacyIngress: ['v0'] }]);
    const devices = mergeParsed([p]).nodes[0]!.netns.flatMap((ns) => ns.devices.map((d) => [ns.id, d.name, d.hooks.map((h) => h.ingressQdisc)]));
    expect(devices).toEqual([['n1', 'v0', [true, true]], ['n1', 'v1', [false, false]], ['n2', 'v9', [null, null]]]);
  });
  it('a failed listing says nothing (unknown), and is reported', () => {
    const p = parseInput(M('v0', 'ingress') + M('v0', 'egress') + M('', 'tc-qdisc') + 'Cannot find device\n### tc-audit capture-failed exit=1 ###\n', 'c', NO_DEFAULTS);
    expect(p.qdiscs).toBeUndefined();
    expect(p.errors.map((e) => e.message)).toEqual([expect.stringContaining('capture of tc-qdisc')]);
    expect(mergeParsed([p]).nodes[0]!.netns[0]!.devices[0]!.hooks.map((h) => h.ingressQdisc)).toEqual([null, null]);
  });

  it("a filter added for egress to a legacy ingress qdisc sits on ingress, where tc's ingress listing prints it as `filter egress` and where it runs", () => {
    const line = (dir: string) => `filter ${dir}protocol all pref 10 bpf chain 0 \nfilter ${dir}protocol all pref 10 bpf chain 0 handle 0x1 dd.o:[classifier/egress] direct-action not_in_hw id 9 name classifier_egre tag 0011223344556677 jited \n`;
    const p = parseInput(M('v0', 'ingress') + line('egress ') + M('v0', 'egress') + line('') + M('', 'tc-qdisc') + 'qdisc ingress ffff: dev v0 parent ffff:fff1 ---------------- \n', 'c', NO_DEFAULTS);
    expect(p.errors).toEqual([]);
    const hooks = mergeParsed([p]).nodes[0]!.netns[0]!.devices[0]!.hooks;
    expect(hooks.map((h) => [h.direction, h.legacy?.map((f) => f.pref), h.ingressQdisc])).toEqual([['ingress', [10], true], ['egress', [10], true]]);
  });
});


describe('a capture cut short', () => {
  it('ends inside a line: said, with the line, and what precedes is still read', () => {
    const whole = readFileSync('fixtures/scenarios/vendor-pref5.capture', 'utf8');
    const cut = whole.slice(0, 900);
    const r = parseInput(cut, 'cut.capture', NO_DEFAULTS);
    expect(r.errors.at(-1)).toEqual({ file: 'cut.capture', line: cut.split('\n').length, message: expect.stringContaining('the capture ends inside a line: it was cut short') });
    expect(r.observations.length).toBeGreaterThan(0);
    expect(parseInput(whole, 'whole.capture', NO_DEFAULTS).errors).toEqual([]);
  });
});
