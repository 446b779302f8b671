// The Datadog agent's network-detection settings as tc-audit understands them, with
// where each value came from so the report can say "priority 10 (default)".
export type SettingSource =
  | 'default'
  | 'flag'
  | 'system-probe.yaml'
  | 'helm-values'
  | 'env'
  | 'observed'
  /** An agent version that hard-codes the priority (src/agent/versionEra.ts). */
  | 'agent-version';

export interface AgentSettings {
  /** The priority the recommendation reasons about. */
  classifierPriority: number;
  source: SettingSource;
  /** As configured (before the 0 -> 50 library fallback), when a configuration said so. */
  configuredPriority: number | null;
  /** Prefs at which the agent's own filters were seen in the input. */
  observedPriorities: number[];
  networkEnabled: boolean;
  ingressEnabled: boolean;
  rawPacketEnabled: boolean | null;
  classifierHandle: number | null;
  agentVersion: string | null;
  cniVersion: string | null;
  /** The pref an agent of `agentVersion` attaches at whatever its configuration says
   *  (7.36.0-7.39.1: 1, src/agent/versionEra.ts); null when the version reads the setting,
   *  is not given or unreadable, or the agent's filters seen elsewhere contradict it. */
  hardCodedPriority: number | null;
  /** For such an agent: what it reads from the same configuration once upgraded (the
   *  priority, the default 10 where nothing sets it; ingress; the handle); else null. */
  upgraded: UpgradedSettings | null;
  /** Every configuration value read, lowest precedence first; `used` is false for a value
   *  the agent does not take: a higher-precedence source overrides it, or the agent's
   *  version reads no such setting (ignoredBecause says which). */
  trace: Array<{
    key: string; value: string; from: SettingSource; file: string | null;
    setting: 'enabled' | 'priority' | 'handle' | 'ingress' | 'rawPacket';
    used: boolean; ignoredBecause: 'overridden' | 'agent-version' | null;
  }>;
}

export interface UpgradedSettings {
  classifierPriority: number;
  configuredPriority: number | null;
  source: SettingSource;
  ingressEnabled: boolean;
  classifierHandle: number | null;
}
