// A mistake in how tc-audit was called (a flag's value, a file named on the command line that
// cannot be read): exit 2 with the message, never a report built on a guess.
export class UsageError extends Error {}

/** What every usage error ends with on stderr (the yargs errors in index.ts too). */
export const USAGE_HINT = 'Run tc-audit --help for usage.';

/** The stderr text of a usage error. */
export const usageText = (message: string): string => `tc-audit: ${message}\n${USAGE_HINT}\n`;

/** yargs names an unknown `--agent-prio` twice, as itself and as `agentPrio` (its camel-case
 *  expansion): keep the spelling the user typed. */
export function withoutCamelTwins(msg: string): string {
  return msg.replace(/^Unknown arguments?: (.*)$/m, (_line, list: string) => {
    const names = list.split(', ');
    const twins = new Set(names.filter((n) => n.includes('-')).map((n) => n.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())));
    const kept = names.filter((n) => !twins.has(n));
    return `Unknown argument${kept.length === 1 ? '' : 's'}: ${kept.join(', ')}`;
  });
}
