// What `tc-audit watch` is told: scope, the agent's settings, timings, and where lines go.
import type { AgentSettings } from '../agent/types.js';
import type { Assumptions } from '../analyze/contracts.js';
import type { LiveOptions } from '../collect/live.js';
import type { Runner } from '../collect/runner.js';
import type { WatchMetrics } from '../cli/watchMetrics.js';

export interface WatchOptions {
  live: LiveOptions;
  agent: AgentSettings;
  assume: Assumptions;
  tcxIntervalMs: number;
  rescanIntervalMs: number;
  /** Events arriving within this window are re-audited together. */
  debounceMs: number;
  out: (line: string) => void;
  metrics: WatchMetrics | null;
  runner?: Runner;
}
