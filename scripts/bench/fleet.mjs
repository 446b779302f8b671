// Fleet benchmark: 5,000 bundles x 200 devices through `analyzeFleet`, timed and with peak
// RSS, in a child process so the runner's own memory does not count. Bundles are generated
// once into the temp directory (scripts/gen-bundles.mjs) and reused.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODES = 5000;
const DEVICES = 200;
const self = fileURLToPath(import.meta.url);

async function ensureBundles() {
  const dir = join(tmpdir(), `tc-audit-bench-fleet-${NODES}x${DEVICES}`);
  const marker = join(dir, '.complete');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    const { generate } = await import('../gen-bundles.mjs');
    generate(dir, { nodes: NODES, devices: DEVICES });
    writeFileSync(marker, new Date().toISOString());
  }
  return dir;
}

// Runs in the child: analyse and report time, peak RSS (VmHWM) and the answer.
async function child(dir) {
  const { analyzeFleet, bundleFilesIn } = await import('../../dist/fleet/index.js');
  const { defaultAgentSettings } = await import('../../dist/agent/defaults.js');
  const started = performance.now();
  const r = await analyzeFleet(bundleFilesIn(dir), { agent: defaultAgentSettings(), assume: {} });
  const seconds = (performance.now() - started) / 1000;
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  const peakMiB = hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ seconds, peakMiB, nodes: r.nodes.length, groups: r.groups.length, shapes: r.stats.distinctHookShapes, action: r.recommendation.action, errors: r.errors.length }));
}

export default async function bench() {
  const dir = await ensureBundles();
  const out = JSON.parse(execFileSync(process.execPath, [self, '--child', dir], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] }));
  if (out.nodes !== NODES) throw new Error(`fleet bench analysed ${out.nodes} nodes, expected ${NODES} (${out.errors} errors)`);
  return {
    name: 'fleet',
    metrics: [
      { label: `analyze ${NODES} bundles x ${DEVICES} devices (${out.groups} groups, ${out.shapes} hook shapes)`, value: Number(out.seconds.toFixed(2)), unit: 's', target: '<= 60', ok: out.seconds <= 60 },
      { label: 'peak RSS of the analysing process', value: Math.round(out.peakMiB), unit: 'MiB', target: '<= 2048', ok: out.peakMiB <= 2048 },
    ],
  };
}

if (process.argv[1] === self) {
  if (process.argv[2] === '--child') await child(process.argv[3]);
  else console.log(JSON.stringify(await bench(), null, 2));
}
