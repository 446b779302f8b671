// V8 settings for the CLI process (every command), applied as the bin starts, before any of
// its work runs or gets hot (the bundle's shared code is loaded first; nothing of it runs
// yet). Imported first by src/cli/index.ts, never by the library entry src/index.ts: a
// library must not change its host's VM. Node calls changing flags after start-up
// unsupported in general; these two are read when code is optimised and at garbage
// collections, and the test suite runs every command through the bin with them.
// A run is one cold pass over tens of thousands of filters: most of it happens before
// TurboFan's code arrives, and the model it builds lives to the end. Both settings were
// measured with `npm run bench` on the whole 5,000-device `analyze` (interleaved runs,
// medians); other flags tried gained nothing (DEVELOPERS.md, "Benchmarks").
import { setFlagsFromString } from 'node:v8';

// Without inlining, optimised code is compiled sooner and thrown away less often when an
// object layout it assumed changes, which is worth more here than what inlining gains once
// warm: ~540 -> ~480 ms.
setFlagsFromString('--no-turbo-inlining');
// The parsed and analysed model (some 30 MB) outlives the young generation and V8 notices,
// but by the time it moves those allocation sites to the old generation the model is mostly
// built, and the move throws away optimised code that allocates there: ~430 -> ~405 ms.
setFlagsFromString('--no-allocation-site-pretenuring');
