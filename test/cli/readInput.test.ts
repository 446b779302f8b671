// readInput (src/cli/readInputs.ts): a named input whose size says nothing (a pipe, a device,
// a /proc file) is read up to the cap, not for ever: `analyze /dev/zero` used to hang.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInput } from '../../src/cli/readInputs.js';
import type { ParseError } from '../../src/parse/types.js';

const dir = mkdtempSync(join(tmpdir(), 'tcat-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const LINE = 'filter protocol all pref 1 bpf chain 0\n';

describe('readInput', () => {
  it('refuses an endless device past the cap, with why', async () => {
    const errors: ParseError[] = [];
    expect(await readInput('/dev/zero', errors, 1 << 20)).toBeNull();
    expect(errors).toEqual([{ file: '/dev/zero', line: null, message: `more than ${1 << 20} bytes read and not at its end; not read (a device or an endless stream?)` }]);
  });

  it('reads a FIFO to its end (as `analyze <(ssh node tc filter show ...)` gives one)', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `printf '%s' "$0" > "$1"`, LINE.repeat(3), fifo]);
    const errors: ParseError[] = [];
    expect(await readInput(fifo, errors)).toEqual({ file: fifo, text: LINE.repeat(3) });
    expect(errors).toEqual([]);
    writer.kill();
  });

  it('reads a /proc file, whose size is 0', async () => {
    const r = await readInput('/proc/self/status', []);
    expect(r?.text).toMatch(/^Name:/);
  });

  it('refuses a regular file over the cap by its size, without reading it', async () => {
    const big = join(dir, 'big.txt');
    writeFileSync(big, LINE.repeat(100));
    const errors: ParseError[] = [];
    expect(await readInput(big, errors, 1000)).toBeNull();
    expect(errors[0]?.message).toBe(`file is ${LINE.length * 100} bytes, over the 1000-byte limit; split the capture`);
  });
});
