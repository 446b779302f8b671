// Appending one list to another without spreading it into a call: `a.push(...b)` passes every
// element of b as an argument, and V8 refuses a call with some 125,000 of them ("Maximum call
// stack size exceeded"). A file of 200,000 unreadable lines has that many errors.

/** Appends `items` to `to`, in order; returns `to`. */
export function append<T>(to: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) to.push(items[i]!);
  return to;
}
