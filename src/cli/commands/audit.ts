// `tc-audit [audit]`: audit this node live (default command).
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { liveOptionsFrom, withScopeOptions, type ScopeArgs } from '../../collect/scopeOptions.js';
import type { LayerError } from '../../agent/layers.js';
import { agentSettingsFromArgs, parseAssume, withAgentOptions, type AgentArgs } from '../agentOptions.js';
import { emit, withOutputOptions, type OutputArgs } from '../outputOptions.js';
import { killChildrenOnSignal } from '../liveSignals.js';
import { UsageError } from '../usageError.js';

type AuditArgs = ScopeArgs & AgentArgs & OutputArgs;

export const auditCommand: CommandModule<object, AuditArgs> = {
  command: ['audit', '$0'],
  describe: "Audit this node's tc classifiers live (host, named and every process's network namespace)",
  builder: (y: Argv<object>) => withOutputOptions(withAgentOptions(withScopeOptions(y))) as unknown as Argv<AuditArgs>,
  handler: async (argv: ArgumentsCamelCase<AuditArgs>) => {
    // Loaded here, not at the top: the live collector (execa and its ~100 modules) is
    // start-up time every other command would pay for nothing.
    const [{ killLiveChildren }, { liveSession }, { auditCollection }] = await Promise.all([import('../../collect/spawn.js'), import('../../collect/session.js'), import('../../collect/liveAudit.js')]);
    killChildrenOnSignal(killLiveChildren);
    // The agent's settings first: a config file that cannot be read is a usage error (exit 2),
    // better said before a collection than after it.
    const agentErrors: LayerError[] = [];
    const assumeErrors: string[] = [];
    const agent = agentSettingsFromArgs(argv, agentErrors);
    const assume = parseAssume(argv.assume, assumeErrors);
    // A bad --assume is a usage error, as for analyze: a gate must not pass on a verdict it
    // was told to assume and did not.
    if (assumeErrors.length > 0) throw new UsageError(assumeErrors.join('\n'));
    const session = await liveSession(liveOptionsFrom(argv), { quiet: argv.quiet === true });
    if (!session.ok) {
      process.stderr.write(`${session.message}\n`);
      process.exitCode = session.exitCode;
      return;
    }
    const result = auditCollection(session.collection, agent, assume, agentErrors);
    process.exitCode = await emit(result, argv);
  },
};
