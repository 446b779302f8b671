// Bounded concurrency (--jobs): at most `limit` namespaces are being collected at once.
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/** At most `limit` calls of the returned function run at once; the others wait their turn,
 *  in call order. For work asked for one item at a time (instruction dumps, as namespaces
 *  name programs) rather than as a list. */
export function limiter(limit: number): <R>(fn: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <R>(fn: () => Promise<R>): Promise<R> => {
    if (running >= limit) await new Promise<void>((go) => waiting.push(go));
    else running++;
    try {
      return await fn();
    } finally {
      // The slot passes straight to the next waiter (running stays), or frees up.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
