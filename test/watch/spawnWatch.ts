// Runs the built CLI's `watch` and collects its JSON lines, with a waitFor helper.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CLI } from '../helpers/cli.js';

export { CLI };

export const BPF = (name: string): string => fileURLToPath(new URL(`./bpf/${name}.o`, import.meta.url));

export interface WatchProc {
  child: ChildProcess;
  lines: Array<Record<string, any>>;
  stderr: () => string;
  waitFor: (pred: (l: Record<string, any>) => boolean, ms?: number, from?: number) => Promise<Record<string, any>>;
  rssKiB: () => number;
}

export function spawnWatch(args: string[]): WatchProc {
  const child = spawn(process.execPath, [CLI, 'watch', '--tcx-interval', '0.3', '--debounce', '50', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: Array<Record<string, any>> = [];
  let buf = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    buf += d;
    let i: number;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(JSON.parse(buf.slice(0, i)));
      buf = buf.slice(i + 1);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const waitFor = (pred: (l: Record<string, any>) => boolean, ms = 2000, from = 0) =>
    new Promise<Record<string, any>>((resolve, reject) => {
      const t0 = Date.now();
      const tick = () => {
        const hit = lines.slice(from).find(pred);
        if (hit) return resolve(hit);
        if (Date.now() - t0 > ms) return reject(new Error(`no matching line within ${ms} ms; stderr: ${err}\nlines: ${lines.map((l) => l.type).join(',')}`));
        setTimeout(tick, 20);
      };
      tick();
    });
  const rssKiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
  return { child, lines, stderr: () => err, waitFor, rssKiB };
}

export function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}
