// Blocks are processed lowest index first: for code whose jumps mostly go forward (what
// clang emits) every predecessor of a join is done before the join runs, so each block is
// visited once outside loops. A LIFO queue would rerun whole suffixes per diamond.
export class Worklist {
  private heap: number[] = [];
  private queued = new Set<number>();

  get size(): number {
    return this.heap.length;
  }

  push(x: number): void {
    if (this.queued.has(x)) return;
    this.queued.add(x);
    const h = this.heap;
    h.push(x);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]! <= x) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = x;
  }

  pop(): number {
    const h = this.heap;
    const top = h[0]!;
    const last = h.pop()!;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const c = l + 1 < h.length && h[l + 1]! < h[l]! ? l + 1 : l;
        if (h[c]! >= last) break;
        h[i] = h[c]!;
        i = c;
      }
      h[i] = last;
    }
    this.queued.delete(top);
    return top;
  }
}

/** The part of Map the interpreter uses, so per-instruction tables can be arrays. */
export interface IndexMap<V> {
  get(k: number): V | undefined;
  set(k: number, v: V): unknown;
  delete(k: number): unknown;
}

export class DenseMap<V> implements IndexMap<V> {
  private a: (V | undefined)[];
  constructor(n: number) {
    this.a = new Array<V | undefined>(n);
  }
  get(k: number): V | undefined {
    return this.a[k];
  }
  set(k: number, v: V): void {
    this.a[k] = v;
  }
  delete(k: number): void {
    this.a[k] = undefined;
  }
}
