import { describe, expect, it } from 'vitest';
import { actionChainOutcome, hasGotoChain } from '../../src/analyze/actions.js';
import type { TcAction } from '../../src/model/snapshot.js';

const a = (kind: string, control: string | null, detail: string | null = null): TcAction => ({ order: 1, kind, control, detail });

describe('actionChainOutcome (tcf_action_exec)', () => {
  it.each([
    ['no actions = TC_ACT_OK ends the walk', [], 'ends'],
    ['gact pass ends', [a('gact', 'pass')], 'ends'],
    ['gact drop ends', [a('gact', 'drop')], 'ends'],
    ['gact continue continues', [a('gact', 'continue')], 'continues'],
    ['pipe then continue continues', [a('skbedit', 'pipe'), a('gact', 'continue')], 'continues'],
    ['a trailing pipe returns PIPE (3), which ends classification', [a('skbedit', 'pipe')], 'ends'],
    ['mirred redirect without a control word steals the packet', [a('mirred', null, 'Egress Redirect to device eth1')], 'ends'],
    ['goto chain jumps', [a('gact', 'goto chain 5')], 'jumps'],
    ['reclassify is not a plain verdict', [a('gact', 'reclassify')], 'unknown'],
  ] as const)('%s', (_n, actions, want) => expect(actionChainOutcome(actions as unknown as TcAction[])).toBe(want));

  it('detects goto chain anywhere in the chain', () => {
    expect(hasGotoChain([a('skbedit', 'pipe'), a('gact', 'goto chain 2')])).toBe(true);
    expect(hasGotoChain([a('gact', 'pass')])).toBe(false);
  });
});
