// A mistake in how tc-audit was called (a flag's value, a file named on the command line that
// cannot be read): exit 2 with the message, never a report built on a guess.
export class UsageError extends Error {}
