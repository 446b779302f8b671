// Types for scripts/gen-dump.mjs, which tests import to make large captures.
/** A capture-format dump of `devices` devices (deterministic), and how many filters it has. */
export function generate(devices?: number): { text: string; filters: number };
