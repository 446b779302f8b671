// `-f json`: the stable machine contract; see docs/output.md.
import type { Formatter } from './types.js';
import { toJsonReport } from './jsonModel.js';

export const formatJson: Formatter = (result, opts) =>
  `${JSON.stringify(toJsonReport(result, opts.toolVersion), null, 2)}\n`;
