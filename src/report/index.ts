// The formatter registry: one pure function per output format, checked complete by the
// compiler. Only src/cli/outputOptions.ts writes what these return.
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown/index.js';
import { formatSarif } from './sarif.js';
import { formatTable } from './table/index.js';
import { jsonChunks } from './jsonStream.js';
import type { AuditResult } from '../model/result.js';
import type { FormatOptions, Formatter, OutputFormat } from './types.js';

export const FORMATTERS = {
  table: formatTable,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
  markdown: formatMarkdown,
} as const satisfies Record<OutputFormat, Formatter>;

/** Formats that can also be written piece by piece, for reports too large to build as one
 *  string first; the pieces join to exactly what the formatter returns. */
export const STREAMING_FORMATTERS: Partial<Record<OutputFormat, (result: AuditResult, opts: FormatOptions) => Iterable<string>>> = {
  json: (result, opts) => jsonChunks(result, opts.toolVersion),
};

export * from './types.js';
export { toJsonReport, JSON_SCHEMA_VERSION, type JsonReport } from './jsonModel.js';
export { ruleCatalog, ROLLOUT_REGRESSION, ROLLOUT_CHANGE, DOCS_BASE_URL } from './rules.js';
