// Everything a formatter may read. Formatters are pure functions of this.
import type { AgentSettings } from '../agent/types.js';
import type { CollectNote } from './bundle.js';
import type { Analysis } from './analysis.js';
import type { Finding } from './findings.js';
import type { ParseError } from '../parse/types.js';
import type { Recommendation } from '../recommend/types.js';

export interface AuditResult {
  mode: 'offline' | 'live';
  /** Files (offline) or "live" scope descriptions. */
  inputs: string[];
  agent: AgentSettings;
  analysis: Analysis;
  findings: Finding[];
  recommendation: Recommendation;
  errors: ParseError[];
  notes: CollectNote[];
}
