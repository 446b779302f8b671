// Blockers in words, one line per kind (attach, pref, vendor, verdict) with a few of its
// hooks: a node with 800 pod veths has 1,600 blockers of one kind, and the SRE needs the
// kind. Shared by the table and the markdown report; each escapes the text its own way.
import type { Blocker } from '../recommend/types.js';

const where = (b: Blocker): string => `${b.node ?? '?'} / ${b.netns} / ${b.device ?? '?'} / ${b.direction ?? '?'}`;
const EXAMPLES = 3;

/** One text per kind of blocker, or one per blocker with `verbose`. */
export function blockerTexts(blockers: readonly Blocker[], verbose: boolean): string[] {
  if (verbose) return blockers.map((b) => `${where(b)} ${b.attach} pref ${b.pref ?? '-'} ${b.vendor} ${b.name ?? ''} (${b.terminal})`);
  const groups = new Map<string, Blocker[]>();
  for (const b of blockers) {
    const key = `${b.attach !== 'legacy' ? `${b.attach} program` : `pref ${b.pref ?? '?'}`} ${b.vendor} (${b.terminal})`;
    const g = groups.get(key);
    if (g) g.push(b);
    else groups.set(key, [b]);
  }
  return [...groups].map(([key, bs]) => {
    const shown = bs.slice(0, EXAMPLES).map((b) => `${where(b)}${b.name ? ` ${b.name}` : ''}`).join('; ');
    const more = bs.length > EXAMPLES ? ` and ${bs.length - EXAMPLES} more (--verbose lists them)` : '';
    // Two filters of one kind on one hook are two blockers but one hook.
    const hooks = hookCount(bs);
    const count = bs.length === 1 ? '' : hooks === bs.length ? `${hooks} hooks: ` : `${hooks} hook(s), ${bs.length} programs: `;
    return `${key} on ${count}${shown}${more}`;
  });
}

/** Distinct hooks among blockers: the recommendation lists a hook's blockers together. */
function hookCount(bs: readonly Blocker[]): number {
  let n = 0;
  for (let i = 0; i < bs.length; i++) {
    const b = bs[i]!;
    const p = i > 0 ? bs[i - 1]! : null;
    if (p === null || p.node !== b.node || p.netns !== b.netns || p.device !== b.device || p.direction !== b.direction) n++;
  }
  return n;
}
