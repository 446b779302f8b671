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

/** What tc-audit itself writes as JSON (a report, a diff, a fleet answer), named as such:
 *  grabbed instead of the input at 3 a.m., it would otherwise read as a malformed tc -j dump. */
function ownOutput(head: string): string | null {
  const top = /^\s*\{\s*"(schemaVersion|mode)"\s*:\s*(?:1\s*,\s*"(tool|kind)"\s*:\s*(?:\{\s*"name"\s*:\s*"tc-audit"|"diff")|"fleet")/.exec(head);
  if (top === null) return null;
  const what = top[1] === 'mode' ? 'a tc-audit cluster answer' : top[2] === 'kind' ? 'a tc-audit diff' : 'a tc-audit report (--json)';
  return `this is ${what}, not an input: analyze reads what tc and bpftool print, docs/capture.sh captures and \`tc-audit collect -o FILE\` bundles; ${ACCEPTED}`;
}

/** Where a JSON document starts after leading `# ` comment lines (a note someone put above
 *  a saved dump), or 0 when the text does not start with such lines. `###` capture markers
 *  are not comments. */
export function afterLeadingComments(text: string): number {
  let at = 0;
  for (;;) {
    COMMENT_LINE.lastIndex = at;
    const m = COMMENT_LINE.exec(text);
    if (m === null || m[0].length === 0) return at;
    at += m[0].length;
  }
}
const COMMENT_LINE = /[ \t\r\n]*#(?:[ \t][^\n]*)?(?:\n|$)/y;

/** The text with its leading comment lines (afterLeadingComments) emptied, so that a JSON
 *  reader's line numbers are still the file's. */
export function withoutLeadingComments(text: string): string {
  const at = afterLeadingComments(text);
  return at === 0 ? text : text.slice(0, at).replace(/[^\n]/g, '') + text.slice(at);
}

/** Files people grab by mistake, named by their first bytes (a byte above 0x7f may have been
 *  read as U+FFFD). */
function knownBinary(text: string): string | null {
  const c0 = text.charCodeAt(0);
  const c1 = text.charCodeAt(1);
  if (c0 === 0x7f && text.startsWith('ELF', 1)) return 'an ELF file (a program or an eBPF object): tc-audit reads what tc and bpftool print about the programs attached, not the programs themselves';
  if (c0 === 0x1f && (c1 === 0x8b || c1 === 0xfffd)) return 'gzip-compressed: decompress it first (zcat FILE | tc-audit analyze -)';
  if (text.startsWith('PK\u0003\u0004')) return 'a zip archive: unpack it and give the files (or their directory)';
  return null;
}

export function detectFormat(text: string): Detection {
  if (text.trim() === '') return { format: null, error: 'the file is empty; expected output of tc or bpftool, a capture or a bundle' };
  const binary = knownBinary(text);
  if (binary !== null) return { format: null, error: `${binary}; ${ACCEPTED}` };
  if (text.indexOf('\u0000') !== -1) {
    // Windows tools (PowerShell's `>`) write UTF-16: every other byte of ASCII text is NUL.
    const sample = text.slice(0, 200).replace(/^\ufffd\ufffd|^\ufeff/, '');
    const nuls = [...sample].filter((c) => c === '\u0000').length;
    if (sample.length >= 8 && nuls * 2 >= sample.length - 2) return { format: null, error: `the file looks like UTF-16 text; convert it first (iconv -f UTF-16 -t UTF-8 FILE); ${ACCEPTED}` };
    return { format: null, error: `the file contains NUL bytes (binary?); ${ACCEPTED}` };
  }
  // JSON under `# ` note lines is still JSON (parseInput empties the notes first).
  const head = text.slice(afterLeadingComments(text.slice(0, HEAD)), HEAD);
  const first = head.trimStart()[0];
  if (first === '[' || first === '{') {
    const own = ownOutput(head);
    if (own !== null) return { format: null, error: own };
    const j = detectJson(head);
    // A JSON array of tc entries must look like one; "[]" is an empty tc -j dump.
    if (j !== 'tc-json' || /^\s*\[\s*\]\s*$/.test(head) || /"kind"\s*:/.test(head)) return { format: j, error: null };
  }
  const whole = text.slice(0, HEAD);
  const { lines } = splitLines(whole.slice(0, whole.lastIndexOf('\n') + 1 || whole.length), '');
  // Every line of the head: a dump may follow a long preamble (a qdisc listing, notes). A
  // pasted comment prefix (` * `) is judged on the first lines, and lines are trimmed only
  // as far as they are looked at (most inputs say what they are on their first line or two).
  const opening = stripCommentPrefix(lines.slice(0, 400));
  let qdiscs = false;
  for (let i = 0; i < lines.length; i++) {
    const t = (i < opening.length ? opening[i]! : lines[i]!).trim();
    if (t === '' || (t.startsWith('# ') && !/\btc\b.*\bfilter\b/.test(t))) continue;
    if (CAPTURE_MARKER.test(t)) return { format: 'capture', error: null };
    if (/^filter\s/.test(t) || t === 'filter' || /^(\++|\$|#) .*\btc\b.*\bfilter\b/.test(t)) return { format: 'tc-text', error: null };
    if (/^(xdp|tc|flow_dissector|netfilter):$/.test(t) || /^\S+\(\d+\) (clsact|tcx|netkit)\//.test(t)) return { format: 'bpftool-net-text', error: null };
    // `tc qdisc show` lines above a filter dump are read past (the tc text reader reports them).
    if (/^qdisc \S+/.test(t)) qdiscs = true;
  }
  if (qdiscs) return { format: null, error: `this looks like \`tc qdisc show\` output, which lists no filters; ${ACCEPTED}` };
  const firstLine = text.indexOf('\n') === -1 ? text.length : text.indexOf('\n');
  if (firstLine > MAX_LINE) {
    const what = firstLine === text.length ? `the file is a single line of ${text.length} characters` : `the file's first line has ${firstLine} characters`;
    return { format: null, error: `${what} and is not JSON; lines over ${MAX_LINE} characters are not read; ${ACCEPTED}` };
  }
  return { format: null, error: `unrecognised input; ${ACCEPTED}` };
}
