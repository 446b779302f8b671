// Everything a formatter may read. Formatters are pure functions of this.
import type { AgentSettings } from '../agent/types.js';
import type { CollectNote } from './bundle.js';
import type { Analysis, AnalyzedHook } from './analysis.js';
import type { Finding, FindingPlaces } from './findings.js';
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
  /** For each hook of `analysis`, the hook that stood for its shape (src/analyze/shapeKey.ts):
   *  the two have the same verdicts, reaches and rows apart from names and ids. A formatter
   *  may work out what depends only on the shape once per shape; absent (results made by
   *  hand, or copied), it works it out for every hook. Never part of any report. */
  representatives?: ReadonlyMap<AnalyzedHook, AnalyzedHook>;
  /** Each hook's findings, as the rules placed them (src/analyze/rules/order.ts): a formatter
   *  may look a hook's findings up here when `findingPlaces.findings` is `findings` itself;
   *  otherwise (results made by hand, or with other findings) it finds them by place.
   *  Never part of any report. */
  findingPlaces?: FindingPlaces;
}
