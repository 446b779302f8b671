// The whole analysis: snapshot -> analysed model -> recommendation -> findings.
import { bytecodeVerdict } from './bytecode/index.js';
import { analyzeSnapshots } from './analyze.js';
import type { AuditFn } from './contracts.js';
import { resolveAgentPriority } from './agentPriority.js';
import { runRules } from './rules/index.js';
import type { VendorId } from './vendors/ids.js';
import { cniVersionOf } from './vendors/versions.js';
import { recommend } from '../recommend/recommend.js';

export const audit: AuditFn = (nodes, options) => {
  const vendorVersion = (id: VendorId) => cniVersionOf(id, options.agent.cniVersion);
  const analysis = analyzeSnapshots(nodes, { assume: options.assume, bytecode: bytecodeVerdict, vendorVersion });
  const agent = resolveAgentPriority(options.agent, analysis);
  const hooks = analysis.nodes.flatMap((n) => n.hooks);
  const tcxBlind = analysis.nodes.some((n) => n.tcxVisible === false);
  const recommendation = recommend(hooks, agent, { tcxBlind });
  const findings = runRules(analysis, { agent, mode: options.mode, recommendation });
  return {
    mode: options.mode,
    inputs: options.inputs,
    agent,
    analysis,
    findings,
    recommendation,
    errors: options.errors,
    notes: options.notes,
  };
};
