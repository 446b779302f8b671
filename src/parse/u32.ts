// u32 key nodes: whether a key has the TC_U32_TERMINAL flag, read from `tc filter show`.
// The kernel (net/sched/cls_u32.c u32_classify) ends the walk at a matched key only when its
// selector has TC_U32_TERMINAL; tc sets it when the key gets a classid/flowid, an action or a
// police. A matched key without it and without a `link` just moves on to the next key.
//
// iproute2 prints the flag (tc/f_u32.c u32_print_opt) only in text, never in JSON:
//   - a class and no flag: `*flowid X`; a class and the flag: `flowid X`;
//   - the flag without a class: `terminal flowid` (`terminal flowid ???` before 5.x);
//   - neither: nothing.
// iproute2 6.1 and 6.2 print the star the wrong way round: commit 1ff227545ce1 ("u32: fix
// json formatting of flowid", Oct 2022) inverted the test, and "u32: fix TC_U32_TERMINAL
// printing" (Feb 2023, after 6.2.0) put it back. Observed here: iproute2 6.1.0 prints
// `*flowid 1:1` for a key added with `classid 1:1` (terminal: the kernel ended the walk there)
// and `flowid 1:1` for a key whose class was set later by `tc filter change` (no flag: the
// walk went on); iproute2 6.15.0 prints the same two keys the other way round.
// So a key with a class is read only when the iproute2 version is known; 6.2 (not observed,
// and where the inverted code was still current by the dates) is left unknown.
import type { LegacyFilter } from '../model/snapshot.js';

/** What a star before `flowid` means for one iproute2 version; null when that is not known. */
export type StarMeaning = 'non-terminal' | 'terminal' | null;

/** How one key line printed its class: `*flowid X`, `flowid X`, `terminal flowid`, nothing. */
export type U32ClassMark = 'star' | 'plain' | 'terminal' | 'none';

const version = /^(\d+)\.(\d+)/;

export function u32StarMeaning(iproute2: string | null | undefined): StarMeaning {
  if (iproute2 === null || iproute2 === undefined) return null;
  // Date-stamped versions ("ss170501") are from before 5.x: the original printing.
  if (iproute2.startsWith('ss')) return 'non-terminal';
  const m = version.exec(iproute2);
  if (m === null) return null;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  if (major < 6 || (major === 6 && minor < 1)) return 'non-terminal';
  if (major === 6 && minor === 1) return 'terminal';
  if (major === 6 && minor === 2) return null;
  return 'non-terminal';
}

/** The terminal flag a key line shows: true / false, null when the line cannot tell. */
export function u32TerminalOf(mark: U32ClassMark, star: StarMeaning): boolean | null {
  switch (mark) {
    case 'terminal':
      return true;
    case 'none':
      return false;
    case 'star':
      return star === null ? null : star === 'terminal';
    case 'plain':
      return star === null ? null : star === 'non-terminal';
  }
}

/** The mark a writer prints for a key (the inverse of u32TerminalOf), or null when no
 *  mark says it (a class with an unknown flag, or a version whose star is unknown). */
export function u32MarkFor(terminal: boolean | null, hasClass: boolean, star: StarMeaning): U32ClassMark | null {
  if (!hasClass) return terminal === null ? null : terminal ? 'terminal' : 'none';
  if (terminal === null || star === null) return null;
  return terminal === (star === 'terminal') ? 'star' : 'plain';
}

const keyOf = (f: LegacyFilter): string => `${f.chain ?? ''}|${f.pref ?? ''}|${f.protocol ?? ''}|${f.handle ?? ''}`;

/** Fills the unknown terminal flags and matchesEvery of `into` (read from tc -j) from the same
 *  hook's text dump `from`. The two dumps are two commands, so they are taken only from the
 *  same key (chain, pref, protocol, handle) with the same class, link and number of actions. */
export function takeU32Flags(into: readonly LegacyFilter[], from: readonly LegacyFilter[]): void {
  const byKey = new Map<string, LegacyFilter | null>();
  for (const f of from) {
    if (f.kind !== 'u32' || f.u32 == null || f.handle === null) continue;
    const k = keyOf(f);
    byKey.set(k, byKey.has(k) ? null : f); // twice: not one key, take nothing
  }
  for (const f of into) {
    if (f.kind !== 'u32' || f.u32 == null || f.handle === null || (f.u32.terminal !== null && f.u32.matchesEvery != null)) continue;
    const t = byKey.get(keyOf(f));
    if (t == null || t.u32 == null || t.classid !== f.classid || t.u32.link !== f.u32.link || t.actions.length !== f.actions.length) continue;
    f.u32 = { terminal: f.u32.terminal ?? t.u32.terminal, link: f.u32.link, matchesEvery: f.u32.matchesEvery ?? t.u32.matchesEvery ?? null };
  }
}
