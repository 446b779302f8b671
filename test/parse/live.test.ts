// Live: real tc/bpftool output from a throw-away namespace, parsed by the offline parsers,
// and docs/capture.sh run with `sh` (dash) against namespaces we set up.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeLive } from '../helpers/live.js';
import { createNetns, createVethNetns, deleteNetns, inNs } from '../helpers/netns.js';
import { mergeParsed, parseInput, withDeferred } from '../../src/parse/index.js';
import { takeU32Flags } from '../../src/parse/u32.js';
import { ROOT } from './fixtures.js';

const OBJ = join(ROOT, 'fixtures/recorded/bpf/da_pass.o');
const CLASSIC = join(ROOT, 'fixtures/recorded/bpf/classic.o');
const noSrc = <T extends { source: unknown }>(xs: T[] | undefined) => (xs ?? []).map((x) => ({ ...x, source: null }));

describeLive('offline parsers on live tool output', () => {
  let ns = '';
  let ns2 = '';
  beforeAll(() => {
    ns = createVethNetns('parse');
    ns2 = createVethNetns('parse');
    inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'all', 'pref', '5', 'handle', '0x1', 'bpf', 'da', 'obj', OBJ, 'sec', 'tc']);
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'all', 'pref', '5', 'handle', '0x2', 'bpf', 'da', 'obj', OBJ, 'sec', 'tc']);
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'ip', 'pref', '7', 'bpf', 'obj', CLASSIC, 'sec', 'classifier', 'classid', 'ffff:1', 'action', 'mirred', 'egress', 'mirror', 'dev', 'v1']);
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'ip', 'pref', '9', 'u32', 'match', 'ip', 'dst', '10.0.0.0/8', 'action', 'mirred', 'egress', 'redirect', 'dev', 'v1']);
    inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', 'egress', 'bpf', 'da', 'obj', OBJ, 'sec', 'tc']);
    inNs(ns2, 'tc', ['qdisc', 'add', 'dev', 'v1', 'clsact']);
    inNs(ns2, 'tc', ['filter', 'add', 'dev', 'v1', 'ingress', 'bpf', 'da', 'obj', OBJ, 'sec', 'tc']);
  });
  afterAll(() => {
    deleteNetns(ns);
    deleteNetns(ns2);
  });

  test('tc text, tc -j and bpftool agree on the same filters', () => {
    const dflt = { device: 'v0', direction: 'ingress' as const, node: null };
    const text = parseInput(inNs(ns, 'tc', ['-s', '-d', 'filter', 'show', 'dev', 'v0', 'ingress']), 'text', dflt);
    const json = parseInput(inNs(ns, 'tc', ['-j', 'filter', 'show', 'dev', 'v0', 'ingress']), 'json', dflt);
    const bpft = parseInput(inNs(ns, 'bpftool', ['net', 'show']), 'bt', { device: null, direction: null, node: null });
    const bpfj = parseInput(inNs(ns, 'bpftool', ['-j', 'net', 'show']), 'bj', { device: null, direction: null, node: null });
    for (const r of [text, json, bpft, bpfj]) expect(r.errors).toEqual([]);
    const tf = text.observations[0]?.legacy?.filters;
    const jf = json.observations[0]?.legacy?.filters ?? [];
    // tc -j does not print u32's terminal flag; the text does (a key with an action: terminal).
    // Both show its words: `match ip dst 10.0.0.0/8` has mask ff000000, not every packet.
    expect(jf.find((f) => f.kind === 'u32')?.u32).toEqual({ terminal: null, link: null, matchesEvery: false });
    expect(tf?.find((f) => f.kind === 'u32')?.u32).toEqual({ terminal: true, link: null, matchesEvery: false });
    takeU32Flags(jf, tf ?? []);
    expect(noSrc(tf)).toEqual(noSrc(jf));
    expect(tf?.map((f) => [f.pref, f.kind, f.handle, f.directAction])).toEqual([[5, 'bpf', '0x2', true], [5, 'bpf', '0x1', true], [7, 'bpf', '0x1', false], [9, 'u32', '800::800', null]]);
    // bpftool lists the same bpf programs in the same order, without prefs.
    const bi = withDeferred(bpft).find((o) => o.device === 'v0' && o.direction === 'ingress');
    expect(bi?.legacy?.filters.map((f) => f.program?.id)).toEqual(tf?.filter((f) => f.kind === 'bpf').map((f) => f.program?.id));
    expect(noSrc(bi?.legacy?.filters)).toEqual(noSrc(withDeferred(bpfj).find((o) => o.device === 'v0' && o.direction === 'ingress')?.legacy?.filters));
  });

  test('docs/capture.sh under sh (dash) captures every namespace and parses cleanly', () => {
    // Only this process's namespaces: other test files create and delete theirs concurrently.
    const prefix = `tcat-parse-${process.pid}-`;
    expect(ns.startsWith(prefix) && ns2.startsWith(prefix)).toBe(true);
    const out = execFileSync('sh', [join(ROOT, 'docs/capture.sh')], {
      encoding: 'utf8', env: { ...process.env, TCAT_CAPTURE_SKIP_HOST: '1', TCAT_CAPTURE_NETNS_FILTER: prefix },
    });
    const r = parseInput(out, 'capture', { device: null, direction: null, node: null });
    expect(r.format).toBe('capture');
    expect(r.errors).toEqual([]);
    const { nodes } = mergeParsed([r]);
    const ids = nodes[0]?.netns.map((n) => n.id) ?? [];
    expect(ids).toEqual(expect.arrayContaining([ns, ns2]));
    const hooks = (id: string, dev: string) => nodes[0]?.netns.find((n) => n.id === id)?.devices.find((d) => d.name === dev)?.hooks;
    // Device names come without the @peer suffix; bpftool covered the namespace (tcx: []).
    expect(hooks(ns, 'v0')?.map((h) => [h.direction, h.legacy?.length, h.tcx])).toEqual([['ingress', 4, []], ['egress', 1, []]]);
    expect(hooks(ns2, 'v1')?.[0]?.legacy?.[0]).toMatchObject({ pref: 49152, tcName: 'da_pass.o:[tc]' });
    expect(hooks(ns2, 'v0')?.map((h) => h.legacy)).toEqual([[], []]);
  });

  // The kernel allows * ? [ ] @ = # and non-ASCII in device names (not ':', '/' or
  // whitespace). The script once took names from `ip -o link show` through an unquoted
  // $(...): `x*` became the files of the directory it ran in, and 'a@b' became 'a'.
  test('docs/capture.sh captures devices whose names hold glob characters, @, = and #', () => {
    const weird = createNetns('parse');
    const cwd = mkdtempSync(join(tmpdir(), 'tcat-capture-'));
    try {
      for (const f of ['x1', 'x2', 'qz']) writeFileSync(join(cwd, f), ''); // what x* and q? would match
      const names = ['x*', 'q?', 'b[1]', 'a@b', 'a=b', 'h#1', 'é1'];
      for (const n of names) inNs(weird, 'ip', ['link', 'add', n, 'type', 'ifb']);
      inNs(weird, 'ip', ['link', 'add', 'v1', 'type', 'veth', 'peer', 'name', 'v2@x']); // printed v1@v2@x, v2@x@v1
      for (const n of [...names, 'v1', 'v2@x']) {
        inNs(weird, 'tc', ['qdisc', 'add', 'dev', n, 'clsact']);
        inNs(weird, 'tc', ['filter', 'add', 'dev', n, 'egress', 'pref', '3', 'bpf', 'da', 'obj', OBJ, 'sec', 'tc']);
      }
      const out = execFileSync('sh', [join(ROOT, 'docs/capture.sh')], {
        cwd, encoding: 'utf8', env: { ...process.env, TCAT_CAPTURE_SKIP_HOST: '1', TCAT_CAPTURE_NETNS_FILTER: weird },
      });
      const r = parseInput(out, 'capture', { device: null, direction: null, node: null });
      expect(r.errors).toEqual([]);
      const devices = mergeParsed([r]).nodes[0]?.netns.find((n) => n.id === weird)?.devices ?? [];
      expect(devices.map((d) => d.name).sort()).toEqual(['lo', ...names, 'v1', 'v2@x'].sort());
      for (const d of devices.filter((x) => x.name !== 'lo')) {
        expect(d.hooks.find((h) => h.direction === 'egress')?.legacy?.map((f) => [f.pref, f.tcName]), d.name ?? '').toEqual([[3, 'da_pass.o:[tc]']]);
      }
    } finally {
      deleteNetns(weird);
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
