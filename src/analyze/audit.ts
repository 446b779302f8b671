// The whole analysis: snapshot -> analysed model -> recommendation -> findings.
import { bytecodeVerdict } from './bytecode/index.js';
import { analyzeByShape, shapeTables, type ShapesFactory } from './analyze.js';
import type { AuditFn } from './contracts.js';
import { resolveAgentPriority } from './agentPriority.js';
import { runRulesByPlace } from './rules/index.js';
import type { VendorId } from './vendors/ids.js';
import { cniVersionOf } from './vendors/versions.js';
import { recommend } from '../recommend/recommend.js';

/** `shapes` decides which hooks are audited once for all (src/analyze/shapeKey.ts says what a
 *  shape is, src/analyze/shapeTable.ts finds them). */
export const auditByShape = (nodes: Parameters<AuditFn>[0], options: Parameters<AuditFn>[1], shapes: ShapesFactory = shapeTables): ReturnType<AuditFn> => {
  const vendorVersion = (id: VendorId) => cniVersionOf(id, options.agent.cniVersion);
  const { analysis, repOf } = analyzeByShape(nodes, { assume: options.assume, bytecode: bytecodeVerdict, vendorVersion }, shapes);
  const agent = resolveAgentPriority(options.agent, analysis);
  const hooks = analysis.nodes.flatMap((n) => n.hooks);
  const tcxBlind = analysis.nodes.some((n) => n.tcxVisible === false);
  const recommendation = recommend(hooks, agent, { tcxBlind });
  // Rules check one hook per shape; the recommendation above saw every hook, so the
  // blocker it names first is the first one in the input, as before.
  const { findings, places } = runRulesByPlace(analysis, { agent, mode: options.mode, recommendation }, repOf);
  return {
    mode: options.mode,
    inputs: options.inputs,
    agent,
    analysis,
    findings,
    recommendation,
    errors: options.errors,
    notes: options.notes,
    representatives: repOf,
    ...(places === null ? {} : { findingPlaces: places }),
  };
};

export const audit: AuditFn = (nodes, options) => auditByShape(nodes, options);
