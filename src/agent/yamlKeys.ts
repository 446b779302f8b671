// The leaves of a YAML settings file as the agent's loader sees them: keys are lowercased,
// and a key holding dots is a nested path (datadog-agent pkg/config/nodetreemodel
// read_config_file.go loadYamlInto: "If the key contains a dot, it represents a nested
// key"), so `runtime_security_config.network.classifier_priority: 3` at the top level sets
// the same setting as the nested form.
// Values come from the yaml package's own reading of the document (toJS): anchors, aliases
// and YAML 1.1 merge keys as the spec and go-yaml resolve them (a map's own keys win, an
// earlier merge source wins over a later one, a merge is shallow), with its bound on alias
// expansion. Lines come from the document's own keys (an aliased or merged value has none).
import type { Document, LineCounter } from 'yaml';
import { yaml } from '../lazy.js';

export interface Leaf {
  value: unknown;
  line: number | null;
}

/** How deep settings go; deeper is no settings file (and stops a cycle). */
const MAX_DEPTH = 64;

/** Every leaf by its lowercased dotted path, or why the document cannot be read as settings. */
export function yamlLeaves(doc: Document, lines: LineCounter): Map<string, Leaf> | string {
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 1000 });
  } catch (e) {
    return (e as Error).message.split('\n')[0] ?? 'unreadable';
  }
  const lineOf = linesByPath(doc, lines);
  const out = new Map<string, Leaf>();
  const onPath = new Set<object>();
  let cycle = false;
  const walk = (v: unknown, path: readonly string[]): void => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      // An anchor holding itself (`a: &a {x: *a}`): go-yaml refuses the file.
      if (onPath.has(v) || path.length > MAX_DEPTH) { cycle = true; return; }
      onPath.add(v);
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) walk(child, [...path, ...k.toLowerCase().split('.')]);
      onPath.delete(v);
      return;
    }
    if (path.length === 0) return;
    const key = path.join('.');
    out.set(key, { value: v instanceof Map ? Object.fromEntries(v) : v, line: lineOf.get(key) ?? null });
  };
  walk(js, []);
  return cycle ? 'an anchor contains itself (an alias inside its own anchor): the agent\'s YAML reader refuses such a file' : out;
}

/** The line of each key written in the document itself (not through an alias or a merge). */
function linesByPath(doc: Document, lines: LineCounter): Map<string, number> {
  const y = yaml();
  const out = new Map<string, number>();
  const walk = (node: unknown, path: readonly string[], depth: number): void => {
    if (depth > MAX_DEPTH || !y.isMap(node)) return;
    for (const pair of node.items) {
      const k = y.isScalar(pair.key) ? pair.key.value : pair.key;
      if (k === null || k === undefined || typeof k === 'object' || typeof k === 'symbol') continue;
      const p = [...path, ...String(k).toLowerCase().split('.')];
      const range = (pair.value as { range?: [number, number, number] } | null)?.range;
      if (range) out.set(p.join('.'), lines.linePos(range[0]).line);
      walk(pair.value, p, depth + 1);
    }
  };
  walk(doc.contents, [], 0);
  return out;
}
