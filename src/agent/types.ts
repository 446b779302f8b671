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
   *  (7.36.0-7.39.1: 1), or null when the version reads classifier_priority or is unknown. */
  hardCodedPriority: number | null;
  /** Every configuration value read, lowest precedence first; `used` is false for a value
   *  the agent does not take: a higher-precedence source overrides it, or the agent's
   *  version reads no such setting (ignoredBecause says which). */
  trace: Array<{ key: string; value: string; from: SettingSource; file: string | null; used: boolean; ignoredBecause: 'overridden' | 'agent-version' | null }>;
}
