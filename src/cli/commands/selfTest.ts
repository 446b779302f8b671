// `tc-audit self-test`: prove the live pipeline works on this node, on a namespace it
// creates and always removes.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { timeoutValid } from '../../collect/scopeOptions.js';

type SelfTestArgs = { timeout: number };

export const selfTestCommand: CommandModule<object, SelfTestArgs> = {
  command: 'self-test',
  describe: 'Create a throw-away namespace with known classifiers, audit it live, check the answer',
  builder: (y: Argv<object>) =>
    y.option('timeout', { type: 'number', default: 10, describe: 'Seconds before a hung tool is killed' })
      .check((a) => timeoutValid(a.timeout)) as unknown as Argv<SelfTestArgs>,
  handler: async (argv: ArgumentsCamelCase<SelfTestArgs>) => {
    // Loaded on use so other commands do not pay for the live collector at start-up.
    const [{ missingCapabilities, privilegeMessage, readEffectiveCaps }, { ProcessRunner }, { runSelfTest }] = await Promise.all([
      import('../../collect/caps.js'), import('../../collect/runner.js'), import('../../collect/selfTest.js'),
    ]);
    const missing = missingCapabilities(readEffectiveCaps(), true);
    if (missing.length > 0) {
      process.stderr.write(`${privilegeMessage(missing)}\n`);
      process.exitCode = 2;
      return;
    }
    const out = await runSelfTest(new ProcessRunner(), Math.round(argv.timeout * 1000));
    if (out.ok) {
      process.stdout.write('tc-audit self test: OK\n');
      process.exitCode = 0;
    } else {
      process.stdout.write(`tc-audit self test: FAILED\n${out.failures.map((f) => `  - ${f}`).join('\n')}\n`);
      process.exitCode = 1;
    }
  },
};
