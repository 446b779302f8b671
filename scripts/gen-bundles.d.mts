// Types for scripts/gen-bundles.mjs, which the fleet tests import to make bundles.
/** Variant names in cycle order (filtersFor also knows 'cilium-pref5'). */
export const VARIANTS: string[];
/** One bundle object (as `tc-audit collect` writes it); `index` picks the node name and variant unless given. */
export function makeBundle(index: number, options?: { devices?: number; variant?: string; name?: string; createdAt?: string }): unknown;
