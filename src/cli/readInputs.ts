// Offline inputs: files, directories (recursively, sorted for determinism) or stdin ("-").
// Reading is bounded: files over the cap are refused with a message instead of loaded.
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ParseError } from '../parse/types.js';
import { append } from '../arrays.js';

/** Large enough for a 5,000-device capture many times over; small enough to stay bounded. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

export interface InputText {
  file: string;
  text: string;
}

/** Said on stderr when standard input is a terminal: `tc-audit analyze` with no path reads
 *  stdin, and would otherwise wait there without a word. */
export const STDIN_HINT = 'tc-audit: reading a dump from standard input (end it with Ctrl-D); name files or directories to analyze those instead\n';

async function readStdin(): Promise<string> {
  // `analyze - < dir` reads as an empty stream: say what it is instead.
  if (fstatSync(0).isDirectory()) throw new Error('standard input is a directory; name it as a path to read its files');
  if (process.stdin.isTTY) process.stderr.write(STDIN_HINT);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT_BYTES) throw new Error(`stdin is larger than ${MAX_INPUT_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return decode(Buffer.concat(chunks));
}

/** The files under `path`. Symbolic links are followed (a directory of captures often links
 *  to them), each directory and file read once (`seen`: a link back up would loop, and
 *  `latest.capture -> node-a.capture` beside its target would be the same node twice); a
 *  link that leads nowhere is an error, not a file silently left out. Sockets, FIFOs and
 *  devices are skipped. */
async function listFiles(path: string, errors: ParseError[], seen = new Set<string>()): Promise<string[]> {
  const st = await stat(path);
  const id = `${st.dev}:${st.ino}`;
  if (seen.has(id)) return [];
  seen.add(id);
  if (!st.isDirectory()) return [path];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(path, e.name);
    if (e.isDirectory() || e.isFile()) {
      // An unreadable subdirectory is its own error: the rest of the tree is still read.
      try {
        append(out, await listFiles(p, errors, seen));
      } catch (err) {
        errors.push({ file: p, line: null, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
      }
    } else if (e.isSymbolicLink()) {
      try {
        const target = await stat(p);
        if (target.isDirectory() || target.isFile()) append(out, await listFiles(p, errors, seen));
      } catch (err) {
        errors.push({ file: p, line: null, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} (symbolic link)` });
      }
    }
  }
  return out;
}

/** Expand paths to files; unreadable paths become errors, not exceptions. */
export async function expandInputs(paths: readonly string[], errors: ParseError[]): Promise<string[]> {
  const files: string[] = [];
  // One set for all paths: `analyze dir dir/node-a.capture` reads node-a once.
  const seen = new Set<string>();
  for (const p of paths) {
    if (p === '-') {
      files.push('-');
      continue;
    }
    try {
      append(files, await listFiles(p, errors, seen));
    } catch (e) {
      errors.push({ file: p, line: null, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    }
  }
  return files;
}

/** Everything `file` gives until its end, or null when that is more than `max` bytes. */
function readUpTo(file: string, max: number): Buffer | null {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 20);
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return Buffer.concat(chunks, size);
      size += n;
      if (size > max) return null;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text. Pure ASCII (every dump tc and bpftool print) is the same read as Latin-1,
 *  which is a copy where UTF-8 is a decode: ~5 ms less for a 7.5 MB capture. */
export const decode = (buf: Buffer): string => (isAscii(buf) ? buf.toString('latin1') : buf.toString('utf8'));

/** `max`: the cap (tests use a small one). */
export async function readInput(file: string, errors: ParseError[], max = MAX_INPUT_BYTES): Promise<InputText | null> {
  try {
    if (file === '-') return { file: '<stdin>', text: await readStdin() };
    // Read in one call: the promise API reads in 512 KiB pieces through the thread pool,
    // and the CLI has nothing to do meanwhile (~15 ms idle on a 7.5 MB capture).
    const st = statSync(file);
    if (st.size > max) {
      errors.push({ file, line: null, message: `file is ${st.size} bytes, over the ${max}-byte limit; split the capture` });
      return null;
    }
    if (st.isFile() && st.size > 0) return { file, text: decode(readFileSync(file)) };
    // A pipe (`analyze <(ssh node tc filter show ...)`), a device or a /proc file: its size
    // says nothing, so it is read up to the cap (`analyze /dev/zero` read for ever).
    const buf = readUpTo(file, max);
    if (buf === null) {
      errors.push({ file, line: null, message: `more than ${max} bytes read and not at its end; not read (a device or an endless stream?)` });
      return null;
    }
    return { file, text: decode(buf) };
  } catch (e) {
    errors.push({ file, line: null, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
    return null;
  }
}
