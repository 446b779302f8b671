import { describe, expect, it } from 'vitest';
import { endsWalk, terminalFor } from '../../src/analyze/attachMode.js';

describe('endsWalk', () => {
  it('direct-action: OK, SHOT, STOLEN, REDIRECT, TRAP end; UNSPEC, RECLASSIFY, PIPE, QUEUED, REPEAT continue', () => {
    expect([0, 2, 4, 7, 8].map((v) => endsWalk(v, 'direct-action'))).toEqual([true, true, true, true, true]);
    expect([-1, 1, 3, 5, 6, 9, 0xffffffff].map((v) => endsWalk(v, 'direct-action'))).toEqual(Array(7).fill(false));
  });
  it('tcx: PASS, DROP, REDIRECT end; everything else is NEXT', () => {
    expect([0, 2, 7].map((v) => endsWalk(v, 'tcx'))).toEqual([true, true, true]);
    expect([-1, 1, 3, 4, 8].map((v) => endsWalk(v, 'tcx'))).toEqual(Array(5).fill(false));
  });
  it('classic: 0 is no match; a match depends on the actions', () => {
    expect(endsWalk(0, 'classic')).toBe(false);
    expect(endsWalk(-1, 'classic')).toBeNull();
  });
});

describe('terminalFor', () => {
  it.each([
    [[0], 'direct-action', 'always'],
    [[-1], 'direct-action', 'never'],
    [[-1, 0], 'direct-action', 'sometimes'],
    [[3, 1], 'direct-action', 'never'],
    [[4], 'tcx', 'never'],
    [null, 'direct-action', 'unknown'],
    [[], 'tcx', 'unknown'],
  ] as const)('%j in %s -> %s', (codes, mode, want) => expect(terminalFor(codes as number[] | null, mode)).toBe(want));
  it('classic mode follows the action chain for matches', () => {
    expect(terminalFor([0, 1], 'classic', true)).toBe('sometimes');
    expect(terminalFor([1], 'classic', false)).toBe('never');
    expect(terminalFor([1], 'classic', null)).toBe('unknown');
  });
});
