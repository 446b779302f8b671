// `tc-audit self-test`: prove the live pipeline works on this node, on a namespace it
// creates and always removes.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { missingCapabilities, privilegeMessage, readEffectiveCaps } from '../../collect/caps.js';
import { ExecaRunner } from '../../collect/runner.js';
import { runSelfTest } from '../../collect/selfTest.js';

type SelfTestArgs = { timeout: number };

export const selfTestCommand: CommandModule<object, SelfTestArgs> = {
  command: 'self-test',
  describe: 'Create a throw-away namespace with known classifiers, audit it live, check the answer',
  builder: (y: Argv<object>) =>
    y.option('timeout', { type: 'number', default: 10, describe: 'Seconds before a hung tool is killed' }) as unknown as Argv<SelfTestArgs>,
  handler: async (argv: ArgumentsCamelCase<SelfTestArgs>) => {
    const missing = missingCapabilities(readEffectiveCaps(), true);
    if (missing.length > 0) {
      process.stderr.write(`${privilegeMessage(missing)}\n`);
      process.exitCode = 2;
      return;
    }
    const out = await runSelfTest(new ExecaRunner(), Math.round((argv.timeout > 0 ? argv.timeout : 10) * 1000));
    if (out.ok) {
      process.stdout.write('tc-audit self test: OK\n');
      process.exitCode = 0;
    } else {
      process.stdout.write(`tc-audit self test: FAILED\n${out.failures.map((f) => `  - ${f}`).join('\n')}\n`);
      process.exitCode = 1;
    }
  },
};
