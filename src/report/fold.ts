// Findings that say the same thing, folded: the same finding on many hooks (one per pod
// veth) is said once with the places it holds. The table and the GitHub annotations fold
// alike.
import type { Finding } from '../model/findings.js';
import { TupleIds } from '../tupleIds.js';
import { hookLabel } from './describe.js';

const EXAMPLES = 3;

/** The distinct places of a folded finding, counted, and listed as "a, b, c, … and 409
 *  more" (the table says "on 412 hooks: " before it).
 *  Places are counted by their fields (a folded finding can hold 10,000 of them) and only
 *  the examples shown are written out. Not escaped: the caller's format does that. */
const WHOLE_NODE = Symbol('whole node');
export const placesOf = (group: readonly Finding[]): { count: number; noun: 'hooks' | 'nodes' | 'hook' | 'node'; list: string } => {
  const ids = new TupleIds();
  const examples: string[] = [];
  let count = 0;
  for (let i = 0; i < group.length; i++) {
    const f = group[i]!;
    // As hookLabel names them: a missing field reads "?", a whole-node place by its node.
    if (f.netns === null && f.interface === null && f.direction === null) ids.begin().add(WHOLE_NODE).add(f.node);
    else ids.begin().add(f.node ?? '?').add(f.netns ?? '?').add(f.interface ?? '?').add(f.direction ?? '?');
    if (ids.id() < count) continue;
    count++;
    if (examples.length < EXAMPLES) examples.push(hookLabel(f));
  }
  const nodes = group.every((f) => f.netns === null && f.interface === null && f.direction === null);
  const noun = count === 1 ? (nodes ? 'node' : 'hook') : nodes ? 'nodes' : 'hooks';
  const more = count > EXAMPLES ? `, … and ${count - EXAMPLES} more` : '';
  return { count, noun, list: `${examples.join(', ')}${more}` };
};

/** Findings that say the same thing (rule, text, remediation) in first-seen order. Keyed
 *  by nested maps: copies of one finding share their strings, so lookups are cheap and no
 *  long joined key is built per finding. */
export function foldFindings(findings: readonly Finding[]): Finding[][] {
  const out: Finding[][] = [];
  const byRule = new Map<string, Map<string, Map<string | null, Finding[]>>>();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    let byText = byRule.get(f.ruleId);
    if (!byText) byRule.set(f.ruleId, (byText = new Map()));
    let byRemedy = byText.get(f.message);
    if (!byRemedy) byText.set(f.message, (byRemedy = new Map()));
    const g = byRemedy.get(f.remediation);
    if (g) g.push(f);
    else {
      const ng = [f];
      byRemedy.set(f.remediation, ng);
      out.push(ng);
    }
  }
  return out;
}
