#!/usr/bin/env node
// Regenerates docs that are derived from code (docs/vendors.md). Run after `npm run build`.
import { writeFileSync } from 'node:fs';
import { vendorsMarkdown } from '../dist/analyze/vendors/markdown.js';

writeFileSync(new URL('../docs/vendors.md', import.meta.url), vendorsMarkdown());
console.log('wrote docs/vendors.md');
