import { describe, expect, it } from 'vitest';
import { withMapsOf } from '../../src/model/instructionMaps.js';
import { enc, exit, movK } from '../analyze/bytecode/asm.js';

const ldMap = (reg: number, id: number) => enc({ code: 0x18, dst: reg, src: 1, imm: id, disasm: `(18) r${reg} = map[id:${id}]` });
const ldValue = (reg: number, id: number, off: number) => enc({ code: 0x18, dst: reg, src: 2, imm: id, disasm: `(18) r${reg} = map[id:${id}][0]+${off}` });

describe('withMapsOf', () => {
  const list = [ldMap(2, 625), enc(movK(3, 0)), ldValue(1, 700, 16), ldMap(2, 625), enc(exit())];

  it('is the very list on the same maps', () => {
    expect(withMapsOf(list, [625, 700], [625, 700])).toBe(list);
  });

  it('moves every map id to the one at the same position, in the disassembly and the immediate', () => {
    const out = withMapsOf(list, [625, 700], [626, 701])!;
    expect(out).toEqual([ldMap(2, 626), enc(movK(3, 0)), ldValue(1, 701, 16), ldMap(2, 626), enc(exit())]);
    expect(out[1]).toBe(list[1]); // naming no map: shared
    expect(list[0]).toEqual(ldMap(2, 625)); // the original is left as it was
  });

  it('cannot when the map lists differ in length or an instruction names an unlisted map', () => {
    expect(withMapsOf(list, [625], [626])).toBeNull();
    expect(withMapsOf(list, [625, 700], [626])).toBeNull();
    expect(withMapsOf([ldMap(2, 999)], [625], [626])).toBeNull();
  });
});
