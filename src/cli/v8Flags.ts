// V8 settings for the CLI process, applied before any of its code gets hot. Imported first
// by src/cli/index.ts, never by the library entry (a library must not change its host's VM).
//
// --no-turbo-inlining: a run is one cold pass over tens of thousands of filters, and most of
// it happens before TurboFan's code arrives. Without inlining, optimised code is compiled
// sooner and is thrown away less often when an object layout it assumed changes, which
// is worth more than what inlining gains once warm: `npm run bench` measured the whole
// 5,000-device `analyze` at ~480 ms against ~540 ms (medians, interleaved runs). Other
// flags tried gained nothing (DEVELOPERS.md, "Benchmarks").
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-turbo-inlining');
