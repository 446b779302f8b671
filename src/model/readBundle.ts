// A bundle's parsed JSON -> Bundle: references to shared instructions taken out, the rest
// validated with the shared schema, the shared lists linked back (src/model/
// bundleInstructions.ts). What the fleet reader uses, and the library's way to read a
// bundle; `Bundle.safeParse` alone refuses a bundleVersion 2 file that shares instructions.
import type { z } from 'zod';
import { Bundle } from './bundle.js';
import { linkSharedInstructions, takeSharedInstructions } from './bundleInstructions.js';

export type ReadBundleResult =
  | { success: true; bundle: Bundle; sharingErrors: string[] }
  | { success: false; issues: z.core.$ZodIssue[]; sharingErrors: string[] };

/** `value` is modified (references taken out). `sharingErrors`: references that could not
 *  be followed; those programs are read without instructions. */
export function readBundleJson(value: unknown): ReadBundleResult {
  const { errors, links } = takeSharedInstructions(value);
  const r = Bundle.safeParse(value);
  if (!r.success) return { success: false, issues: r.error.issues, sharingErrors: errors };
  linkSharedInstructions(r.data.snapshot.programs, links);
  return { success: true, bundle: r.data, sharingErrors: errors };
}
