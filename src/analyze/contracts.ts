// Signatures shared between parallel pieces of work. Implementations live in the
// files named beside each; this file only pins the shapes.
import type { AgentSettings } from '../agent/types.js';
import type { AttachMode, Verdict } from '../model/analysis.js';
import type { CollectNote } from '../model/bundle.js';
import type { NodeSnapshot, ProgArray, ProgramInfo } from '../model/snapshot.js';
import type { ParseError } from '../parse/types.js';

/** --assume vendor=VERDICT overrides, e.g. { cilium: 'unspec' } (see src/analyze/verdict.ts). */
export type Assumptions = Record<string, 'ok' | 'unspec' | 'terminal' | 'passthrough' | 'sometimes'>;

export interface AuditOptions {
  agent: AgentSettings;
  mode: 'offline' | 'live';
  assume: Assumptions;
  errors: ParseError[];
  notes: CollectNote[];
  inputs: string[];
}

/** Bytecode analysis (src/analyze/bytecode/index.ts):
 *  bytecodeVerdict(prog, mode, ctx) -> Verdict with source "bytecode", or null when the
 *  program's instructions are not available. */
export interface BytecodeContext {
  programs: ReadonlyMap<number, ProgramInfo>;
  progArrays: readonly ProgArray[];
}
export type BytecodeVerdictFn = (prog: ProgramInfo, mode: AttachMode, ctx: BytecodeContext) => Verdict | null;

/** The whole offline/live analysis: snapshot in, AuditResult out (src/analyze/audit.ts). */
export type AuditFn = (nodes: NodeSnapshot[], options: AuditOptions) => import('../model/result.js').AuditResult;
