// `tc-audit analyze <path...|->`: saved dumps, captures and bundles in, the audit out.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { INPUT_FORMATS, type ParseError } from '../../parse/types.js';
import { withAgentOptions } from '../agentOptions.js';
import { analyzeFiles, UsageError, type AnalyzeArgs } from '../analyzeInputs.js';
import { emit, withOutputOptions, type OutputArgs } from '../outputOptions.js';
import { expandInputs } from '../readInputs.js';
import { isFleetInput } from '../fleetSniff.js';
import { usageText } from '../usageError.js';

type Args = AnalyzeArgs & OutputArgs & { paths: string[] };

/** The inputs: the positionals, and the words after `--` (a file named like an option,
 *  `analyze -- -odd-name`), which yargs leaves in argv._ and which read as stdin before. */
function inputsOf(argv: { paths?: string[]; _: (string | number)[] }): string[] {
  const all = [...(argv.paths ?? []), ...argv._.slice(1).map(String)];
  return all.length > 0 ? all : ['-'];
}

export const analyzeCommand: CommandModule<object, Args> = {
  command: 'analyze [paths..]',
  describe: 'Analyze saved tc/bpftool dumps, captures or bundles (files, directories, or - for stdin)',
  builder: (y: Argv<object>) =>
    withOutputOptions(
      withAgentOptions(
        y
          // No default: none given means stdin, after `--` too (inputsOf).
          .positional('paths', { type: 'string', array: true, describe: 'files, directories (recursive) or - for stdin (none: stdin)' })
          .option('dev', { type: 'string', describe: 'device name for a raw single-device dump that does not name it' })
          .option('direction', { choices: ['ingress', 'egress'] as const, describe: 'hook for a raw dump that does not name it' })
          .option('node-name', { type: 'string', describe: 'node name for inputs that do not carry one' }),
      ),
    ) as unknown as Argv<Args>,
  handler: async (argv: ArgumentsCamelCase<Args>) => {
    let result;
    try {
      // Expanded once: the fleet check and the pipeline read the same file list.
      const expandErrors: ParseError[] = [];
      const files = await expandInputs(inputsOf(argv), expandErrors);
      if (await isFleetInput(files)) {
        // The fleet layer loads only when the inputs call for it.
        const { runFleet } = await import('../fleetMode.js');
        process.exitCode = await runFleet(files, argv);
        return;
      }
      result = await analyzeFiles(files, expandErrors, argv);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      process.stderr.write(usageText(e.message));
      process.exitCode = 2;
      return;
    }
    if (!result.readable) {
      for (const err of result.errors) process.stderr.write(`${err.file}${err.line ? `:${err.line}` : ''}: ${err.message}\n`);
      // The formats are worth naming only when something was read and not recognised.
      const unreadOnly = result.errors.length > 0 && result.errors.every((e) => e.message.startsWith('cannot read'));
      process.stderr.write(unreadOnly ? 'tc-audit: nothing could be read\n' : `tc-audit: nothing could be read; accepted formats: ${INPUT_FORMATS.join(', ')} (see docs/input-formats.md)\n`);
      process.exitCode = 2;
      return;
    }
    process.exitCode = await emit(result, argv);
  },
};
