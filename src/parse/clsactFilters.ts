// bpftool's clsact entries of one hook, as LegacyFilters only once something reads them
// (src/parse/bpftoolHooks.ts makes one per hook that has such entries).
import type { LegacyFilter } from '../model/snapshot.js';
import type { BpftoolEntry } from './bpftoolNet.js';
import { entryAt } from './bpftoolNetFast.js';

/** Where the compact-JSON scanner found a hook's entries: its text, the line they are all
 *  on, and each entry's offset, read again only when the filters are. */
interface EntryRefs { text: string; line: number; offsets: number[] }

/** A hook's clsact entries, made LegacyFilters when first read. Where a tc dump covers the
 *  hook (it does in every capture), merge reads bpftool's copies only to fill in program ids
 *  tc did not print, so the 17,000 entries of a large node's bpftool sections are not made
 *  into filters, nor kept through the audit. From the scanner they are not even made into
 *  entries: an offset per entry stands for each (making them cost ~20 ms of a 5,000-device
 *  run). (A class rather than an object literal with a getter: that would make two
 *  closures per hook.) */
export class ClsactFilters {
  readonly prefsKnown = false;
  private made: LegacyFilter[] | null = null;

  private constructor(
    private readonly file: string,
    private entries: BpftoolEntry[] | null,
    private readonly refs: EntryRefs | null,
  ) {}

  /** From entries read whole (JSON.parse, bpftool's text). */
  static of(file: string, first: BpftoolEntry): ClsactFilters {
    return new ClsactFilters(file, [first], null);
  }

  /** From the scanner: the entry at `offset` of `text`, on `line`. */
  static at(file: string, text: string, line: number, offset: number): ClsactFilters {
    return new ClsactFilters(file, null, { text, line, offsets: [offset] });
  }

  /** (Each hook's entries come from one reader, so one of the two forms.) */
  add(e: BpftoolEntry): void {
    this.entries?.push(e);
  }

  addAt(offset: number): void {
    this.refs?.offsets.push(offset);
  }

  /** An exact-size list (a growing one reserves spare slots; these live through the audit). */
  trim(): void {
    if (this.entries !== null && this.entries.length > 1) this.entries = this.entries.slice();
    if (this.refs !== null && this.refs.offsets.length > 1) this.refs.offsets = this.refs.offsets.slice();
  }

  get filters(): LegacyFilter[] {
    if (this.made !== null) return this.made;
    const r = this.refs;
    const entries = this.entries ?? (r === null ? [] : r.offsets.map((o) => entryAt(r.text, o, r.line)));
    const file = this.file;
    return (this.made = entries.map((e) => ({
      pref: null, protocol: null, chain: null, kind: 'bpf', handle: null, directAction: null,
      flags: [], tcName: e.name, program: { id: e.progId, name: null, tag: null }, classid: null, actions: [],
      source: e.line === null ? null : { file, line: e.line },
    })));
  }

  /** Serialised as the plain `{ filters, prefsKnown }` every other observation has. */
  toJSON(): { filters: LegacyFilter[]; prefsKnown: boolean } {
    return { filters: this.filters, prefsKnown: this.prefsKnown };
  }
}
