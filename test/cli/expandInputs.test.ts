// Directories are read recursively: symbolic links are followed (to files and directories),
// a loop of links ends, a file reached twice is read once, and a broken link is an error
// with its path rather than a file silently left out.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandInputs } from '../../src/cli/readInputs.js';
import type { ParseError } from '../../src/parse/types.js';
import { ROOT } from '../parse/fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'tcat-expand-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('expandInputs', () => {
  it('follows links, cuts loops, reads each file once, reports broken links', async () => {
    const d = join(root, 'captures');
    mkdirSync(join(d, 'sub'), { recursive: true });
    const other = join(root, 'elsewhere');
    mkdirSync(other);
    writeFileSync(join(d, 'a.capture'), 'x');
    writeFileSync(join(d, 'sub', 'b.capture'), 'x');
    writeFileSync(join(other, 'c.capture'), 'x');
    symlinkSync(join(d, 'a.capture'), join(d, 'latest.capture')); // a second name for a
    symlinkSync(other, join(d, 'linked-dir')); // a directory elsewhere
    symlinkSync('..', join(d, 'sub', 'up')); // a loop
    symlinkSync(join(root, 'nowhere'), join(d, 'broken'));
    writeFileSync(join(d, '.hidden'), 'x');
    const errors: ParseError[] = [];
    const files = await expandInputs([d, join(d, 'sub', 'b.capture')], errors);
    expect(files).toEqual([join(d, 'a.capture'), join(d, 'linked-dir', 'c.capture'), join(d, 'sub', 'b.capture')]);
    expect(errors).toEqual([{ file: join(d, 'broken'), line: null, message: 'cannot read: ENOENT (symbolic link)' }]);
  });

  it('an unreadable subdirectory is reported on its own; the rest of the tree is read', () => {
    // Root reads a mode-000 directory anyway: the walk runs as nobody (setpriv), on the build.
    const d = join(root, 'perm');
    mkdirSync(join(d, 'closed'), { recursive: true });
    writeFileSync(join(d, 'ok.txt'), 'x');
    chmodSync(root, 0o755);
    chmodSync(join(d, 'closed'), 0o000);
    const script = `import(${JSON.stringify(join(ROOT, 'dist/cli/readInputs.js'))}).then(async (m) => { const errors = []; const files = await m.expandInputs([${JSON.stringify(d)}], errors); console.log(JSON.stringify({ files, errors })); })`;
    const out = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ files: [join(d, 'ok.txt')], errors: [{ file: join(d, 'closed'), line: null, message: 'cannot read: EACCES' }] });
  });

  it('keeps stdin and reports a missing path', async () => {
    const errors: ParseError[] = [];
    expect(await expandInputs(['-', join(root, 'missing')], errors)).toEqual(['-']);
    expect(errors).toEqual([{ file: join(root, 'missing'), line: null, message: 'cannot read: ENOENT' }]);
  });
});
