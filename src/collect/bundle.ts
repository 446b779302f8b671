// `tc-audit collect`: the live collection as a Bundle (src/model/bundle.ts), plus the
// summary printed before it is written.
import { readFileSync } from 'node:fs';
import { BUNDLE_VERSION, Bundle } from '../model/bundle.js';
import { shareInstructions } from '../model/bundleInstructions.js';
import type { LiveCollection } from './live.js';
import { redactBundle } from './redact.js';

export function toolVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** `redactKey`: --redact-key-file's secret (implies redaction). */
export function makeBundle(c: LiveCollection, opts: { redact: boolean; redactKey?: Buffer | null; now?: Date }): Bundle {
  const b: Bundle = {
    bundleVersion: BUNDLE_VERSION,
    node: { name: c.snapshot.name ?? 'unknown' },
    createdAt: (opts.now ?? new Date()).toISOString(),
    tool: { name: 'tc-audit', version: toolVersion() },
    redacted: false,
    snapshot: c.snapshot,
    evidence: c.evidence,
    notes: c.notes,
  };
  // Validate what we write with the same schema the reader uses: a drift fails here.
  const key = opts.redactKey ?? null;
  return Bundle.parse(opts.redact || key !== null ? redactBundle(b, key) : b);
}

/** The bundle as written: JSON, one line, each program's instructions once
 *  (src/model/bundleInstructions.ts). */
export function bundleText(b: Bundle): string {
  return `${JSON.stringify({ ...b, snapshot: { ...b.snapshot, programs: shareInstructions(b.snapshot.programs) } })}\n`;
}

export function bundleSummary(b: Bundle): string {
  const devices = b.snapshot.netns.flatMap((n) => n.devices);
  const hooks = devices.flatMap((d) => d.hooks);
  const legacy = hooks.reduce((s, h) => s + (h.legacy?.length ?? 0), 0);
  const tcx = hooks.reduce((s, h) => s + (h.tcx?.length ?? 0), 0);
  const v = b.snapshot.versions;
  const lines = [
    `tc-audit bundle for node ${b.node.name}${b.redacted ? (b.redactionKeyed ? ' (redacted, keyed)' : ' (redacted)') : ''}:`,
    `  ${b.snapshot.netns.length} network namespaces, ${devices.length} devices, ${legacy} legacy filters, ${tcx} tcx/netkit programs`,
    `  ${b.snapshot.programs.length} programs (${b.snapshot.programs.filter((p) => p.xlated).length} with instructions), ${b.snapshot.progArrays.length} prog arrays`,
    `  kernel ${v.kernel ?? '?'}, iproute2 ${v.iproute2 ?? 'missing'}, bpftool ${v.bpftool ?? 'missing'}; tcx visible: ${b.snapshot.tcxVisible ?? 'unknown'}`,
    `  ${b.evidence.length} raw command outputs kept as evidence`,
  ];
  for (const n of b.notes) lines.push(`  note [${n.kind}]${n.netns ? ` ${n.netns}` : ''}${n.device ? ` ${n.device}` : ''}: ${n.message}`);
  return lines.join('\n');
}
