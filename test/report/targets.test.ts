import { describe, expect, it } from 'vitest';
import { pairByIndex, pairTargets, readTargets } from '../../src/report/targets.js';

describe('pairTargets', () => {
  it.each([
    [[], [{ format: 'table', file: null }]],
    [['-f', 'sarif', '-o', 'a.sarif', '-f', 'junit', '-o', 'a.xml'], [{ format: 'sarif', file: 'a.sarif' }, { format: 'junit', file: 'a.xml' }]],
    [['-f', 'table', '-f', 'sarif', '-o', 'a.sarif'], [{ format: 'table', file: null }, { format: 'sarif', file: 'a.sarif' }]],
    [['--json', 'x.txt'], [{ format: 'json', file: null }]],
    [['--format=markdown', '--output=s.md', '-f', 'github'], [{ format: 'markdown', file: 's.md' }, { format: 'github', file: null }]],
    [['-o', 'report.txt'], [{ format: 'table', file: 'report.txt' }]],
    [['-f', 'json', '-o', '-'], [{ format: 'json', file: null }]],
    [['-f', 'json', '--', '-f', 'sarif'], [{ format: 'json', file: null }]],
  ] as const)('%j', (tokens, expected) => {
    expect(pairTargets(tokens)).toEqual(expected);
  });

  it('pairs by index when only parsed arrays are known', () => {
    expect(pairByIndex(['sarif', 'table'], ['a.sarif'])).toEqual([{ format: 'sarif', file: 'a.sarif' }, { format: 'table', file: null }]);
  });
});

describe('readTargets', () => {
  it.each([
    [['-f', 'json', '-o', 'a', '-o', 'b'], [{ format: 'json', file: 'a' }], ['b']],
    [['-o', 'a', '-o', 'b'], [{ format: 'table', file: 'a' }], ['b']],
    [['-o', 'a', '-f', 'json', '-o', 'b'], [{ format: 'json', file: 'b' }], ['a']],
    [['-o', 'a', '--json'], [{ format: 'json', file: null }], ['a']],
    [['--json', '-o', 'a'], [{ format: 'json', file: 'a' }], []],
    [['-f', 'sarif', '-o', 'a', '-f', 'junit', '-o', 'b'], [{ format: 'sarif', file: 'a' }, { format: 'junit', file: 'b' }], []],
  ] as const)('%j', (tokens, targets, strays) => {
    expect(readTargets(tokens)).toEqual({ targets, strays, bare: [] });
  });
});
