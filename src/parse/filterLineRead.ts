// One `filter ...` line read: tc's own bpf lines by the shortcut (tcFilterFast.ts), every
// other line by the token reader (tcFilterLine.ts), whose answers are remembered per line.
import type { LegacyFilter } from '../model/snapshot.js';
import { fastFilterLine } from './tcFilterFast.js';
import { tokenFilterLine, type FilterLine } from './tcFilterLine.js';
import type { StarMeaning } from './u32.js';

/** `trimmed` must start with `filter` (trailing spaces are fine); an error when the line has
 *  no `pref N KIND` part. tc's own bpf lines take the shortcut (tcFilterFast.ts); every
 *  other line, and any line the shortcut is unsure of, is read token by token. `star` says
 *  what u32's `*flowid` means for the iproute2 that printed the line (src/parse/u32.ts). */
export function parseFilterLine(trimmed: string, star: StarMeaning = null): FilterLine | { error: string } {
  return fastFilterLine(trimmed) ?? rememberedTokenLine(trimmed, star);
}

/** What tokenFilterLine said of a line, by `star` and line: a node's u32 and matchall filters
 *  are the same few lines on every pod's hooks ("... u32 chain 0 fh 800::800 order 2048 key
 *  ht 800 bkt 0 flowid 1:1 not_in_hw"), read token by token once instead of 1,600 times.
 *  Bounded: lines that never repeat only cycle through it. */
const SEEN = new Map<StarMeaning, Map<string, FilterLine | { error: string }>>();
const SEEN_MAX = 2048;

function rememberedTokenLine(trimmed: string, star: StarMeaning): FilterLine | { error: string } {
  let seen = SEEN.get(star);
  if (seen === undefined) SEEN.set(star, (seen = new Map()));
  let r = seen.get(trimmed);
  if (r === undefined) {
    r = tokenFilterLine(trimmed, star);
    // The remembered filter's flags are frozen: addFlag copies frozen lists before adding.
    if ('filter' in r) Object.freeze(r.filter.flags);
    if (seen.size >= SEEN_MAX) seen.clear();
    seen.set(trimmed, r);
  }
  // Headers and errors are read-only answers; a filter is the caller's to complete (its
  // source, actions and flags), so each line gets its own copy.
  return 'filter' in r ? { device: r.device, direction: r.direction, header: false, filter: copyOf(r.filter) } : r;
}

/** A filter as tokenFilterLine makes it (fields in its order), with objects of its own. */
function copyOf(f: LegacyFilter): LegacyFilter {
  const c: LegacyFilter = {
    pref: f.pref, protocol: f.protocol, chain: f.chain, kind: f.kind, handle: f.handle, directAction: f.directAction,
    flags: f.flags, tcName: f.tcName, program: f.program === null ? null : { id: f.program.id, name: f.program.name, tag: f.program.tag },
    classid: f.classid, actions: f.actions, source: f.source,
  };
  if (f.u32 !== undefined) c.u32 = f.u32 === null ? null : { terminal: f.u32.terminal, link: f.u32.link, matchesEvery: f.u32.matchesEvery ?? null };
  return c;
}
