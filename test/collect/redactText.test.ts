import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ipv6Token, redactAddressesInText, redactAddressValue, redactToken } from '../../src/collect/redactText.js';

const t6 = ipv6Token;
const t4 = redactToken;

describe('IPv6 in text: every position an address is printed in', () => {
  // [where it comes from, input, expected]
  const cases: Array<[string, string, string]> = [
    ['flower dst_ip (text)', '    dst_ip 2001:db8::1', `    dst_ip ${t6('2001:db8::1')}`],
    ['flower src_ip with prefix', '  src_ip 2001:db8:abcd:12::/64', `  src_ip ${t6('2001:db8:abcd:12::')}/64`],
    ['flower src_ip with a mask', '  src_ip 2001:db8::/ffff:ffff::', `  src_ip ${t6('2001:db8::')}/${t6('ffff:ffff::')}`],
    ['flower enc_dst_ip', '  enc_dst_ip fd00::1', `  enc_dst_ip ${t6('fd00::1')}`],
    ['flower eth_type line kept', '  eth_type ipv6', '  eth_type ipv6'],
    ['ip addr inet6', '    inet6 2001:db8:1::1/64 scope global nodad', `    inet6 ${t6('2001:db8:1::1')}/64 scope global nodad`],
    ['ip addr link-local', '    inet6 fe80::b814:33ff:fe3e:d15b/64 scope link', `    inet6 ${t6('fe80::b814:33ff:fe3e:d15b')}/64 scope link`],
    ['ip -d link vxlan', 'vxlan id 42 remote 2001:db8:ffff::2 local 2001:db8:1::1 srcport 0 0',
      `vxlan id 42 remote ${t6('2001:db8:ffff::2')} local ${t6('2001:db8:1::1')} srcport 0 0`],
    ['ip route via', 'default via fe80::1 dev eth0 proto ra metric 1024', `default via ${t6('fe80::1')} dev eth0 proto ra metric 1024`],
    ['ip route nexthop', '\tnexthop via inet6 fe80::2 dev eth1 weight 1', `\tnexthop via inet6 ${t6('fe80::2')} dev eth1 weight 1`],
    ['stderr', 'Error: cannot reach 2001:db8::7: timed out', `Error: cannot reach ${t6('2001:db8::7')}: timed out`],
    ['note, end of sentence', 'peer is 2001:db8::7.', `peer is ${t6('2001:db8::7')}.`],
    ['sentence without a space after it', 'peer 2001:db8::7.Next one', `peer ${t6('2001:db8::7')}.Next one`],
    ['port the tcpdump way', '2001:db8::7.53 > ::ffff:10.0.0.1.443:', `${t6('2001:db8::7')}.53 > ${t6('::ffff:10.0.0.1')}.443:`],
    ['argv element', '2001:db8::9', t6('2001:db8::9')],
    ['bracketed with port', 'connect [2001:db8::1]:443 failed', `connect [${t6('2001:db8::1')}]:443 failed`],
    ['quoted', `addr '2001:db8::1', "2001:db8::2"`, `addr '${t6('2001:db8::1')}', "${t6('2001:db8::2')}"`],
    ['in parentheses, list', '(2001:db8::1,2001:db8::2)', `(${t6('2001:db8::1')},${t6('2001:db8::2')})`],
    ['key=value', 'src=2001:db8::3 dst=2001:db8::4', `src=${t6('2001:db8::3')} dst=${t6('2001:db8::4')}`],
    ['zone id', 'fe80::1%eth0', `${t6('fe80::1')}%eth0`],
    ['zone id and prefix', 'fe80::1%lxc12ab/64', `${t6('fe80::1')}%lxc12ab/64`],
    ['IPv4-mapped', 'from ::ffff:10.0.0.1 to ::ffff:a00:2', `from ${t6('::ffff:10.0.0.1')} to ${t6('::ffff:a00:2')}`],
    ['full form', '2001:0db8:0000:0000:0000:0000:0000:0001', t6('2001:db8::1')],
    ['upper case', 'dst_ip 2001:DB8::A', `dst_ip ${t6('2001:db8::a')}`],
    ['loopback and unspecified', 'lo ::1, any ::', `lo ${t6('::1')}, any ${t6('::')}`],
    ['trailing ::', 'prefix 2001:db8:: only', `prefix ${t6('2001:db8::')} only`],
    ['MAC-like tail inside an address', '2001:db8:aa:bb:cc:dd:ee:ff', t6('2001:db8:aa:bb:cc:dd:ee:ff')],
    // A u32-handle-shaped value is still an address where the tool says so.
    ['handle shape after dst_ip', 'dst_ip 100::1', `dst_ip ${t6('100::1')}`],
    ['handle shape after ip6 src (JSON)', '"src": "1::5"', `"src": "${t6('1::5')}"`],
    // u32 never prints leading zeros: these are not handles.
    ['leading zero', 'addr 0::1 and 05::5', `addr ${t6('::1')} and ${t6('5::5')}`],
  ];
  it.each(cases)('%s', (_where, input, expected) => {
    expect(redactAddressesInText(input)).toBe(expected);
  });
});

describe('look-alikes that must survive', () => {
  const same: Array<[string, string]> = [
    ['u32 key node handle', 'filter protocol ipv6 pref 10 u32 chain 0 fh 800::800 order 2048 key ht 800 bkt 0 *flowid 1:1 not_in_hw '],
    ['u32 handle, bare', '800::800'],
    ['u32 handle with hash and node', '800:0:1'],
    ['u32 handle of an explicit table', 'fh 1::5 order 5 key ht 1 bkt 0 *flowid 1:5'],
    ['u32 hash table and link', 'fh 800: ht divisor 1 link 1:'],
    ['u32 handle, largest ids', 'fh fff::fff'],
    ['u32 handle, no table', 'fh :5'],
    ['u32 key word', '  match 20010db8/ffffffff at 24'],
    ['flowid', 'terminal flowid ffff:1 not_in_hw'],
    ['parent', 'filter parent ffff:fff2 protocol all pref 1 bpf chain 0'],
    ['classid and hw_tc', 'filter protocol ip pref 1 flower chain 0 handle 0x2 classid ffff:28 hw_tc 4'],
    ['qdisc handle', 'qdisc clsact ffff: parent ffff:fff1'],
    ['time of day', 'loaded_at 12:00:01 uptime 1:02:03'],
    ['ISO time', 'createdAt 2026-01-01T12:00:01.123Z'],
    ['bpf program names', 'da_pass.o:[tc] id 157 tag 59f4a931744dcdc6 jited'],
    ['map references', 'r1 = map[id:12][0]+0'],
    ['netns ids', 'netns inode:4026532001'],
    ['C++ and Rust paths', 'std::vector ns::foo::bar'],
    ['PCI address', 'parentdev 0000:00:03.0'],
    ['ratios and versions', '1:2:3 v1.2.3 6.18.44-fc-v669'],
    ['a longer word', 'x2001:db8::1 2001:db8::1x'],
    ['not an address: nine groups', '1:2:3:4:5:6:7:8:9'],
  ];
  it.each(same)('%s', (_what, input) => {
    expect(redactAddressesInText(input)).toBe(input);
  });

  it('MACs and IPv4 are still redacted as before', () => {
    expect(redactAddressesInText('link/ether aa:bb:cc:dd:ee:0f brd ff:ff:ff:ff:ff:ff'))
      .toBe(`link/ether ${t4('aa:bb:cc:dd:ee:0f')} brd ${t4('ff:ff:ff:ff:ff:ff')}`);
    expect(redactAddressesInText('inet 192.0.2.5/24 scope global v0')).toBe(`inet ${t4('192.0.2.5')}/24 scope global v0`);
    expect(redactAddressesInText('bridge_id 8000.aa:bb:cc:dd:ee:0f')).toBe(`bridge_id 8000.${t4('aa:bb:cc:dd:ee:0f')}`);
  });
});

describe('tokens', () => {
  it('are stable and the same for every spelling of one address', () => {
    const forms = ['2001:db8::1', '2001:DB8::1', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8:0:0::1'];
    for (const f of forms) expect(redactAddressesInText(f)).toBe(t6('2001:db8::1'));
    // sha256 of the canonical text, like IPv4 and MACs: pinned, as fleets compare tokens across versions
    expect(t6('2001:DB8:0::1')).toBe(t4('2001:db8::1'));
    expect(t6('2001:db8::1')).toBe('redacted-5afd19e856d1');
    expect(t6('2001:db8::1')).not.toBe(t6('2001:db8::2'));
  });

  it('match between text and address-valued JSON keys, keeping zone and prefix length alike', () => {
    expect(redactAddressValue('2001:db8::1')).toBe(redactAddressesInText('2001:db8::1'));
    expect(redactAddressValue('2001:db8::/64')).toBe(redactAddressesInText('2001:db8::/64'));
    expect(redactAddressValue('fe80::1%eth0')).toBe(redactAddressesInText('fe80::1%eth0'));
    expect(redactAddressValue('10.0.0.0/8')).toBe(redactAddressesInText('10.0.0.0/8'));
    expect(redactAddressValue('10.0.0.0/8')).toBe(`${t4('10.0.0.0')}/8`);
    // Under an address key even a handle-shaped value is an address; other values are hashed whole.
    expect(redactAddressValue('1::5')).toBe(t6('1::5'));
    expect(redactAddressValue('aa:bb:cc:dd:ee:0f')).toBe(t4('aa:bb:cc:dd:ee:0f'));
    expect(redactAddressValue('something else')).toBe(t4('something else'));
  });
});

/** Text a tc/ip dump puts around addresses: u32 lines with handles, class ids, times. */
const tcWords = fc.constantFrom('filter', 'protocol', 'ipv6', 'pref', '49152', 'u32', 'chain', '0', 'fh', '800:', '800::800',
  'order', '2048', 'key', 'ht', '800', 'bkt', '*flowid', '1:1', 'ffff:fff2', 'terminal', 'flowid', 'not_in_hw', 'match',
  '20010db8/ffffffff', 'at', '24', 'link', '1:', 'classid', 'ffff:28', '12:00:01', 'handle', '0x1', 'bpf', 'da_pass.o:[tc]',
  'direct-action', 'tag', '59f4a931744dcdc6', 'scope', 'global', 'eth_type', '\n', '\t', '  ');
const tcText = fc.array(tcWords, { maxLength: 12 }).map((w) => w.join(' '));
const before = fc.constantFrom(' ', '\n', '\t', '(', '[', '"', "'", '=', ',', 'dst_ip ', 'src_ip ', 'inet6 ', 'via ', 'remote ', 'ip6 dst ');
const after = fc.constantFrom('', ' ', '\n', ')', ']', ']:443', '"', "'", ',', '.', '/64', '/128', '%eth0', '%v0/64', ': no route');
const CONTEXT = /(dst_ip|src_ip|inet6|via|remote|ip6 dst) $/;
const HANDLE_SHAPE = /^[1-9a-f][0-9a-f]{0,2}::[1-9a-f][0-9a-f]{0,2}$/i;
const standalone = (addr: string) => new RegExp(`(?<![\\w:.])${addr.replace(/\./g, '\\.')}(?![\\w:])`, 'i');

describe('properties', () => {
  it('an IPv6 address anywhere in tc-like text is gone, replaced by its token', () => {
    fc.assert(fc.property(tcText, before, fc.ipV6(), after, tcText, (pre, b, addr, a, post) => {
      // The documented exception: X::Y (X, Y < 0x1000, all reserved space) without a keyword.
      fc.pre(!HANDLE_SHAPE.test(addr) || CONTEXT.test(b));
      const out = redactAddressesInText(`${pre} ${b}${addr}${a} ${post}`);
      expect(out).toContain(t6(addr));
      expect(out).not.toMatch(standalone(addr));
    }), { numRuns: 500 });
  });

  const hex = (n: number) => n.toString(16);
  /** sprint_u32_handle (iproute2 tc/f_u32.c): "htid:", "hash", ":node", only the parts that are set. */
  const u32Handle = fc.record({ htid: fc.integer({ min: 0, max: 0xfff }), hash: fc.integer({ min: 0, max: 0xff }), node: fc.integer({ min: 0, max: 0xfff }) })
    .filter(({ htid, hash, node }) => htid + hash + node > 0)
    .map(({ htid, hash, node }) => `${htid ? `${hex(htid)}:` : ''}${hash ? hex(hash) : ''}${node ? `:${hex(node)}` : ''}`);
  const classid = fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 0xffff })).map(([a, b]) => `${hex(a)}:${hex(b)}`);

  it('u32 handles, class ids and the text around them survive byte for byte', () => {
    fc.assert(fc.property(tcText, u32Handle, u32Handle, classid, tcText, (pre, fh, link, cls, post) => {
      const text = `${pre} filter protocol all pref 1 u32 chain 0 fh ${fh} order 2048 key ht 800 bkt 0 link ${link} *flowid ${cls}\n{"fh":"${fh}","flowid":"${cls}"} ${post}`;
      expect(redactAddressesInText(text)).toBe(text);
    }), { numRuns: 500 });
  });
});
