// The bundle schemas, built from a given zod and snapshot schema (see snapshotSchema.ts for
// why this module loads no zod itself).
import type { z as Zod } from 'zod';
import type { snapshotSchemas } from './snapshotSchema.js';

/** What collect writes. 2: a program's instructions may be shared with an earlier program
 *  (`xlatedFrom`, src/model/bundleInstructions.ts); readers take 1 and 2. A reader that
 *  knows only 1 refuses 2 rather than read shared programs as having no instructions. */
export const BUNDLE_VERSION = 2 as const;

export function bundleSchemas(z: typeof Zod, NodeSnapshot: ReturnType<typeof snapshotSchemas>['NodeSnapshot']) {
  /** One external command run during collection, kept verbatim as evidence. */
  const Evidence = z.object({
    argv: z.array(z.string()),
    netns: z.string().nullable(),
    exitCode: z.number().int().nullable(),
    stdout: z.string(),
    stderr: z.string(),
    durationMs: z.number().nullable(),
  });

  /** A problem met during collection (vanished device, timeout, missing tool...). */
  const CollectNote = z.object({
    kind: z.string(),
    netns: z.string().nullable(),
    device: z.string().nullable(),
    message: z.string(),
  });

  const Bundle = z.object({
    bundleVersion: z.union([z.literal(1), z.literal(BUNDLE_VERSION)], { error: `expected 1 or ${BUNDLE_VERSION} (the bundle versions this tc-audit reads)` }),
    node: z.object({ name: z.string() }),
    createdAt: z.string(),
    tool: z.object({ name: z.literal('tc-audit'), version: z.string() }),
    redacted: z.boolean(),
    /** Redacted with --redact-key-file: tokens are HMAC-SHA256 under a secret the bundle does
     *  not hold, so they cannot be reversed by hashing guesses. Absent in bundles written
     *  before the option, and when not redacted. */
    redactionKeyed: z.boolean().optional(),
    // A reference to shared instructions must be taken out before validation (src/model/
    // bundleInstructions.ts); left in, it would be stripped silently and its program read as
    // having none.
    snapshot: NodeSnapshot.extend({
      programs: z.array(NodeSnapshot.shape.programs.element.extend({
        xlatedFrom: z.never({ error: 'a shared-instructions reference: read the bundle with readBundleJson (or takeSharedInstructions first)' }).optional(),
      })),
    }),
    evidence: z.array(Evidence),
    notes: z.array(CollectNote),
  });

  return { Evidence, CollectNote, Bundle };
}
