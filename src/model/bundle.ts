// The bundle: what `tc-audit collect` writes and `analyze` reads back. Shared schema
// (src/model/bundleSchema.ts) so the writer and the reader cannot drift apart.
import { z } from 'zod';
import { bundleSchemas } from './bundleSchema.js';
import { NodeSnapshot } from './snapshot.js';

export { BUNDLE_VERSION } from './bundleSchema.js';

export const { Evidence, CollectNote, Bundle } = bundleSchemas(z, NodeSnapshot);

export type Evidence = z.infer<typeof Evidence>;
export type CollectNote = z.infer<typeof CollectNote>;
export type Bundle = z.infer<typeof Bundle>;
