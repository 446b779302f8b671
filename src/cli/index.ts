#!/usr/bin/env node
// The yargs root: commands only; every handler lives in src/cli/commands.
// First, so the V8 settings hold before anything else is compiled.
import './v8Flags.js';
import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { WriteError } from './writeFile.js';
import { UsageError, usageText, withoutCamelTwins } from './usageError.js';
import { closest } from '../closest.js';

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

/** The closest command name to a mistyped word, when close enough (a third of its length). */
const closestCommand = (word: string): string | undefined => closest(word, Object.keys(COMMANDS));

/** yargs runs the default command for a first word that names no command, and both its
 *  strictCommands() and recommendCommands() skip such a run (yargs#1158: the default command's
 *  context has no commands to compare with), so `tc-audit analyse dump.txt` audited the host
 *  live. Our default command (audit) takes no positionals, so any word yargs leaves in argv._
 *  there is a mistyped or unknown command. The check reads yargs' own parse, where option
 *  values are already taken (`--agent-priority 5`, `--netns foo`), and runs after yargs'
 *  validation and before the handler: a usage error through .fail(), nothing collected.
 *  yargs' own ways out fall short: .strict() says "Unknown arguments: analyse, dump.txt",
 *  with no suggestion, and makes every other command strict about positionals too;
 *  demandCommand(0, 0) in the builder says "Too many non-option arguments: got 2, maximum of
 *  0"; recommendCommands() is off whenever a default command exists. */
function rejectStrayWords(c: CommandModule<object, never>): CommandModule<object, never> {
  const names = [c.command ?? [], c.aliases ?? []].flat().filter((n) => n !== '$0');
  if (names.some((n) => /[[<]/.test(n))) return c; // a default command with positionals judges its own words
  const check = (argv: { _: (string | number)[] }): true | string => {
    const words = argv._.map(String);
    if (names.includes(words[0] ?? '')) words.shift(); // `tc-audit audit`: the command itself
    const [word] = words;
    if (word === undefined) return true;
    const near = closestCommand(word);
    return `unknown command ${JSON.stringify(word)}${near === undefined ? '' : ` (did you mean ${near}?)`}`; // yargs fails with it
  };
  const { builder } = c;
  return {
    ...c,
    builder: (y: Argv<object>) => {
      const checked = y.check(check, false);
      return typeof builder === 'function' ? builder(checked) : checked.options(builder ?? {});
    },
  } as CommandModule<object, never>;
}

/** Repeatable options that need a value. yargs leaves one given without it empty, which would
 *  silently mean "none" (`analyze node.capture --assume`). Not -o: yargs reads `-o -` (stdout)
 *  as -o without a value, and the report targets read the words themselves (src/report/targets.ts). */
const NEEDS_VALUE = ['format', 'assume', 'agent-env', 'netns', 'netns-path', 'interface'] as const;
/** Names that mean nothing empty: `--dev` given no value would name every hook's device "". */
const NEEDS_NAME = ['dev', 'node-name'] as const;
/** Options that take one value each time and may be given several times; any other given
 *  twice would reach the code as a list where it expects one value. */
const REPEATABLE = new Set(['format', 'f', 'output', 'o', 'assume', 'agent-env', 'netns', 'netns-path', 'interface', 'i', 'paths', '_']);

/** `--agent-priority ''` or `--agent-version=`: yargs reads an empty number as 0 and an
 *  empty string as given, so the run would quietly use them. (Repeatable options and the
 *  names below say what they need themselves.) */
function emptyValue(tokens: readonly string[]): string | null {
  const own = (name: string): boolean => BOOLEAN.has(name) || REPEATABLE.has(name) || (NEEDS_NAME as readonly string[]).includes(name);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === '--') break;
    if (/^--[a-z][a-z0-9-]*=$/.test(t) && !own(t.slice(2, -1))) return t.slice(0, -1);
    if (/^--[a-z][a-z0-9-]*$/.test(t) && tokens[i + 1] === '' && !own(t.slice(2))) return t;
  }
  return null;
}
const BOOLEAN = new Set(['json', 'color', 'no-color', 'verbose', 'quiet', 'redact', 'host-only', 'help', 'version']);

function valuesGiven(argv: Record<string, unknown>): true | string {
  const empty = emptyValue(hideBin(process.argv));
  if (empty !== null) return `${empty} needs a value`;
  for (const [k, v] of Object.entries(argv)) {
    // (yargs keeps a camelCase twin of every dashed option: the dashed one speaks for both.)
    if (REPEATABLE.has(k) || /[A-Z]/.test(k) || !Array.isArray(v) || v.every((x) => typeof x === 'boolean')) continue;
    return `--${k} is given ${v.length} times (${v.join(', ')}); it takes one value`;
  }
  for (const k of NEEDS_VALUE) {
    const v = argv[k];
    if (Array.isArray(v) && v.length === 0) return `--${k} needs a value`;
  }
  for (const k of NEEDS_NAME) if (argv[k] === '') return `--${k} needs a value`;
  return true;
}

/** yargs' strictCommands reads a third input to `diff` as a command name ("Unknown command:
 *  b.capture"): say what is wrong instead. */
function extraInputs(args: readonly string[], msg: string): string | null {
  if (args[0] !== 'diff' || !/^Unknown commands?: /.test(msg)) return null;
  return `diff compares two inputs, BEFORE and AFTER; more were given (${msg.replace(/^Unknown commands?: /, '')}): compare two directories for several files`;
}

const isDefault = (c: CommandModule<object, never>): boolean => [c.command ?? []].flat().includes('$0');

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
    .alias('h', 'help')
    .strictCommands()
    .strictOptions()
    // Repeatable options (-f, -o, --assume, --agent-env) take one value per use: greedy, yargs'
    // arrays take every word up to the next option, and `analyze -f json node.capture` read
    // the capture as a second format.
    .parserConfiguration({ 'greedy-arrays': false })
    .check(valuesGiven, true);
  skipHelpCache(cli);
  for (const c of commands) cli = cli.command(isDefault(c) ? rejectStrayWords(c) : c);
  await cli
    .wrap(Math.min(110, process.stdout.columns || 110))
    // Usage errors exit 2 (findings use 1), with the message and no stack trace.
    .fail((msg, err) => {
      if (err && !msg) throw err; // a handler's own failure: main() reports it
      process.stderr.write(usageText(withoutCamelTwins(extraInputs(args, msg) ?? msg)));
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
  // A file the user named that cannot be written: theirs to fix, not ours.
  // A report that cannot be written is no mistake in the call: no pointer to --help then.
  if (e instanceof WriteError || e instanceof UsageError) {
    process.stderr.write(e instanceof UsageError ? usageText(e.message) : `tc-audit: ${e.message}\n`);
    process.exit(2);
  }
  // Last line of defence: a clear message, never a stack trace (set TC_AUDIT_DEBUG=1 for one).
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`tc-audit: internal error: ${msg}\n`);
  if (process.env.TC_AUDIT_DEBUG) console.error(e);
  process.exit(2);
});
