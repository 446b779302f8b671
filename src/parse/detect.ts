// Format detection. It never guesses: a file matching none of the formats is an error that
// names them. Only the head of the file is inspected, so huge inputs cost nothing here.
import { CAPTURE_MARKER } from './capture.js';
import { MAX_LINE, splitLines, stripCommentPrefix } from './lines.js';
import { INPUT_FORMATS, type InputFormat } from './types.js';

export type Detection = { format: InputFormat; error: null } | { format: null; error: string };

const HEAD = 256 * 1024;
const ACCEPTED = `accepted formats: ${INPUT_FORMATS.join(', ')} (see docs/input-formats.md)`;

function detectJson(head: string): InputFormat {
  if (/"bundleVersion"\s*:/.test(head)) return 'bundle';
  if (/"(xdp|flow_dissector|netfilter)"\s*:/.test(head) || /"tc"\s*:\s*\[/.test(head)) return 'bpftool-net-json';
  return 'tc-json';
}

export function detectFormat(text: string): Detection {
  if (text.trim() === '') return { format: null, error: 'the file is empty; expected output of tc or bpftool, a capture or a bundle' };
  if (text.indexOf('\u0000') !== -1) return { format: null, error: `the file contains NUL bytes (binary?); ${ACCEPTED}` };
  const head = text.slice(0, HEAD);
  const first = head.trimStart()[0];
  if (first === '[' || first === '{') {
    const j = detectJson(head);
    // A JSON array of tc entries must look like one; "[]" is an empty tc -j dump.
    if (j !== 'tc-json' || /^\s*\[\s*\]\s*$/.test(head) || /"kind"\s*:/.test(head)) return { format: j, error: null };
  }
  const { lines } = splitLines(head.slice(0, head.lastIndexOf('\n') + 1 || head.length), '');
  const clean = stripCommentPrefix(lines.slice(0, 400)).map((l) => l.trim());
  for (const t of clean) {
    if (t === '' || (t.startsWith('# ') && !/\btc\b.*\bfilter\b/.test(t))) continue;
    if (CAPTURE_MARKER.test(t)) return { format: 'capture', error: null };
    if (/^filter\s/.test(t) || t === 'filter' || /^(\++|\$|#) .*\btc\b.*\bfilter\b/.test(t)) return { format: 'tc-text', error: null };
    if (/^(xdp|tc|flow_dissector|netfilter):$/.test(t) || /^\S+\(\d+\) (clsact|tcx|netkit)\//.test(t)) return { format: 'bpftool-net-text', error: null };
    if (/^qdisc \S+/.test(t)) return { format: null, error: `this looks like \`tc qdisc show\` output, which lists no filters; ${ACCEPTED}` };
  }
  if (text.indexOf('\n') === -1 && text.length > MAX_LINE) {
    return { format: null, error: `the file is a single line of ${text.length} characters and not JSON; lines over ${MAX_LINE} characters are not read; ${ACCEPTED}` };
  }
  return { format: null, error: `unrecognised input; ${ACCEPTED}` };
}
