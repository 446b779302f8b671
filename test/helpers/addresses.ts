// Every spelling of an address a redacted bundle must not contain, and the u32 key words
// (tc prints ip/ip6/ether matches as 32-bit hex words) that would give one away.
import { isIPv6 } from 'node:net';

function explode(a: string): string[] {
  // The 8 groups of an IPv6 address, embedded IPv4 turned into two groups.
  let s = a.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    const [b0, b1, b2, b3] = v4.slice(1).map(Number) as [number, number, number, number];
    s = s.slice(0, v4.index) + `${((b0 << 8) | b1).toString(16)}:${((b2 << 8) | b3).toString(16)}`;
  }
  const [head = '', tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}

/** Lower-case spellings: as given, RFC 5952, full (0db8), expanded without leading zeros,
 *  and for IPv4-mapped addresses the IPv4 itself. */
export function addressForms(a: string): string[] {
  if (!isIPv6(a)) return [a.toLowerCase()];
  const g = explode(a);
  const forms = new Set([
    a.toLowerCase(),
    new URL(`http://[${a}]/`).hostname.slice(1, -1),
    g.map((x) => x.padStart(4, '0')).join(':'),
    g.join(':'),
  ]);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a)?.[1];
  if (mapped) forms.add(mapped);
  return [...forms];
}

/** u32 key words (8 hex digits) still readable in tc text (`match W/`) or tc JSON (`"value":"w"`). */
export function u32Leaks(text: string, words: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const w of words) {
    if (text.includes(`match ${w}/`)) leaks.push(`text ${w}`);
    if (text.includes(`"value":"${w.replace(/^0+(?=.)/, '')}"`) || text.includes(`\\"value\\":\\"${w.replace(/^0+(?=.)/, '')}\\"`)) leaks.push(`json ${w}`);
  }
  return leaks;
}
