// The shortcut must read every line exactly as the token reader does, or leave it alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastFilterLine } from '../../src/parse/tcFilterFast.js';
import { tokenFilterLine } from '../../src/parse/tcFilterLine.js';
import { BPF_STOP, KEYWORDS } from '../../src/parse/tcWords.js';

const CILIUM = 'filter protocol all pref 1 bpf chain 0 handle 0x1 bpf_lxc.o:[from-container] direct-action not_in_hw id 1003 name cil_from_contai tag e642ec8000000000 jited ';

// Tokens that are ordinary, that the token reader treats as keywords, or that hold spacing
// it splits on.
const token = fc.oneof(
  fc.constantFrom('all', 'ip', 'ipv6', '802.1Q', 'bpf', 'u32', 'matchall', '0x1', '0x01', '0X1', '1', '007', 'abc', 'ABC', '(rule', 'x.o:[tc]', 'a\tb', 'a\u00a0b', ''),
  fc.constantFrom(...KEYWORDS, ...BPF_STOP, 'dev', 'ingress', 'parent', 'pref', 'protocol', 'block'),
  fc.stringMatching(/^[a-zA-Z0-9_:.\[\]()-]{1,6}$/),
);
/** Mostly what tc prints, sometimes anything: both sides of the shortcut get exercised. */
const usually = <T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: odd, weight: 1 });
const digits = usually(fc.constantFrom('0', '1', '10', '49152', '007'), fc.oneof(fc.constantFrom('-1', 'x', '1e3'), token));
const word = usually(fc.stringMatching(/^[a-z0-9_:.\[\]-]{1,8}$/), token);
const tail = usually(fc.constantFrom('', ' ', ' jited', ' jited '), fc.constantFrom('  ', ' jited  ', '\t', ' jited\t'));

const bpfLine = fc.tuple(word, digits, digits, word, word, digits, word, usually(fc.constantFrom('e642ec8000000000', 'abc'), fc.oneof(fc.constantFrom('E642'), token)), tail)
  .map(([proto, pref, chain, handle, name, id, pname, tag, end]) =>
    `filter protocol ${proto} pref ${pref} bpf chain ${chain} handle ${handle} ${name} direct-action not_in_hw id ${id} name ${pname} tag ${tag}${end}`);
const headerLine = fc.tuple(word, digits, word, digits, tail)
  .map(([proto, pref, kind, chain, end]) => `filter protocol ${proto} pref ${pref} ${kind} chain ${chain}${end}`);

describe('fastFilterLine', () => {
  it('reads tc\'s own bpf and header lines', () => {
    expect(fastFilterLine(CILIUM)).toEqual(tokenFilterLine(CILIUM));
    const bpf = fastFilterLine(CILIUM);
    expect(bpf?.header === false && bpf.filter.program).toEqual({ id: 1003, name: 'cil_from_contai', tag: 'e642ec8000000000' });
    expect(fastFilterLine('filter protocol all pref 1 bpf chain 0 ')).toEqual({ device: null, direction: null, header: true });
    expect(fastFilterLine('filter protocol ip pref 20 matchall chain 0')?.header).toBe(true);
  });

  it('agrees with the token reader on every line it reads, and leaves the rest to it', () => {
    let read = 0;
    fc.assert(fc.property(fc.oneof(bpfLine, headerLine), (line) => {
      const fast = fastFilterLine(line);
      if (fast === null) return;
      read++;
      expect(fast).toEqual(tokenFilterLine(line));
    }), { numRuns: 3000 });
    expect(read).toBeGreaterThan(100); // the generator does reach the shortcut
  });

  it('leaves lines the token reader reads differently', () => {
    // A name that is a keyword, a name opening a -s extra, an upper-case tag, tabs.
    for (const line of [
      CILIUM.replace('bpf_lxc.o:[from-container]', 'police'),
      CILIUM.replace('bpf_lxc.o:[from-container]', '(x)'),
      CILIUM.replace('e642ec8000000000', 'E642EC8000000000'),
      CILIUM.replace(' handle', '\thandle'),
      'filter protocol all pref 1 dev chain 0 ',
      'filter protocol all pref 1 prio chain 0 ',
    ]) expect(fastFilterLine(line)).toBeNull();
  });
});
