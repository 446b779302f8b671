// The snapshot: what collectors and parsers observed, before any analysis. The schemas
// (field by field, with what null means) are in src/model/snapshotSchema.ts; here they are
// built with zod for importers that validate (collect, fleet, bundles). Type-only imports
// of this module load nothing.
import { z } from 'zod';
import { snapshotSchemas } from './snapshotSchema.js';

export const { SourceRef, ProgramRef, TcAction, U32Key, LegacyFilter, TcxProgram, Direction, Hook, Device, NetnsOwner, Netns, XlatedInsn, ProgramInfo, ProgArray, ToolVersions, NodeSnapshot } = snapshotSchemas(z);

export type SourceRef = z.infer<typeof SourceRef>;
export type ProgramRef = z.infer<typeof ProgramRef>;
export type TcAction = z.infer<typeof TcAction>;
export type U32Key = z.infer<typeof U32Key>;
export type LegacyFilter = z.infer<typeof LegacyFilter>;
export type TcxProgram = z.infer<typeof TcxProgram>;
export type Direction = z.infer<typeof Direction>;
export type Hook = z.infer<typeof Hook>;
export type Device = z.infer<typeof Device>;
export type Netns = z.infer<typeof Netns>;
export type XlatedInsn = z.infer<typeof XlatedInsn>;
export type ProgramInfo = z.infer<typeof ProgramInfo>;
export type ProgArray = z.infer<typeof ProgArray>;
export type ToolVersions = z.infer<typeof ToolVersions>;
export type NodeSnapshot = z.infer<typeof NodeSnapshot>;
