// Parser throughput on a generated 5,000-device capture (scripts/gen-dump.mjs), best of 5
// runs, in MB/s of input: parseInput alone and parse + merge, against the parsing share of
// issue 2's 400 ms whole-process target. The first run is shown too: `tc-audit analyze`
// parses once, before the JIT has warmed up and with a heap still growing.
// Imports the built parser from dist/.
import { generate } from '../gen-dump.mjs';
import { mergeParsed, parseInput } from '../../dist/parse/index.js';

export default async function bench() {
  const { text, filters } = generate(5000);
  const mb = Buffer.byteLength(text) / 1e6;
  const defaults = { device: null, direction: null, node: null };
  let best = Infinity;
  let bestParse = Infinity;
  let parsed = 0;
  let first = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    const r = parseInput(text, 'bench.capture', defaults);
    bestParse = Math.min(bestParse, Number(process.hrtime.bigint() - t0) / 1e9);
    const m = mergeParsed([r]);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.errors.length > 0) throw new Error(`bench dump did not parse cleanly: ${r.errors[0].message}`);
    parsed = m.nodes.reduce((n, node) => n + node.netns.reduce((a, ns) => a + ns.devices.reduce((b, d) => b + d.hooks.reduce((c, h) => c + (h.legacy?.length ?? 0), 0), 0), 0), 0);
    best = Math.min(best, s);
    if (i === 0) first = s;
  }
  const rate = mb / bestParse;
  return {
    name: 'parse (capture of 5,000 devices)',
    metrics: [
      { label: `input size (${filters} filters generated, ${parsed} parsed)`, value: Number(mb.toFixed(1)), unit: 'MB', target: '-' },
      { label: 'parse + merge time, first run (cold)', value: Number((first * 1000).toFixed(0)), unit: 'ms', target: '-' },
      { label: 'parse + merge time (best of 5)', value: Number((best * 1000).toFixed(0)), unit: 'ms', target: '-' },
      { label: 'parse + merge throughput', value: Number((mb / best).toFixed(1)), unit: 'MB/s', target: '-' },
      { label: 'parser throughput (parseInput; issue 2 target)', value: Number(rate.toFixed(1)), unit: 'MB/s', target: '>= 50', ok: rate >= 50 },
    ],
  };
}
