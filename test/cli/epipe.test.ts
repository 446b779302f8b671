// `tc-audit … | head`: a reader that goes away early is not an error of ours.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../../scripts/gen-dump.mjs';
import { CLI } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tcat-epipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('closed stdout', () => {
  it('stops quietly with the decided exit code, no stack trace', async () => {
    // 300 devices make a report far larger than a pipe buffer.
    const file = join(dir, 'big.capture');
    writeFileSync(file, (generate(300) as { text: string }).text);
    const args = [CLI, 'analyze', file, '--json'];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(code).toBe(1);
  });
});
