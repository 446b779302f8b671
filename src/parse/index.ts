// Offline input parsing: detect the format and dispatch. Never throws on bad input.
import { parseBpftoolNetJsonText } from './bpftoolNet.js';
import { parseBpftoolNetText } from './bpftoolNetText.js';
import { parseBundle } from './bundle.js';
import { parseCapture } from './capture.js';
import { detectFormat, withoutLeadingComments } from './detect.js';
import { parseTcJsonText } from './tcJson.js';
import { parseTcText } from './tcText.js';
import type { ParseDefaults, ParsedFile } from './types.js';

export { detectFormat } from './detect.js';
export { mergeParsed } from './merge.js';
export { withDeferred } from './deferredDevices.js';
export { parseTcJsonEntries } from './tcJson.js';
export { parseBpftoolNetJsonValue } from './bpftoolNet.js';
export { writeTcText } from './tcTextWriter.js';
export type * from './types.js';

/** Old Mac line ends: a CR on its own ends a line too (an editor shows it so), rather than
 *  leaving the whole file one line whose tokens run together. CRLF is left to the readers. */
const LONE_CR = /\r(?!\n)/g;

/** docs/capture.sh ends every line it writes: a capture that stops inside a line was cut
 *  short (a copy interrupted, a log rotated, `head -c`), and whatever came after, a whole
 *  hook perhaps, is missing. What was read is still analysed. */
function cutShort(parsed: ParsedFile, text: string): ParsedFile {
  if (text.endsWith('\n') || text.trimEnd() === '') return parsed;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) line++;
  parsed.errors.push({ file: parsed.file, line, message: 'the capture ends inside a line: it was cut short, and what came after (more filters, whole hooks) is missing; what precedes is analysed' });
  return parsed;
}

export function parseInput(text: string, file: string, defaults: ParseDefaults): ParsedFile {
  if (text.indexOf('\r') !== -1 && /\r(?!\n)/.test(text)) text = text.replace(LONE_CR, '\n');
  const d = detectFormat(text);
  if (d.format === null) {
    return { file, format: null, observations: [], nodes: [], programs: [], progArrays: [], sawBpftoolNet: false, errors: [{ file, line: null, message: d.error }] };
  }
  const ctx = { node: defaults.node, netns: null };
  try {
    switch (d.format) {
      case 'tc-text': return parseTcText(text, file, defaults);
      case 'tc-json': return parseTcJsonText(withoutLeadingComments(text), file, defaults);
      case 'bpftool-net-text': return parseBpftoolNetText(text, file, ctx);
      case 'bpftool-net-json': return parseBpftoolNetJsonText(withoutLeadingComments(text), file, ctx);
      case 'capture': return cutShort(parseCapture(text, file, defaults), text);
      case 'bundle': return parseBundle(withoutLeadingComments(text), file);
    }
  } catch (e) {
    // A parser bug must not take the whole run down; report it against the file. Nesting
    // thousands deep (no tool prints that) runs readers out of stack: say so plainly.
    const msg = e instanceof Error ? e.message : String(e);
    const message = e instanceof RangeError && /call stack/i.test(msg) ? `the ${d.format} input is nested too deeply to read` : `internal parser error: ${msg}`;
    return { file, format: d.format, observations: [], nodes: [], programs: [], progArrays: [], sawBpftoolNet: false, errors: [{ file, line: null, message }] };
  }
}
