// Public API: the model, the analysis entry points and the formatters.
export type * from './model/snapshot.js';
export type * from './model/analysis.js';
export type * from './model/findings.js';
export type * from './model/result.js';
export * from './model/bundle.js';
