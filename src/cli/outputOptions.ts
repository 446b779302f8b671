// Output flags shared by analyze, audit and diff (-f/-o pairs, --json, --fail-on, colour),
// the exit policy, and the one place that writes rendered reports.
import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { severityRank, type Finding } from '../model/findings.js';
import type { AuditResult } from '../model/result.js';
import { FORMATTERS, STREAMING_FORMATTERS } from '../report/index.js';
import { pairByIndex, pairTargets, readTargets, type OutputTarget } from '../report/targets.js';
import { OUTPUT_FORMATS, isOutputFormat, type FormatOptions, type OutputFormat } from '../report/types.js';
import { WriteError, writeUserFile } from './writeFile.js';

export const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface OutputArgs {
  format?: string[];
  output?: string[];
  json?: boolean;
  failOn?: FailOn;
  color?: boolean;
  verbose?: boolean;
}

/** `failOn: false` (diff) leaves --fail-on out: that command's exit code says whether AFTER
 *  is worse, and an option listed but ignored would mislead a CI script. */
export function withOutputOptions<T>(y: Argv<T>, { failOn = true }: { failOn?: boolean } = {}) {
  const withFailOn = failOn
    ? y.option('fail-on', { type: 'string', choices: FAIL_ON, default: 'error' as FailOn, describe: 'exit 1 when a finding is at least this severe' })
    : y;
  return withFailOn
    .option('format', { alias: 'f', type: 'string', array: true, choices: OUTPUT_FORMATS, describe: 'output format; repeat with -o for several reports in one run (default table)' })
    .option('output', { alias: 'o', type: 'string', array: true, describe: 'file for the preceding -f (default stdout; "-" = stdout)' })
    .option('json', { type: 'boolean', describe: 'shorthand for -f json' })
    .option('color', { type: 'boolean', describe: 'colour the table (default: when stdout is a terminal and NO_COLOR is unset)' })
    .option('verbose', { type: 'boolean', describe: 'table: show every hook, not only those with findings or BPF programs, and every finding and hook with findings on its own instead of folded' })
    .check((argv) => outputsValid(argv));
}

/** Two reports on stdout run together into one stream no reader can take apart (JSON then
 *  SARIF, or the table then JSON), and an -o that no -f takes would be dropped: usage
 *  errors before any work, naming the way out. */
function outputsValid(argv: OutputArgs, tokens: readonly string[] = process.argv.slice(2)): true | string {
  const { strays, bare } = readTargets(tokens);
  if (bare.length > 0) return `${bare[0]} needs a value (${bare[0] === '-o' ? 'a file, or - for stdout' : 'a format'})`;
  const stray = strays[0];
  if (stray !== undefined) return `-o ${stray}: no -f is left to take it (each -f takes one -o after it; without -f, one -o names the table's file); pair them as -f FORMAT -o FILE`;
  const onStdout = outputTargets(argv).filter((t) => t.file === null).map((t) => t.format);
  if (onStdout.length <= 1) return true;
  const names = `${onStdout.slice(0, -1).join(', ')} and ${onStdout[onStdout.length - 1]}`;
  return `${names} would ${onStdout.length === 2 ? 'both' : 'all'} go to stdout; give all but one of them a file with -o FILE`;
}

/** 1 when any finding reaches the --fail-on threshold, else 0. */
export const exitCode = (findings: readonly Finding[], failOn: FailOn): 0 | 1 =>
  failOn !== 'never' && findings.some((f) => severityRank[f.severity] >= severityRank[failOn]) ? 1 : 0;

const sorted = (xs: readonly string[]): string => [...xs].sort().join(',');

/** Targets in command-line order when the raw tokens agree with what yargs parsed
 *  (yargs keeps -f and -o as two arrays and loses which -o followed which -f). */
export function outputTargets(argv: OutputArgs, tokens: readonly string[] = process.argv.slice(2)): OutputTarget[] {
  const formats: OutputFormat[] = [...(argv.format ?? []), ...(argv.json ? ['json'] : [])].filter(isOutputFormat);
  const scanned = pairTargets(tokens);
  const scannedFormats = scanned.map((t) => t.format);
  const explicit = formats.length > 0 ? formats : ['table'];
  if (sorted(scannedFormats) === sorted(explicit)) return scanned;
  return pairByIndex(formats, argv.output ?? []);
}

export interface OutputIo {
  stdout: (text: string) => void;
  writeFile: (path: string, text: string) => Promise<void>;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
  tokens: readonly string[];
}

export const nodeIo = (): OutputIo => ({
  stdout: (text) => { process.stdout.write(text); },
  writeFile: async (path, text) => writeUserFile(path, text),
  isTTY: process.stdout.isTTY === true,
  env: process.env,
  tokens: process.argv.slice(2),
});

const autoColor = (io: OutputIo): boolean =>
  io.env.FORCE_COLOR !== undefined ? io.env.FORCE_COLOR !== '0' : io.isTTY && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';

let version: string | null = null;
/** tc-audit's version from package.json (two levels up from src/cli, dist/cli and the bundle's dist/bundle). */
export const toolVersion = (): string => {
  if (version === null) {
    try { version = String(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version); }
    catch { version = '0.0.0'; }
  }
  return version;
};

/** A rendered report: one string, or pieces written in order as they are produced. */
export type Rendered = string | Iterable<string>;

const whole = (r: Rendered): string => (typeof r === 'string' ? r : [...r].join(''));

/** Render each target with `render` and write it; colour only ever reaches stdout. */
export async function writeOutputs(argv: OutputArgs, render: (format: OutputFormat, opts: FormatOptions) => Rendered, io: OutputIo = nodeIo()): Promise<void> {
  const base = { verbose: argv.verbose === true, toolVersion: toolVersion() };
  const color = argv.color ?? autoColor(io);
  for (const t of outputTargets(argv, io.tokens)) {
    if (t.file === null) {
      const out = render(t.format, { ...base, color });
      if (typeof out === 'string') io.stdout(out);
      else for (const chunk of out) io.stdout(chunk);
    } else {
      try { await io.writeFile(t.file, whole(render(t.format, { ...base, color: false }))); }
      catch (e) { throw new WriteError(t.file, e instanceof WriteError ? e.reason : (e as Error).message, `${t.format} report to ${t.file}`); }
    }
  }
}

/** Render and write every requested report; returns the exit code (0/1) of --fail-on. */
export async function emit(result: AuditResult, argv: OutputArgs, io: OutputIo = nodeIo()): Promise<number> {
  // Large reports (JSON of a 5,000-device node is 42 MB) go out in pieces, not as one string.
  await writeOutputs(argv, (format, opts) => STREAMING_FORMATTERS[format]?.(result, opts) ?? FORMATTERS[format](result, opts), io);
  return exitCode(result.findings, argv.failOn ?? 'error');
}
