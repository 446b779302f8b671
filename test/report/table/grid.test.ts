// The hand-drawn grid must be byte for byte what `table` draws for the same rows.
import { getBorderCharacters, table } from 'table';
import { describe, expect, it } from 'vitest';
import { grid } from '../../../src/report/table/grid.js';

const viaTable = (rows: string[][]): string =>
  table(rows, { border: getBorderCharacters('norc'), drawHorizontalLine: (i, n) => i === 0 || i === 1 || i === n });

describe('grid', () => {
  it('draws plain rows like table', () => {
    const rows = [['#', 'pref', 'name', 'v4'], ['1', '1', 'cil_from_contai', '✓'], ['2', '49152', '', '✗'], ['3', '-', 'a b⏎c', '?']];
    expect(grid(rows)).toBe(viaTable(rows));
  });

  it('draws a header with a single row like table', () => {
    const rows = [['#', 'pref'], ['tcx1', '-']];
    expect(grid(rows)).toBe(viaTable(rows));
  });

  it('leaves wide and combining characters to table', () => {
    const rows = [['#', 'name'], ['1', '日本語'], ['2', 'e\u0301'], ['3', '🙂x']];
    expect(grid(rows)).toBe(viaTable(rows));
  });
});
