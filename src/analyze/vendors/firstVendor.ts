// Which vendor's name patterns match first, in knowledge-base order, with one regular
// expression per pattern set instead of one test per pattern: a large node has tens of
// thousands of filters, most of whose names (the agent's own, with a hash and an id in
// them) are new strings that no cache would have seen, and each was tested against some
// twenty patterns in turn.
//
// The combined expression is anchored at the start and tries one alternative per vendor in
// order; an alternative is the vendor's patterns as lookaheads (zero-width, so each is
// tried from the start of the name) followed by an empty group that says which vendor it
// was. The regex engine takes the first alternative that succeeds: the first
// vendor in order, as the one-by-one loop did. test/analyze/vendors/firstVendor.test.ts
// holds it to that loop.
import type { VendorEntry } from './types.js';

export type PatternSet = 'tcName' | 'progName' | 'bpftoolName';

/** A pattern as a lookahead from the start of the name. A pattern anchored with `^` (and no
 *  alternation outside a group, which test/analyze/vendors/firstVendor.test.ts checks) is tried
 *  there only; any other may match anywhere, as RegExp.test finds it. */
function lookahead(re: RegExp): string {
  const source = uncaptured(re.source);
  return source.startsWith('^') ? `(?=${source})` : `(?=[\\s\\S]*?(?:${source}))`;
}

/** The pattern with its groups made non-capturing: a match array then holds only the
 *  vendors' marks (the patterns have no backreferences; firstVendor.test.ts checks). */
function uncaptured(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') { out += c + (source[i + 1] ?? ''); i++; continue; }
    if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && source[i + 1] !== '?') { out += '(?:'; continue; }
    out += c;
  }
  return out;
}

/** `marks[i]`: the match index of the empty group that ends vendor i's alternative (numbered
 *  groups rather than named ones: a match then builds no `groups` object). The patterns'
 *  own groups are made non-capturing, so vendor i's mark is group i + 1. */
interface Combined { re: RegExp; vendors: VendorEntry[]; marks: number[] }

function combine(order: readonly VendorEntry[], set: PatternSet, protocol: string | null): Combined {
  const vendors = order.filter((v) => v[set].length > 0 && (!v.requireProtocol || v.requireProtocol === protocol));
  const marks = vendors.map((_, i) => i + 1);
  const alternatives = vendors.map((v) => `(?:${v[set].map(lookahead).join('|')})()`);
  const re = new RegExp(`^(?:${alternatives.join('|')})`);
  // A group uncaptured() left capturing (a named one) would shift every mark after it.
  if ((new RegExp(`${re.source}|`).exec('')?.length ?? 0) !== vendors.length + 1) throw new Error(`vendor patterns of ${set}: a group still captures`);
  return { re, vendors, marks };
}

export class FirstVendor {
  private readonly combined: Record<PatternSet, Map<string | null, Combined>> = { tcName: new Map(), progName: new Map(), bpftoolName: new Map() };
  /** The protocols some vendor requires: any other protocol matches like none. */
  private readonly required: ReadonlySet<string>;

  constructor(private readonly order: readonly VendorEntry[]) {
    this.required = new Set(order.flatMap((v) => (v.requireProtocol ? [v.requireProtocol] : [])));
  }

  /** What a protocol counts as in matching: itself when a vendor requires it, else null (so
   *  the ethertypes tc may print make no regex and no cache entry of their own). */
  protocolKey(protocol: string | null): string | null {
    return protocol !== null && this.required.has(protocol) ? protocol : null;
  }

  /** The first vendor in order with a pattern of `set` matching `value` (vendors that need
   *  another protocol skipped), and that pattern; null when none matches. */
  match(set: PatternSet, value: string, protocol: string | null): { vendor: VendorEntry; pattern: RegExp } | null {
    const key = this.protocolKey(protocol);
    const bySet = this.combined[set];
    let c = bySet.get(key);
    if (c === undefined) bySet.set(key, (c = combine(this.order, set, key)));
    if (c.vendors.length === 0) return null;
    const m = c.re.exec(value);
    if (m === null) return null;
    let i = 0;
    while (i < c.marks.length && m[c.marks[i]!] === undefined) i++;
    const vendor = c.vendors[i];
    if (vendor === undefined) return null;
    for (const pattern of vendor[set]) if (pattern.test(value)) return { vendor, pattern };
    return null;
  }
}
