// Public API: the model, the pipeline stages and the formatters, for embedding tc-audit.
export type * from './model/snapshot.js';
export type * from './model/analysis.js';
export type * from './model/findings.js';
export type * from './model/result.js';
export type * from './agent/types.js';
export type * from './recommend/types.js';
export * from './model/bundle.js';
export { parseInput, mergeParsed, detectFormat, withDeferred } from './parse/index.js';
export { audit } from './analyze/audit.js';
export { analyzeSnapshots } from './analyze/analyze.js';
export { recommend } from './recommend/recommend.js';
export { RULES, runRules, ruleDocsUrl } from './analyze/rules/index.js';
export { VENDORS } from './analyze/vendors/index.js';
export { bytecodeVerdict } from './analyze/bytecode/index.js';
export { defaultAgentSettings } from './agent/defaults.js';
export { resolveAgentSettings } from './agent/resolve.js';
export { FORMATTERS, OUTPUT_FORMATS } from './report/index.js';
export { diffResults } from './diff/index.js';
