// redactBundle over every place a bundle can carry an address: snapshot strings, evidence
// argv/stdout (tc text and JSON, tc -batch, ip link JSON and text)/stderr, notes. Inputs are
// the recordings of scripts/record-ipv6-fixtures.sh.
import { spawnSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactBundle } from '../../src/collect/redact.js';
import { ipv6Token, redactToken, withRedactionKey } from '../../src/collect/redactText.js';
import { Bundle, type Evidence } from '../../src/model/bundle.js';
import type { LegacyFilter } from '../../src/model/snapshot.js';
import { parseTcJsonEntries } from '../../src/parse/tcJson.js';
import { CLI, ensureBuilt } from '../helpers/cli.js';
import { addressForms, u32Leaks } from '../helpers/addresses.js';

const REC = join(process.cwd(), 'fixtures/recorded');
const rec = (f: string) => readFileSync(join(REC, f), 'utf8');
const filters = (f: string): LegacyFilter[] => parseTcJsonEntries(JSON.parse(rec(f)) as unknown[], f).filters;
const ev = (argv: string[], stdout: string, stderr = ''): Evidence => ({ argv, netns: 'tcat-x', exitCode: 0, stdout, stderr, durationMs: 1 });

/** What the recordings were made with (scripts/record-ipv6-fixtures.sh), plus link-locals and MACs read back. */
const addrJson = JSON.parse(rec('ipv6/addr.ip.json')) as Array<{ address: string; addr_info: Array<{ local: string }> }>;
const SETUP_V6 = ['2001:db8::1', '2001:db8:abcd:12::', '2001:db8::5', '::ffff:192.0.2.77', '2001:db8:ffff::2', '2001:db8:1::1', 'fd00:abcd::7',
  ...addrJson.flatMap((l) => l.addr_info.map((a) => a.local)).filter((a) => a.startsWith('fe80:'))];
const SETUP_V4 = ['192.0.2.9', '192.0.2.5', '192.0.2.77'];
const MACS = addrJson.map((l) => l.address).filter((m) => m !== '00:00:00:00:00:00');
const U32_WORDS = ['20010db8', 'abcd0012', 'c0000209', 'c000024d', 'aabbccdd', 'ee0f0000'];

function sampleBundle(planted = true): Bundle {
  const v0in = filters('ipv6/u32-v0-ingress.tc.json');
  if (planted) {
    // Synthetic: every string of the snapshot goes through the text patterns.
    v0in[0]!.actions.push({ order: 9, kind: 'mirred', control: 'pipe', detail: 'egress mirror to 2001:db8::1' });
    v0in[0]!.tcName = 'loaded from [2001:db8:ffff::2]:8080';
  }
  return {
    bundleVersion: 1, node: { name: 'n1' }, createdAt: '2026-01-01T12:00:01Z', tool: { name: 'tc-audit', version: '0.1.0' }, redacted: false,
    snapshot: {
      name: 'n1', versions: { kernel: '6.18.44', iproute2: '6.1.0', bpftool: '7.5.0' }, tcxVisible: true, programs: [], progArrays: [],
      netns: [{
        id: 'tcat-x', inode: 4026532001, path: '/var/run/netns/tcat-x', owner: { containerId: 'c'.repeat(64), pod: '1234abcd-5678-90ab-cdef-1234567890ab', pids: [42] },
        devices: [
          { name: 'v0', ifindex: 3, linkKind: 'veth', hooks: [
            { direction: 'ingress', legacy: v0in, legacyPrefsKnown: true, tcx: [] },
            { direction: 'egress', legacy: filters('ipv6/u32-v0-egress.tc.json'), legacyPrefsKnown: true, tcx: [] },
          ] },
          { name: 'v1', ifindex: 2, linkKind: 'veth', hooks: [
            { direction: 'ingress', legacy: filters('a-v0-ingress.tc.json'), legacyPrefsKnown: true, tcx: [] },
            { direction: 'egress', legacy: [], legacyPrefsKnown: true, tcx: [] },
          ] },
        ],
      }],
    },
    evidence: [
      ev(['ip', '-j', '-d', 'link', 'show'], rec('ipv6/link.ip.json')),
      ev(['tc', '-j', '-force', '-batch', '-'], rec('ipv6/u32-v0-batch.tc.json')),
      ev(['tc', '-j', 'filter', 'show', 'dev', 'v0', 'ingress'], rec('ipv6/u32-v0-ingress.tc.json')),
      ev(['tc', 'filter', 'show', 'dev', 'v0', 'egress'], rec('ipv6/u32-v0-egress.tc.txt')),
      ev(['ip', '-d', 'link', 'show', 'dev', 'vx6'], rec('ipv6/link-vx6.ip.txt')),
      ev(['ip', 'addr', 'show'], rec('ipv6/addr.ip.txt')),
      ev(['ip', '-j', 'addr', 'show'], rec('ipv6/addr.ip.json')),
      ev(['nsenter', '--net=/var/run/netns/tcat-x', 'ping', '-6', '-c1', '2001:db8::5'], '', 'ping: connect to fd00:abcd::7 (::ffff:192.0.2.77): Network unreachable\n'),
    ],
    notes: [
      { kind: 'command-failed', netns: 'tcat-x', device: 'vx6', message: 'remote 2001:db8:ffff::2 via fe80::1%v0 did not answer at 12:00:01' },
      { kind: 'vanished-device', netns: 'tcat-x', device: 'v9', message: 'device disappeared during the audit (Cannot find device "v9")' },
    ],
  };
}

describe('redactBundle', () => {
  const plain = sampleBundle();
  const red = redactBundle(sampleBundle());
  const bytes = JSON.stringify(red);
  const plainBytes = JSON.stringify(plain);

  it('writes a valid bundle marked redacted', () => {
    expect(Bundle.parse(red).redacted).toBe(true);
  });

  it('leaves no address of the setup in any spelling, and no u32 word of one', () => {
    for (const a of [...SETUP_V6, ...SETUP_V4, ...MACS]) {
      for (const form of addressForms(a)) expect(bytes.toLowerCase(), `${a} as ${form}`).not.toContain(form);
    }
    expect(u32Leaks(bytes, U32_WORDS)).toEqual([]);
    // The check can see them: the same bundle before redaction has them.
    for (const a of ['2001:db8:ffff::2', 'fd00:abcd::7', '::ffff:192.0.2.77', ...MACS]) expect(plainBytes).toContain(a);
    expect(u32Leaks(plainBytes, U32_WORDS)).not.toEqual([]);
  });

  it('keeps u32 handles, class ids, names and times', () => {
    const shape = (b: Bundle) => b.snapshot.netns[0]!.devices.map((d) => d.hooks.map((h) => h.legacy?.map((f) =>
      [f.pref, f.protocol, f.kind, f.handle, f.classid, f.flags, f.actions.map((a) => [a.kind, a.control])])));
    expect(shape(red)).toEqual(shape(plain));
    expect(shape(red).flat(2)).toContainEqual([10, 'ipv6', 'u32', '800::800', '1:1', ['not_in_hw'], [['mirred', 'pipe']]]);
    expect(bytes).toContain('fh 1::5 order 5 key ht 1 bkt 0 *flowid 1:5 not_in_hw');
    expect(red.evidence[2]!.stdout).toContain('"fh":"800::800"');
    expect(bytes).toContain('did not answer at 12:00:01');
    expect(red.snapshot.netns[0]!.devices[0]!.hooks[0]!.legacy![0]!.actions.at(-1)!.detail).toBe(`egress mirror to ${ipv6Token('2001:db8::1')}`);
  });

  it('hides a bridge\'s MAC in its bridge and root ids, which ip prints without leading zeros', () => {
    // As `ip -j -d link show` printed a bridge br0 (address 02:de:ad:be:ef:01) and its port p0.
    const link = '[{"ifname":"br0","address":"02:de:ad:be:ef:01","linkinfo":{"info_kind":"bridge","info_data":{"bridge_id":"8000.2:de:ad:be:ef:1","root_id":"8000.2:de:ad:be:ef:1"}}},' +
      '{"ifname":"p0","linkinfo":{"info_slave_kind":"bridge","info_slave_data":{"root_id":"8000.2:de:ad:be:ef:1","bridge_id":"8000.2:de:ad:be:ef:1","designated_root":"8000.2:de:ad:be:ef:1","designated_bridge":"8000.2:de:ad:be:ef:1"}}}]';
    const b = redactBundle({ ...sampleBundle(false), evidence: [ev(['ip', '-j', '-d', 'link', 'show'], link)] });
    const out = b.evidence[0]!.stdout;
    expect(out).not.toMatch(/de:ad:be:ef/);
    expect(out).toContain(`"bridge_id":"${redactToken('8000.2:de:ad:be:ef:1')}"`);
  });

  it('gives one address one token everywhere: JSON keys, text, stderr, notes', () => {
    const t = ipv6Token('2001:db8:ffff::2');
    const where = [red.evidence[0]!.stdout, red.evidence[4]!.stdout, red.notes[0]!.message, red.snapshot.netns[0]!.devices[0]!.hooks[0]!.legacy![0]!.tcName ?? ''];
    for (const w of where) expect(w).toContain(t);
    expect(redactBundle(sampleBundle())).toEqual(red); // same input, same output
  });

  it('keeps JSON evidence byte for byte apart from redacted strings (every repeated u32 "match" key)', () => {
    const count = (s: string) => s.match(/"match":/g)?.length ?? 0;
    expect(count(red.evidence[2]!.stdout)).toBe(count(plain.evidence[2]!.stdout));
    expect(count(red.evidence[2]!.stdout)).toBe(7);
    const strip = (s: string) => s.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    for (let i = 0; i < plain.evidence.length; i++) {
      if (plain.evidence[i]!.stdout.startsWith('[')) expect(strip(red.evidence[i]!.stdout)).toBe(strip(plain.evidence[i]!.stdout));
    }
  });

  describe('analysis of the redacted bundle', () => {
    let dir = '';
    beforeAll(() => {
      ensureBuilt();
      dir = mkdtempSync(join(tmpdir(), 'tcat-redact-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reaches the same verdicts, findings and recommendation, with the same handles', () => {
      const analyze = (b: Bundle, name: string) => {
        writeFileSync(join(dir, name), JSON.stringify(b));
        const r = spawnSync(process.execPath, [CLI, 'analyze', join(dir, name), '--json'], { encoding: 'utf8', timeout: 30_000 });
        const j = JSON.parse(r.stdout) as { recommendation: unknown; findings: unknown[]; nodes: unknown[] };
        return { status: r.status, recommendation: j.recommendation, findings: j.findings, nodes: j.nodes };
      };
      // Addresses only where tools print them (evidence, notes): the snapshot's strings are the same.
      const a = analyze(sampleBundle(false), 'plain.json');
      const b = analyze(redactBundle(sampleBundle(false)), 'red.json');
      expect(a.findings.length).toBeGreaterThan(0);
      expect(JSON.stringify(a.nodes)).toContain('"handle":"800::800"');
      expect(b).toEqual(a);
    });
  });
});

describe('redactToken keys', () => {
  it('plain SHA-256 without a key, HMAC-SHA256 inside withRedactionKey, plain again after', () => {
    const sha = `redacted-${createHash('sha256').update('192.0.2.9').digest('hex').slice(0, 12)}`;
    const key = Buffer.from('0123456789abcdef0123456789abcdef');
    const hmac = `redacted-${createHmac('sha256', key).update('192.0.2.9').digest('hex').slice(0, 12)}`;
    expect(redactToken('192.0.2.9')).toBe(sha);
    expect(withRedactionKey(key, () => redactToken('192.0.2.9'))).toBe(hmac);
    expect(() => withRedactionKey(key, () => { throw new Error('x'); })).toThrow('x');
    expect(redactToken('192.0.2.9')).toBe(sha);
  });

  it('redactBundle with a key marks the bundle and uses no plain token', () => {
    const key = Buffer.alloc(32, 7);
    const keyed = redactBundle(sampleBundle(), key);
    const plain = redactBundle(sampleBundle());
    expect(keyed.redactionKeyed).toBe(true);
    expect('redactionKeyed' in plain).toBe(false);
    const tokens = (b: Bundle) => new Set(JSON.stringify(b).match(/redacted-[0-9a-f]{12}/g));
    expect(tokens(keyed).size).toBe(tokens(plain).size);
    expect([...tokens(keyed)].filter((t) => tokens(plain).has(t))).toEqual([]);
    expect(Bundle.parse(keyed)).toMatchObject({ redacted: true, redactionKeyed: true });
  });
});
