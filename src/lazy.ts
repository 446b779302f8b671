// Dependencies that only some runs need, loaded synchronously on first use (through their
// CommonJS entry, so callers can stay synchronous).
// A plain `import` would make every `tc-audit` start-up pay for them (yaml ~14 ms,
// semver ~7 ms, table ~11 ms), while most runs read no YAML file, name no version
// and draw every grid without `table`. zod (~30 ms) is needed only to read bundles (the
// schemas that import zod directly serve live collection and fleet reading). jsonc-parser
// (~5 ms) only for `collect --redact`. require() of these packages is their Node entry.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let yamlMod: typeof import('yaml') | null = null;
let semverMod: typeof import('semver') | null = null;
let tableMod: typeof import('table') | null = null;
let zodMod: typeof import('zod') | null = null;
let jsoncMod: typeof import('jsonc-parser') | null = null;

export const yaml = (): typeof import('yaml') => (yamlMod ??= require('yaml') as typeof import('yaml'));
export const semver = (): typeof import('semver') => (semverMod ??= require('semver') as typeof import('semver'));
export const table = (): typeof import('table') => (tableMod ??= require('table') as typeof import('table'));
export const zod = (): typeof import('zod') => (zodMod ??= require('zod') as typeof import('zod'));
export const jsoncParser = (): typeof import('jsonc-parser') => (jsoncMod ??= require('jsonc-parser') as typeof import('jsonc-parser'));
