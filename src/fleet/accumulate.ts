// Folds bundles one at a time into: shape representatives, node-shape groups and one small
// record per node name. Nothing of a bundle outlives its fold except new representatives.
import type { Bundle } from '../model/bundle.js';
import type { ParseError } from '../parse/types.js';
import { ShapeStore } from './represent.js';
import { hookShapeKey, shapeContext } from './shape.js';

export interface NodeRecord {
  node: string;
  file: string;
  createdAt: string;
  group: number;
  hooks: number;
}

export class FleetAccumulator {
  readonly store = new ShapeStore();
  /** Node-shape key (sorted hook-shape indexes) -> group index. */
  private readonly groupByKey = new Map<string, number>();
  /** group index -> its hook-shape indexes. */
  readonly groupShapes: number[][] = [];
  readonly nodes = new Map<string, NodeRecord>();
  /** Every file seen per node name, only kept for names seen more than once. */
  readonly duplicateFiles = new Map<string, string[]>();
  readonly errors: ParseError[] = [];
  files = 0;
  bundles = 0;

  addError(error: ParseError): void {
    this.files++;
    this.errors.push(error);
  }

  add(file: string, bundle: Bundle): void {
    const origin = this.files++;
    this.bundles++;
    const snap = bundle.snapshot;
    const ctx = shapeContext(snap);
    const shapes = new Set<number>();
    let hooks = 0;
    for (const ns of snap.netns) {
      for (const dev of ns.devices) {
        for (const hook of dev.hooks) {
          hooks++;
          shapes.add(this.store.intern(hookShapeKey(ctx, ns.id, dev, hook), origin, snap, ns, dev, hook, ctx));
        }
      }
    }
    const sorted = [...shapes].sort((a, b) => a - b);
    const key = sorted.join(',');
    let group = this.groupByKey.get(key);
    if (group === undefined) {
      group = this.groupShapes.length;
      this.groupShapes.push(sorted);
      this.groupByKey.set(key, group);
    }
    const name = bundle.node.name || snap.name || file;
    this.remember({ node: name, file, createdAt: bundle.createdAt, group, hooks });
  }

  // The same node twice (re-collected, copied) is counted once: the newest bundle wins,
  // ties keep the first read, and every file is reported.
  private remember(rec: NodeRecord): void {
    const prev = this.nodes.get(rec.node);
    if (prev === undefined) {
      this.nodes.set(rec.node, rec);
      return;
    }
    const files = this.duplicateFiles.get(rec.node) ?? [prev.file];
    files.push(rec.file);
    this.duplicateFiles.set(rec.node, files);
    if (rec.createdAt > prev.createdAt) this.nodes.set(rec.node, rec);
  }
}
