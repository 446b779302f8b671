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

function redirectOr(shotPossible: boolean): Val {
  return shotPossible ? setOf([SHOT, REDIRECT])! : konst(REDIRECT);
}

/** r0 after helper `name` given the argument registers r1..r5 (args[0] = r1). */
export function helperReturn(name: string | null, args: readonly Val[]): { val: Val; note: string | null } {
  const flags = args[1] ?? TOP;
  switch (name) {
    case 'bpf_redirect':
      // SHOT when flags has any bit besides BPF_F_INGRESS (1).
      return { val: redirectOr(!all(flags, (f) => (BigInt.asUintN(64, f) & ~1n) === 0n)), note: name };
    case 'bpf_redirect_peer':
      return { val: redirectOr(!all(flags, (f) => f === 0n)), note: name };
    case 'bpf_redirect_neigh': {
      // SHOT when flags != 0 or 0 < plen < sizeof(params); plen is an int.
      const plen = args[2] ?? TOP;
      const plenOk = all(plen, (p) => {
        const v = BigInt.asIntN(32, p);
        return v === 0n || v < 0n || v >= REDIR_NEIGH_SIZE;
      });
      return { val: redirectOr(!(all(args[3] ?? TOP, (f) => f === 0n) && plenOk)), note: name };
    }
    default:
      // Includes bpf_clone_redirect: 0 or -errno per its documentation, but the transmit path
      // can also pass up positive NET_XMIT_*/NET_RX_* codes, so it stays unknown.
      return { val: TOP, note: null };
  }
}
