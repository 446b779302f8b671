// On-stack replacement (OSR) for the offline pipeline, set per input as it is read.
// OSR optimises a function while one long call of it is running. The offline pipeline over
// text dumps is a row of such calls, each made once (index the lines, read the capture,
// merge, analyse 10,000 hooks, order the findings, lay out the table), and on this 2-core
// machine their 14 OSR compiles contend with the garbage collector's threads for the second
// core: without OSR the 5,000-device `analyze` took ~10 ms less (25 interleaved pairs,
// median of the differences) and the one-device run the same. A bytecode walk is the one
// call that runs long enough to need it (a cold 1,000,000-instruction program: 1.2 s with
// OSR, 1.7 s without), and bundles are the only offline input that carries bytecode, so
// once one is read OSR stays on for the rest of the run. Live commands keep V8's default.
// CLI only, like ./v8Flags.ts: a library must not change its host's VM.
import { setFlagsFromString } from 'node:v8';

let bytecodeSeen = false;

/** Before the first input (format null) and after each one is parsed, with its format. */
export function osrFor(format: string | null): void {
  if (format === 'bundle') bytecodeSeen = true;
  setFlagsFromString(bytecodeSeen ? '--use-osr' : '--no-use-osr');
}
