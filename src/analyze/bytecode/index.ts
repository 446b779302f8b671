// Return actions from BPF bytecode: what can this program return, and so does it end the
// tc walk on its hook? Entry point for the analyser; collection commands live in collect.ts.
import type { BytecodeVerdictFn } from '../contracts.js';
import { analyzeProgram } from './program.js';
import { toVerdict } from './verdict.js';

export { progArrayArgv, parseProgArrayDump, parseXlated, tailCallMaps, xlatedArgv } from './collect.js';
export { returnCodes } from './verdict.js';
export { analyzeProgram } from './program.js';

/** null when the program's instructions were not collected; otherwise a bytecode verdict,
 *  "unknown" (with the reason in evidence) when the instructions could not be analysed. */
export const bytecodeVerdict: BytecodeVerdictFn = (prog, mode, ctx) => {
  if (prog.xlated === null) return null;
  try {
    return toVerdict(analyzeProgram(prog, ctx), mode);
  } catch (e) {
    // Nothing in the analysis should throw; if it does, say so instead of failing the audit.
    return { terminal: 'unknown', returnCodes: null, source: 'bytecode', mode,
      evidence: [`bytecode analysis failed: ${e instanceof Error ? e.message : String(e)}`], disagreement: null };
  }
};
