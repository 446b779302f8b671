// Which verdict a program gets, by precedence: bytecode > --assume > knowledge base > unknown.
import type { AttachMode, Verdict, VendorMatch } from '../model/analysis.js';
import type { Direction, LegacyFilter, ProgramInfo, TcAction, TcxProgram } from '../model/snapshot.js';
import { actionChainOutcome, runsBpfAction } from './actions.js';
import { terminalFor } from './attachMode.js';
import { applicability } from './evaluate.js';
import type { Assumptions, BytecodeContext, BytecodeVerdictFn } from './contracts.js';
import { VENDORS } from './vendors/index.js';
import type { VendorId } from './vendors/ids.js';
import type { KnownVerdict } from './vendors/types.js';
import { inRange } from './vendors/versions.js';
import { unconfirmedNote } from './vendors/unconfirmed.js';

export interface VerdictContext extends BytecodeContext {
  assume: Assumptions;
  bytecode: BytecodeVerdictFn | null;
  /** The vendor's version when the operator named it (--cni-version), else null. */
  vendorVersion?: (id: VendorId) => string | null;
}

/** --assume: `ok` and `unspec` state what the program returns (TC_ACT_OK, TC_ACT_UNSPEC), as
 *  the checklist asks it, and the attach mode reads it like any return value (a classic
 *  cls_bpf program returning UNSPEC matches; netkit hands PASS on); `terminal`,
 *  `passthrough` and `sometimes` state the effect itself, whatever the mode. The codes of an
 *  effect are given only where the mode reads them that way (direct-action, tcx). */
const ASSUMED: Record<Assumptions[string], { codes: number[] | null; terminal: Verdict['terminal']; returns: boolean }> = {
  ok: { codes: [0], terminal: 'always', returns: true },
  unspec: { codes: [-1], terminal: 'never', returns: true },
  terminal: { codes: [0], terminal: 'always', returns: false },
  passthrough: { codes: [-1], terminal: 'never', returns: false },
  sometimes: { codes: null, terminal: 'sometimes', returns: false },
};

const verdict = (v: Omit<Verdict, 'disagreement'> & { disagreement?: string | null }): Verdict => ({
  disagreement: null,
  ...v,
});

/** A stated verdict (knowledge base, --assume) is written as tc and tcx read return values;
 *  netkit reads PASS as "hand on the packet", so there the values decide. */
const readAs = (mode: AttachMode | null, codes: readonly number[] | null, terminal: Verdict['terminal']): Verdict['terminal'] =>
  mode === 'netkit' && codes !== null ? terminalFor(codes, 'netkit') : terminal;

export function filterMode(f: LegacyFilter): AttachMode | null {
  if (f.kind !== 'bpf') return 'not-bpf';
  return f.directAction === null ? null : f.directAction ? 'direct-action' : 'classic';
}

/** A knowledge-base verdict holds for a version range. With the vendor's version known
 *  (--cni-version) the range decides; unknown, the current behaviour is used and the
 *  evidence says which versions it assumes. */
function fromKnowledgeBase(kv: KnownVerdict, vendorId: VendorId, mode: AttachMode | null, version: string | null): Verdict {
  const base = `knowledge base, ${vendorId} (${kv.confidence})`;
  const fits = kv.versions === null ? true : inRange(version, kv.versions);
  if (fits === false) {
    const o = kv.otherwise;
    if (!o) {
      return verdict({ terminal: 'unknown', returnCodes: null, source: 'knowledge-base', mode, evidence: [`${base}: only versions ${kv.versions} are known; ${vendorId} ${version} is outside them`] });
    }
    return verdict({ terminal: readAs(mode, o.returnCodes, o.terminal), returnCodes: o.returnCodes, source: 'knowledge-base', mode, evidence: [`${base}: ${o.note} (${vendorId} ${version})`] });
  }
  const range = kv.versions === null ? '' : fits === true ? ` (${vendorId} ${version})` : unconfirmedNote(kv.versions);
  return verdict({ terminal: readAs(mode, kv.returnCodes, kv.terminal), returnCodes: kv.returnCodes, source: 'knowledge-base', mode, evidence: [`${base}: ${kv.note}${range}`] });
}

/** What a u32 key's flags add to its verdict, or null when the key may end the walk. */
function u32Evidence(f: LegacyFilter): { never: boolean; note: string } | null {
  const k = f.u32;
  if (f.kind !== 'u32' || k === undefined || k === null) return null;
  if (k.link !== null) {
    return { never: false, note: `u32 key with link ${k.link} (a match descends into that hash table, whose keys decide)` };
  }
  if (k.terminal === false) {
    return { never: true, note: 'u32 key without the terminal flag: a match moves on to the next key (cls_u32.c u32_classify)' };
  }
  if (k.terminal === true) return { never: false, note: 'u32 key with the terminal flag (a class or an action): a match runs its actions' };
  return { never: false, note: 'u32 key whose terminal flag the input does not show (tc -j never prints it; tc text shows it only with the iproute2 version known, e.g. from a capture\'s `# tc utility` line)' };
}

/** Non-bpf classifiers: a match runs the action chain; only matchall matches everything.
 *  A u32 key ends the walk only with the terminal flag (net/sched/cls_u32.c u32_classify):
 *  without it (and without a link) a match moves on to the next key, and when no key
 *  classifies the classifier returns -1, so the walk goes on to the next filter. */
function nonBpfVerdict(f: LegacyFilter, assumed?: Assumptions[string]): Verdict {
  const u32 = u32Evidence(f);
  if (u32?.never) {
    return verdict({ terminal: 'never', returnCodes: null, source: 'none', mode: 'not-bpf', evidence: [u32.note] });
  }
  // An act_bpf program's return is the action's verdict; --assume states it (ok: TC_ACT_OK;
  // unspec: TC_ACT_UNSPEC, so its printed default-action applies).
  const bpfAssumed = assumed !== undefined && runsBpfAction(f.actions);
  const actions = bpfAssumed ? f.actions.map((a) => (a.kind === 'bpf' ? asAssumed(a, assumed) : a)) : f.actions;
  const outcome = actionChainOutcome(actions);
  const every = u32MatchesEvery(f);
  const always = f.kind === 'matchall' || (every !== null && ipOnly(f.protocol));
  const terminal =
    outcome === 'continues' ? 'never' : outcome === 'ends' ? (always ? 'always' : 'sometimes') : outcome === 'sometimes' ? 'sometimes' : 'unknown';
  const matches = f.kind === 'matchall' ? '; matchall matches every packet' : every ?? '; whether a packet matches depends on its keys';
  const effect = outcome === 'ends' ? 'ends the walk' : outcome === 'continues' ? 'continues the walk'
    : outcome === 'sometimes' ? `ends the walk for some packets and continues it for others (${bpfAssumed ? 'the act_bpf program as assumed' : 'a police rate or a gact random action'})`
    : runsBpfAction(f.actions) ? 'runs an eBPF program as an action (act_bpf), whose return code decides: TC_ACT_OK ends the walk, and the printed default-action applies only when it returns TC_ACT_UNSPEC'
    : `has an effect tc-audit cannot follow (${outcome})`;
  return verdict({
    terminal,
    returnCodes: null,
    source: bpfAssumed ? 'assumed' : 'none',
    mode: 'not-bpf',
    evidence: [
      `${f.kind} filter: a match ${effect}${matches}`,
      ...(u32 ? [u32.note] : []),
      ...(bpfAssumed ? [`its act_bpf program's return as stated: --assume ${assumed}`] : []),
    ],
  });
}

/** act_bpf as --assume says its program returns: OK, UNSPEC (its default-action applies), or
 *  either (sometimes): then a two-way action, as police's exceed/conform pair is read. */
function asAssumed(a: TcAction, assumed: Assumptions[string]): TcAction {
  if (assumed === 'sometimes') return { order: a.order, kind: 'police', control: `ok/${a.control ?? 'unknown'}`, detail: null };
  const control = assumed === 'ok' || assumed === 'terminal' ? 'ok' : a.control;
  return { order: a.order, kind: 'gact', control, detail: null };
}

/** Does a protocol select IPv4 only or IPv6 only (every frame it lets in an IP packet)? */
const ipOnly = (protocol: string | null): boolean =>
  applicability(protocol, 'other') === 'none' && (applicability(protocol, 'ipv4') === 'full' || applicability(protocol, 'ipv6') === 'full');

/** For a terminal u32 key without a link that matches every IP packet (src/parse/u32Words.ts),
 *  what its evidence says of matching; null otherwise. Its words need at most 20 bytes of
 *  network header, which every IP packet has and a non-IP frame may not. */
function u32MatchesEvery(f: LegacyFilter): string | null {
  const k = f.u32;
  if (f.kind !== 'u32' || k == null || k.terminal !== true || k.link !== null || k.matchesEvery !== true) return null;
  const what = '; the key matches every IPv4 and IPv6 packet (its match words all have mask 0, and its table is the classifier\'s only one)';
  if (ipOnly(f.protocol)) return what;
  if (f.protocol === null) return `${what}; its protocol is not shown, and a non-IP frame matches only when long enough`;
  return `${what}, but protocol ${f.protocol} also lets in non-IP frames, which match only when long enough`;
}

function fromBytecode(prog: ProgramInfo, f: LegacyFilter, mode: AttachMode | null, ctx: VerdictContext): Verdict | null {
  if (!ctx.bytecode) return null;
  const v = ctx.bytecode(prog, mode ?? 'direct-action', ctx);
  if (!v) return null;
  if (mode === 'classic') {
    // A classic match runs the action chain; the bytecode analysis cannot know it.
    const o = actionChainOutcome(f.actions);
    return { ...v, terminal: terminalFor(v.returnCodes, 'classic', o === 'ends' ? true : o === 'continues' ? false : null) };
  }
  if (mode === null) {
    const da = terminalFor(v.returnCodes, 'direct-action');
    const cl = terminalFor(v.returnCodes, 'classic', true);
    return { ...v, mode: null, terminal: da === cl ? da : 'unknown', evidence: [...v.evidence, 'attach mode unknown (no direct-action flag in the input)'] };
  }
  return v;
}

function compareWithKb(v: Verdict, kv: KnownVerdict | null, vendorId: string): Verdict {
  if (!kv || v.source !== 'bytecode' || kv.terminal === v.terminal) return v;
  return { ...v, disagreement: `knowledge base expects ${vendorId} to be "${kv.terminal}" (${kv.note}); the bytecode says "${v.terminal}"` };
}

export function resolveFilterVerdict(f: LegacyFilter, vendor: VendorMatch, ctx: VerdictContext): Verdict {
  const mode = filterMode(f);
  // Every classifier skips a skip_sw filter in software (cls_bpf, u32_classify's key loop,
  // mall_classify, fl_classify): the walk goes on past it.
  if (f.flags.includes('skip_sw')) {
    return verdict({ terminal: 'never', returnCodes: null, source: 'none', mode, evidence: ['skip_sw: runs only in hardware; in software it counts as UNSPEC'] });
  }
  if (mode === 'not-bpf') return nonBpfVerdict(f, ctx.assume[vendor.id]);
  const kv = VENDORS[vendor.id].legacy;
  const prog = f.program?.id != null ? ctx.programs.get(f.program.id) : undefined;
  const bc = prog ? fromBytecode(prog, f, mode, ctx) : null;
  if (bc) return compareWithKb(bc, kv, vendor.id);
  const v = fromAssumptionOrKb(vendor, mode, kv, ctx);
  // The knowledge base and --assume ok|unspec state return values, which classic cls_bpf
  // reads its own way: any value but 0 is a match that runs the filter's actions (an effect
  // stated with --assume terminal|passthrough|sometimes stands as given; its codes are null).
  if (mode !== 'classic' || v.returnCodes === null) return v;
  const o = actionChainOutcome(f.actions);
  return { ...v, terminal: terminalFor(v.returnCodes, 'classic', o === 'ends' ? true : o === 'continues' ? false : null) };
}

export function resolveTcxVerdict(p: TcxProgram, vendor: VendorMatch, ctx: VerdictContext, direction: Direction | null = null): Verdict {
  const mode: AttachMode = p.attach === 'tcx' ? 'tcx' : 'netkit';
  const kv = VENDORS[vendor.id].tcx;
  const prog = p.program.id != null ? ctx.programs.get(p.program.id) : undefined;
  const bc = prog && ctx.bytecode ? ctx.bytecode(prog, mode, ctx) : null;
  const kvm = kv !== null ? { ...kv, terminal: readAs(mode, kv.returnCodes, kv.terminal) } : kv;
  const v = bc ? compareWithKb(bc, kvm, vendor.id) : fromAssumptionOrKb(vendor, mode, kv, ctx);
  if (mode !== 'netkit' || direction !== 'egress') return v;
  // drivers/net/netkit.c netkit_xmit: the primary's programs run as it transmits, after its
  // egress tc hook; what they drop or redirect never reaches the peer (the pod side), whose
  // hooks bpftool does not tie to this device.
  return { ...v, terminal: 'never', evidence: [...v.evidence, 'netkit/primary: runs as the device transmits, after this hook\'s tc filters, so it ends nothing they see; what it drops or redirects never reaches the peer device (the pod side)'] };
}

function fromAssumptionOrKb(vendor: VendorMatch, mode: AttachMode | null, kv: KnownVerdict | null, ctx: VerdictContext): Verdict {
  const assumed = ctx.assume[vendor.id];
  if (assumed) {
    const a = ASSUMED[assumed];
    const evidence = [`--assume ${vendor.id}=${assumed}`];
    if (a.returns) return verdict({ terminal: readAs(mode, a.codes, a.terminal), returnCodes: a.codes, source: 'assumed', mode, evidence });
    const codes = mode === 'direct-action' || mode === 'tcx' ? a.codes : null;
    return verdict({ terminal: a.terminal, returnCodes: codes, source: 'assumed', mode, evidence: [...evidence, `the effect as stated (${a.terminal === 'always' ? 'ends the walk' : a.terminal === 'never' ? 'never ends it' : 'ends it for some packets'})`] });
  }
  if (kv) return fromKnowledgeBase(kv, vendor.id, mode, ctx.vendorVersion?.(vendor.id) ?? null);
  return verdict({ terminal: 'unknown', returnCodes: null, source: 'none', mode, evidence: ['no bytecode, no assumption and no knowledge-base verdict'] });
}

