// A fleet group's findings are the ones each of its nodes gets analysed alone, findings about
// the whole node (destructive-vendor, nothing-audited, …) included: --fail-on over a fleet
// must not pass a node that fails on its own.
import { describe, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../src/agent/defaults.js';
import { analyzeInputs } from '../../src/cli/analyzeInputs.js';
import { analyzeFleet } from '../../src/fleet/index.js';
import { VARIANTS } from '../../scripts/gen-bundles.mjs';
import { writeBundles } from './helpers.js';

describe('fleet findings', () => {
  it('per group, the rules and severities of each node alone', async () => {
    const variants = [...VARIANTS, 'cilium-pref5'];
    const files = writeBundles(variants.map((variant, index) => ({ index, variant, devices: 3 })));
    const fleet = await analyzeFleet(files, { agent: defaultAgentSettings(), assume: {} });
    const pairs = (fs: Array<{ ruleId: string; severity: string }>) => [...new Set(fs.map((f) => `${f.ruleId}:${f.severity}`))].sort();
    let wholeNode = 0;
    for (const [i, file] of files.entries()) {
      const alone = await analyzeInputs([file], {});
      const node = fleet.nodes.find((n) => n.file === file)!;
      const group = fleet.groups[node.group]!;
      expect(pairs(group.findings), `${variants[i]}`).toEqual(pairs(alone.findings));
      wholeNode += group.findings.filter((f) => f.wholeNode).length;
    }
    expect(wholeNode).toBeGreaterThan(0); // the case this is about is in there
  });
});
