// A file where nearly every line is unreadable: every such line is reported, once, with its
// file:line, and what did parse is still analysed. (Every error used to be listed twice:
// once from its file and once more from the merge, which already holds the files' errors.) 200,000 errors once went through
// `push(...errors)`, which V8 refuses past some 125,000 arguments: the run ended in
// "internal error: Maximum call stack size exceeded" with nothing reported.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tcat-many-errors-'));
const BAD = 200_000;

beforeAll(() => {
  ensureBuilt();
  const good = 'filter protocol all pref 1 bpf chain 0 handle 0x1 bpf_lxc.o:[from-container] direct-action not_in_hw id 5 name cil_from_contai tag ab jited\n';
  writeFileSync(join(dir, 'dump.txt'), good + 'filter protocol all pref zz bpf\n'.repeat(BAD));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`a dump with ${BAD} unreadable lines`, () => {
  it('reports every one, analyses the rest, no internal error', () => {
    const file = join(dir, 'dump.txt');
    const r = spawnSync(process.execPath, [CLI, 'analyze', file, '--dev', 'lxc1', '--direction', 'ingress', '--json'], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1); // cilium at pref 1: an error finding
    const j = JSON.parse(r.stdout) as { errors: { file: string; line: number; message: string }[]; nodes: { interfaces: { filters: { vendor: string }[] }[] }[] };
    expect(j.errors).toHaveLength(BAD);
    expect(j.errors[0]).toEqual({ file, line: 2, message: 'pref "zz" is not a number' });
    expect(j.errors[BAD - 1]).toEqual({ file, line: BAD + 1, message: 'pref "zz" is not a number' });
    expect(j.nodes[0]!.interfaces[0]!.filters.map((f) => f.vendor)).toEqual(['cilium']);
  });

  it('lists each error once in the table too', () => {
    const small = join(dir, 'small.txt');
    writeFileSync(small, 'filter protocol all pref 1 bpf chain 0 handle 0x1 x.o:[tc] direct-action not_in_hw id 5 name x tag ab jited\nfilter protocol all pref zz bpf\n');
    const r = spawnSync(process.execPath, [CLI, 'analyze', small], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stdout).toContain(`Parse errors (1)\n  ${small}:2: pref "zz" is not a number\n`);
    expect(r.stdout.split(`${small}:2:`)).toHaveLength(2);
  });
});

