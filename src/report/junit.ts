// `-f junit`: one <testsuite> per node, one <testcase> per audited hook, one <failure>
// per error finding; warnings and info go to the testcase's <system-out> (CI UIs show
// them without failing the build). Parse errors get their own suite with <error>s.
import type { AnalyzedHook } from '../model/analysis.js';
import type { Finding } from '../model/findings.js';
import type { AuditResult } from '../model/result.js';
import type { ParseError } from '../parse/types.js';
import { hookLabel, hookLocation, locationKey } from './describe.js';
import type { Formatter } from './types.js';
import { attrs, cdata } from './xml.js';

interface Case { classname: string; name: string; findings: Finding[] }

const findingText = (f: Finding): string =>
  `${f.severity.toUpperCase()} ${f.ruleId} at ${hookLabel(f)}${f.source ? ` (${f.source.file}:${f.source.line})` : ''}: ${f.message}` +
  (f.remediation ? `\nRemediation: ${f.remediation}` : '');

const caseOf = (node: string, l: Finding | AnalyzedHook, key: string, byKey: Map<string, Case>, out: Case[]): Case => {
  let c = byKey.get(key);
  if (!c) {
    const loc = 'ruleId' in l ? l : hookLocation(l);
    const whole = loc.netns === null && loc.interface === null && loc.direction === null;
    c = whole
      ? { classname: node, name: '(whole node)', findings: [] }
      : { classname: `${node}.${loc.netns ?? '?'}`, name: `${loc.interface ?? '?'} ${loc.direction ?? '?'}`, findings: [] };
    byKey.set(key, c);
    out.push(c);
  }
  return c;
};

/** Cases per node name: every hook, plus any finding location the analysis did not list. */
const casesByNode = (r: AuditResult): Map<string, Case[]> => {
  const nodes = new Map<string, { byKey: Map<string, Case>; cases: Case[] }>();
  const slot = (name: string | null) => {
    const n = name ?? '(unknown node)';
    if (!nodes.has(n)) nodes.set(n, { byKey: new Map(), cases: [] });
    return [n, nodes.get(n)!] as const;
  };
  for (const node of r.analysis.nodes) {
    for (const h of node.hooks) { const [n, s] = slot(h.node ?? node.name); caseOf(n, h, locationKey(hookLocation(h)), s.byKey, s.cases); }
  }
  for (const f of r.findings) { const [n, s] = slot(f.node); caseOf(n, f, locationKey(f), s.byKey, s.cases).findings.push(f); }
  return new Map([...nodes].map(([k, v]) => [k, v.cases]));
};

const renderCase = (c: Case): string => {
  const errors = c.findings.filter((f) => f.severity === 'error');
  const others = c.findings.filter((f) => f.severity !== 'error');
  const body = [
    ...errors.map((f) => `      <failure${attrs({ message: f.message, type: f.ruleId })}>${cdata(findingText(f))}</failure>`),
    ...(others.length > 0 ? [`      <system-out>${cdata(others.map(findingText).join('\n'))}</system-out>`] : []),
  ];
  const open = `    <testcase${attrs({ classname: c.classname, name: c.name, time: 0 })}`;
  return body.length === 0 ? `${open}/>` : `${open}>\n${body.join('\n')}\n    </testcase>`;
};

const renderErrors = (errors: readonly ParseError[]): string => {
  const files = [...new Set(errors.map((e) => e.file))];
  const cases = files.map((file) => {
    const mine = errors.filter((e) => e.file === file);
    const els = mine.map((e) => `      <error${attrs({ message: e.message, type: 'parse-error' })}>${cdata(`${file}${e.line === null ? '' : `:${e.line}`}: ${e.message}`)}</error>`);
    return `    <testcase${attrs({ classname: 'inputs', name: file, time: 0 })}>\n${els.join('\n')}\n    </testcase>`;
  });
  return `  <testsuite${attrs({ name: 'tc-audit inputs', tests: files.length, failures: 0, errors: files.length, skipped: 0, time: 0 })}>\n${cases.join('\n')}\n  </testsuite>`;
};

export const formatJunit: Formatter = (r, opts) => {
  const suites: string[] = [];
  let tests = 0, failures = 0;
  for (const [node, cases] of casesByNode(r)) {
    const failed = cases.filter((c) => c.findings.some((f) => f.severity === 'error')).length;
    tests += cases.length; failures += failed;
    const props = `    <properties>\n      <property${attrs({ name: 'recommendation', value: r.recommendation.action })}/>\n      <property${attrs({ name: 'classifierPriority', value: String(r.recommendation.classifierPriority ?? '') })}/>\n    </properties>`;
    suites.push(`  <testsuite${attrs({ name: node, tests: cases.length, failures: failed, errors: 0, skipped: 0, time: 0 })}>\n${props}\n${cases.map(renderCase).join('\n')}\n  </testsuite>`);
  }
  const errorFiles = new Set(r.errors.map((e) => e.file)).size;
  if (r.errors.length > 0) { suites.push(renderErrors(r.errors)); tests += errorFiles; }
  const root = attrs({ name: `tc-audit ${opts.toolVersion}`, tests, failures, errors: errorFiles, time: 0 });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites${root}>\n${suites.join('\n')}\n</testsuites>\n`;
};
