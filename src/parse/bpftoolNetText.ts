// `bpftool net show` as text: the tc: section's `DEV(IFINDEX) KIND [NAME] id|prog_id N` lines
// become the same entries the JSON readers make (bpftoolNet.ts groups them into hooks).
import { entriesToObservations, type BpftoolEntry, type NetCtx } from './bpftoolNet.js';
import { hookOf } from './bpftoolKinds.js';
import { splitLines } from './lines.js';
import type { ParsedFile } from './types.js';

const ENTRY = /^(.+)\((\d+)\)\s+(\S+)(?:\s+(.*))?$/;

export function parseBpftoolNetText(text: string, file: string, ctx: NetCtx, firstLine = 1): ParsedFile {
  const { lines, errors } = splitLines(text, file, firstLine);
  const entries: BpftoolEntry[] = [];
  let section: string | null = null;
  lines.forEach((raw, k) => {
    const line = firstLine + k;
    const t = raw.trim();
    // A pasted terminal session's prompt line (`$ bpftool net show dev lxc1`), as tc text
    // skips `$ tc …`.
    if (t === '' || /^[$#] (?:sudo )?bpftool\b/.test(t)) return;
    // A note put above a saved dump (`# source: ...`), as tc text and the JSON readers allow.
    if (t === '#' || t.startsWith('# ')) return;
    if (/^[a-z_]+:$/.test(t)) { section = t.slice(0, -1); return; }
    // Lines before any section header: a paste of the tc: section's entries alone (as the
    // rule pages quote them) is read, recognised by their kind (clsact/, tcx/, netkit/).
    if (section !== 'tc' && section !== null) return;
    const m = ENTRY.exec(t);
    if (!m) {
      errors.push({ file, line, message: section === null
        ? 'expected a section header of `bpftool net show` (`xdp:`, `tc:`, `flow_dissector:`, …) or a tc entry `DEV(IFINDEX) KIND [NAME] id|prog_id N`'
        : 'expected `DEV(IFINDEX) KIND [NAME] id|prog_id N` in the tc: section of `bpftool net show`' });
      return;
    }
    const kind = m[3] ?? '';
    if (!hookOf(kind)) return;
    const words = (m[4] ?? '').split(/\s+/).filter((w) => w !== '');
    // The name is everything before the first "id"/"prog_id" keyword followed by a number.
    const at = words.findIndex((w, i) => (w === 'id' || w === 'prog_id') && /^\d+$/.test(words[i + 1] ?? ''));
    const li = words.indexOf('link_id');
    const name = (at === -1 ? words : words.slice(0, at)).join(' ');
    entries.push({
      device: m[1] ?? '', ifindex: Number(m[2]), kind, name: name === '' ? null : name,
      progId: at === -1 ? null : Number(words[at + 1]),
      linkId: li !== -1 && /^\d+$/.test(words[li + 1] ?? '') && Number(words[li + 1]) !== 0 ? Number(words[li + 1]) : null,
      line,
    });
  });
  return {
    file, format: 'bpftool-net-text', observations: entriesToObservations(entries, file, ctx), nodes: [], programs: [],
    progArrays: [], sawBpftoolNet: true, errors, bpftoolNetns: [ctx],
  };
}
