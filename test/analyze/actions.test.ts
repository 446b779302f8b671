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
    // act_bpf: the program's return decides (act_bpf.c tcf_bpf); default-action only for UNSPEC.
    ['act_bpf with default-action continue is the program\'s to decide', [a('bpf', 'continue')], 'unknown'],
    ['act_bpf after a pipe', [a('skbedit', 'pipe'), a('bpf', 'pipe')], 'unknown'],
    // police (act_police.c): exceed action, conform action for packets within the rate.
    ['police continue/pass: over the rate continues, within it ends', [a('police', 'continue/pass')], 'sometimes'],
    ['police drop/continue', [a('police', 'drop/continue')], 'sometimes'],
    ['police drop/pass: both end', [a('police', 'drop/pass')], 'ends'],
    ['police drop alone (older iproute2): the conform action is ok', [a('police', 'drop')], 'ends'],
    ['police continue alone: over the rate continues, within it ok ends', [a('police', 'continue')], 'sometimes'],
    ['police pipe/pipe then continue', [a('police', 'pipe/pipe'), a('gact', 'continue')], 'continues'],
    ['police reclassify/pass: one branch unknown', [a('police', 'reclassify/pass')], 'unknown'],
    ['police from tc -j, whose two actions cannot be told apart', [a('police', null)], 'unknown'],
    // gact random (act_gact.c): the random action for every val-th packet or at random.
    ['gact pass, random determ continue', [a('gact', 'pass', 'random determ continue')], 'sometimes'],
    ['gact continue, random netrand drop', [a('gact', 'continue', 'random netrand drop')], 'sometimes'],
    ['gact drop, random determ pass: both end', [a('gact', 'drop', 'random determ pass')], 'ends'],
    ['gact pass, random goto chain 1', [a('gact', 'pass', 'random determ goto chain 1')], 'unknown'],
  ] as const)('%s', (_n, actions, want) => expect(actionChainOutcome(actions as unknown as TcAction[])).toBe(want));

  it('detects goto chain anywhere in the chain', () => {
    expect(hasGotoChain([a('skbedit', 'pipe'), a('gact', 'goto chain 2')])).toBe(true);
    expect(hasGotoChain([a('gact', 'pass')])).toBe(false);
  });
});

describe('actionChainOutcome on long chains', () => {
  // Walked twice per two-way action, 32 of them (tc's limit) would be 2^32 walks: the test
  // would not end within vitest's timeout.
  it('32 two-way actions that pipe on both branches are one walk', () => {
    const chain = Array.from({ length: 32 }, (_, i): TcAction => ({ order: i + 1, kind: 'police', control: 'pipe/pipe', detail: null }));
    expect(actionChainOutcome([...chain, a('gact', 'continue')])).toBe('continues');
  });
});
