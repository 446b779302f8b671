// The offline pipeline: read inputs -> parse each (format detected per file) -> merge ->
// audit. Shared by `analyze` and `diff`.
import { audit } from '../analyze/audit.js';
import { mergeParsed, parseInput } from '../parse/index.js';
import type { ParseError, ParsedFile } from '../parse/types.js';
import type { AuditResult } from '../model/result.js';
import type { Direction } from '../model/snapshot.js';
import { agentSettingsFromArgs, parseAssume, type AgentArgs } from './agentOptions.js';
import { expandInputs, readInput } from './readInputs.js';
import { append } from '../arrays.js';
import { osrFor } from './osr.js';
import { UsageError } from './usageError.js';

export interface AnalyzeArgs extends AgentArgs {
  dev?: string;
  direction?: Direction;
  nodeName?: string;
}

export { UsageError } from './usageError.js';

export type OfflineResult = AuditResult & { readable: boolean };

export async function analyzeInputs(paths: readonly string[], argv: AnalyzeArgs): Promise<OfflineResult> {
  const errors: ParseError[] = [];
  const files = await expandInputs(paths.length ? paths : ['-'], errors);
  return analyzeFiles(files, errors, argv);
}

/** The pipeline on inputs already expanded to files (`errors`: what expanding them met). */
export async function analyzeFiles(files: readonly string[], expandErrors: readonly ParseError[], argv: AnalyzeArgs): Promise<OfflineResult> {
  const errors: ParseError[] = [...expandErrors];
  const usage: string[] = [];
  const assume = parseAssume(argv.assume, usage);
  if (usage.length > 0) throw new UsageError(usage.join('\n'));
  const agent = agentSettingsFromArgs(argv, errors);
  const parsed: ParsedFile[] = [];
  const defaults = { device: argv.dev ?? null, direction: argv.direction ?? null, node: argv.nodeName ?? null };
  osrFor(null);
  for (const file of files) {
    const input = await readInput(file, errors);
    if (!input) continue;
    const p = parseInput(input.text, input.file, defaults);
    parsed.push(p);
    osrFor(p.format);
  }
  const merged = mergeParsed(parsed);
  // merged.errors holds every file's own errors, then merging's.
  append(errors, merged.errors);
  // A clean `bpftool net show` with nothing in its tc: section was read too: it says no BPF
  // program is attached to any tc hook there (nothing-audited then says what that means).
  const readable = parsed.some((p) => p.format !== null && (p.observations.length > 0 || (p.deferred?.length ?? 0) > 0 || p.nodes.length > 0 || (p.sawBpftoolNet && p.errors.length === 0)));
  // Standard input is named as its findings name it.
  const result = audit(merged.nodes, { agent, mode: 'offline', assume, errors, notes: [], inputs: files.map((f) => (f === '-' ? '<stdin>' : f)) });
  return { ...result, readable };
}
