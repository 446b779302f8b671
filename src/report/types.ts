// The formatter contract: a pure function of the AuditResult. Formatters render what
// the analysis decided; they never pick severities, messages or recommendations.
import type { AuditResult } from '../model/result.js';

export const OUTPUT_FORMATS = ['table', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface FormatOptions {
  /** ANSI colour (table only); the CLI turns it off for files and non-TTYs. */
  color: boolean;
  /** Show every hook, not only those with findings or BPF programs. */
  verbose: boolean;
  /** tc-audit's own version, stamped into SARIF/JUnit/JSON for provenance. */
  toolVersion: string;
}

export type Formatter = (result: AuditResult, opts: FormatOptions) => string;

export const DEFAULT_FORMAT_OPTIONS: FormatOptions = { color: false, verbose: false, toolVersion: '0.0.0' };

export const isOutputFormat = (s: string): s is OutputFormat =>
  (OUTPUT_FORMATS as readonly string[]).includes(s);
