// `collect --redact` on a namespace that carries IPv6 everywhere tools print it: addresses on
// a veth (global, ULA, IPv4-mapped, link-local), a vxlan over IPv6 (ip -j -d link prints its
// ends), free text naming an address (an interface alias), u32 ip6/ip/ether matches (tc
// prints them as hex words). None of them, in any
// spelling, may be left in the bundle's bytes; tc-audit analyze must answer as unredacted.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addressForms, u32Leaks } from '../helpers/addresses.js';
import { bundleOf, CLI, ensureBuilt } from '../helpers/cli.js';
import { describeLive } from '../helpers/live.js';
import { createVethNetns, deleteNetns, inNs } from '../helpers/netns.js';

const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 << 20 });

const U32_DST6 = '2001:db8:5ec:0:dead:beef:cafe:1';
const U32_SRC6 = '2001:db8:5ec:77::';
const U32_DST4 = '198.51.100.99';
const U32_ETHER = 'aa:bb:cc:5e:c0:0f';
const VXLAN_REMOTE = '2001:db8:5ec:ffff::2';
const ALIAS_PEER = '2001:db8:5ec:a1::1';
const V6 = ['2001:db8:5ec::10', 'fd00:5ec::11', '::ffff:198.51.100.12', VXLAN_REMOTE, ALIAS_PEER, U32_DST6, U32_SRC6];
const V4 = ['198.51.100.13', '198.51.100.12', U32_DST4];

/** The 32-bit words u32 keys hold for these addresses, the all-zero word left out. */
function words(): string[] {
  const v6 = [U32_DST6, U32_SRC6].flatMap((a) => {
    const full = addressForms(a).find((f) => f.length === 39) ?? '';
    const hex = full.replaceAll(':', '');
    return [0, 8, 16, 24].map((i) => hex.slice(i, i + 8));
  });
  const v4 = U32_DST4.split('.').map((b) => Number(b).toString(16).padStart(2, '0')).join('');
  const mac = U32_ETHER.replaceAll(':', '');
  return [...v6, v4, mac.slice(0, 8)].filter((w) => w !== '00000000');
}

const BRIDGE_MAC = '02:de:ad:be:ef:01';

describeLive('collect --redact leaves no address of an IPv6 setup in the bundle', () => {
  let ns = '';
  let dir = '';
  let plain = '';
  let red = '';
  let keyed = '';
  let keyedAgain = '';
  const macs: string[] = [];
  const linkLocal: string[] = [];
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'tcat-redact6-'));
    ns = createVethNetns('red6');
    inNs(ns, 'ip', ['addr', 'add', '198.51.100.13/24', 'dev', 'v0']);
    inNs(ns, 'ip', ['-6', 'addr', 'add', '2001:db8:5ec::10/64', 'dev', 'v0', 'nodad']);
    inNs(ns, 'ip', ['-6', 'addr', 'add', 'fd00:5ec::11/128', 'dev', 'v1', 'nodad']);
    inNs(ns, 'ip', ['-6', 'addr', 'add', '::ffff:198.51.100.12/128', 'dev', 'v1', 'nodad']);
    inNs(ns, 'ip', ['link', 'add', 'vx6', 'type', 'vxlan', 'id', '42', 'remote', VXLAN_REMOTE, 'local', '2001:db8:5ec::10', 'dstport', '4789']);
    // A bridge: ip -j -d link prints its MAC again in bridge_id/root_id, without leading zeros.
    inNs(ns, 'ip', ['link', 'add', 'br0', 'type', 'bridge']);
    inNs(ns, 'ip', ['link', 'set', 'br0', 'address', BRIDGE_MAC]);
    inNs(ns, 'ip', ['link', 'add', 'p0', 'type', 'veth', 'peer', 'name', 'p1']);
    inNs(ns, 'ip', ['link', 'set', 'p0', 'master', 'br0']);
    // Free text: ip -j -d link prints it under "ifalias", no address key.
    inNs(ns, 'ip', ['link', 'set', 'dev', 'v0', 'alias', `uplink to ${ALIAS_PEER}/64 (fh 800::800), up since 12:00:01`]);
    inNs(ns, 'tc', ['qdisc', 'add', 'dev', 'v0', 'clsact']);
    const add = (hook: string, ...args: string[]) => inNs(ns, 'tc', ['filter', 'add', 'dev', 'v0', hook, ...args]);
    add('ingress', 'protocol', 'ipv6', 'pref', '10', 'u32', 'match', 'ip6', 'dst', `${U32_DST6}/128`, 'flowid', '1:1');
    add('ingress', 'protocol', 'ipv6', 'pref', '11', 'u32', 'match', 'ip6', 'src', `${U32_SRC6}/64`, 'match', 'ip6', 'dport', '443', '0xffff',
      'action', 'mirred', 'egress', 'mirror', 'dev', 'v1');
    add('ingress', 'pref', '20', 'bpf', 'da', 'obj', join(process.cwd(), 'bpf/scenarios/datadog.o'), 'sec', 'classifier/ingress');
    add('egress', 'protocol', 'ip', 'pref', '5', 'u32', 'match', 'ip', 'dst', `${U32_DST4}/32`, 'action', 'mirred', 'egress', 'redirect', 'dev', 'v1');
    add('egress', 'protocol', 'all', 'pref', '6', 'u32', 'match', 'ether', 'src', U32_ETHER, 'flowid', '1:2');
    for (const l of JSON.parse(inNs(ns, 'ip', ['-j', 'addr', 'show'])) as Array<{ address?: string; addr_info: Array<{ local: string }> }>) {
      if (l.address && l.address !== '00:00:00:00:00:00') macs.push(l.address);
      for (const a of l.addr_info) if (a.local.startsWith('fe80:')) linkLocal.push(a.local);
    }
    const collect = (file: string, ...extra: string[]) => {
      const r = cli(['collect', '--netns', ns, '--node-name', 'r6', '-o', join(dir, file), '-q', ...extra]);
      if (r.status !== 0) throw new Error(`collect ${extra.join(' ')} failed (${r.status}): ${r.stderr}`);
      return readFileSync(join(dir, file), 'utf8');
    };
    plain = collect('plain.json');
    red = collect('red.json', '--redact');
    writeFileSync(join(dir, 'secret.key'), randomBytes(32));
    keyed = collect('keyed.json', '--redact-key-file', join(dir, 'secret.key'));
    keyedAgain = collect('keyed2.json', '--redact-key-file', join(dir, 'secret.key'));
  }, 120_000);
  afterAll(() => {
    deleteNetns(ns);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the unredacted bundle has the addresses (so the check below can see a leak)', () => {
    expect(plain).toContain(VXLAN_REMOTE);
    expect(plain).toContain('8000.2:de:ad:be:ef:1'); // br0's bridge_id, inside the ip -j evidence
    expect(plain).toContain(`uplink to ${ALIAS_PEER}/64`);
    expect(plain).toContain(macs[0]);
    expect(u32Leaks(plain, words())).not.toEqual([]);
  });

  it('no address of the setup, in any spelling, nor a u32 word of one, is in the redacted bytes', () => {
    expect(bundleOf(red).redacted).toBe(true);
    expect(linkLocal.length).toBeGreaterThan(0);
    const bytes = red.toLowerCase();
    for (const a of [...V6, ...linkLocal, ...V4, ...macs, U32_ETHER]) {
      for (const form of addressForms(a)) expect(bytes, `${a} as ${form}`).not.toContain(form);
    }
    expect(u32Leaks(red, words())).toEqual([]);
    expect(bytes).not.toContain('de:ad:be:ef'); // the bridge's MAC in its ids, unpadded
    // Around the address the alias is kept: its prefix length, a u32 handle, a time.
    expect(red).toMatch(/uplink to redacted-[0-9a-f]{12}\/64 \(fh 800::800\), up since 12:00:01/);
  });

  it('keeps u32 handles and class ids, and analyze answers as for the unredacted bundle', () => {
    const filters = (b: string) => (bundleOf(b).snapshot.netns[0]?.devices ?? [])
      .flatMap((d) => d.hooks.flatMap((h) => (h.legacy ?? []).map((f) => [d.name, h.direction, f.pref, f.kind, f.handle, f.classid])));
    expect(filters(red)).toEqual(filters(plain));
    expect(filters(red)).toContainEqual(['v0', 'ingress', 10, 'u32', '800::800', '1:1']);
    const analyze = (file: string) => {
      const r = cli(['analyze', join(dir, file), '--json']);
      const j = JSON.parse(r.stdout) as { recommendation: unknown; findings: unknown[]; nodes: unknown[] };
      return { status: r.status, recommendation: j.recommendation, findings: j.findings, nodes: j.nodes };
    };
    const a = analyze('plain.json');
    expect(a.findings.length).toBeGreaterThan(0);
    expect(analyze('red.json')).toEqual(a);
    expect(analyze('keyed.json')).toEqual(a);
  });

  // Plain tokens are SHA-256 of the address: anyone can hash candidates and compare. Keyed
  // ones are HMAC-SHA256 under a secret the bundle does not hold.
  it('--redact-key-file: no address and no plain token of one; the same key gives the same tokens', () => {
    const b = bundleOf(keyed);
    expect(b).toMatchObject({ redacted: true, redactionKeyed: true });
    const bytes = keyed.toLowerCase();
    for (const a of [...V6, ...linkLocal, ...V4, ...macs, U32_ETHER]) {
      for (const form of addressForms(a)) expect(bytes, `${a} as ${form}`).not.toContain(form);
    }
    expect(u32Leaks(keyed, words())).toEqual([]);
    const plainTokens = new Set(red.match(/redacted-[0-9a-f]{12}/g));
    const keyedTokens = new Set(keyed.match(/redacted-[0-9a-f]{12}/g));
    expect(plainTokens.size).toBeGreaterThan(5);
    expect(keyedTokens.size).toBe(plainTokens.size);
    expect([...keyedTokens].filter((t) => plainTokens.has(t))).toEqual([]);
    expect(new Set(keyedAgain.match(/redacted-[0-9a-f]{12}/g))).toEqual(keyedTokens);
  });

  it('--redact-key-file refuses a short or missing key before collecting', () => {
    writeFileSync(join(dir, 'short.key'), 'hunter2');
    const short = cli(['collect', '--netns', ns, '-q', '--redact-key-file', join(dir, 'short.key'), '-o', join(dir, 'no.json')]);
    expect(short.status).toBe(2);
    expect(short.stderr).toBe(`tc-audit: --redact-key-file ${join(dir, 'short.key')}: 7 bytes; use a secret of 16 bytes or more (head -c 32 /dev/urandom > FILE)\nRun tc-audit --help for usage.\n`);
    const missing = cli(['collect', '--netns', ns, '-q', '--redact-key-file', join(dir, 'nope.key'), '-o', join(dir, 'no.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`tc-audit: --redact-key-file ${join(dir, 'nope.key')}: cannot read (ENOENT)\nRun tc-audit --help for usage.\n`);
  });
});
