// `tc-audit diff BEFORE AFTER`: audit two offline inputs with the same options and say
// what a rollout changed. Exit 1 when AFTER is worse, 0 otherwise, 2 when a side is
// unreadable or the command line is wrong.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { diffExitCode, diffResults } from '../../diff/index.js';
import { DIFF_FORMATTERS } from '../../diff/format.js';
import type { AuditResult } from '../../model/result.js';
import { INPUT_FORMATS } from '../../parse/types.js';
import { withAgentOptions } from '../agentOptions.js';
import { analyzeInputs, UsageError, type AnalyzeArgs } from '../analyzeInputs.js';
import { withOutputOptions, writeOutputs, type OutputArgs } from '../outputOptions.js';
import { usageText } from '../usageError.js';

type Args = AnalyzeArgs & OutputArgs & { before: string; after: string };

/** One side, or a message saying why it cannot be used. */
async function side(name: string, path: string, argv: Args): Promise<AuditResult | string> {
  try {
    const { readable, ...result } = await analyzeInputs([path], argv);
    if (readable) return result;
    const errs = result.errors.map((e) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`).join('');
    return `${errs}tc-audit: nothing could be read from ${name} (${path}); accepted formats: ${INPUT_FORMATS.join(', ')}`;
  } catch (e) {
    if (e instanceof UsageError) return usageText(e.message).trimEnd();
    throw e;
  }
}

export const diffCommand: CommandModule<object, Args> = {
  command: 'diff <before> <after>',
  describe: 'Compare two offline inputs (files or directories) and fail when AFTER is worse',
  builder: (y: Argv<object>) =>
    withOutputOptions(
      withAgentOptions(
        y
          .positional('before', { type: 'string', demandOption: true, describe: 'dump, capture, bundle or directory before the change (- for stdin)' })
          .positional('after', { type: 'string', demandOption: true, describe: 'the same after the change' })
          // One value each, taken as given: without nargs yargs reads `-` (stdin) as an option
          // with no value and hands the handler '' for it.
          .nargs('before', 1)
          .nargs('after', 1)
          .option('dev', { type: 'string', describe: 'device name for a raw single-device dump that does not name it' })
          .option('direction', { choices: ['ingress', 'egress'] as const, describe: 'hook for a raw dump that does not name it' })
          .option('node-name', { type: 'string', describe: 'node name for inputs that do not carry one' }),
      ),
      { failOn: false },
    ) as unknown as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    if (argv.before === '-' && argv.after === '-') {
      process.stderr.write(usageText('BEFORE and AFTER cannot both be - (stdin is read once); give one of them as a file'));
      process.exitCode = 2;
      return;
    }
    const before = await side('BEFORE', argv.before, argv);
    const after = await side('AFTER', argv.after, argv);
    for (const s of [before, after]) if (typeof s === 'string') process.stderr.write(`${s}\n`);
    if (typeof before === 'string' || typeof after === 'string') {
      process.exitCode = 2;
      return;
    }
    const d = diffResults(before, after);
    await writeOutputs(argv, (format, opts) => DIFF_FORMATTERS[format](d, opts));
    process.exitCode = diffExitCode(d);
  },
};
