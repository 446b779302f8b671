// Streaming bundle reader for the fleet mode (src/fleet): a few files in flight (to overlap
// disk and parsing), yielded in input order, each dropped by the caller before the next is needed.
import { opendir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLE_VERSION, type Bundle } from '../model/bundle.js';
import { readBundleJson } from '../model/readBundle.js';
import type { ParseError } from '../parse/types.js';
import { parseJson } from '../parse/json.js';

export type BundleSource = Iterable<string> | AsyncIterable<string>;

export type ReadOutcome = { file: string; bundle: Bundle } | { file: string; error: ParseError };

/** Every `*.json` file under `dir` (recursively), streamed, sorted per directory. */
export async function* bundleFilesIn(dir: string): AsyncGenerator<string> {
  const entries: { name: string; dir: boolean }[] = [];
  for await (const e of await opendir(dir)) entries.push({ name: e.name, dir: e.isDirectory() });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.dir) yield* bundleFilesIn(path);
    else if (e.name.endsWith('.json')) yield path;
  }
}

function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const at = issue.path.map(String).join('.');
  return at === '' ? issue.message : `${at}: ${issue.message}`;
}

export function decodeBundle(file: string, text: string): ReadOutcome {
  // parseJson: a byte order mark is no error, and a syntax error says its line.
  const j = parseJson(text);
  if (!j.ok) return { file, error: { file, line: j.line, message: `not JSON: ${j.message}` } };
  const v = (j.value as { bundleVersion?: unknown } | null)?.bundleVersion;
  const parsed = readBundleJson(j.value);
  // The fleet has no place for a node read in part: a reference that cannot be followed
  // makes the bundle invalid here (analyze reads the rest of it).
  if (parsed.sharingErrors.length > 0) return { file, error: { file, line: null, message: `an invalid tc-audit bundle (bundleVersion ${String(v)}, but ${parsed.sharingErrors.slice(0, 3).join('; ')})` } };
  if (!parsed.success) {
    const first = parsed.issues.slice(0, 3).map(describeIssue).join('; ');
    // A file of a known bundleVersion that fails elsewhere is a damaged or hand-made bundle,
    // not some other file: say which, not "expected bundleVersion 1 or 2" when it has just that.
    const what = v === 1 || v === BUNDLE_VERSION ? `an invalid tc-audit bundle (bundleVersion ${v}, but` : `not a tc-audit bundle (expected bundleVersion 1 or ${BUNDLE_VERSION};`;
    return { file, error: { file, line: null, message: `${what} ${first})` } };
  }
  return { file, bundle: parsed.bundle };
}

async function load(file: string): Promise<ReadOutcome> {
  try {
    return decodeBundle(file, await readFile(file, 'utf8'));
  } catch (e) {
    return { file, error: { file, line: null, message: `cannot read: ${(e as Error).message}` } };
  }
}

/** Read bundles with at most `inFlight` files loaded ahead of the consumer. */
export async function* readBundles(files: BundleSource, inFlight = 4): AsyncGenerator<ReadOutcome> {
  const pending: Promise<ReadOutcome>[] = [];
  for await (const file of files) {
    pending.push(load(file));
    if (pending.length >= inFlight) yield await pending.shift()!;
  }
  while (pending.length > 0) yield await pending.shift()!;
}
