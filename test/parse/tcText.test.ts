import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { detectFormat } from '../../src/parse/detect.js';
import { hasCommentPrefix } from '../../src/parse/lines.js';
import { parseTcText } from '../../src/parse/tcText.js';
import { NO_DEFAULTS, REAL_DUMPS, realDump, realDumpNames, recorded } from './fixtures.js';

type Row = [pref: number | null, proto: string | null, kind: string, handle: string | null, name: string | null, da: boolean | null, progId: number | null];
const rows = (text: string, file: string, defaults = NO_DEFAULTS) => {
  const r = parseTcText(text, file, defaults);
  return { r, rows: r.observations.map((o) => o.legacy?.filters.map((f): Row => [f.pref, f.protocol, f.kind, f.handle, f.tcName, f.directAction, f.program?.id ?? null])) };
};

describe('tc filter show text: recorded (iproute2 6.1 and 6.15)', () => {
  test.each(['a-v0-ingress.tc.txt', 'a-v0-ingress.tc-sdp.txt', 'a-v0-ingress.tc6150.txt', 'a-v0-ingress.tc6150-sdp.txt', 'a-v0-parent-fff2.tc.txt'])('%s', (name) => {
    const { r, rows: got } = rows(recorded(name), name, { device: 'v0', direction: 'ingress', node: null });
    expect(r.errors).toEqual([]);
    expect(r.observations).toHaveLength(1);
    expect(r.observations[0]).toMatchObject({ device: 'v0', direction: 'ingress' });
    // Walk order as printed: within pref 1 the newest filter (handle 0x2) comes first.
    expect(got[0]?.map((x) => [x[0], x[1], x[2], x[3]])).toEqual([
      [1, 'all', 'bpf', '0x2'], [1, 'all', 'bpf', '0x1'], [2, 'ip', 'bpf', '0xa'], [3, 'ipv6', 'bpf', '0x1'],
      [10, 'ip', 'u32', '800::800'], [20, 'ip', 'u32', '801::800'], [40, 'ip', 'u32', '802::800'],
      [49152, 'all', 'bpf', '0x1'], [1, 'all', 'u32', '803::800'],
    ]);
    const f = r.observations[0]?.legacy?.filters ?? [];
    expect(f[0]).toMatchObject({ tcName: 'da_pass.o:[tc]', directAction: true, chain: 0, flags: ['not_in_hw'], program: { name: 'rec_da_pass', tag: '59f4a931744dcdc6' } });
    expect(f[2]).toMatchObject({ directAction: false, classid: 'ffff:1', actions: [{ order: 1, kind: 'mirred', control: 'pipe', detail: 'egress mirror' }] });
    expect(f[3]?.flags).toEqual(['skip_hw', 'not_in_hw']);
    expect(f[5]?.actions[0]).toMatchObject({ control: 'stolen', detail: 'egress redirect' });
    expect(f[6]?.actions[0]?.control).toBe('goto chain 5');
    expect(f[8]).toMatchObject({ chain: 5, classid: null, actions: [] });
    expect(f[0]?.source).toEqual({ file: name, line: 2 });
  });

  test('a dump of one chain omits the chain token', () => {
    const { r } = rows(recorded('a-v0-chain5.tc.txt'), 'c');
    expect(r.observations[0]?.legacy?.filters.map((f) => [f.chain, f.handle])).toEqual([[null, '803::800']]);
  });
});

describe('tc filter show text: shared flag lists', () => {
  test('a flag line after one of tc\'s own bpf lines adds to a copy of the shared not_in_hw list', () => {
    const bpf = 'filter protocol all pref 1 bpf chain 0 handle 0x1 x.o:[tc] direct-action not_in_hw id 7 name x tag ab jited ';
    const r = parseTcText(`${bpf}\n  skip_sw\n${bpf.replace('0x1', '0x2')}\n`, 'f', NO_DEFAULTS);
    const [a, b] = r.observations[0]!.legacy!.filters;
    expect(a!.flags).toEqual(['not_in_hw', 'skip_sw']);
    expect(b!.flags).toEqual(['not_in_hw']);
    expect(Object.isFrozen(b!.flags)).toBe(true);
  });
});

describe('tc filter show text: published dumps', () => {
  test('029 old iproute2: no chain, no id, tag only', () => {
    const { r, rows: got } = rows(realDump('029-arthurchiao-cilium-aws-old-iproute2-no-chain.txt'), '029');
    expect(r.errors).toEqual([]);
    expect(got).toEqual([[[1, 'all', 'bpf', '0x1', 'bpf_lxc.o:[from-container]', true, null]]]);
    expect(r.observations[0]?.legacy?.filters[0]?.program).toEqual({ id: null, name: null, tag: 'db59e2ea8177ded3' });
  });
  test('018 indented flower with hw flags on their own lines', () => {
    const { r } = rows(realDump('018-intel-adq-flower-hwtc-classid-ingress.txt'), '018');
    expect(r.errors).toEqual([]);
    const f = r.observations[0]?.legacy?.filters ?? [];
    expect(f.map((x) => [x.handle, x.classid, x.flags])).toEqual([
      ['0x1', null, ['skip_sw', 'in_hw', 'in_hw_count=1']],
      ['0x2', 'ffff:28', ['skip_sw', 'in_hw', 'in_hw_count=1']],
    ]);
  });
  test('019 skbedit with double space', () => {
    const { r } = rows(realDump('019-intel-adq-flower-skbedit-egress.txt'), '019');
    expect(r.observations[0]?.legacy?.filters[0]?.actions).toEqual([{ order: 1, kind: 'skbedit', control: 'pipe', detail: null }]);
  });
  test('030 u32 -s -p with rule hit and flowid ???', () => {
    const { r, rows: got } = rows(realDump('030-arthurchiao-u32-pretty-stats-mirred.txt'), '030');
    expect(r.errors).toEqual([]);
    expect(got).toEqual([[[49152, 'ip', 'u32', '800::800', null, null, null]]]);
  });
  test('031/034 da bpf with and without jited', () => {
    expect(rows(realDump('031-arthurchiao-drop-arp-bpf-ingress.txt'), '031').rows).toEqual([[[49152, 'all', 'bpf', '0x1', 'drop-arp.o:[ingress]', true, 231]]]);
    expect(rows(realDump('034-qmonnet-tc-da-foo-text.txt'), '034').rows).toEqual([[[49152, 'all', 'bpf', '0x1', 'foo.o:[.text]', true, 11]]]);
  });
  test('033 xtrace lines introduce two dumps with their own dev/direction', () => {
    const { r } = rows(realDump('033-arthurchiao-toy-proxy-egress-ingress-xtrace.txt'), '033');
    expect(r.errors).toEqual([]);
    expect(r.observations.map((o) => [o.device, o.direction, o.legacy?.filters[0]?.tcName])).toEqual([
      ['eth0', 'egress', 'toy-proxy-bpf.o:[egress]'], ['eth0', 'ingress', 'toy-proxy-bpf.o:[ingress]'],
    ]);
  });
  test('038 C-comment prefix, classful parent, three actions', () => {
    const { r } = rows(realDump('038-iproute2-example-cls_bpf-act_bpf-2015.txt'), '038');
    expect(r.errors).toEqual([]);
    const f = r.observations[0]?.legacy?.filters[0];
    expect(f).toMatchObject({ classid: '1:1', tcName: 'bpf.o:[classifier]', directAction: false });
    expect(f?.actions.map((a) => `${a.kind}:${a.control}`)).toEqual(['bpf:pipe', 'bpf:pipe', 'gact:pass']);
  });
});

describe('tc filter show text: actions that return one of two verdicts', () => {
  // As iproute2 6.1 prints them (m_police.c print_police, m_gact.c print_gact).
  const dump = (action: string) => parseTcText(`filter protocol all pref 1 matchall chain 0 \nfilter protocol all pref 1 matchall chain 0 handle 0x1 \n  not_in_hw\n${action}\n\tref 1 bind 1\n`, 'a.txt', { device: 'eth0', direction: 'ingress', node: null });
  test('police: the exceed action, then the conform one', () => {
    const r = dump('\taction order 1:  police 0x1 rate 1Mbit burst 10Kb mtu 2Kb action drop/continue overhead 0b ');
    expect(r.errors).toEqual([]);
    expect(r.observations[0]?.legacy?.filters[0]?.actions).toEqual([{ order: 1, kind: 'police', control: 'drop/continue', detail: null }]);
  });
  test('gact random: the line under the action becomes its detail', () => {
    const r = dump('\taction order 1: gact action pass\n\t random type determ continue val 2');
    expect(r.errors).toEqual([]);
    expect(r.observations[0]?.legacy?.filters[0]?.actions).toEqual([{ order: 1, kind: 'gact', control: 'pass', detail: 'random determ continue' }]);
  });
  test('gact without random: iproute2 still prints `random type none pass val 0`, which is no random action', () => {
    const r = dump('\taction order 1: gact action drop\n\t random type none pass val 0');
    expect(r.observations[0]?.legacy?.filters[0]?.actions).toEqual([{ order: 1, kind: 'gact', control: 'drop', detail: null }]);
  });
});

describe('tc filter show text: forms and pastes', () => {
  const line = 'filter protocol all pref 1 bpf chain 0 handle 0x1 cali_tc_preambl:[42] da skip_sw in_hw id 9 name cali_tc_preambl tag ABCD jited';
  test('CRLF, tabs and uniform indent parse the same', () => {
    const a = parseTcText(`${line}\n`, 'f', NO_DEFAULTS);
    const b = parseTcText(`\t  ${line.replace(/ /g, '\t')}  \r\n`, 'f', NO_DEFAULTS);
    expect(b.errors).toEqual([]);
    expect(b.observations[0]?.legacy?.filters[0]).toEqual(a.observations[0]?.legacy?.filters[0]);
    expect(a.observations[0]?.legacy?.filters[0]).toMatchObject({ tcName: 'cali_tc_preambl:[42]', directAction: true, flags: ['skip_sw', 'in_hw'], program: { id: 9, tag: 'abcd' } });
  });
  test('dev/direction printed on the line win; parent ffff:fff3 is egress', () => {
    const r = parseTcText('filter dev eth9 ingress protocol all pref 2 bpf chain 0 handle 0X0A x.o:[s]\nfilter parent ffff:fff3 protocol ip pref 1 matchall chain 0 handle 0x1\n  not_in_hw\n', 'f', { device: 'd', direction: 'egress', node: null });
    expect(r.observations.map((o) => [o.device, o.direction, o.legacy?.filters[0]?.handle, o.legacy?.filters[0]?.flags])).toEqual([['eth9', 'ingress', '0xa', []], ['d', 'egress', '0x1', ['not_in_hw']]]);
  });
  test('unknown kinds keep kind, pref, protocol, handle', () => {
    const r = parseTcText('filter protocol arp pref 7 fw chain 0 handle 0x3 classid 1:3\n', 'f', NO_DEFAULTS);
    expect(r.observations[0]?.legacy?.filters[0]).toMatchObject({ kind: 'fw', pref: 7, protocol: 'arp', handle: '0x3', classid: '1:3', directAction: null });
  });
  test('bad lines are reported with their line; the rest still parses', () => {
    const r = parseTcText('filter protocol all pref x bpf\nhello world\nfilter protocol all pref 3 bpf handle 0x1 a.o:[b] direct-action\n', 'f', NO_DEFAULTS);
    expect(r.errors.map((e) => e.line)).toEqual([1, 2]);
    expect(r.observations[0]?.legacy?.filters).toHaveLength(1);
  });
  test('`$ tc ...` prompt with an empty dump is an observed empty hook', () => {
    const r = parseTcText('$ tc filter show dev lo ingress\n', 'f', NO_DEFAULTS);
    expect(r.observations).toEqual([expect.objectContaining({ device: 'lo', direction: 'ingress', legacy: { filters: [], prefsKnown: true } })]);
  });
});

// The published dumps as stored, with the `#` notes they open with and the blank line after
// them, which is how `tc-audit analyze FILE` reads them. A ` * ` paste used to be read only
// without those lines (an empty line or a note made the prefix check fail).
describe('tc filter show text: published dumps read whole', () => {
  const whole = (name: string) => readFileSync(join(REAL_DUMPS, name), 'utf8');
  // Filters only, in any hook order: a note such as `# command: tc filter show dev em1
  // ingress` reads as a root prompt, names the hook and may list it first.
  const noSource = (r: ReturnType<typeof parseTcText>) => r.observations.flatMap((o) => o.legacy?.filters ?? []).map((f) => JSON.stringify({ ...f, source: null })).sort();
  test.each(realDumpNames().filter((n) => detectFormat(whole(n)).format === 'tc-text'))('%s', (name) => {
    const all = parseTcText(whole(name), name, NO_DEFAULTS);
    const body = parseTcText(realDump(name), name, NO_DEFAULTS);
    expect(all.errors).toEqual([]);
    expect(noSource(all)).toEqual(noSource(body));
  });
});

describe('hasCommentPrefix', () => {
  test.each([
    [[' * filter a', ' *', ' * b'], true],
    [['', ' * filter a', '', ' * b', ''], true], // blank lines around a paste
    [['# source: x', '# command: tc filter show dev em1', '', ' *  filter a'], true], // notes before it
    [['  # indented note', ' * filter a'], true],
    [['# only notes', ''], false],
    [[' * filter a', 'filter b'], false],
    [['filter a'], false],
  ])('%j -> %s', (lines, want) => {
    expect(hasCommentPrefix(lines, 0, lines.length)).toBe(want);
  });
});

describe('tc filter show text: the legacy ingress qdisc', () => {
  // As iproute2 6.1 prints `parent ffff:` filters (a qdisc added with `tc qdisc add dev w1
  // ingress`) for `show dev w1 ingress` and, the same, for `show dev w1 egress`.
  const LINES = 'filter parent ffff: protocol all pref 4 bpf chain 0 \nfilter parent ffff: protocol all pref 4 bpf chain 0 handle 0x1 da_pass.o:[tc] direct-action not_in_hw id 131632 name rec_da_pass tag 59f4a931744dcdc6 jited \n';
  const hooks = (text: string, direction: 'ingress' | 'egress' | null) =>
    parseTcText(text, 't', { ...NO_DEFAULTS, device: 'w1', direction }).observations.map((o) => [o.direction, o.legacy?.filters.map((f) => f.pref)]);

  test('its filters are ingress filters, also where an egress dump lists them', () => {
    expect(hooks(LINES, 'ingress')).toEqual([['ingress', [4]]]);
    expect(hooks(LINES, 'egress')).toEqual([['egress', []]]);
    expect(hooks(LINES, null)).toEqual([['ingress', [4]]]);
    // Both dumps in one text, as a pasted session shows them.
    const both = `$ tc filter show dev w1 ingress\n${LINES}$ tc filter show dev w1 egress\n${LINES}`;
    expect(hooks(both, null)).toEqual([['ingress', [4]], ['egress', []]]);
    // Added with `tc filter add dev w1 ingress`, the same filters print as `filter ingress ...`.
    expect(hooks(LINES.replace(/parent ffff: /g, 'ingress '), 'egress')).toEqual([['egress', []]]);
  });
});
