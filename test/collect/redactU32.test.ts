import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactU32Text, u32AddressWord, u32WordToken } from '../../src/collect/redactU32.js';

const IPV6 = join(process.cwd(), 'fixtures/recorded/ipv6');
const recorded = (f: string) => readFileSync(join(IPV6, f), 'utf8');

describe('u32 key words that hold addresses', () => {
  // [protocol, offset, nexthdr+, holds address bytes]
  const cases: Array<[string | null, number, boolean, boolean]> = [
    ['ip', 12, false, true], // ip src
    ['ip', 16, false, true], // ip dst
    ['ip', 8, false, false], // ttl, protocol, checksum (`match ip protocol 6 0xff`)
    ['ip', 20, false, false], // `match ip sport|dport` (no options)
    ['ipv6', 8, false, true], // ip6 src, first word
    ['ipv6', 20, false, true],
    ['ipv6', 24, false, true], // ip6 dst
    ['ipv6', 36, false, true],
    ['ipv6', 40, false, false], // `match ip6 sport|dport`
    ['ipv6', 4, false, false], // payload length, next header, hop limit
    ['ipv6', 0, false, false], // version, class, flow label
    ['all', 16, false, true], // either header: both hidden
    ['all', 20, false, true],
    ['802.1Q', 36, false, true],
    ['arp', 24, false, true], // ARP target protocol address
    [null, 12, false, true],
    ['all', -8, false, true], // `ether src` (MAC)
    ['ip', -16, false, true], // `ether dst`
    ['all', 0, false, false],
    ['ipv6', 8, true, false], // nexthdr+8: transport header
    ['all', -20, false, false],
  ];
  it.each(cases)('%s at %i nexthdr=%s: %s', (protocol, off, nexthdr, expected) => {
    expect(u32AddressWord(protocol, off, nexthdr)).toBe(expected);
  });
});

describe('tc filter show text (recorded, iproute2 6.1)', () => {
  const ingress = recorded('u32-v0-ingress.tc.txt');
  const egress = recorded('u32-v0-egress.tc.txt');

  it('hashes the words of ip6 src/dst, ip dst and ether src, and nothing else', () => {
    const out = redactU32Text(ingress);
    expect(out).toContain(`  match ${u32WordToken('20010db8')}/ffffffff at 24\n`);
    expect(out).toContain(`  match ${u32WordToken('00000001')}/ffffffff at 36\n`);
    expect(out).toContain(`  match ${u32WordToken('abcd0012')}/ffffffff at 12\n`);
    expect(out).toContain('  match 000001bb/0000ffff at 40\n'); // dport 443 stays readable
    const lines = (s: string) => s.split('\n');
    // Every other line is untouched: handles, flowids, actions.
    lines(ingress).forEach((l, i) => {
      if (!/^\s*match [0-9a-f]{8}\/[0-9a-f]{8} at (?:8|12|16|20|24|28|32|36)$/.test(l)) expect(lines(out)[i]).toBe(l);
    });
    const e = redactU32Text(egress);
    expect(e).toContain(`  match ${u32WordToken('c0000209')}/ffffffff at 16\n`); // protocol ip: ip dst 192.0.2.9
    expect(e).toContain(`  match ${u32WordToken('aabbccdd')}/ffffffff at -8\n`); // ether src aa:bb:cc:dd:ee:0f
    expect(e).toContain(`  match ${u32WordToken('ee0f0000')}/ffff0000 at -4\n`);
    expect(e).toContain(`  match ${u32WordToken('c000024d')}/ffffffff at 20\n`); // ::ffff:192.0.2.77
    expect(e).toContain('fh 1::5 order 5 key ht 1 bkt 0 *flowid 1:5 not_in_hw');
    for (const word of ['20010db8', 'abcd0012', 'c0000209', 'aabbccdd', 'ee0f0000', 'c000024d', '0000ffff']) {
      expect(out + e).not.toContain(`match ${word}/`);
    }
  });

  it('follows the protocol of each filter line (ip: only saddr/daddr)', () => {
    const v4 = 'filter protocol ip pref 1 u32 chain 0 fh 800::800 order 2048 key ht 800 bkt 0\n';
    const v6 = 'filter parent ffff:fff2 protocol ipv6 pref 2 u32 chain 0 fh 801::800 order 2048 key ht 801 bkt 0\n';
    const text = `${v4}  match 0a000001/ffffffff at 12\n  match 00060000/00ff0000 at 8\n  match 00000050/0000ffff at 20\n`
      + `${v6}  match 00000050/0000ffff at 20\n  match 01bb0000/ffff0000 at nexthdr+0\n`;
    expect(redactU32Text(text)).toBe(
      `${v4}  match ${u32WordToken('0a000001')}/ffffffff at 12\n  match 00060000/00ff0000 at 8\n  match 00000050/0000ffff at 20\n`
      + `${v6}  match ${u32WordToken('00000050')}/0000ffff at 20\n  match 01bb0000/ffff0000 at nexthdr+0\n`);
  });

  it('leaves text without u32 keys alone', () => {
    const bpf = readFileSync(join(process.cwd(), 'fixtures/recorded/a-v0-ingress.tc.txt'), 'utf8');
    expect(redactU32Text(bpf.replace(/match [0-9a-f]{8}\/[0-9a-f]{8} at 16/, ''))).toBe(bpf.replace(/match [0-9a-f]{8}\/[0-9a-f]{8} at 16/, ''));
    expect(redactU32Text('  match IP dst 192.0.2.9/32')).toBe('  match IP dst 192.0.2.9/32'); // -p form: an address, left to the text patterns
  });

  it('property: every ip6 address word is hashed, every port word kept', () => {
    const word = fc.integer({ min: 0, max: 0xffffffff }).map((n) => n.toString(16).padStart(8, '0'));
    fc.assert(fc.property(fc.array(word, { minLength: 8, maxLength: 8 }), word, (addr, port) => {
      const keys = addr.map((w, i) => `  match ${w}/ffffffff at ${8 + 4 * i}`).join('\n');
      const text = `filter protocol ipv6 pref 3 u32 chain 0 fh 802::800 order 2048 key ht 802 bkt 0 terminal flowid not_in_hw \n${keys}\n  match ${port}/ffffffff at 40\n`;
      const out = redactU32Text(text);
      addr.forEach((w, i) => expect(out).toContain(`  match ${u32WordToken(w)}/ffffffff at ${8 + 4 * i}\n`));
      expect(out).toContain(`  match ${port}/ffffffff at 40\n`);
      expect(out).toContain('fh 802::800 order 2048');
    }), { numRuns: 200 });
  });
});
