// The snapshot schemas, built from a given zod. This module loads no zod itself: the
// audit path (parse a capture, analyze, report) needs no validation and should not pay for
// loading zod (~30 ms); src/model/snapshot.ts builds them with zod for whoever imports the
// schemas, src/parse/bundle.ts builds them on the first bundle it reads.
// Every field that a source may not carry is nullable: null means "the input did not say",
// never a default we made up.
import type { z as Zod } from 'zod';

export function snapshotSchemas(z: typeof Zod) {
  /** Where a fact came from in an offline input (1-based line). */
  const SourceRef = z.object({ file: z.string(), line: z.number().int().min(1) });

  /** A loaded BPF program as tc or bpftool names it. */
  const ProgramRef = z.object({
    id: z.number().int().nullable(),
    /** Kernel program name (at most 15 characters) or bpftool's full BTF name. */
    name: z.string().nullable(),
    tag: z.string().nullable(),
  });

  /** One tc action attached to a filter (gact, mirred, skbedit, bpf, ...). */
  const TcAction = z.object({
    order: z.number().int().nullable(),
    kind: z.string(),
    /** The control verdict word as tc prints it: pass, ok, drop, shot, pipe, continue,
     *  reclassify, stolen, trap, jump N, goto chain N; null when not printed. */
    control: z.string().nullable(),
    /** For `mirred`: egress/ingress + redirect/mirror when known. */
    detail: z.string().nullable(),
  });

  /** What a u32 key node does when it matches (net/sched/cls_u32.c u32_classify). */
  const U32Key = z.object({
    /** TC_U32_TERMINAL: only a matched key with it ends the walk (runs its actions, or
     *  returns its class); without it a match moves on to the next key. null: the input
     *  cannot tell (tc -j never prints it; text prints it, for a key with a class in a way
     *  that depends on the iproute2 version, see src/parse/u32.ts). */
    terminal: z.boolean().nullable(),
    /** `link HTID`: a matched key descends into that hash table; null: no link. */
    link: z.string().nullable(),
    /** true: the key matches every IPv4 and IPv6 packet its classifier sees. Its match words
     *  all have mask 0 within the first 20 bytes of the network header (a valid IPv4 header
     *  is 20 bytes or more, IPv6's 40), and its hash table is the classifier's only one, so
     *  the root the walk starts in. false: some word tests packet bits. null: the input does
     *  not show it (tc -p decodes the words or leaves them out, a paste without the table
     *  lines, a classifier with two tables). Absent in bundles written before it. */
    matchesEvery: z.boolean().nullable().optional(),
  });

  /** A legacy (cls_*) filter on a clsact hook, in kernel walk order within its hook. */
  const LegacyFilter = z.object({
    /** null: the source (bpftool net) does not carry the pref. */
    pref: z.number().int().nullable(),
    /** `all`, `ip`, `ipv6`, `802.1Q`, `arp`, ... as tc prints it; null when unknown. */
    protocol: z.string().nullable(),
    chain: z.number().int().nullable(),
    kind: z.string(),
    /** Normalised to lower-case hex ("0x1"); u32 keeps its "800::800" form. */
    handle: z.string().nullable(),
    directAction: z.boolean().nullable(),
    /** skip_sw, skip_hw, in_hw, not_in_hw, verbose, ... */
    flags: z.array(z.string()),
    /** TCA_BPF_NAME: `file.o:[sec]`, `prog:[id]` (libbpf) or whatever the loader set. */
    tcName: z.string().nullable(),
    program: ProgramRef.nullable(),
    /** flowid / classid when printed. */
    classid: z.string().nullable(),
    actions: z.array(TcAction),
    source: SourceRef.nullable(),
    /** u32 key nodes only (absent for other kinds, and in bundles written before it). */
    u32: U32Key.nullable().optional(),
  });

  /** A tcx or netkit mprog attachment as bpftool lists it (run order = list order). */
  const TcxProgram = z.object({
    attach: z.enum(['tcx', 'netkit']),
    program: ProgramRef,
    linkId: z.number().int().nullable(),
    source: SourceRef.nullable(),
  });

  const Direction = z.enum(['ingress', 'egress']);

  const Hook = z.object({
    /** null when a raw dump named neither and no --direction was given. */
    direction: Direction.nullable(),
    /** Legacy filters in walk order; null = not observed (e.g. only bpftool tcx data). */
    legacy: z.array(LegacyFilter).nullable(),
    /** true when `legacy` came from a source without prefs (bpftool net): order is the
     *  kernel dump order but prefs and protocols are unknown. */
    legacyPrefsKnown: z.boolean(),
    /** tcx programs in run order; null = the input could not show tcx (tc alone, old bpftool). */
    tcx: z.array(TcxProgram).nullable(),
    /** true: the device holds the legacy ingress qdisc, not clsact (src/collect/ingressQdisc.ts):
     *  an egress classifier lands in its ingress block. null or absent: not known (offline
     *  dumps, bundles written before it, a failed qdisc listing). */
    ingressQdisc: z.boolean().nullable().optional(),
  });

  const Device = z.object({
    /** null when a raw dump named no device and no --dev was given. */
    name: z.string().nullable(),
    ifindex: z.number().int().nullable(),
    /** Link kind from `ip -d link` (veth, netkit, ...) when known. */
    linkKind: z.string().nullable(),
    hooks: z.array(Hook),
  });

  const NetnsOwner = z.object({
    containerId: z.string().nullable(),
    pod: z.string().nullable(),
    pids: z.array(z.number().int()),
  });

  const Netns = z.object({
    /** Stable label: "host", the /var/run/netns name, "inode:4026532xxx", or "unknown". */
    id: z.string(),
    inode: z.number().int().nullable(),
    path: z.string().nullable(),
    owner: NetnsOwner.nullable(),
    devices: z.array(Device),
  });

  /** One translated instruction as `bpftool -j prog dump xlated id N opcodes` prints it. */
  const XlatedInsn = z.object({ disasm: z.string() }).passthrough();

  /** Program details from `bpftool -j prog show` plus its translated instructions. */
  const ProgramInfo = z.object({
    id: z.number().int(),
    type: z.string().nullable(),
    name: z.string().nullable(),
    tag: z.string().nullable(),
    mapIds: z.array(z.number().int()),
    xlated: z.array(XlatedInsn).nullable(),
  });

  /** A BPF_MAP_TYPE_PROG_ARRAY's contents: index -> program id (for tail calls). */
  const ProgArray = z.object({
    id: z.number().int(),
    name: z.string().nullable(),
    entries: z.array(z.object({ key: z.number().int(), progId: z.number().int() })),
  });

  const ToolVersions = z.object({
    kernel: z.string().nullable(),
    iproute2: z.string().nullable(),
    bpftool: z.string().nullable(),
  });

  const NodeSnapshot = z.object({
    name: z.string().nullable(),
    versions: ToolVersions,
    /** Could this input show tcx at all? false = known blind (kernel >= 6.6, no tcx-capable
     *  bpftool); null = cannot tell (offline dump without bpftool data). */
    tcxVisible: z.boolean().nullable(),
    netns: z.array(Netns),
    programs: z.array(ProgramInfo),
    progArrays: z.array(ProgArray),
  });

  return { SourceRef, ProgramRef, TcAction, U32Key, LegacyFilter, TcxProgram, Direction, Hook, Device, NetnsOwner, Netns, XlatedInsn, ProgramInfo, ProgArray, ToolVersions, NodeSnapshot };
}
