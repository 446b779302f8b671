// `tc-audit [audit]`: audit this node live (default command).
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { auditCollection } from '../../collect/liveAudit.js';
import { liveSession } from '../../collect/session.js';
import { liveOptionsFrom, withScopeOptions, type ScopeArgs } from '../../collect/scopeOptions.js';
import type { LayerError } from '../../agent/layers.js';
import { agentSettingsFromArgs, parseAssume, withAgentOptions, type AgentArgs } from '../agentOptions.js';
import type { AuditResult } from '../../model/result.js';

type AuditArgs = ScopeArgs & AgentArgs;

// Placeholder until src/cli/outputOptions.ts (shared -f/-o/--fail-on and emit) lands:
// JSON on stdout, exit 1 when the recommendation is not `keep`.
const withLiveOutput = <T>(y: Argv<T>): Argv<T> => y;
async function emitLive(result: AuditResult, _argv: unknown): Promise<number> {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return result.recommendation.action === 'keep' ? 0 : 1;
}

export const auditCommand: CommandModule<object, AuditArgs> = {
  command: ['audit', '$0'],
  describe: "Audit this node's tc classifiers live (host, named and every process's network namespace)",
  builder: (y: Argv<object>) => withLiveOutput(withAgentOptions(withScopeOptions(y))) as unknown as Argv<AuditArgs>,
  handler: async (argv: ArgumentsCamelCase<AuditArgs>) => {
    const session = await liveSession(liveOptionsFrom(argv), { quiet: argv.quiet === true });
    if (!session.ok) {
      process.stderr.write(`${session.message}\n`);
      process.exitCode = session.exitCode;
      return;
    }
    const agentErrors: LayerError[] = [];
    const assumeErrors: string[] = [];
    const agent = agentSettingsFromArgs(argv, agentErrors);
    const assume = parseAssume(argv.assume, assumeErrors);
    const errors = [...agentErrors, ...assumeErrors.map((message) => ({ file: '--assume', line: null, message }))];
    const result = auditCollection(session.collection, agent, assume, errors);
    process.exitCode = await emitLive(result, argv);
  },
};
