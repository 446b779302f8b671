// u32 prints its keys as 32-bit hex words at byte offsets from the network header, never as
// addresses: `match ip6 dst 2001:db8::1/128` is listed as four words
//   match 20010db8/ffffffff at 24 ... match 00000001/ffffffff at 36
// (JSON: "match":{"value":"20010db8","mask":"ffffffff","offmask":"","off":24}, one "match"
// key per word in the same object). Recorded: fixtures/recorded/ipv6/u32-*.
// --redact hashes the words that hold address bytes; masks, offsets and the other words
// (protocol numbers, ports) stay readable.
import { redactToken } from './redactText.js';

/** Does the key word at this offset hold address bytes, for a filter of this tc protocol? */
export function u32AddressWord(protocol: string | null, off: number, nexthdr: boolean): boolean {
  // nexthdr+N is relative to the transport header: ports, ICMP type and code.
  if (nexthdr) return false;
  // Below the network header, the Ethernet header (`ether dst` at -14, `ether src` at -8):
  // the aligned words -16..-4 all hold MAC bytes.
  if (off >= -16 && off <= -4) return true;
  const v4 = off === 12 || off === 16; // IPv4 saddr, daddr
  const v6 = off >= 8 && off <= 36; // IPv6 saddr 8..20, daddr 24..36 (ARP addresses fall in 8..24 too)
  if (protocol === 'ip') return v4;
  if (protocol === 'ipv6') return v6;
  return v4 || v6; // all, 802.1Q, arp, ...: the header may be either, hide both
}

/** One token per word value, whatever its printed width ("1" in JSON, "00000001" in text). */
export const u32WordToken = (hex: string): string => redactToken(hex.toLowerCase().padStart(8, '0'));

const FILTER_LINE = /^\s*filter\b.*?\bprotocol (\S+)/;
const KEY_LINE = /^(\s*match )([0-9a-f]{8})(?=\/[0-9a-f]{8} at (nexthdr\+)?(-?\d+))/;

/** `tc filter show` text: address words of u32 keys hashed, every other byte kept. */
export function redactU32Text(text: string): string {
  if (!text.includes('match ')) return text;
  let protocol: string | null = null;
  return text.split('\n').map((line) => {
    const f = FILTER_LINE.exec(line);
    if (f) {
      protocol = f[1] ?? null;
      return line;
    }
    const k = KEY_LINE.exec(line);
    if (!k || !u32AddressWord(protocol, Number(k[4]), k[3] !== undefined)) return line;
    return `${k[1]}${u32WordToken(k[2] ?? '')}${line.slice(k[0].length)}`;
  }).join('\n');
}
