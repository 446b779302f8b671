// `-f json`: the stable machine contract; see docs/output.md.
import type { Formatter } from './types.js';
import { jsonChunks } from './jsonStream.js';

/** The whole report as one string; the CLI writes jsonChunks as they come instead. */
export const formatJson: Formatter = (result, opts) => [...jsonChunks(result, opts.toolVersion)].join('');
