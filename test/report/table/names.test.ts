// The table's shortcut (hooks.ts groupHooks, chain.ts sameNames) must keep hooks of one shape
// apart when their names differ (the tc name is not part of a shape; it shows in the grid).
import { describe, expect, it } from 'vitest';
import { defaultAgentSettings } from '../../../src/agent/defaults.js';
import { auditByShape } from '../../../src/analyze/audit.js';
import type { ShapesFactory } from '../../../src/analyze/analyze.js';
import { KeyedShapes } from '../../helpers/keyedShapes.js';
import type { AuditOptions } from '../../../src/analyze/contracts.js';
import { formatTable } from '../../../src/report/table/index.js';
import { DEFAULT_FORMAT_OPTIONS } from '../../../src/report/types.js';
import { bpf, hook, node } from '../../helpers/snapshotBuilders.js';

let n = 0;
const apart: ShapesFactory = () => new KeyedShapes(() => String(n++));

describe('table groups of one shape with different names', () => {
  it('draws the same grids as the audit of every hook apart', () => {
    // Same shape (unknown vendor, tc name not in the key), different names in the name column.
    const devs = ['lxc1', 'lxc2', 'lxc3', 'lxc4'].map((name, i) => ({
      name, hooks: [hook('ingress', [bpf(1, i % 2 ? 'a.o:[tc]' : 'b.o:[tc]', { program: null })]), hook('egress', [])],
    }));
    const options: AuditOptions = { agent: defaultAgentSettings(), mode: 'offline', assume: {}, errors: [], notes: [], inputs: [] };
    const shaped = auditByShape([node(devs)], options);
    const alone = auditByShape([node(devs)], options, apart);
    expect(shaped.representatives?.get(shaped.analysis.nodes[0]!.hooks[2]!)).toBe(shaped.analysis.nodes[0]!.hooks[0]); // one shape
    for (const verbose of [false, true]) {
      const a = formatTable(shaped, { ...DEFAULT_FORMAT_OPTIONS, verbose });
      expect(a).toBe(formatTable(alone, { ...DEFAULT_FORMAT_OPTIONS, verbose }));
      expect(a).toContain('a.o:[tc]');
      expect(a).toContain('b.o:[tc]');
    }
  });
});
