import { describe, expect, it } from 'vitest';
import { parseProgArrayDump, parseXlated, progArrayArgv, tailCallMaps, xlatedArgv } from '../../../src/analyze/bytecode/index.js';
import { enc, exit, movK } from './asm.js';

describe('collection commands and parsers', () => {
  it('builds the bpftool argv', () => {
    expect(xlatedArgv(42)).toEqual(['bpftool', '-j', 'prog', 'dump', 'xlated', 'id', '42', 'opcodes']);
    expect(progArrayArgv(7)).toEqual(['bpftool', '-j', 'map', 'dump', 'id', '7']);
  });

  it('rejects xlated JSON of the wrong shape with a reason', () => {
    expect(parseXlated({})).toEqual({ error: 'expected a JSON array of instructions' });
    expect(parseXlated([{ disasm: '(95) exit' }])).toMatchObject({ error: expect.stringContaining('no opcodes') });
    expect(parseXlated([{ nope: 1 }])).toMatchObject({ error: expect.stringContaining('instruction 0') });
    expect(parseXlated([enc(movK(0, 1)), enc(exit())])).toHaveLength(2);
  });

  it("keeps an instruction's disasm and opcodes, not bpftool's BTF prototype and source line", () => {
    const plain = enc(movK(0, 0));
    const x = parseXlated([{ ...plain, proto: 'int f(struct __sk_buff * skb)', src: 'return 0;' }, enc(exit())]);
    expect(x).toEqual([plain, enc(exit())]);
  });

  it('reads prog arrays with BTF (formatted) and without (bytes)', () => {
    const btf = [{ key: ['0x00', '0x00', '0x00', '0x00'], value: ['0xf9', '0x00', '0x00', '0x00'], formatted: { key: 0, value: 249 } }];
    expect(parseProgArrayDump(btf, 26, 'jt')).toEqual({ id: 26, name: 'jt', entries: [{ key: 0, progId: 249 }] });
    const raw = [{ key: ['0x02', '0x00', '0x00', '0x00'], value: ['0x01', '0x01', '0x00', '0x00'] }];
    expect(parseProgArrayDump(raw, 3, null)).toEqual({ id: 3, name: null, entries: [{ key: 2, progId: 257 }] });
    expect(parseProgArrayDump([], 3, null)).toEqual({ id: 3, name: null, entries: [] });
    expect(parseProgArrayDump([{ key: 'x' }], 3, null)).toMatchObject({ error: expect.stringContaining('entry 0') });
    expect(parseProgArrayDump(null, 3, null)).toMatchObject({ error: expect.any(String) });
  });

  it('finds the maps a program tail-calls through', () => {
    const xs = [
      enc({ code: 0x18, dst: 2, src: 1, imm: 25, disasm: '(18) r2 = map[id:25]' }),
      enc(movK(3, 0)),
      enc({ code: 0x85, imm: 12, disasm: '(85) call bpf_tail_call#12' }),
      enc({ code: 0x18, dst: 2, src: 1, imm: 9, disasm: '(18) r2 = map[id:9]' }),
      enc({ code: 0x85, imm: 1, disasm: '(85) call bpf_map_lookup_elem#1' }),
      enc(exit()),
    ];
    expect(tailCallMaps(xs)).toEqual([25]);
  });
});
