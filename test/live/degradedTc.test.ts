// iproute2 without JSON: a `tc` that reports iproute2 4.11 and rejects -j like it did.
// The collector must read each hook's text output instead, and see the same filters.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Bundle } from '../../src/model/bundle.js';
import { bundleOf } from '../helpers/cli.js';
import type { LegacyFilter } from '../../src/model/snapshot.js';
import { describeLive } from '../helpers/live.js';
import { createNetns, deleteNetns, inNs } from '../helpers/netns.js';
import { cli, ensureBuilt, oldTcDir, removeToolDirs } from './degradedHelpers.js';
import { BPF_TRUTH } from './liveHelpers.js';

const REAL_PATH = process.env.PATH ?? '';

function collect(ns: string, path: string): Bundle {
  const r = cli(['collect', '--netns', ns, '-o', '-', '-q'], path);
  expect(r.status).toBe(0);
  return bundleOf(r.stdout);
}

/** Every device's legacy filters by hook, without where they were read from. */
function filters(b: Bundle): Record<string, Omit<LegacyFilter, 'source'>[] | null> {
  const out: Record<string, Omit<LegacyFilter, 'source'>[] | null> = {};
  for (const d of b.snapshot.netns[0]!.devices) {
    for (const h of d.hooks) {
      out[`${d.name} ${h.direction}`] = h.legacy?.map(({ source: _s, ...f }) => f) ?? null;
    }
  }
  return out;
}

describeLive('degraded tools: tc without JSON', () => {
  let ns = '';
  beforeAll(() => {
    ensureBuilt();
    ns = createNetns('dgtc');
    inNs(ns, 'ip', ['link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1']);
    inNs(ns, 'ip', ['link', 'add', 'a#b', 'type', 'ifb']);
    for (const d of ['v0', 'a#b']) inNs(ns, 'tc', ['qdisc', 'add', 'dev', d, 'clsact']);
    const tc = (dev: string, dir: string, rest: string[]) => inNs(ns, 'tc', ['filter', 'add', 'dev', dev, dir, ...rest]);
    tc('v0', 'ingress', ['protocol', 'all', 'pref', '3', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_ok.o`, 'sec', 'tc']);
    tc('v0', 'ingress', ['protocol', 'ip', 'pref', '7', 'bpf', 'obj', `${BPF_TRUTH}/t_cl_match.o`, 'sec', 'classifier', 'classid', 'ffff:1']);
    // Not only bpf: u32 (this kernel has no matchall, flower or gact).
    tc('v0', 'ingress', ['protocol', 'all', 'pref', '20', 'u32', 'match', 'u32', '0', '0', 'classid', 'ffff:2']);
    tc('v0', 'egress', ['protocol', 'ipv6', 'pref', '9', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_unspec.o`, 'sec', 'tc']);
    tc('a#b', 'ingress', ['protocol', 'all', 'pref', '1', 'bpf', 'da', 'obj', `${BPF_TRUTH}/t_shot.o`, 'sec', 'tc']);
  }, 120_000);
  afterAll(() => {
    deleteNetns(ns);
    removeToolDirs();
  });

  it('reads every hook as text and finds the same filters as the JSON path', () => {
    const json = collect(ns, REAL_PATH);
    const text = collect(ns, `${oldTcDir()}:${REAL_PATH}`);
    expect(text.snapshot.versions.iproute2).toBe('ss170501');
    expect(text.notes).toContainEqual(expect.objectContaining({ kind: 'old-tool' }));
    // One text `tc filter show` per hook, never -j, and never the batch.
    const tcRuns = text.evidence.filter((e) => e.argv.includes('tc') && !e.argv.includes('-V'));
    expect(tcRuns.length).toBe(json.snapshot.netns[0]!.devices.length * 2);
    expect(tcRuns.every((e) => !e.argv.includes('-j') && !e.argv.includes('-batch') && e.exitCode === 0)).toBe(true);
    expect(json.evidence.some((e) => e.argv.includes('-batch'))).toBe(true);
    expect(filters(text)).toEqual(filters(json));
    expect(filters(text)['v0 ingress']?.map((f) => [f.pref, f.protocol, f.kind])).toEqual([[3, 'all', 'bpf'], [7, 'ip', 'bpf'], [20, 'all', 'u32']]);
    // The u32 key added with a classid has the terminal flag: the text path reads it (the
    // fake prints it as 4.11 does), the JSON path takes it from a text dump of that hook, and
    // with it that `match u32 0 0` in the classifier's only table matches every packet.
    expect(filters(text)['v0 ingress']?.[2]?.u32).toEqual({ terminal: true, link: null, matchesEvery: true });
    expect(json.evidence.filter((e) => e.argv.includes('tc') && !e.argv.includes('-j') && !e.argv.includes('-V')).map((e) => e.argv.slice(-5).join(' ')))
      .toEqual(['filter show dev v0 ingress']);
    expect(text.snapshot.netns[0]!.devices.every((d) => d.hooks.every((h) => h.legacyPrefsKnown))).toBe(true);
  });

  it('the fake really is JSON-less: -j fails the way old iproute2 fails', () => {
    const out = inNs(ns, 'sh', ['-c', `PATH=${oldTcDir()}:$PATH; tc -j filter show dev v0 ingress 2>&1; echo "status $?"`]);
    expect(out).toBe('Option "-j" is unknown, try "tc -help".\nstatus 255\n');
  });
});
