// Data flows one way (DEVELOPERS.md): only src/collect and src/cli do I/O. Every other module
// (parse, analyze, recommend, report, and the decisions of watch and fleet) must not import
// the file system, processes or the network.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './parse/fixtures.js';

const IO = /from '(node:(fs|fs\/promises|http|https|net|dgram|child_process|readline)|execa)'|import\('(node:(fs|http|child_process)|execa)'\)/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('architecture', () => {
  it('no module outside src/collect and src/cli imports I/O', () => {
    const src = join(ROOT, 'src');
    const offenders = sources(src)
      .map((f) => relative(src, f))
      .filter((f) => !f.startsWith('collect/') && !f.startsWith('cli/'))
      .filter((f) => IO.test(readFileSync(join(src, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
