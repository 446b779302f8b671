// Helpers whose return value decides the verdict (net/core/filter.c). Every other helper
// returns "any 64-bit value". Helpers are recognised by the name bpftool prints, because
// translated code carries a kernel address in imm, not the helper id.
import { TC_ACT } from '../attachMode.js';
import { TOP, bounds, konst, setOf, type Val } from './domain.js';

const REDIRECT = BigInt(TC_ACT.REDIRECT);
const SHOT = BigInt(TC_ACT.SHOT);
/** sizeof(struct bpf_redir_neigh): nh_family (4) + union of in6_addr/ipv4 (16). */
const REDIR_NEIGH_SIZE = 20n;

/** Do all values of v satisfy ok? (false when unknown) */
function all(v: Val, ok: (x: bigint) => boolean): boolean {
  if (v.k === 'set') return v.v.every(ok);
  const b = bounds(v);
  return b !== null && b[0] === b[1] && ok(b[0]);
}

/** Does no value of v satisfy ok? Only decidable for sets. */
function none(v: Val, ok: (x: bigint) => boolean): boolean {
  return v.k === 'set' && !v.v.some(ok);
}

/** REDIRECT when the arguments are valid, SHOT when they are not, both when unsure. */
function redirectOr(allValid: boolean, noneValid: boolean): Val {
  if (allValid) return konst(REDIRECT);
  return noneValid ? konst(SHOT) : setOf([SHOT, REDIRECT])!;
}

function byFlags(v: Val, ok: (x: bigint) => boolean): Val {
  return redirectOr(all(v, ok), none(v, ok));
}

/** r0 after helper `name` given the argument registers r1..r5 (args[0] = r1). */
export function helperReturn(name: string | null, args: readonly Val[]): { val: Val; note: string | null } {
  const flags = args[1] ?? TOP;
  switch (name) {
    case 'bpf_redirect':
      // SHOT when flags has any bit besides BPF_F_INGRESS (1).
      return { val: byFlags(flags, (f) => (BigInt.asUintN(64, f) & ~1n) === 0n), note: name };
    case 'bpf_redirect_peer':
      return { val: byFlags(flags, (f) => f === 0n), note: name };
    case 'bpf_redirect_neigh': {
      // SHOT when flags != 0 or 0 < plen < sizeof(params); plen is an int.
      const plen = args[2] ?? TOP;
      const f = args[3] ?? TOP;
      const zero = (x: bigint): boolean => x === 0n;
      const plenOk = (p: bigint): boolean => {
        const v = BigInt.asIntN(32, p);
        return v <= 0n || v >= REDIR_NEIGH_SIZE; // negative: compared as size_t, so huge
      };
      return { val: redirectOr(all(f, zero) && all(plen, plenOk), none(f, zero) || none(plen, plenOk)), note: name };
    }
    default:
      // Includes bpf_clone_redirect: 0 or -errno per its documentation, but the transmit path
      // can also pass up positive NET_XMIT_*/NET_RX_* codes, so it stays unknown.
      return { val: TOP, note: null };
  }
}
