import { describe, expect, test } from 'vitest';
import { parseBundle } from '../../src/parse/bundle.js';
import { sampleBundle } from './fixtures.js';

describe('bundle', () => {
  test('a valid bundle passes through as a node', () => {
    const r = parseBundle(JSON.stringify(sampleBundle()), 'b.json');
    expect(r.errors).toEqual([]);
    expect(r.nodes[0]?.name).toBe('node-a');
    expect(r.programs).toHaveLength(1);
  });
  test('zod issues are reported with their JSON path', () => {
    const b = sampleBundle() as unknown as { snapshot: { netns: Array<{ devices: Array<{ name: unknown }> }> } };
    const dev = b.snapshot.netns[0]?.devices[0];
    if (dev) dev.name = 42;
    const r = parseBundle(JSON.stringify(b), 'b.json');
    expect(r.nodes).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^bundle snapshot\.netns\[0\]\.devices\[0\]\.name: /)]);
  });
  test('broken JSON gets a line', () => {
    expect(parseBundle('{"bundleVersion": 1,\n}', 'b').errors[0]?.line).toBe(2);
  });
});
