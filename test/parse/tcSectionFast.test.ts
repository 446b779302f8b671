// The section shortcut must read exactly what the line reader reads, or leave the section.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBpfSection } from '../../src/parse/tcSectionFast.js';
import { readTcText, type TcContext, type TcSink } from '../../src/parse/tcText.js';
import { BPF_STOP, KEYWORDS } from '../../src/parse/tcWords.js';

const CTX: TcContext = { node: 'n', netns: 'ns', device: 'lxc1', direction: 'ingress', iproute2: null };
const HEAD = 'filter protocol all pref 1 bpf chain 0 ';
const BPF = 'filter protocol all pref 1 bpf chain 0 handle 0x1 bpf_lxc.o:[from-container] direct-action not_in_hw id 1003 name cil_from_contai tag e642ec8000000000 jited ';

/** Both readers on the same section text (lines joined with \n, a newline after the last). */
function both(lines: string[]): { fast: TcSink | null; slow: TcSink } {
  const text = lines.map((l) => `${l}\n`).join('');
  const fast: TcSink = { observations: [], errors: [] };
  const took = readBpfSection(text, 0, text.length, 7, 'f', CTX, fast);
  const slow: TcSink = { observations: [], errors: [] };
  readTcText((k) => lines[k] ?? '', 0, lines.length, 7, 'f', CTX, slow);
  return { fast: took ? fast : (expect(fast.observations).toEqual([]), null), slow };
}

const token = fc.oneof(
  fc.constantFrom('all', 'ip', '0x1', '0X1', '007', '1', 'x.o:[tc]', '(x', 'a\tb', '', 'u32', 'matchall'),
  fc.constantFrom(...KEYWORDS, ...BPF_STOP, 'dev', 'pref', 'prio'),
  fc.stringMatching(/^[a-z0-9_:.\[\]-]{1,8}$/),
);
const usually = <T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 8 }, { arbitrary: odd, weight: 1 });
const digits = usually(fc.constantFrom('0', '1', '10', '49152'), fc.oneof(fc.constantFrom('-1', 'x', '1'.repeat(16)), token));
const word = usually(fc.stringMatching(/^[a-z0-9_:.\[\]-]{1,8}$/), token);
const tail = usually(fc.constantFrom('', ' ', ' jited', ' jited '), fc.constantFrom('  ', '\t', '\r'));
const bpfLine = fc.tuple(word, digits, digits, word, word, digits, word, usually(fc.constantFrom('e642ec8000000000', 'ab'), fc.constantFrom('E6', 'x')), tail)
  .map(([p, pref, chain, h, n, id, pn, tag, end]) => `filter protocol ${p} pref ${pref} bpf chain ${chain} handle ${h} ${n} direct-action not_in_hw id ${id} name ${pn} tag ${tag}${end}`);
const headerLine = fc.tuple(word, digits, usually(fc.constant('bpf'), word), digits, tail)
  .map(([p, pref, kind, chain, end]) => `filter protocol ${p} pref ${pref} ${kind} chain ${chain}${end}`);
const oddLine = fc.constantFrom('', '  match 00000000/00000000 at 0', '\taction order 1: gact action pass', 'garbage', 'filter');
const section = fc.array(fc.oneof({ arbitrary: bpfLine, weight: 4 }, { arbitrary: headerLine, weight: 4 }, { arbitrary: oddLine, weight: 1 }), { minLength: 1, maxLength: 8 });

describe('readBpfSection', () => {
  it('reads header and bpf lines as the line reader does, line numbers included', () => {
    const { fast, slow } = both([HEAD, BPF, BPF.replace('0x1', '0x2').replace('1003', '1004'), 'filter protocol all pref 100 bpf chain 0', BPF.replace('pref 1 ', 'pref 100 ')]);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(slow);
    expect(fast!.observations[0]!.legacy!.filters.map((f) => [f.pref, f.handle, f.source?.line])).toEqual([[1, '0x1', 8], [1, '0x2', 9], [100, '0x1', 11]]);
  });

  it('leaves sections with anything else to the line reader', () => {
    for (const lines of [
      [HEAD, BPF, '\taction order 1: gact action pass'],
      [HEAD, BPF.replace('bpf_lxc.o:[from-container]', 'police')],
      ['filter protocol ip pref 10 u32 chain 0 ', 'filter protocol ip pref 10 u32 chain 0 fh 800: ht divisor 1 '],
      [HEAD, '', BPF],
      [`${BPF}\r`],
    ]) expect(both(lines).fast).toBeNull();
    const fast: TcSink = { observations: [], errors: [] };
    expect(readBpfSection('', 0, 0, 1, 'f', CTX, fast)).toBe(false);
  });

  it('reads every section it takes exactly as readTcText does', () => {
    let taken = 0;
    fc.assert(fc.property(section, (lines) => {
      const { fast, slow } = both(lines);
      if (fast === null) return;
      taken++;
      expect(fast).toEqual(slow);
    }), { numRuns: 3000 });
    expect(taken).toBeGreaterThan(150); // the generator does reach the shortcut
  });

  it('stops at the end it is given', () => {
    const text = `${HEAD}\n${BPF}\n### tc-audit capture v1 node=n netns=ns dev=x hook=egress ###\n${HEAD}\n`;
    const sink: TcSink = { observations: [], errors: [] };
    expect(readBpfSection(text, 0, text.indexOf('###'), 1, 'f', CTX, sink)).toBe(true);
    expect(sink.observations[0]!.legacy!.filters).toHaveLength(1);
    expect(readBpfSection(text, 0, text.indexOf('###') - 1, 1, 'f', { ...CTX }, { observations: [], errors: [] })).toBe(false);
  });
});
