// The shortcut for a whole capture section of tc's own cls_bpf dump: nothing but the two
// lines modern tc prints for cls_bpf (tcFilterFast.ts), a header per pref and its filters:
//   filter protocol all pref 1 bpf chain 0 
//   filter protocol all pref 1 bpf chain 0 handle 0x1 NAME direct-action not_in_hw id 7 name N tag T jited 
// Sticky regular expressions read them straight from the capture text, where the line
// reader slices each line and reads it on its own; on a large node these sections are most
// of the capture. A section that is anything else (another kind's filter, actions, blank
// lines, CR, odd spacing, a name the token reader reads otherwise) is left whole to
// readTcText. test/parse/tcSectionFast.test.ts holds the two to each other.
import type { LegacyFilter } from '../model/snapshot.js';
import { bpfFilterOf } from './tcFilterFast.js';
import { NOT_A_KIND, PREF_RE } from './tcWords.js';
import type { TcContext, TcSink } from './tcText.js';

// Tokens are bounded so that no line read here could be one the line reader caps
// (lines.ts MAX_LINE) and reports. BPF's groups are those bpfFilterOf reads; HEADER is
// tcFilterFast.ts's, any kind but the words the token reader takes for something else.
const T = String.raw`\S{1,4096}`;
const N = String.raw`\d{1,15}`;
const BPF = new RegExp(
  String.raw`filter protocol (${T}) pref (${PREF_RE}) bpf chain (${N}) handle (${T}) (${T}) direct-action not_in_hw id (${N}) name (${T}) tag ([0-9a-f]{1,64})(?: jited)? ?\n`,
  'y',
);
const HEADER = new RegExp(
  String.raw`filter protocol ${T} pref ${PREF_RE} ${NOT_A_KIND}${T} chain ${N} ?\n`,
  'y',
);

/** Reads text[start, stop) (whole lines, the first being line `firstLine`) into one hook
 *  observation when every line is a header or a bpf line of that shape, and says whether
 *  it did; when it did not, nothing was added. */
export function readBpfSection(text: string, start: number, stop: number, firstLine: number, file: string, ctx: TcContext, sink: TcSink): boolean {
  if (start >= stop) return false;
  const filters: LegacyFilter[] = [];
  for (let pos = start, line = firstLine; pos < stop; line++) {
    BPF.lastIndex = pos;
    const m = BPF.exec(text);
    if (m !== null) {
      const f = bpfFilterOf(m);
      if (f === null) return false;
      f.source = { file, line };
      filters.push(f);
      pos = BPF.lastIndex;
    } else {
      HEADER.lastIndex = pos;
      if (!HEADER.test(text)) return false;
      pos = HEADER.lastIndex;
    }
    if (pos > stop) return false;
  }
  sink.observations.push({
    node: ctx.node, netns: ctx.netns, device: ctx.device, ifindex: null, direction: ctx.direction,
    legacy: { filters: filters.length > 0 ? filters.slice() : filters, prefsKnown: true },
  });
  return true;
}
