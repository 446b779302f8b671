// Shapes by a key string, for tests: hookShapeKey (the definition ShapeTable is held to), or
// a key that keeps every hook apart (the audit of every hook on its own).
import type { AnalyzedHook, VendorMatch } from '../../src/model/analysis.js';
import type { Hook } from '../../src/model/snapshot.js';
import type { Shapes } from '../../src/analyze/shapeTable.js';
import type { VerdictContext } from '../../src/analyze/verdict.js';

export class KeyedShapes implements Shapes {
  private readonly byKey = new Map<string, AnalyzedHook>();
  private lastKey = '';

  constructor(private readonly key: (device: string | null, hook: Hook, fv: readonly VendorMatch[], tv: readonly VendorMatch[], ctx: VerdictContext) => string) {}

  find(device: string | null, hook: Hook, fv: readonly VendorMatch[], tv: readonly VendorMatch[], ctx: VerdictContext): AnalyzedHook | undefined {
    this.lastKey = this.key(device, hook, fv, tv, ctx);
    return this.byKey.get(this.lastKey);
  }

  add(rep: AnalyzedHook): void {
    this.byKey.set(this.lastKey, rep);
  }
}
