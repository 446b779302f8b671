// The fleet entry point the CLI calls: the real audit and recommendation wired in.
import type { AgentSettings } from '../agent/types.js';
import { audit } from '../analyze/audit.js';
import type { Assumptions } from '../analyze/contracts.js';
import { recommend } from '../recommend/recommend.js';
import { analyzeFleetWith } from './analyze.js';
import type { BundleSource } from '../collect/bundleFiles.js';
import type { FleetResult } from './types.js';

export { bundleFilesIn, type BundleSource } from '../collect/bundleFiles.js';
export { renderFleet } from './render.js';
export type * from './types.js';

export interface AnalyzeFleetOptions {
  agent: AgentSettings;
  assume: Assumptions;
  /** Bundles read ahead of analysis; default 4. */
  inFlight?: number;
}

/** Bundle paths (array, or a stream such as bundleFilesIn(dir)) -> the cluster answer. */
export function analyzeFleet(files: BundleSource, options: AnalyzeFleetOptions): Promise<FleetResult> {
  return analyzeFleetWith(files, { ...options, audit, recommend });
}
