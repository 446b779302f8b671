// `tc-audit self-test`: build a throw-away namespace with known classifiers, run the whole
// live pipeline on it, and check the verdicts and the recommendation. Whatever happens
// (failure, SIGINT, SIGTERM) the namespace and the pin are removed.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultAgentSettings } from '../agent/defaults.js';
import type { AuditResult } from '../model/result.js';
import { collectLive } from './live.js';
import { auditCollection } from './liveAudit.js';
import type { Runner } from './runner.js';
import { succeeded } from './record.js';

const OBJ = fileURLToPath(new URL('../../bpf/selftest/', import.meta.url));

export interface SelfTestOutcome {
  ok: boolean;
  failures: string[];
  result: AuditResult | null;
}

/** Known layout: pass-through at pref 1, terminal at pref 3, a tcx NEXT program ahead. */
export function checkSelfTest(result: AuditResult, ns: string): string[] {
  const f: string[] = [];
  const hook = result.analysis.nodes[0]?.hooks.find((h) => h.netns === ns && h.device === 'v0' && h.direction === 'ingress');
  if (!hook) return [`v0 ingress of ${ns} was not audited (notes: ${result.notes.map((n) => n.message).join('; ') || 'none'})`];
  const by = (pref: number) => hook.filters?.find((x) => x.filter.pref === pref);
  const expectV = (what: string, got: string | undefined, want: string) => {
    if (got !== want) f.push(`${what}: expected verdict ${want}, got ${got ?? 'nothing'}`);
  };
  expectV('pass-through filter at pref 1', by(1)?.verdict.terminal, 'never');
  expectV('terminal filter at pref 3', by(3)?.verdict.terminal, 'always');
  expectV('tcx program', hook.tcx?.[0]?.verdict.terminal, 'never');
  if (by(3)?.reaches.ipv4 !== true) f.push('terminal filter at pref 3: expected IPv4 to reach it');
  const rec = result.recommendation;
  if (rec.action !== 'set-priority' || rec.classifierPriority === null || rec.classifierPriority >= 3) {
    f.push(`recommendation: expected set-priority below 3 (the agent default 10 sits behind the terminal filter), got ${rec.action} ${rec.classifierPriority ?? ''}`);
  }
  return f;
}

export async function runSelfTest(runner: Runner, timeoutMs: number): Promise<SelfTestOutcome> {
  const tag = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const ns = `tcat-selftest-${tag}`;
  const pin = `/sys/fs/bpf/tcat-selftest-${tag}`;
  const target = { label: ns, path: `/var/run/netns/${ns}` };
  const cleanup = async (): Promise<void> => {
    rmSync(pin, { force: true });
    await runner.run({ argv: ['ip', 'netns', 'del', ns], ns: null, timeoutMs });
  };
  const onSignal = (sig: NodeJS.Signals): void => {
    void cleanup().finally(() => process.exit(sig === 'SIGINT' ? 130 : 143));
  };
  // `on`, not `once`: execa's signal-exit re-raises the signal when it finds itself the only
  // listener, which would kill us before the cleanup has run.
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const step = async (argv: string[], inNs = true): Promise<void> => {
      const r = await runner.run({ argv, ns: inNs ? target : null, timeoutMs });
      if (!succeeded(r)) throw new Error(`${argv.join(' ')}: ${r.stderr.trim() || r.spawnError || `exit ${r.exitCode}`}`);
    };
    await step(['ip', 'netns', 'add', ns], false);
    await step(['ip', 'link', 'add', 'v0', 'type', 'veth', 'peer', 'name', 'v1']);
    await step(['tc', 'qdisc', 'add', 'dev', 'v0', 'clsact']);
    await step(['tc', 'filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'all', 'pref', '3', 'bpf', 'da', 'obj', `${OBJ}st_terminal.o`, 'sec', 'tc']);
    await step(['tc', 'filter', 'add', 'dev', 'v0', 'ingress', 'protocol', 'all', 'pref', '1', 'bpf', 'da', 'obj', `${OBJ}st_passthru.o`, 'sec', 'tc']);
    await step(['bpftool', 'prog', 'load', `${OBJ}st_tcx_next.o`, pin, 'type', 'tcx/ingress'], false);
    await step(['bpftool', 'net', 'attach', 'tcx_ingress', 'pinned', pin, 'dev', 'v0']);
    rmSync(pin, { force: true }); // the attachment holds the program now
    const c = await collectLive(runner, {
      hostOnly: false, netns: [ns], netnsPaths: [], interfaces: [], timeoutMs, jobs: 2, nodeName: null, instructions: true,
    });
    const result = auditCollection(c, defaultAgentSettings(), {});
    const failures = checkSelfTest(result, ns);
    return { ok: failures.length === 0, failures, result };
  } catch (e) {
    return { ok: false, failures: [(e as Error).message], result: null };
  } finally {
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
