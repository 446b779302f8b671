#!/usr/bin/env node
// The yargs root: commands only; every handler lives in src/cli/commands.
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { analyzeCommand } from './commands/analyze.js';
import { auditCommand } from './commands/audit.js';
import { collectCommand } from './commands/collect.js';
import { diffCommand } from './commands/diff.js';
import { selfTestCommand } from './commands/selfTest.js';
import { watchCommand } from './commands/watch.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

async function main(): Promise<void> {
  await yargs(hideBin(process.argv))
    .scriptName('tc-audit')
    .version(pkg.version)
    .strictCommands()
    .strictOptions()
    .command(auditCommand)
    .command(analyzeCommand)
    .command(collectCommand)
    .command(diffCommand)
    .command(selfTestCommand)
    .command(watchCommand)
    .wrap(Math.min(110, process.stdout.columns || 110))
    // Usage errors exit 2 (findings use 1), with the message and no stack trace.
    .fail((msg, err) => {
      if (err && !msg) throw err; // a handler's own failure: main() reports it
      process.stderr.write(`tc-audit: ${msg}\nRun tc-audit --help for usage.\n`);
      process.exit(2);
    })
    .parseAsync();
}

main().catch((e: unknown) => {
  // Last line of defence: a clear message, never a stack trace (set TC_AUDIT_DEBUG=1 for one).
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`tc-audit: internal error: ${msg}\n`);
  if (process.env.TC_AUDIT_DEBUG) console.error(e);
  process.exit(2);
});
