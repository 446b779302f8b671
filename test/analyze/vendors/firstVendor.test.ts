// The combined expression must pick what testing every vendor's patterns in order picks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstVendor, type PatternSet } from '../../../src/analyze/vendors/firstVendor.js';
import { VENDORS } from '../../../src/analyze/vendors/index.js';
import type { VendorEntry } from '../../../src/analyze/vendors/types.js';

const ORDER = Object.values(VENDORS) as VendorEntry[];
const SETS: PatternSet[] = ['tcName', 'progName', 'bpftoolName'];

/** The reference: every vendor in order, every pattern in order. */
function oneByOne(set: PatternSet, value: string, protocol: string | null) {
  for (const v of ORDER) {
    if (v.requireProtocol && protocol !== v.requireProtocol) continue;
    const pattern = v[set].find((r) => r.test(value));
    if (pattern) return { vendor: v, pattern };
  }
  return null;
}

/** Alternation at depth 0 (outside groups and character classes). */
function topLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

// Names built from pieces of the patterns themselves, so matches (and near misses) are common.
const pieces = ORDER.flatMap((v) => SETS.flatMap((s) => v[s].map((r) => r.source.replace(/[\^$\\()?|[\]*+]/g, ''))));
const name = fc.array(fc.oneof(fc.constantFrom(...pieces, 'ingress', 'egress', '_', '-', '.o:[tc]', 'x'), fc.string({ maxLength: 4 })), { maxLength: 4 }).map((xs) => xs.join(''));

describe('FirstVendor', () => {
  const first = new FirstVendor(ORDER);

  it('knowledge-base patterns can be combined: no flags, no alternation outside a group, no backreferences', () => {
    for (const v of ORDER) for (const s of SETS) for (const r of v[s]) {
      expect(r.flags, `${v.id} ${s} ${r.source}`).toBe('');
      expect(topLevelAlternation(r.source), `${v.id} ${s} ${r.source}`).toBe(false);
      expect(/\\[1-9k]/.test(r.source), `${v.id} ${s} ${r.source}`).toBe(false);
    }
  });

  it.each([
    ['tcName', 'bpf_lxc.o:[from-container]', 'all', 'cilium'],
    ['tcName', 'classifier_ingress_security_b2df0600:[1000]', 'all', 'datadog'],
    ['tcName', 'to_hep.o:[calico_to_host_ep]', 'all', 'calico'],
    ['tcName', 'eth0-ingress', 'ip', 'kubeskoop'],
    ['tcName', 'eth0-ingress', 'all', null],
    ['progName', 'cil_to_containe', 'all', 'cilium'],
    ['bpftoolName', 'cil_tcx_prog', null, 'cilium'],
    ['tcName', 'xx_ipv6_hp', 'all', 'azure-ipv6-hp'],
  ] as const)('%s %s (protocol %s) -> %s', (set, value, protocol, want) => {
    const m = first.match(set, value, protocol);
    expect(m?.vendor.id ?? null).toBe(want);
    expect(m).toEqual(oneByOne(set, value, protocol));
  });

  it('picks the vendor and pattern that testing one by one picks', () => {
    fc.assert(fc.property(fc.constantFrom(...SETS), name, fc.constantFrom('all', 'ip', 'ipv6', null), (set, value, protocol) => {
      expect(first.match(set, value, protocol)).toEqual(oneByOne(set, value, protocol));
    }), { numRuns: 5000 });
  });
});
