// Offline: recorded kernel dumps (see fixtures/README.md) analysed without a kernel.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytecodeVerdict, parseXlated } from '../../../src/analyze/bytecode/index.js';
import type { ProgramInfo } from '../../../src/model/snapshot.js';

const CTX = { programs: new Map<number, ProgramInfo>(), progArrays: [] };

function fixture(name: string): ProgramInfo {
  const x = parseXlated(JSON.parse(readFileSync(new URL(`./fixtures/${name}.xlated.json`, import.meta.url), 'utf8')));
  if ('error' in x) throw new Error(x.error);
  return { id: 1, type: 'sched_cls', name, tag: null, mapIds: [], xlated: x };
}

describe('recorded xlated dumps', () => {
  it('subprograms: a callee-saved result survives the second call', () => {
    const v = bytecodeVerdict(fixture('subprog_saved'), 'direct-action', CTX);
    expect(v).toMatchObject({ returnCodes: [0, 2], terminal: 'always', source: 'bytecode', mode: 'direct-action' });
    expect(v?.evidence).toEqual(['pc 7 exit: r0 = {0, 2}']);
  });

  it('switch: every arm, read per attachment', () => {
    const p = fixture('switch');
    expect(bytecodeVerdict(p, 'direct-action', CTX)).toMatchObject({ returnCodes: [-1, 0, 2, 3, 7], terminal: 'sometimes' });
    expect(bytecodeVerdict(p, 'tcx', CTX)).toMatchObject({ terminal: 'sometimes', mode: 'tcx' });
    // Classic: 0 = no match; the rest depend on the filter's actions.
    expect(bytecodeVerdict(p, 'classic', CTX)?.terminal).toBe('sometimes');
  });

  it('bounded loop reaches a fixpoint with the flag still two-valued', () => {
    expect(bytecodeVerdict(fixture('loop'), 'direct-action', CTX)).toMatchObject({ returnCodes: [-1, 0], terminal: 'sometimes' });
  });

  it('a program without instructions has no bytecode verdict', () => {
    expect(bytecodeVerdict({ ...fixture('loop'), xlated: null }, 'direct-action', CTX)).toBeNull();
  });
});
