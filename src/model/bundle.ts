// The bundle: what `tc-audit collect` writes and `analyze` reads back. Shared schema
// so the writer and the reader cannot drift apart.
import { z } from 'zod';
import { NodeSnapshot } from './snapshot.js';

export const BUNDLE_VERSION = 1 as const;

/** One external command run during collection, kept verbatim as evidence. */
export const Evidence = z.object({
  argv: z.array(z.string()),
  netns: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  stdout: z.string(),
  stderr: z.string(),
  durationMs: z.number().nullable(),
});
export type Evidence = z.infer<typeof Evidence>;

/** A problem met during collection (vanished device, timeout, missing tool...). */
export const CollectNote = z.object({
  kind: z.string(),
  netns: z.string().nullable(),
  device: z.string().nullable(),
  message: z.string(),
});
export type CollectNote = z.infer<typeof CollectNote>;

export const Bundle = z.object({
  bundleVersion: z.literal(BUNDLE_VERSION),
  node: z.object({ name: z.string() }),
  createdAt: z.string(),
  tool: z.object({ name: z.literal('tc-audit'), version: z.string() }),
  redacted: z.boolean(),
  snapshot: NodeSnapshot,
  evidence: z.array(Evidence),
  notes: z.array(CollectNote),
});
export type Bundle = z.infer<typeof Bundle>;
