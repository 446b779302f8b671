// Degraded toolboxes for live tests: a PATH without bpftool, Debian bookworm's own
// bpftool 7.1 (cannot list tcx), and a tc from before JSON. The built CLI runs with that
// PATH, so the collector meets the tools exactly as it would on such a node.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { CLI } from '../helpers/cli.js';

export { CLI, ensureBuilt } from '../helpers/cli.js';

/** Absolute path of a program on the current PATH. */
export function which(tool: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, tool);
    if (dir !== '' && existsSync(p)) return p;
  }
  throw new Error(`${tool} not on PATH`);
}

const made: string[] = [];

/** Removes every directory toolDir/oldTcDir made (call in afterAll: vitest workers may end
 *  without an 'exit' event). */
export function removeToolDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}
process.on('exit', removeToolDirs);

/** A fresh directory (removed on exit) holding symlinks to these real tools. */
export function toolDir(tools: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'tcat-tools-'));
  made.push(dir);
  for (const t of tools) symlinkSync(which(t), join(dir, t));
  return dir;
}

/** The built CLI with this PATH. */
export function cli(args: string[], path: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 256 << 20, env: { ...process.env, PATH: path } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Bookworm's bpftool 7.1 version string from `apt-cache policy bpftool`: the one served by
 *  the bookworm suite itself, else any 7.1.0+6.1.* (bookworm-security rebuilds it). */
export function bookwormBpftoolVersion(policy: string): string | null {
  const found: { version: string; suites: string }[] = [];
  for (const line of policy.split('\n')) {
    const v = /^\s+(?:\*\*\*\s+)?(7\.1\.0\+6\.1\.\S+)\s+-?\d+$/.exec(line);
    if (v) found.push({ version: v[1] as string, suites: '' });
    else if (/^\s+-?\d+\s+\S/.test(line) && found.length > 0) (found.at(-1) as { suites: string }).suites += line;
  }
  return (found.find((f) => / bookworm\/main /.test(f.suites)) ?? found[0])?.version ?? null;
}

/** Debian bookworm's bpftool 7.1 binary: `apt-get download` + `dpkg -x`, cached in the temp
 *  dir by version. Throws with the reason when it cannot be had. */
export function bookwormBpftool(): { bin: string; version: string } {
  const policy = execFileSync('apt-cache', ['policy', 'bpftool'], { encoding: 'utf8' });
  const version = bookwormBpftoolVersion(policy);
  if (version === null) throw new Error(`no bpftool 7.1.0+6.1.* in apt's lists (run apt-get update?):\n${policy}`);
  const cache = join(tmpdir(), `tcat-bpftool-${version}`);
  const bin = join(cache, 'usr/sbin/bpftool');
  if (!existsSync(bin)) {
    // Unpacked elsewhere and renamed into place: concurrent test files never see half a tree.
    const work = mkdtempSync(join(tmpdir(), 'tcat-bpftool-dl-'));
    try {
      execFileSync('apt-get', ['download', '-q', `bpftool=${version}`], { cwd: work, stdio: 'pipe' });
      const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
      if (!deb) throw new Error(`apt-get download bpftool=${version} left no .deb`);
      mkdirSync(join(work, 'root'));
      execFileSync('dpkg', ['-x', join(work, deb), join(work, 'root')]);
      try {
        renameSync(join(work, 'root'), cache);
      } catch {
        if (!existsSync(bin)) throw new Error(`could not put ${version} in ${cache}`);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  const out = execFileSync(bin, ['version'], { encoding: 'utf8' });
  if (!/v7\.1\./.test(out)) throw new Error(`${bin} is not bpftool 7.1: ${out}`);
  return { bin, version };
}

/** A `tc` from before JSON (iproute2 4.11, "ss170501"): `-j` is an unknown option, with
 *  iproute2's own message and status (main() returns -1); anything else goes to the real tc.
 *  When the real tc is iproute2 6.1 or 6.2, which print u32's class star the other way round
 *  (src/parse/u32.ts), the fake turns it back, as 4.11 prints it. */
export function oldTcDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tcat-oldtc-'));
  made.push(dir);
  const inverted = /iproute2-6\.[12]\./.test(execFileSync(which('tc'), ['-V'], { encoding: 'utf8' }));
  const script = `#!${process.execPath}
const { spawnSync } = require('node:child_process');
const args = process.argv.slice(2);
if (args[0] === '-V' || args[0] === '-Version') {
  process.stdout.write('tc utility, iproute2-ss170501\\n');
  process.exit(0);
}
for (const a of args) {
  if (!a.startsWith('-')) break;
  if (a === '-j' || a === '-json') {
    process.stderr.write('Option "' + a + '" is unknown, try "tc -help".\\n');
    process.exit(255);
  }
}
const swap = ${inverted} && args.includes('show');
const r = spawnSync(${JSON.stringify(which('tc'))}, args, { stdio: ['inherit', swap ? 'pipe' : 'inherit', 'inherit'], encoding: 'utf8' });
if (swap) process.stdout.write(r.stdout.replace(/( bkt [0-9a-f]+ )(\\*?)flowid /g, (_, pre, star) => pre + (star ? '' : '*') + 'flowid '));
process.exit(r.status ?? 1);
`;
  writeFileSync(join(dir, 'tc'), script);
  chmodSync(join(dir, 'tc'), 0o755);
  // The script is CommonJS: pin that here, or a package.json higher up (e.g. /tmp's) with
  // "type": "module" would make node load it as ESM.
  writeFileSync(join(dir, 'package.json'), '{"type":"commonjs"}\n');
  return dir;
}
