// The leaves of a YAML settings file as the agent's loader sees them: keys are lowercased,
// and a key holding dots is a nested path (datadog-agent pkg/config/nodetreemodel
// read_config_file.go loadYamlInto: "If the key contains a dot, it represents a nested
// key"), so `runtime_security_config.network.classifier_priority: 3` at the top level sets
// the same setting as the nested form.
import type { Document, LineCounter } from 'yaml';
import { yaml } from '../lazy.js';

export interface Leaf {
  value: unknown;
  line: number | null;
}

/** `<<` (YAML 1.1's merge key; the yaml package gives it as a symbol in 1.1 mode). */
function isMergeKey(key: unknown): boolean {
  const k = yaml().isScalar(key) ? key.value : key;
  return k === '<<' || (typeof k === 'symbol' && k.description === '<<');
}

/** Every leaf by its lowercased dotted path; a later duplicate replaces an earlier one. */
export function yamlLeaves(doc: Document, lines: LineCounter): Map<string, Leaf> {
  const y = yaml();
  const out = new Map<string, Leaf>();
  const lineOf = (node: unknown): number | null => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : null;
  };
  const walk = (start: unknown, path: readonly string[], depth: number): void => {
    if (depth > 64) return; // settings are a few levels deep; a deeper file is no settings file
    // An alias stands for the node it names (`classifier_priority: *p`).
    const node = y.isAlias(start) ? start.resolve(doc) : start;
    if (y.isMap(node)) {
      // YAML 1.1 merge keys (`<<: *base`) first: the map's own keys win over merged ones.
      const own = node.items.filter((pair) => !isMergeKey(pair.key));
      for (const pair of node.items) {
        if (!isMergeKey(pair.key)) continue;
        const sources = y.isSeq(pair.value) ? pair.value.items : [pair.value];
        for (const src of sources) walk(src, path, depth + 1);
      }
      for (const pair of own) {
        const k = y.isScalar(pair.key) ? pair.key.value : pair.key;
        if (k === null || k === undefined || typeof k === 'object') continue;
        walk(pair.value, [...path, ...String(k).toLowerCase().split('.')], depth + 1);
      }
      return;
    }
    if (path.length === 0) return;
    const value = y.isScalar(node) ? node.value : (node as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null;
    out.set(path.join('.'), { value, line: lineOf(node) });
  };
  walk(doc.contents, [], 0);
  return out;
}
