import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { vendorsMarkdown } from '../../../src/analyze/vendors/markdown.js';
import { VENDOR_IDS } from '../../../src/analyze/vendors/index.js';

describe('docs/vendors.md', () => {
  it('is generated from the knowledge base (run npm run docs)', () => {
    expect(readFileSync('docs/vendors.md', 'utf8')).toBe(vendorsMarkdown());
  });
  it('documents every vendor id', () => {
    const md = vendorsMarkdown();
    for (const id of VENDOR_IDS) expect(md).toContain(`(\`${id}\`)`);
  });
});
