// Which format goes where. `-f` and `-o` repeat as pairs in one run
// (`-f sarif -o a.sarif -f junit -o a.xml -f table`): each -o belongs to the latest -f
// that has none yet; a format without -o (or with `-o -`) goes to stdout; with no -f, one
// -o names the table's file.
import { isOutputFormat, type OutputFormat } from './types.js';

export interface OutputTarget {
  format: OutputFormat;
  /** null = stdout. */
  file: string | null;
}

const FORMAT_FLAGS = new Set(['-f', '--format']);
const OUTPUT_FLAGS = new Set(['-o', '--output']);

/** Split `--flag=value` and `-fvalue`-less forms into [flag, value] token pairs; a -f or -o
 *  at the very end, with no word after it, comes as [kind, null]. */
const flagValues = (tokens: readonly string[]): Array<['f' | 'o' | 'json', string | null]> => {
  const out: Array<['f' | 'o' | 'json', string | null]> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t === '--') break;
    const eq = t.indexOf('=');
    const [flag, inline] = t.startsWith('--') && eq > 0 ? [t.slice(0, eq), t.slice(eq + 1)] : [t, undefined];
    const kind = FORMAT_FLAGS.has(flag) ? 'f' : OUTPUT_FLAGS.has(flag) ? 'o' : flag === '--json' ? 'json' : null;
    if (kind === null) continue;
    if (kind === 'json') { out.push(['json', 'json']); continue; }
    const value = inline ?? tokens[++i];
    out.push([kind, value ?? null]);
  }
  return out;
};

const stdoutOr = (file: string): string | null => (file === '-' ? null : file);

/** Formats paired with outputs in command-line order, and the -o files no -f was left to
 *  take (`-f json -o a -o b`: b; `-o a -f json -o b`: a), which would otherwise be dropped
 *  or given to another format without a word. With no -f at all, one -o names the default
 *  table's file. Unknown format names are skipped (yargs `choices` reports them). */
export const readTargets = (tokens: readonly string[]): { targets: OutputTarget[]; strays: string[]; bare: string[] } => {
  const flags = flagValues(tokens);
  const anyFormat = flags.some(([kind, value]) => kind !== 'o' && value !== null && isOutputFormat(value));
  const targets: OutputTarget[] = [];
  const strays: string[] = [];
  // -f or -o given last with no value: yargs leaves them empty and nothing would say so.
  const bare: string[] = [];
  let open: OutputTarget | null = null;
  for (const [kind, value] of flags) {
    if (value === null) { bare.push(kind === 'o' ? '-o' : '-f'); continue; }
    if (kind === 'o') {
      if (open) { open.file = stdoutOr(value); open = null; }
      else if (!anyFormat && targets.length === 0) targets.push({ format: 'table', file: stdoutOr(value) });
      else strays.push(value);
      continue;
    }
    if (!isOutputFormat(value)) continue;
    open = { format: value, file: null };
    targets.push(open);
  }
  return { targets: targets.length > 0 ? targets : [{ format: 'table', file: null }], strays, bare };
};

export const pairTargets = (tokens: readonly string[]): OutputTarget[] => readTargets(tokens).targets;

/** Fallback when raw tokens are not available (programmatic use): pair by position. */
export const pairByIndex = (formats: readonly OutputFormat[], outputs: readonly string[]): OutputTarget[] => {
  const fs = formats.length > 0 ? formats : (['table'] as const);
  return fs.map((format, i) => ({ format, file: outputs[i] === undefined ? null : stdoutOr(outputs[i] as string) }));
};
