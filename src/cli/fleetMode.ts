// `analyze` over bundles of several nodes goes to the fleet layer: streaming, one cluster-wide
// answer, memory bounded by distinct chain shapes rather than by files.
import { open } from 'node:fs/promises';
import type { FleetResult } from '../fleet/index.js';
import { severityRank } from '../model/findings.js';
import type { ParseError } from '../parse/types.js';
import { agentSettingsFromArgs, parseAssume } from './agentOptions.js';
import { UsageError, type AnalyzeArgs } from './analyzeInputs.js';
import { writeOutputs, type OutputArgs } from './outputOptions.js';

/** Bundles announce themselves in their first bytes (`{"bundleVersion":1,…` as collect writes). */
async function looksLikeBundle(file: string): Promise<boolean> {
  if (!file.endsWith('.json')) return false;
  let fh;
  try {
    fh = await open(file, 'r');
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return /"bundleVersion"\s*:/.test(buf.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}

/** Fleet mode: at least two inputs, every one of them a bundle. */
export async function isFleetInput(files: readonly string[]): Promise<boolean> {
  if (files.length < 2) return false;
  for (const f of files) if (!(await looksLikeBundle(f))) return false;
  return true;
}

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
  result.errors.unshift(...errors);
  await writeOutputs(argv, (format) => {
    if (format === 'json') return renderFleet(result, 'json');
    if (format === 'table') return renderFleet(result, 'text');
    throw new UsageError(`fleet analysis (bundles of several nodes) renders table or json, not ${format}; analyze one bundle at a time for ${format}`);
  });
  return fleetExitCode(result, argv.failOn);
}
