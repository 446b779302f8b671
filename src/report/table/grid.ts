// The chain grid: the layout `table` draws with the `norc` border and lines under the
// header and at the ends, written directly. A large node has thousands of hooks with
// findings, each its own grid, and `table` measures every cell through ANSI and Unicode
// width regexes (seconds in all). Cells that are not plain one-column-per-character text
// go to `table` itself, which knows East Asian widths and combining marks, so the output
// is the same either way.
import { table } from '../../lazy.js';

/** Printable ASCII and the marks the report itself writes (✓ ✗ ⏎), one column each. */
const PLAIN = /^[\x20-\x7e✓✗⏎]*$/;

/** The same drawing by `table`, loaded only when a cell needs it (it costs start-up time). */
function viaTable(rows: readonly string[][]): string {
  const { table: draw, getBorderCharacters } = table();
  return draw(rows as string[][], {
    border: getBorderCharacters('norc'),
    drawHorizontalLine: (i, n) => i === 0 || i === 1 || i === n,
  });
}

/** Horizontal bars by width, made once: 600 grids of 14 columns ask for the same few. */
const BARS: string[] = [];
const bar = (w: number): string => (BARS[w] ??= '─'.repeat(w));

const rule = (widths: readonly number[], left: string, join: string, right: string): string =>
  `${left}${widths.map((w) => bar(w + 2)).join(join)}${right}\n`;

/** Header row then body rows, boxed; ends with a newline like `table`. */
export function grid(rows: readonly string[][]): string {
  if (!rows.every((r) => r.every((c) => PLAIN.test(c)))) return viaTable(rows);
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, c.length); });
  const line = (r: readonly string[]): string => `│${r.map((c, i) => ` ${c.padEnd(widths[i]!)} `).join('│')}│\n`;
  let out = rule(widths, '┌', '┬', '┐') + line(rows[0]!) + rule(widths, '├', '┼', '┤');
  for (let i = 1; i < rows.length; i++) out += line(rows[i]!);
  return out + rule(widths, '└', '┴', '┘');
}
