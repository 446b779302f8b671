// Combine configuration layers by precedence: --agent-priority flag > environment >
// Helm container env > system-probe.yaml > Helm chart value > default.
import { defaultAgentSettings, LIBRARY_FALLBACK_PRIORITY } from './defaults.js';
import type { Layer } from './layers.js';
import type { AgentSettings, SettingSource } from './types.js';

const RANK: Record<SettingSource, number> = {
  default: 0,
  observed: 0,
  'helm-values': 1,
  'system-probe.yaml': 2,
  env: 3,
  flag: 4,
};

export interface AgentFlags {
  priority?: number;
  agentVersion?: string;
  cniVersion?: string;
}

export function resolveAgentSettings(layers: readonly Layer[], flags: AgentFlags): AgentSettings {
  const s = defaultAgentSettings();
  // Stable sort keeps the caller's order within a rank (Helm chart before Helm env).
  const ordered = [...layers].sort((a, b) => RANK[a.from] - RANK[b.from]);
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
    for (const r of layer.raw) s.trace.push({ key: r.key, value: r.value, from: layer.from, file: layer.file });
  }
  if (flags.priority !== undefined) {
    s.configuredPriority = flags.priority;
    s.source = 'flag';
    s.trace.push({ key: '--agent-priority', value: String(flags.priority), from: 'flag', file: null });
  }
  if (s.configuredPriority !== null) {
    // ebpf-manager replaces 0 with its own default (DefaultTCFilterPriority = 50).
    s.classifierPriority = s.configuredPriority === 0 ? LIBRARY_FALLBACK_PRIORITY : s.configuredPriority;
  }
  s.agentVersion = flags.agentVersion ?? null;
  s.cniVersion = flags.cniVersion ?? null;
  return s;
}
