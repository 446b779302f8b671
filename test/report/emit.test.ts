// Tests for src/cli/outputOptions.ts (the report side of the CLI).
import yargs from 'yargs';
import { describe, expect, it } from 'vitest';
import { emit, exitCode, outputTargets, withOutputOptions, type OutputArgs, type OutputIo } from '../../src/cli/outputOptions.js';
import { cleanResult, finding, sampleResult } from './sample.js';

const fakeIo = (tokens: string[], isTTY = false) => {
  const files = new Map<string, string>();
  const out: string[] = [];
  const io: OutputIo = { stdout: (t) => { out.push(t); }, writeFile: async (p, t) => { files.set(p, t); }, isTTY, env: {}, tokens };
  return { io, files, out };
};
const parse = (tokens: string[]) => withOutputOptions(yargs(tokens)).strict().parseSync() as unknown as OutputArgs;

describe('exitCode', () => {
  const w = [finding({ ruleId: 'terminal-tcx', severity: 'warning', message: 'm' })];
  it.each([
    ['error', 0], ['warning', 1], ['info', 1], ['never', 0],
  ] as const)('warning with --fail-on %s -> %i', (failOn, code) => expect(exitCode(w, failOn)).toBe(code));
  it('no findings -> 0', () => expect(exitCode([], 'info')).toBe(0));
});

describe('emit', () => {
  it('writes each -f/-o pair and sends the rest to stdout', async () => {
    const tokens = ['-f', 'sarif', '-o', 'out/a.sarif', '-f', 'junit', '-o', 'out/a.xml', '-f', 'github'];
    const { io, files, out } = fakeIo(tokens);
    const code = await emit(sampleResult(), parse(tokens), io);
    expect(code).toBe(1);
    expect(JSON.parse(files.get('out/a.sarif')!).version).toBe('2.1.0');
    expect(files.get('out/a.xml')).toMatch(/^<\?xml/);
    expect(out.join('')).toMatch(/^::error /);
  });

  it('defaults to the table on stdout, colour only on a TTY or when asked', async () => {
    const a = fakeIo([]);
    expect(await emit(cleanResult(), parse([]), a.io)).toBe(0);
    expect(a.out.join('')).toMatch(/^tc-audit: PASS/);
    const tty = fakeIo([], true);
    await emit(cleanResult(), parse([]), tty.io);
    expect(tty.out.join('')).toContain('\u001b[');
    const off = fakeIo(['--no-color'], true);
    await emit(cleanResult(), parse(['--no-color']), off.io);
    expect(off.out.join('')).not.toContain('\u001b[');
  });

  it('--json is -f json; --fail-on never always exits 0', async () => {
    const tokens = ['--json', '--fail-on', 'never'];
    const { io, out } = fakeIo(tokens);
    expect(await emit(sampleResult(), parse(tokens), io)).toBe(0);
    expect(JSON.parse(out.join('')).schemaVersion).toBe(1);
  });

  it('rejects unknown formats and fail-on values at parse time', () => {
    expect(() => withOutputOptions(yargs(['-f', 'xml'])).exitProcess(false).fail((m) => { throw new Error(m); }).parseSync()).toThrow(/Invalid values/);
    expect(() => withOutputOptions(yargs(['--fail-on', 'sometimes'])).exitProcess(false).fail((m) => { throw new Error(m); }).parseSync()).toThrow(/Invalid values/);
  });

  it('falls back to positional pairing when tokens are not the ones parsed', () => {
    expect(outputTargets({ format: ['sarif', 'table'], output: ['x.sarif'] }, [])).toEqual([
      { format: 'sarif', file: 'x.sarif' }, { format: 'table', file: null },
    ]);
  });
});
