// The shortcut for the two lines modern tc prints for every cls_bpf filter:
//   filter protocol all pref 1 bpf chain 0 
//   filter protocol all pref 1 bpf chain 0 handle 0x1 NAME direct-action not_in_hw id 7 name N tag T jited 
// One regular expression reads each (V8 compiles it to machine code at once, where the
// token loop runs in the interpreter until it is hot), which is most of a large capture.
// Anything else, or anything the token reader would read differently (a name that is one
// of its keywords, odd spacing, upper-case tags), returns null and goes to the token reader
// in tcFilterLine.ts. test/parse/tcFilterFast.test.ts checks both agree on every line.
import type { LegacyFilter } from '../model/snapshot.js';
import type { FilterLine } from './tcFilterLine.js';
import { BPF_STOP, KEYWORDS, NOT_A_KIND, NO_ITEMS, NOT_IN_HW_ONLY, PREF_RE, SHARED_BY_LENGTH, internName, normaliseHandle } from './tcWords.js';

// Single spaces only: the token reader splits such lines on ' ' exactly, and \S+ keeps tabs
// and other whitespace (which it would split on) out of every token.
// The kind word must not be one the token reader takes for something else (NOT_A_KIND).
const HEADER = new RegExp(String.raw`^filter protocol \S+ pref ${PREF_RE} ${NOT_A_KIND}\S+ chain \d+ ?$`);
const BPF = new RegExp(String.raw`^filter protocol (\S+) pref (${PREF_RE}) bpf chain (\d+) handle (\S+) (\S+) direct-action not_in_hw id (\d+) name (\S+) tag ([0-9a-f]+)(?: jited)? ?$`);

/** Words the token reader takes for something else where this reads the tc name. */
const NOT_A_NAME = new Set([...KEYWORDS, ...BPF_STOP]);
/** No word of NOT_A_NAME is longer: a longer name (most are) needs no lookup of its hash. */
const LONGEST_NOT_A_NAME = Math.max(...[...NOT_A_NAME].map((w) => w.length));

function shared(s: string): string {
  const cands = SHARED_BY_LENGTH[s.length];
  if (cands !== undefined) for (const v of cands) if (v === s) return v;
  return s;
}

/** The filter a match of BPF's groups (1 protocol, 2 pref, 3 chain, 4 handle, 5 tc name,
 *  6 id, 7 name, 8 tag) stands for, as the token reader reads it; null when the token
 *  reader would read the tc name otherwise. tcSectionFast.ts reads the same groups. */
export function bpfFilterOf(b: RegExpExecArray): LegacyFilter | null {
  const name = b[5]!;
  if ((name.length <= LONGEST_NOT_A_NAME && NOT_A_NAME.has(name)) || name.charCodeAt(0) === 40 /* ( */) return null;
  return {
    pref: Number(b[2]), protocol: shared(b[1]!), chain: Number(b[3]), kind: 'bpf', handle: normaliseHandle(shared(b[4]!)),
    directAction: true, flags: NOT_IN_HW_ONLY, tcName: name, program: { id: Number(b[6]), name: internName(b[7]!), tag: b[8]! },
    classid: null, actions: NO_ITEMS, source: null,
  };
}

/** The line as the token reader reads it, or null when it is not one of the two shapes. */
export function fastFilterLine(line: string): FilterLine | null {
  const b = BPF.exec(line);
  if (b !== null) {
    const f = bpfFilterOf(b);
    return f === null ? null : { device: null, direction: null, header: false, filter: f };
  }
  // Header lines name no device or direction and classify nothing: one shared answer, no
  // match array (half of a large capture's lines are these).
  return HEADER.test(line) ? HEADER_LINE : null;
}

const HEADER_LINE: FilterLine = Object.freeze({ device: null, direction: null, header: true });
