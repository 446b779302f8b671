// Combine configuration layers by the agent's precedence (layers.ts RANK): a file's
// runtime_security_config key > the environment > a file's event_monitoring_config key >
// the default; --agent-priority overrides the priority. Within a rank, later layers win
// (the caller passes them in the order the agent would meet them).
import { defaultAgentSettings, LIBRARY_FALLBACK_PRIORITY } from './defaults.js';
import type { Layer, NetworkValues } from './layers.js';
import type { AgentSettings } from './types.js';

export interface AgentFlags {
  priority?: number;
  agentVersion?: string;
  cniVersion?: string;
}

export function resolveAgentSettings(layers: readonly Layer[], flags: AgentFlags): AgentSettings {
  const s = defaultAgentSettings();
  // Stable sort keeps the caller's order within a rank (Helm chart before Helm env).
  const ordered = [...layers].sort((a, b) => a.rank - b.rank);
  // The layer whose value each setting ends up with: the others are shown as ignored.
  const winner = new Map<keyof NetworkValues, Layer>();
  for (const layer of ordered) {
    const v = layer.values;
    if (v.enabled !== undefined) s.networkEnabled = v.enabled;
    if (v.ingress !== undefined) s.ingressEnabled = v.ingress;
    if (v.rawPacket !== undefined) s.rawPacketEnabled = v.rawPacket;
    if (v.handle !== undefined) s.classifierHandle = v.handle;
    if (v.priority !== undefined) {
      s.configuredPriority = v.priority;
      s.source = layer.from;
    }
    for (const r of layer.raw) winner.set(r.setting, layer);
  }
  for (const layer of ordered) {
    for (const r of layer.raw) {
      const used = winner.get(r.setting) === layer && !(r.setting === 'priority' && flags.priority !== undefined);
      s.trace.push({ key: r.key, value: r.value, from: layer.from, file: layer.file, used });
    }
  }
  if (flags.priority !== undefined) {
    s.configuredPriority = flags.priority;
    s.source = 'flag';
    s.trace.push({ key: '--agent-priority', value: String(flags.priority), from: 'flag', file: null, used: true });
  }
  if (s.configuredPriority !== null) {
    // ebpf-manager replaces 0 with its own default (DefaultTCFilterPriority = 50).
    s.classifierPriority = s.configuredPriority === 0 ? LIBRARY_FALLBACK_PRIORITY : s.configuredPriority;
  }
  s.agentVersion = flags.agentVersion ?? null;
  s.cniVersion = flags.cniVersion ?? null;
  return s;
}
