// The CLI as users run it, for the benches: the file package.json's `bin` names.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
export const CLI = fileURLToPath(new URL(`../${pkg.bin['tc-audit']}`, import.meta.url));
