// The bundle written by `tc-audit collect`: validated with the shared zod schema; problems
// are reported with their JSON path (snapshot.netns[0].devices[2].name: ...).
// The schema is built on the first bundle read: zod is not loaded for other inputs.
import { zod } from '../lazy.js';
import { linkSharedInstructions, takeSharedInstructions } from '../model/bundleInstructions.js';
import { bundleSchemas } from '../model/bundleSchema.js';
import { snapshotSchemas } from '../model/snapshotSchema.js';
import { parseJson } from './json.js';
import type { ParsedFile } from './types.js';

let schema: ReturnType<typeof bundleSchemas>['Bundle'] | null = null;
function bundleSchema(): ReturnType<typeof bundleSchemas>['Bundle'] {
  const { z } = zod();
  return (schema ??= bundleSchemas(z, snapshotSchemas(z).NodeSnapshot).Bundle);
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s === '' ? '(root)' : s;
}

export function parseBundle(text: string, file: string): ParsedFile {
  const base: ParsedFile = { file, format: 'bundle', observations: [], nodes: [], programs: [], progArrays: [], sawBpftoolNet: false, errors: [] };
  const j = parseJson(text);
  if (!j.ok) return { ...base, errors: [{ file, line: j.line, message: j.message }] };
  // A reference that cannot be followed leaves that program without instructions (its
  // verdict comes from elsewhere) and is reported; the rest of the bundle is analysed.
  const { errors: sharing, links } = takeSharedInstructions(j.value);
  const shared = sharing.map((m) => ({ file, line: null, message: `bundle ${m}` }));
  base.errors = shared;
  const r = bundleSchema().safeParse(j.value);
  if (!r.success) {
    // Issue paths, not lines: a bundle is machine-written, the path says where to look.
    base.errors = shared.concat(r.error.issues.slice(0, 50).map((i) => ({ file, line: null, message: `bundle ${pathOf(i.path)}: ${i.message}` })));
    if (r.error.issues.length > 50) base.errors.push({ file, line: null, message: `bundle: ${r.error.issues.length - 50} more problems not shown` });
    return base;
  }
  const snap = r.data.snapshot;
  linkSharedInstructions(snap.programs, links);
  const node = { ...snap, name: snap.name ?? r.data.node.name };
  return { ...base, nodes: [node], programs: snap.programs, progArrays: snap.progArrays, sawBpftoolNet: snap.tcxVisible === true };
}
