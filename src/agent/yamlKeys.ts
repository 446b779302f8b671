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

/** Every leaf by its lowercased dotted path; a later duplicate replaces an earlier one. */
export function yamlLeaves(doc: Document, lines: LineCounter): Map<string, Leaf> {
  const y = yaml();
  const out = new Map<string, Leaf>();
  const lineOf = (node: unknown): number | null => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : null;
  };
  const walk = (node: unknown, path: readonly string[], depth: number): void => {
    if (depth > 64) return; // settings are a few levels deep; a deeper file is no settings file
    if (y.isMap(node)) {
      for (const pair of node.items) {
        const k = y.isScalar(pair.key) ? pair.key.value : pair.key;
        if (k === null || k === undefined || typeof k === 'object') continue;
        walk(pair.value, [...path, ...String(k).toLowerCase().split('.')], depth + 1);
      }
      return;
    }
    if (path.length === 0) return;
    const scalar = y.isScalar(node);
    const value = scalar ? node.value : (node as { toJSON?: () => unknown } | null)?.toJSON?.() ?? null;
    out.set(path.join('.'), { value, line: lineOf(node) });
  };
  walk(doc.contents, [], 0);
  return out;
}
