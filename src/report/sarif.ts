// `-f sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Validated
// against the official schema in test/report/sarif.test.ts.
import type { Finding, Severity } from '../model/findings.js';
import type { SourceRef } from '../model/snapshot.js';
import type { ParseError } from '../parse/types.js';
import { hookLabel } from './describe.js';
import { ruleCatalog } from './rules.js';
import type { Formatter } from './types.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF has no "info" level; "note" is its lowest reported level. */
export const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const satisfies Record<Severity, string>;

/** A dump path as a URI reference: each segment percent-encoded so '#', '?', ' ' survive. */
export const pathToUri = (file: string): string => file.split('/').map(encodeURIComponent).join('/');

const physical = (file: string, line: number | null) => ({
  physicalLocation: {
    artifactLocation: { uri: pathToUri(file) },
    ...(line === null ? {} : { region: { startLine: line } }),
  },
});

const logical = (f: Finding) => ({
  logicalLocations: [{ name: f.interface ?? f.node ?? 'node', fullyQualifiedName: hookLabel(f), kind: 'resource' }],
});

const locations = (f: Finding) => {
  const src: SourceRef | null = f.source;
  return [{ ...(src ? physical(src.file, src.line) : {}), ...logical(f) }];
};

const notification = (e: ParseError) => ({
  level: 'error',
  message: { text: e.message },
  locations: [physical(e.file, e.line)],
});

export const formatSarif: Formatter = (r, opts) => {
  const rules = ruleCatalog();
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const results = r.findings.map((f) => ({
    ruleId: f.ruleId,
    ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
    level: SARIF_LEVEL[f.severity],
    message: { text: f.remediation ? `${f.message}\nRemediation: ${f.remediation}` : f.message },
    locations: locations(f),
  }));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: { driver: {
        name: 'tc-audit',
        version: opts.toolVersion,
        rules: rules.map((rule) => ({
          id: rule.id, name: rule.id, shortDescription: { text: rule.title }, helpUri: rule.helpUri,
          defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
        })),
      } },
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: r.errors.map(notification) }],
      results,
      properties: {
        mode: r.mode,
        recommendation: { action: r.recommendation.action, classifierPriority: r.recommendation.classifierPriority },
      },
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
