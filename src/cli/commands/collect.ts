// `tc-audit collect -o FILE|-`: write this node's bundle (snapshot + raw outputs) for
// offline analysis elsewhere. The summary goes to stderr before the bundle is written.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { liveOptionsFrom, withScopeOptions, type ScopeArgs } from '../../collect/scopeOptions.js';
import { writeUserFile } from '../writeFile.js';

type CollectArgs = ScopeArgs & { output: string; redact?: boolean };

export const collectCommand: CommandModule<object, CollectArgs> = {
  command: 'collect',
  describe: 'Collect a bundle of this node\'s tc/bpftool state for `tc-audit analyze`',
  builder: (y: Argv<object>) =>
    withScopeOptions(y)
      .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'Bundle file, or - for stdout' })
      .option('redact', { type: 'boolean', describe: 'Replace container ids, pod UIDs and MAC/IPv4/IPv6 addresses (also in u32 keys) with stable hashes; tc handles and programs are kept (docs/live.md)' }) as unknown as Argv<CollectArgs>,
  handler: async (argv: ArgumentsCamelCase<CollectArgs>) => {
    // Loaded on use so other commands do not pay for the live collector at start-up.
    const [{ liveSession }, { bundleSummary, makeBundle }] = await Promise.all([import('../../collect/session.js'), import('../../collect/bundle.js')]);
    const session = await liveSession(liveOptionsFrom(argv), { quiet: argv.quiet === true });
    if (!session.ok) {
      process.stderr.write(`${session.message}\n`);
      process.exitCode = session.exitCode;
      return;
    }
    const bundle = makeBundle(session.collection, { redact: argv.redact === true });
    process.stderr.write(`${bundleSummary(bundle)}\n`);
    const text = `${JSON.stringify(bundle)}\n`;
    if (argv.output === '-') process.stdout.write(text);
    // As the report files of -o: its directory is made, a failure is exit 2 (src/cli/index.ts).
    else writeUserFile(argv.output, text);
  },
};
