// `analyze` over bundles of several nodes goes to the fleet layer: streaming, one cluster-wide
// answer, memory bounded by distinct chain shapes rather than by files.
import type { FleetResult } from '../fleet/index.js';
import { severityRank } from '../model/findings.js';
import type { ParseError } from '../parse/types.js';
import { agentSettingsFromArgs, parseAssume } from './agentOptions.js';
import { UsageError, type AnalyzeArgs } from './analyzeInputs.js';
import { writeOutputs, type OutputArgs } from './outputOptions.js';
import { append } from '../arrays.js';

const fleetExitCode = (r: FleetResult, failOn: OutputArgs['failOn']): number => {
  const threshold = failOn ?? 'error';
  if (threshold === 'never') return 0;
  const worst = r.groups.flatMap((g) => g.findings).some((f) => severityRank[f.severity] >= severityRank[threshold]);
  return worst ? 1 : 0;
};

export async function runFleet(files: readonly string[], argv: AnalyzeArgs & OutputArgs): Promise<number> {
  const errors: ParseError[] = [];
  const usage: string[] = [];
  const assume = parseAssume(argv.assume, usage);
  if (usage.length > 0) throw new UsageError(usage.join('\n'));
  const agent = agentSettingsFromArgs(argv, errors);
  // The fleet layer (bundle schema, streaming reader) loads only when the inputs are bundles.
  const { analyzeFleet, renderFleet } = await import('../fleet/index.js');
  const result = await analyzeFleet(files, { agent, assume });
  result.errors = append(errors, result.errors);
  // No bundle could be read: the same exit 2 as a single input that cannot be read, not a
  // cluster answer about no node (a CI gate would pass on nothing).
  if (result.stats.bundles === 0) {
    for (const e of result.errors) process.stderr.write(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
    process.stderr.write(`tc-audit: no bundle could be read from ${result.stats.files} file(s); nothing to analyse\n`);
    return 2;
  }
  await writeOutputs(argv, (format) => {
    if (format === 'json') return renderFleet(result, 'json');
    if (format === 'table') return renderFleet(result, 'text');
    throw new UsageError(`fleet analysis (bundles of several nodes) renders table or json, not ${format}; analyze one bundle at a time for ${format}`);
  });
  return fleetExitCode(result, argv.failOn);
}
