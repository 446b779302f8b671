#!/usr/bin/env node
// The yargs root: commands only; every handler lives in src/cli/commands.
import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

// Each command module pulls in its own stages (analyze: parsers, audit, reports; audit and
// collect: the live collector; diff, watch...). Loading all six for every run cost start-up
// time for modules the run never uses, so a run naming its command loads only that one.
type Loader = () => Promise<CommandModule<object, never>>;
const COMMANDS: Record<string, Loader> = {
  audit: async () => (await import('./commands/audit.js')).auditCommand as CommandModule<object, never>,
  analyze: async () => (await import('./commands/analyze.js')).analyzeCommand as CommandModule<object, never>,
  collect: async () => (await import('./commands/collect.js')).collectCommand as CommandModule<object, never>,
  diff: async () => (await import('./commands/diff.js')).diffCommand as CommandModule<object, never>,
  'self-test': async () => (await import('./commands/selfTest.js')).selfTestCommand as CommandModule<object, never>,
  watch: async () => (await import('./commands/watch.js')).watchCommand as CommandModule<object, never>,
};

/** The commands this run needs: the one it names first, else all (help, the default audit
 *  command with options first, mistakes: yargs needs every command to answer those). */
function commandsFor(args: string[]): Promise<CommandModule<object, never>[]> {
  const named = args[0] === undefined ? undefined : COMMANDS[args[0]];
  return Promise.all(named && Object.hasOwn(COMMANDS, args[0] ?? '') ? [named()] : Object.values(COMMANDS).map((load) => load()));
}

/** yargs renders the whole command help after starting a command's handler, in case the
 *  handler asks for it later (showHelp). None of ours does, and usage errors go through
 *  .fail() below, so that rendering (~20 ms of string-width and wrap-ansi per run) is skipped.
 *  It is yargs' internal interface: when it is missing the run only stays slower. */
function skipHelpCache(cli: Argv): void {
  const internal = cli as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = internal.getInternalMethods?.().getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

async function main(): Promise<void> {
  const args = hideBin(process.argv);
  const commands = await commandsFor(args);
  let cli = yargs(args)
    .scriptName('tc-audit')
    .version(pkg.version)
    .strictCommands()
    .strictOptions();
  skipHelpCache(cli);
  for (const c of commands) cli = cli.command(c);
  await cli
    .wrap(Math.min(110, process.stdout.columns || 110))
    // Usage errors exit 2 (findings use 1), with the message and no stack trace.
    .fail((msg, err) => {
      if (err && !msg) throw err; // a handler's own failure: main() reports it
      process.stderr.write(`tc-audit: ${msg}\nRun tc-audit --help for usage.\n`);
      process.exit(2);
    })
    .parseAsync();
}

// `tc-audit --json | head`: the reader went away. That is the reader's choice, not an error of
// ours: stop quietly with the exit code the run had decided, instead of an EPIPE stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  process.stderr.write(`tc-audit: cannot write to stdout: ${e.message}\n`);
  process.exit(2);
});

main().catch((e: unknown) => {
  // Last line of defence: a clear message, never a stack trace (set TC_AUDIT_DEBUG=1 for one).
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`tc-audit: internal error: ${msg}\n`);
  if (process.env.TC_AUDIT_DEBUG) console.error(e);
  process.exit(2);
});
