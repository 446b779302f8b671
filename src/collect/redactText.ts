// Address redaction in text (--redact). An address becomes `redacted-<sha256 prefix>` of
// its canonical form, the same token on every node and run; a prefix length (/64), a zone
// (%eth0) and the text around it stay as they were. docs/live.md says what is kept.
import { createHash, createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/** The secret of --redact-key-file while withRedactionKey runs, else null (plain SHA-256). */
let secret: Buffer | null = null;

export const redactToken = (s: string): string =>
  `redacted-${(secret === null ? createHash('sha256') : createHmac('sha256', secret)).update(s).digest('hex').slice(0, 12)}`;

/** Runs `fn` with tokens keyed by `key` (HMAC-SHA256): without the key nobody can hash
 *  candidates (all 2^32 IPv4 addresses) and compare, and with the same key on every node a
 *  fleet's tokens still line up. Synchronous, so no other redaction sees the key. */
export function withRedactionKey<T>(key: Buffer | null, fn: () => T): T {
  const before = secret;
  secret = key;
  try {
    return fn();
  } finally {
    secret = before;
  }
}

const MAC = /\b[0-9a-f]{2}(?::[0-9a-f]{2}){5}\b/gi;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;

/** A run of hex digits, colons and dots with two colons or more, not inside a longer
 *  word or colon/dot run (so `map[id:12]`, `8000.aa:bb:...` and `foo::bar` start no
 *  candidate), then an optional zone and prefix length. isIPv6 decides what it is. */
const IPV6_CANDIDATE = /(?<![\w:.])[0-9a-f]*:[0-9a-f.]*:[0-9a-f:.]*(?:%[\w.-]+)?(?:\/\d{1,3})?/gi;

const TRAILER = /(?:[.:]|\.\d{1,5})$/;

/** How u32 prints a key node's handle when its hash bucket is 0: `%x::%x`, table id and
 *  node id 1..0xfff without leading zeros (iproute2 tc/f_u32.c sprint_u32_handle), e.g.
 *  `800::800`, `1::5`. Its other forms (`800:`, `800:1:5`, `:5`) are not IPv6. As an address
 *  such a text is X:0:0:0:0:0:0:Y with 0 < X < 0x1000, inside 0000::/4, which IANA keeps
 *  reserved (no unicast address is assigned there): keeping it hides nothing on a network. */
const U32_HANDLE_SHAPE = /^[1-9a-f][0-9a-f]{0,2}::[1-9a-f][0-9a-f]{0,2}$/i;

/** Keywords after which tools print an address: there even a u32-handle-shaped value is one.
 *  flower (src_ip, enc_dst_ip...), u32 (ip6 src), ip addr/route/link (inet6, via, local...). */
const ADDRESS_CONTEXT = /(?:^|[^\w])(?:src_ip|dst_ip|enc_src_ip|enc_dst_ip|src|dst|inet6|via|nexthop|gateway|local6?|remote6?|group6?|peer|address)["']?\s*[\s:=]\s*["']?$/i;

/** RFC 5952 form (lower case, longest zero run compressed, embedded IPv4 as hex), so
 *  `2001:DB8:0:0::1` and `2001:db8::1` give one token. */
function canonicalIpv6(a: string): string {
  try {
    return new URL(`http://[${a}]/`).hostname.slice(1, -1);
  } catch {
    return a.toLowerCase();
  }
}

export const ipv6Token = (addr: string): string => redactToken(canonicalIpv6(addr));

/** Splits `addr%zone/len` (zone and length optional). */
function splitAddress(s: string): { addr: string; rest: string } {
  const m = /^([^%/]*)((?:%[^/]*)?(?:\/.*)?)$/.exec(s);
  return { addr: m?.[1] ?? s, rest: m?.[2] ?? '' };
}

function redactIpv6(s: string): string {
  return s.replace(IPV6_CANDIDATE, (m: string, at: number) => {
    // Part of a longer word (2001:db8::1x), unless punctuation ends the run (...::1.Next).
    if (/\w/.test(s.charAt(at + m.length)) && /[0-9a-f]$/i.test(m)) return m;
    let { addr, rest } = splitAddress(m);
    let trail = '';
    // After a bare address: sentence or list punctuation ("2001:db8::1.", "fe80::1:") or a
    // port the tcpdump way ("2001:db8::1.53").
    while (rest === '' && !isIPv6(addr)) {
      const t = TRAILER.exec(addr)?.[0];
      if (t === undefined) break;
      trail = t + trail;
      addr = addr.slice(0, -t.length);
    }
    if (!isIPv6(addr)) return m;
    if (U32_HANDLE_SHAPE.test(addr) && !ADDRESS_CONTEXT.test(s.slice(Math.max(0, at - 24), at))) return m;
    return `${ipv6Token(addr)}${rest}${trail}`;
  });
}

/** IPv6 first: a MAC-like run inside an IPv6 address (2001:db8:aa:bb:cc:dd:ee:ff) or the
 *  IPv4 of ::ffff:10.0.0.1 must not be cut out of it, leaving the rest visible. */
export function redactAddressesInText(s: string): string {
  return redactIpv6(s).replace(MAC, redactToken).replace(IPV4, redactToken);
}

/** The value of an address-valued JSON key: `addr[%zone][/len]` keeps zone and length like
 *  the text form (same token as in text); anything else is hashed whole. */
export function redactAddressValue(v: string): string {
  const { addr, rest } = splitAddress(v);
  if (/^(?:%[\w.-]+)?(?:\/\d{1,3})?$/.test(rest)) {
    if (isIPv6(addr)) return `${ipv6Token(addr)}${rest}`;
    if (isIPv4(addr)) return `${redactToken(addr)}${rest}`;
  }
  return redactToken(v);
}
