// Writing a file the user named (-o for reports and bundles), its directory made first.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A file that cannot be written: the user's to fix, reported as `tc-audit: message`, exit
 *  2 (src/cli/index.ts), never as an internal error. `reason` is why, without the file. */
export class WriteError extends Error {
  constructor(readonly file: string, readonly reason: string, what = file) {
    super(`cannot write ${what}: ${reason}`);
  }
}

/** The missing directories above `file`, made top down, one mkdir each. Not Node's
 *  `recursive: true`: where mkdir answers ENOENT under a directory that exists (procfs, for
 *  `-o /proc/x/out.json`) Node 20 retries the parent and the child for ever. */
function makeParents(file: string): void {
  const missing: string[] = [];
  for (let d = dirname(resolve(file)); !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

/** Writes `text` to `file`, making its directory first, or throws a WriteError. */
export function writeUserFile(file: string, text: string): void {
  try {
    makeParents(file);
    writeFileSync(file, text, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const where = err.syscall && err.path && err.path !== file ? ` (${err.syscall} ${err.path})` : '';
    throw new WriteError(file, `${err.code ?? err.message}${where}`);
  }
}
