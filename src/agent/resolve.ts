// Combine configuration layers by the agent's precedence (layers.ts RANK): a file's
// runtime_security_config key > the environment > a file's event_monitoring_config key >
// the default; --agent-priority overrides the priority. (An agent version that hard-codes its
// pref, versionEra.ts, is applied once the agent's filters are seen: src/analyze/
// agentPriority.ts.) Within a rank, later layers win
// (the caller passes them in the order the agent would meet them).
import { defaultAgentSettings, LIBRARY_FALLBACK_PRIORITY } from './defaults.js';
import { RANK, type Layer, type NetworkValues } from './layers.js';
import type { AgentSettings } from './types.js';
import { hardCodedPriority } from './versionEra.js';

export interface AgentFlags {
  priority?: number;
  agentVersion?: string;
  cniVersion?: string;
}

export function resolveAgentSettings(layers: readonly Layer[], flags: AgentFlags): AgentSettings {
  const s = defaultAgentSettings();
  // Stable sort keeps the caller's order within a rank (Helm chart before Helm env).
  const ordered = [...layers].sort((a, b) => a.rank - b.rank);
  // Per setting, the raw entry whose value the agent ends up with. Environment layers are
  // one environment (Helm's container env, tc-audit's own, --agent-env: a later source sets
  // a name again): in it, DD_EVENT_MONITORING_CONFIG_* wins over DD_RUNTIME_SECURITY_CONFIG_*
  // whichever source set each.
  type Raw = Layer['raw'][number];
  const winner = new Map<keyof NetworkValues, { layer: Layer; raw: Raw }>();
  // The environment: each name's last value (an empty one included: it unsets the name).
  const lastByName = new Map<string, { layer: Layer; raw: Raw }>();
  const flushEnv = (): void => {
    const envWinner = new Map<keyof NetworkValues, { layer: Layer; raw: Raw }>();
    for (const e of lastByName.values()) {
      if (e.raw.parsed === null) continue;
      const em = e.raw.key.startsWith('DD_EVENT_MONITORING');
      const prev = envWinner.get(e.raw.setting);
      if (!prev || (em && !prev.raw.key.startsWith('DD_EVENT_MONITORING'))) envWinner.set(e.raw.setting, e);
    }
    for (const [setting, e] of envWinner) winner.set(setting, e);
    lastByName.clear();
  };
  let inEnv = false;
  for (const layer of ordered) {
    if (inEnv && layer.rank !== RANK.env) { flushEnv(); inEnv = false; }
    for (const raw of layer.raw) {
      if (layer.rank === RANK.env) lastByName.set(raw.key, { layer, raw });
      else if (raw.parsed !== null) winner.set(raw.setting, { layer, raw });
    }
    if (layer.rank === RANK.env) inEnv = true;
  }
  flushEnv();
  for (const [setting, { layer, raw }] of winner) {
    const v = raw.parsed!;
    if (setting === 'enabled') s.networkEnabled = v as boolean;
    else if (setting === 'ingress') s.ingressEnabled = v as boolean;
    else if (setting === 'rawPacket') s.rawPacketEnabled = v as boolean;
    else if (setting === 'handle') s.classifierHandle = v as number;
    else {
      s.configuredPriority = v as number;
      s.source = layer.from;
    }
  }
  const used = new Set([...winner.values()].map((w) => w.raw));
  for (const layer of ordered) {
    for (const r of layer.raw) {
      const why = !used.has(r) || (r.setting === 'priority' && flags.priority !== undefined) ? 'overridden' : null;
      s.trace.push({ key: r.key, value: r.value, from: layer.from, file: layer.file, setting: r.setting, used: why === null, ignoredBecause: why });
    }
  }
  if (s.configuredPriority !== null) {
    // ebpf-manager replaces 0 with its own default (DefaultTCFilterPriority = 50).
    s.classifierPriority = s.configuredPriority === 0 ? LIBRARY_FALLBACK_PRIORITY : s.configuredPriority;
  }
  // An agent version that hard-codes its pref (versionEra.ts): what the configuration says
  // is what the agent reads once upgraded, so it is kept before --agent-priority.
  s.hardCodedPriority = hardCodedPriority(flags.agentVersion ?? null);
  if (s.hardCodedPriority !== null) {
    const { classifierPriority, configuredPriority, source, ingressEnabled, classifierHandle } = s;
    s.upgraded = { classifierPriority, configuredPriority, source, ingressEnabled, classifierHandle };
  }
  if (flags.priority !== undefined) {
    s.configuredPriority = flags.priority;
    s.source = 'flag';
    s.classifierPriority = flags.priority === 0 ? LIBRARY_FALLBACK_PRIORITY : flags.priority;
    s.trace.push({ key: '--agent-priority', value: String(flags.priority), from: 'flag', file: null, setting: 'priority', used: true, ignoredBecause: null });
  }
  s.agentVersion = flags.agentVersion ?? null;
  s.cniVersion = flags.cniVersion ?? null;
  return s;
}
