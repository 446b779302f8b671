// bpftool's clsact entries of one hook, as LegacyFilters only once something reads them
// (src/parse/bpftoolNet.ts makes one per hook that has such entries).
import type { LegacyFilter } from '../model/snapshot.js';
import type { BpftoolEntry } from './bpftoolNet.js';

/** A hook's clsact entries, made LegacyFilters when first read. Where a tc dump covers the
 *  hook (it does in every capture), merge reads bpftool's copies only to fill in program ids
 *  tc did not print, so the 20,000 filters of a large node's bpftool sections need not be
 *  built, nor kept through the audit. (A class rather than an object literal with a getter:
 *  that would make two closures per hook.) */
export class ClsactFilters {
  readonly prefsKnown = false;
  entries: BpftoolEntry[];
  private made: LegacyFilter[] | null = null;

  constructor(private readonly file: string, first: BpftoolEntry) {
    this.entries = [first];
  }

  /** An exact-size list (a growing one reserves spare slots; these live through the audit). */
  trim(): void {
    if (this.entries.length > 1) this.entries = this.entries.slice();
  }

  get filters(): LegacyFilter[] {
    const file = this.file;
    return (this.made ??= this.entries.map((e) => ({
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
