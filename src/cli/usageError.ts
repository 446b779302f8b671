// A mistake in how tc-audit was called (a flag's value, a file named on the command line that
// cannot be read): exit 2 with the message, never a report built on a guess.
export class UsageError extends Error {}

/** What every usage error ends with on stderr (the yargs errors in index.ts too). */
export const USAGE_HINT = 'Run tc-audit --help for usage.';

/** The stderr text of a usage error. */
export const usageText = (message: string): string => `tc-audit: ${message}\n${USAGE_HINT}\n`;
