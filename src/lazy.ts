// CommonJS dependencies that only some runs need, loaded synchronously on first use.
// A plain `import` would make every `tc-audit` start-up pay for them (yaml ~14 ms,
// semver ~7 ms, table ~11 ms), while most runs read no YAML file, name no version
// and draw every grid without `table`. require() of these packages is their Node entry.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let yamlMod: typeof import('yaml') | null = null;
let semverMod: typeof import('semver') | null = null;
let tableMod: typeof import('table') | null = null;

export const yaml = (): typeof import('yaml') => (yamlMod ??= require('yaml') as typeof import('yaml'));
export const semver = (): typeof import('semver') => (semverMod ??= require('semver') as typeof import('semver'));
export const table = (): typeof import('table') => (tableMod ??= require('table') as typeof import('table'));
