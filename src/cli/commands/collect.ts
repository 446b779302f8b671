// `tc-audit collect -o FILE|-`: write this node's bundle (snapshot + raw outputs) for
// offline analysis elsewhere. The summary goes to stderr before the bundle is written.
import { readFileSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { liveOptionsFrom, withScopeOptions, type ScopeArgs } from '../../collect/scopeOptions.js';
import { writeUserFile } from '../writeFile.js';
import { usageText } from '../usageError.js';
import { killChildrenOnSignal } from '../liveSignals.js';

type CollectArgs = ScopeArgs & { output: string; redact?: boolean; 'redact-key-file'?: string };

/** The secret of --redact-key-file, or why it cannot be used. Short keys are refused: the
 *  point is that guesses cannot be hashed, and a short key can itself be guessed. */
function readRedactKey(file: string): Buffer | string {
  let key: Buffer;
  try {
    key = readFileSync(file);
  } catch (e) {
    return `--redact-key-file ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  return key.length >= 16 ? key : `--redact-key-file ${file}: ${key.length} bytes; use a secret of 16 bytes or more (head -c 32 /dev/urandom > FILE)`;
}

export const collectCommand: CommandModule<object, CollectArgs> = {
  command: 'collect',
  describe: 'Collect a bundle of this node\'s tc/bpftool state for `tc-audit analyze`',
  builder: (y: Argv<object>) =>
    withScopeOptions(y)
      .option('output', { alias: 'o', type: 'string', demandOption: true, describe: 'Bundle file, or - for stdout' })
      // One bundle, one file: -o given twice reached the writer as a list (the reports of
      // analyze and audit take several -o, which is why the CLI-wide check lets it through).
      .check((argv) => !Array.isArray(argv.output) || `-o is given ${(argv.output as unknown[]).length} times (${(argv.output as unknown[]).join(', ')}); collect writes one bundle`)
      .option('redact', { type: 'boolean', describe: 'Replace container ids, pod UIDs and MAC/IPv4/IPv6 addresses (also in u32 keys) with stable hashes; tc handles and programs are kept (docs/live.md)' })
      .option('redact-key-file', { type: 'string', describe: 'Key the --redact hashes with this secret (HMAC-SHA256; at least 16 bytes, e.g. from head -c 32 /dev/urandom) so they cannot be reversed by hashing guesses; implies --redact' }) as unknown as Argv<CollectArgs>,
  handler: async (argv: ArgumentsCamelCase<CollectArgs>) => {
    // Loaded on use so other commands do not pay for the live collector at start-up.
    const [{ killLiveChildren }, { liveSession }, { bundleSummary, bundleText, makeBundle }] = await Promise.all([import('../../collect/spawn.js'), import('../../collect/session.js'), import('../../collect/bundle.js')]);
    killChildrenOnSignal(killLiveChildren);
    // Read before collecting: a key that cannot be used stops the run before any work.
    const key = argv['redact-key-file'] === undefined ? null : readRedactKey(argv['redact-key-file']);
    if (typeof key === 'string') {
      process.stderr.write(usageText(key));
      process.exitCode = 2;
      return;
    }
    const session = await liveSession(liveOptionsFrom(argv), { quiet: argv.quiet === true });
    if (!session.ok) {
      process.stderr.write(`${session.message}\n`);
      process.exitCode = session.exitCode;
      return;
    }
    const bundle = makeBundle(session.collection, { redact: argv.redact === true, redactKey: key });
    if (argv.quiet !== true) process.stderr.write(`${bundleSummary(bundle)}\n`);
    const text = bundleText(bundle);
    if (argv.output === '-') process.stdout.write(text);
    // As the report files of -o: its directory is made, a failure is exit 2 (src/cli/index.ts).
    else writeUserFile(argv.output, text);
  },
};
